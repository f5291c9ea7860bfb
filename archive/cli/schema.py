"""``archive schema``: the JSON Schema of an article's front matter (or of a gazetteer file), for editors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import click

from archive.cli.common import ARCHIVE_HELP, default_archive
from archive.format.layout import GAZETTEER_DIR
from archive.read.problems import ProblemLog


@click.command("schema")
@click.option("--content", "--archive", "content", type=click.Path(file_okay=False), default=None, help=ARCHIVE_HELP)
@click.option("--no-ids", is_flag=True, help="Leave gazetteer ids out of the schema.")
@click.option(
    "--gazetteer",
    "of_gazetteer",
    is_flag=True,
    help="The schema of a gazetteer file instead (the archive's sides and name languages).",
)
def schema(content: Optional[str], no_ids: bool, of_gazetteer: bool) -> None:
    """Print a JSON Schema of the article front matter (or, with --gazetteer, of a gazetteer file).

    The archive's gazetteer gives the ids listed (for completion in editors) and the examples'
    ids; its vocabulary (gazetteer/vocabulary.yml) gives the sides and name languages.
    """
    from archive.outputs.schema import front_matter_schema, gazetteer_schema
    from archive.read.gazetteer import find_gazetteer_files, load_gazetteer
    from archive.read.vocabulary import archive_vocabulary

    folder = Path(content if content is not None else default_archive())
    gazetteer = None
    if folder.is_dir():
        vocabulary = archive_vocabulary(folder)
        gazetteer = load_gazetteer(find_gazetteer_files(folder / GAZETTEER_DIR), ProblemLog(), vocabulary=vocabulary)
    if of_gazetteer:
        from archive.format.vocabulary import DEFAULT_VOCABULARY

        document = gazetteer_schema(gazetteer.vocabulary if gazetteer else DEFAULT_VOCABULARY, None if no_ids else gazetteer)
    else:
        document = front_matter_schema(None if no_ids else gazetteer, examples=gazetteer)
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False))
