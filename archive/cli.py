"""The ``archive`` command: check the archive, print its schema (and more, as subcommands).

Output is coloured in a terminal and plain in a pipe (click does that). Exit status: 0 when
all is well, 1 when the archive has errors (or warnings with ``--strict``), 2 for a usage error.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Optional

import click

from .loader import ARTICLES_DIR, ArchiveNotFound, article_files, find_root, load_archive
from .problems import Problem, ProblemLog, format_github, format_json

DEFAULT_CONTENT = "content"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="conflict-archive")
def main() -> None:
    """Keep an archive of conflict reports: check it, scaffold and import articles."""


def _targets(paths: tuple[str, ...]) -> dict[Path, Optional[list[Path]]]:
    """Group the PATH arguments by archive root; ``None`` means the whole archive."""
    grouped: dict[Path, Optional[list[Path]]] = {}
    files: dict[Path, list[Path]] = defaultdict(list)
    for raw in paths or (DEFAULT_CONTENT,):
        path = Path(raw)
        if not path.exists():
            raise click.UsageError(f"{raw}: no such file or folder")
        try:
            root = find_root(path if path.is_dir() else path.parent)
        except ArchiveNotFound as exc:
            raise click.UsageError(str(exc)) from None
        resolved = path.resolve()
        if resolved == root or (path.is_dir() and resolved == (root / ARTICLES_DIR)):
            grouped[root] = None
        elif path.is_dir():
            files[root].extend(sorted(resolved.rglob("*.md")))
        else:
            files[root].append(resolved)
    for root, chosen in files.items():
        if root not in grouped:
            grouped[root] = chosen
    return grouped


def run_check(paths: tuple[str, ...]) -> tuple[ProblemLog, int]:
    """Validate every target; returns the problems and the number of article files checked."""
    log = ProblemLog()
    checked = 0
    for root, only in _targets(paths).items():
        archive = load_archive(root, only=only, keep_articles=False)
        log.extend(archive.log.problems)
        checked += archive.files_checked
    return log, checked


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "github"]), default="text",
    show_default=True, help="text for people, json for tools, github for pull-request annotations.",
)
def check(paths: tuple[str, ...], strict: bool, output_format: str) -> None:
    """Validate the archive (default: content/) and report every problem at once.

    PATHS may be the archive folder, folders inside it, or single article files; the gazetteer
    is always loaded so references are checked.
    """
    log, checked = run_check(paths)
    problems = log.sorted()
    errors = sum(1 for p in problems if p.is_error)
    warnings = len(problems) - errors
    if output_format == "json":
        click.echo(format_json(problems))
    elif output_format == "github":
        if problems:
            click.echo(format_github(problems))
        _summary(checked, errors, warnings, err=True)
    else:
        for problem in problems:
            _echo_problem(problem)
        _summary(checked, errors, warnings)
    failed = errors > 0 or (strict and warnings > 0)
    sys.exit(1 if failed else 0)


def _echo_problem(problem: Problem) -> None:
    colour = "red" if problem.is_error else "yellow"
    where = click.style(f"{problem.path}:{problem.line}:{problem.column}:", bold=True)
    severity = click.style(f"{problem.severity.value}:", fg=colour, bold=True)
    what = f"{problem.field}: {problem.message}" if problem.field else problem.message
    hint = click.style(f" ({problem.hint})", fg="cyan") if problem.hint else ""
    click.echo(f"{where} {severity} {what}{hint}")


def _summary(checked: int, errors: int, warnings: int, *, err: bool = False) -> None:
    noun = "article" if checked == 1 else "articles"
    if errors or warnings:
        parts = []
        if errors:
            parts.append(click.style(f"{errors} error{'s' if errors != 1 else ''}", fg="red", bold=True))
        if warnings:
            parts.append(click.style(f"{warnings} warning{'s' if warnings != 1 else ''}", fg="yellow", bold=True))
        click.echo(f"checked {checked} {noun}: " + ", ".join(parts), err=err)
    else:
        click.echo(click.style(f"checked {checked} {noun}: no problems", fg="green"), err=err)


@main.command()
@click.option("--content", "content", type=click.Path(file_okay=False), default=DEFAULT_CONTENT, show_default=True,
              help="Archive whose gazetteer ids are listed in the schema (for completion in editors).")
@click.option("--no-ids", is_flag=True, help="Leave gazetteer ids out of the schema.")
def schema(content: str, no_ids: bool) -> None:
    """Print a JSON Schema of the article front matter."""
    from .gazetteer import find_gazetteer_files, load_gazetteer
    from .schema import front_matter_schema

    gazetteer = None
    if not no_ids and Path(content).is_dir():
        gazetteer = load_gazetteer(find_gazetteer_files(Path(content) / "gazetteer"), ProblemLog())
    click.echo(json.dumps(front_matter_schema(gazetteer), ensure_ascii=False, indent=2, sort_keys=False))


__all__ = ["main", "run_check", "article_files"]
