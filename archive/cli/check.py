"""``archive check``: validate the archive, or the articles changed since a git ref, and report
every problem at once."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Optional

import click

from archive.cli.common import _echo_problem, _summary, default_archive
from archive.format.layout import ARTICLES_DIR, GAZETTEER_DIR
from archive.read.loader import ArchiveNotFound, find_root, load_archive, shown_path
from archive.read.problems import ProblemLog, format_github, format_json


def _targets(paths: tuple[str, ...]) -> dict[Path, Optional[list[Path]]]:
    """Group the PATH arguments by archive root; ``None`` means the whole archive."""
    grouped: dict[Path, Optional[list[Path]]] = {}
    files: dict[Path, list[Path]] = defaultdict(list)
    for raw in paths or (default_archive(),):
        path = Path(raw)
        if not path.exists():
            raise click.UsageError(f"{raw}: no such file or folder")
        try:
            root = find_root(path if path.is_dir() else path.parent)
        except ArchiveNotFound as exc:
            raise click.UsageError(str(exc)) from None
        # The folders on the way are resolved; the last part never is (it may be a link, which
        # is reported by the gate and not followed).
        resolved = path.parent.resolve() / path.name
        if path.is_dir() and not path.is_symlink():
            resolved = path.resolve()
        if resolved == root or (path.is_dir() and resolved == (root / ARTICLES_DIR)):
            grouped[root] = None
        elif path.is_dir() and not path.is_symlink():
            files[root].extend(sorted(resolved.rglob("*.md")))
        else:
            files[root].append(resolved)
    for root, chosen in files.items():
        if root not in grouped:
            grouped[root] = chosen
    return grouped


def run_check(
    paths: tuple[str, ...], narrow: Optional[Callable[[Path, Optional[list[Path]]], Optional[list[Path]]]] = None
) -> tuple[ProblemLog, int]:
    """Validate every target; returns the problems and the number of article files checked.

    ``narrow(root, only)`` may choose fewer article files of an archive (``None``: all of them).
    """
    log = ProblemLog()
    checked = 0
    for root, only in _targets(paths).items():
        if narrow is not None:
            only = narrow(root, only)
        archive = load_archive(root, only=only, keep_articles=False)
        log.extend(archive.log.problems)
        checked += archive.files_checked
    return log, checked


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for pull-request annotations.",
)
@click.option(
    "--changed-since",
    "changed_since",
    metavar="REF",
    help="Check only the articles changed since git REF (all of them if the gazetteer changed).",
)
def check(paths: tuple[str, ...], strict: bool, output_format: str, changed_since: Optional[str]) -> None:
    """Validate the archive and report every problem at once.

    The archive is the one mkdocs.yml (in this folder) builds the site from, else content/.

    PATHS may be the archive folder, folders inside it, or single article files; the gazetteer
    is always loaded so references are checked.
    """
    log, checked = run_check(paths) if changed_since is None else run_changed_check(paths, changed_since)
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


def run_changed_check(paths: tuple[str, ...], ref: str) -> tuple[ProblemLog, int]:
    """Like :func:`run_check`, for the article files changed since git ``ref`` only.

    The gazetteer is always loaded and validated whole, so a changed article's references are
    checked against it; if the gazetteer itself changed, every article is checked, since any
    of them may refer to what changed. A note on stderr says what was chosen.
    """
    from archive.contrib.git import GitError, changed_files

    try:
        changed = changed_files(ref, Path.cwd())
    except GitError as exc:
        raise click.UsageError(str(exc)) from None

    def changed_articles(root: Path, only: Optional[list[Path]]) -> Optional[list[Path]]:
        gazetteer_dir = root / GAZETTEER_DIR
        articles_dir = root / ARTICLES_DIR
        if any(gazetteer_dir in f.parents for f in changed):
            click.echo(f"the gazetteer changed since {ref}: checking every article of {shown_path(root)}", err=True)
            return only
        in_scope = set(only) if only is not None else None
        selected = [f for f in changed if f.suffix == ".md" and articles_dir in f.parents and (in_scope is None or f in in_scope)]
        noun = "article" if len(selected) == 1 else "articles"
        click.echo(f"{len(selected)} {noun} of {shown_path(root)} changed since {ref}", err=True)
        return selected

    return run_check(paths, changed_articles)
