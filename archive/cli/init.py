"""``archive init DIR``: a new archive for any conflict, ready to check, build and deploy."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click

from archive.cli.common import DEFAULT_CONTENT, _echo_problem


def _interactive() -> bool:
    """Prompts only where a person can answer them: stdin is a terminal."""
    return sys.stdin.isatty()


@click.command("init")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="The archive's name, the site's title (e.g. 'Sudan Conflict Archive').")
@click.option("--conflict", help="What the archive is about, for its home page (e.g. 'the war in Sudan since April 2023').")
@click.option(
    "--sides",
    multiple=True,
    help="The belligerents as id:name, separated by commas (e.g. saf:Sudanese Armed Forces,rsf:Rapid Support Forces);"
    " a side 'none' (neither) is added.",
)
@click.option("--languages", multiple=True, help="The languages entities are named in, e.g. en,ar (English is always one).")
@click.option("--country", help="The country the conflict is fought in (the starter gazetteer's country).")
@click.option("--docs-dir", default=DEFAULT_CONTENT, show_default=True, help="The archive folder, which is MkDocs' docs_dir.")
def init(
    directory: Path,
    name: Optional[str],
    conflict: Optional[str],
    sides: tuple[str, ...],
    languages: tuple[str, ...],
    country: Optional[str],
    docs_dir: str,
) -> None:
    """Start a new archive in DIRECTORY: mkdocs.yml, the archive folder (vocabulary, starter
    gazetteer, editorial pages, an example article), the pull-request and deploy workflows and
    the pre-commit hook.

    Give --name and --sides (in a terminal, what is missing is asked for). The result passes
    `archive check --strict` and `mkdocs build --strict` as it is.
    """
    from archive import __version__
    from archive.contrib.init import InitError, StarterOptions, parse_languages, parse_sides, write_starter
    from archive.read.loader import load_archive, shown_path

    interactive = _interactive()
    if not sides and not interactive:
        raise click.UsageError("missing --sides: give the belligerents as id:name,id:name (or run 'archive init' in a terminal)")
    try:
        if not sides:
            sides = (
                click.prompt(
                    "The sides, as id:name separated by commas (e.g. saf:Sudanese Armed Forces,rsf:Rapid Support Forces)"
                ),
            )
        parsed_sides = parse_sides(sides)
        if not languages and interactive:
            languages = (click.prompt("Languages entities are named in (e.g. en,ar)", default="en"),)
        parsed_languages = parse_languages(languages)
    except InitError as exc:
        raise click.UsageError(str(exc)) from None
    if name is None:
        name = click.prompt("The archive's name", default="Conflict Archive") if interactive else "Conflict Archive"
    if country is None:
        country = click.prompt("The country it is fought in", default="Example Country") if interactive else "Example Country"
    options = StarterOptions(
        name=" ".join(name.split()) or "Conflict Archive",
        sides=parsed_sides,
        languages=parsed_languages,
        conflict=" ".join((conflict or "").split()),
        country=" ".join(country.split()) or "Example Country",
        docs_dir=docs_dir,
        version=__version__,
    )
    try:
        written = write_starter(directory, options)
    except InitError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"{directory} could not be written: {exc.strerror or exc}") from None
    click.echo(click.style(f"wrote {len(written)} files into {shown_path(directory)}", fg="green", bold=True))
    archive = load_archive(directory / options.docs_dir.strip("/"))
    for problem in archive.log.sorted():
        _echo_problem(problem)
    click.echo(
        f"next: cd {shown_path(directory)}; pip install -r requirements.txt; archive check --strict; mkdocs serve\n"
        f"      then replace the example entries of {options.docs_dir}/gazetteer/ and the example article with the conflict's own"
    )
