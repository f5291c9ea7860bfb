"""``archive schema``: the JSON Schema of an article's front matter, for editors."""

from __future__ import annotations

import json
from pathlib import Path

import click

from archive.cli.common import DEFAULT_CONTENT
from archive.format.layout import GAZETTEER_DIR
from archive.read.problems import ProblemLog


@click.command("schema")
@click.option(
    "--content",
    "content",
    type=click.Path(file_okay=False),
    default=DEFAULT_CONTENT,
    show_default=True,
    help="Archive whose gazetteer ids are listed in the schema (for completion in editors).",
)
@click.option("--no-ids", is_flag=True, help="Leave gazetteer ids out of the schema.")
def schema(content: str, no_ids: bool) -> None:
    """Print a JSON Schema of the article front matter."""
    from archive.outputs.schema import front_matter_schema
    from archive.read.gazetteer import find_gazetteer_files, load_gazetteer

    gazetteer = None
    if not no_ids and Path(content).is_dir():
        gazetteer = load_gazetteer(find_gazetteer_files(Path(content) / GAZETTEER_DIR), ProblemLog())
    click.echo(json.dumps(front_matter_schema(gazetteer), ensure_ascii=False, indent=2, sort_keys=False))
