"""``archive import``: turn existing reports into draft articles, and say what was detected."""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import click

from archive.cli.common import ARCHIVE_HELP, DAY, _archive_root, _load_gazetteer
from archive.format import spec
from archive.format.layout import ARTICLES_DIR
from archive.format.rules import text_problem
from archive.read.loader import shown_path

if TYPE_CHECKING:
    from archive.contrib.importer import ImportResult, Written
    from archive.read.gazetteer import Gazetteer


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--content", "--archive", "content", default=None, type=click.Path(file_okay=False), help=ARCHIVE_HELP)
@click.option("--date", "default_date", type=DAY, help="Date of .txt/.md reports that give none (default: today).")
@click.option("--language", help="Language of .txt/.md reports (default: guessed from the text).")
@click.option(
    "--overwrite", is_flag=True, help="Replace drafts (draft: true) that already exist; a reviewed article is never replaced."
)
def import_command(
    paths: tuple[Path, ...], content: Optional[str], default_date: Optional[date], language: Optional[str], overwrite: bool
) -> None:
    """Turn existing reports into draft articles, with their regions, places and actors detected.

    PATHS are .txt or .md files (one report each), .jsonl files (one JSON object per line with
    title, date, body, url, publisher, language) or folders of them. Exit status: 0 when every
    report was imported, 1 when some could not be (the others still are), 2 for a usage error.
    """
    from archive.contrib.importer import ImportOptions, import_reports, input_files

    root = _archive_root(content)
    if language is not None and text_problem(spec.LANGUAGE, language):
        raise click.UsageError(f"--language '{language}' is not a language code: use en, uk, ru...")
    gazetteer = _load_gazetteer(root)
    files = input_files(list(paths))
    if not files:
        raise click.UsageError("no reports to import: the folders hold no .txt, .md or .jsonl files")
    options = ImportOptions(today=date.today(), default_date=default_date, language=language, overwrite=overwrite)
    total = sum(f.stat().st_size for f in files)
    if sys.stderr.isatty() and total > 256 * 1024:
        with click.progressbar(length=total, label="importing", file=sys.stderr, show_eta=True) as bar:
            result = import_reports(files, root, gazetteer, options, progress=bar.update)
    else:
        result = import_reports(files, root, gazetteer, options)
    _report_import(result, files, root, gazetteer)
    sys.exit(1 if result.failures else 0)


#: At most this many failures are listed per input file; the rest are counted.
_FAILURES_SHOWN = 100


def _report_import(result: ImportResult, files: list[Path], root: Path, gazetteer: Gazetteer) -> None:
    """What was imported, what was detected, and every report that could not be imported."""
    from archive.contrib.scaffold import article_id

    written = len(result.written)
    total = written + len(result.failures) + len(result.duplicates)
    if len(result.written) <= 10:
        for item in result.written:
            _echo_draft(item, gazetteer)
    click.echo(
        click.style(
            f"imported {written:,} of {_count(total, 'report')} as {'a draft' if written == 1 else 'drafts'} "
            f"into {shown_path(root / ARTICLES_DIR)}",
            fg="green" if not result.failures else "yellow",
            bold=True,
        )
    )
    overwritten = sum(1 for w in result.written if w.overwritten)
    if overwritten:
        click.echo(f"  {_count(overwritten, 'existing draft')} replaced (--overwrite)")
    if result.duplicates:
        click.echo(
            f"  {_count(len(result.duplicates), 'report')} repeated an earlier one of this import "
            "(same link, or same text, with the same date and title) and "
            f"{'was' if len(result.duplicates) == 1 else 'were'} skipped:"
        )
        for duplicate in result.duplicates:
            click.echo(f"    {duplicate.report.origin}: the same report as {duplicate.first} ({duplicate.article_id})")
    same_title: dict[str, list[Written]] = defaultdict(list)
    for item in result.written:
        same_title[article_id(item.report.date, item.report.title)].append(item)
    shared = [group for group in same_title.values() if len(group) > 1]
    if shared:
        click.echo(
            f"  {_count(sum(len(g) for g in shared), 'draft')} share a date and title with another; "
            "the end of their ids tells them apart (it comes from each report's link or text):"
        )
        for group in shared:
            for item in group:
                click.echo(f"    {item.article_id}  ({item.report.origin})")
    if len(result.written) > 10:
        click.echo("detected (drafts mentioning each, most first):")
        for section in ("regions", "places", "actors"):
            counts = result.mentions(section)
            top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:12]
            shown = ", ".join(f"{i} {gazetteer.name(i)} ({n:,})" for i, n in top) or "none"
            click.echo(f"  {section}: {shown}")
        nothing = sum(1 for w in result.written if w.detection.empty)
        if nothing:
            click.echo(f"  nothing detected in {_count(nothing, 'draft')}: their regions and actors must be filled in by hand")
    if result.failures:
        click.echo(click.style(f"could not import {_count(len(result.failures), 'report')}:", fg="red", bold=True), err=True)
        shown_per_file: dict[str, int] = defaultdict(int)
        hidden: dict[str, int] = defaultdict(int)
        for failure in result.failures:
            if shown_per_file[failure.source] < _FAILURES_SHOWN:
                shown_per_file[failure.source] += 1
                click.echo(f"  {failure}", err=True)
            else:
                hidden[failure.source] += 1
        for source, count in hidden.items():
            click.echo(f"  ... and {count:,} more in {source}", err=True)
    if written:
        click.echo(f"next: review the drafts; 'archive check {shown_path(root / ARTICLES_DIR)}' lists what each still needs")


def _count(number: int, noun: str) -> str:
    """``1 report``, ``3,000 reports``."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _echo_draft(item: Written, gazetteer: Gazetteer) -> None:
    click.echo(click.style(shown_path(item.path), bold=True) + f"  (from {item.report.origin})")
    for name, note in item.report.notes.items():
        click.echo(f"  {name}: {note}")
    for section in ("regions", "places", "actors"):
        found = getattr(item.detection, section)
        listed = ", ".join(f"{f.id} ({f.total})" for f in found) or "none detected"
        click.echo(f"  {section}: {listed}")
