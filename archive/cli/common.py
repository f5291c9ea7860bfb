"""What the commands of ``archive`` share: the archive folder, the gazetteer, the report date,
and how problems and counts are printed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import click

from archive.format.layout import GAZETTEER_DIR
from archive.read.loader import ArchiveNotFound, find_root
from archive.read.problems import Problem, ProblemLog, printable, printable_path

if TYPE_CHECKING:
    from archive.read.gazetteer import Gazetteer

DEFAULT_CONTENT = "content"


class _Day(click.ParamType):
    """A calendar day as YYYY-MM-DD, not in the future: a report's date."""

    name = "YYYY-MM-DD"

    def convert(self, value: object, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self.fail(f"'{text}' is not a date: write YYYY-MM-DD, e.g. 2024-03-12", param, ctx)
        if day > date.today():
            self.fail(f"{day.isoformat()} is in the future: a report cannot be dated after today", param, ctx)
        return day


DAY = _Day()


def _archive_root(content: str) -> Path:
    try:
        return find_root(Path(content))
    except ArchiveNotFound as exc:
        raise click.UsageError(f"{exc} (pass --content PATH to name the archive folder)") from None


def _load_gazetteer(root: Path) -> Gazetteer:
    from archive.read.gazetteer import find_gazetteer_files, load_gazetteer

    log = ProblemLog()
    gazetteer = load_gazetteer(find_gazetteer_files(root / GAZETTEER_DIR), log)
    if log.errors:
        click.echo(
            click.style(f"warning: the gazetteer has {len(log.errors)} errors; run 'archive check' to see them", fg="yellow"),
            err=True,
        )
    return gazetteer


def _echo_problem(problem: Problem) -> None:
    """:meth:`Problem.text` in colour: the same escaped texts (no file name or value can forge a line)."""
    colour = "red" if problem.is_error else "yellow"
    where = click.style(f"{printable_path(problem.path)}:{problem.line}:{problem.column}:", bold=True)
    severity = click.style(f"{problem.severity.value}:", fg=colour, bold=True)
    message = printable(problem.message)
    what = f"{printable(problem.field)}: {message}" if problem.field else message
    hint = click.style(f" ({printable(problem.hint)})", fg="cyan") if problem.hint else ""
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
