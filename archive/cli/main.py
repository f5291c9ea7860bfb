"""The ``archive`` command: check the archive, print its schema (and more, as subcommands).

Output is coloured in a terminal and plain in a pipe (click does that). Exit status: 0 when
all is well, 1 when the archive has errors (or warnings with ``--strict``), 2 for a usage error.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import click

from archive.format import spec
from archive.format.rules import text_problem
from archive.read.gate import ARTICLES_DIR, GAZETTEER_DIR
from archive.read.loader import ArchiveNotFound, article_files, find_root, load_archive, shown_path
from archive.read.problems import Problem, ProblemLog, format_github, format_json, printable, printable_path

if TYPE_CHECKING:
    from archive.contrib.importer import ImportResult, Written
    from archive.read.gazetteer import Gazetteer

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


@main.command()
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
    """Validate the archive (default: content/) and report every problem at once.

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


@main.command()
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
        gazetteer = load_gazetteer(find_gazetteer_files(Path(content) / "gazetteer"), ProblemLog())
    click.echo(json.dumps(front_matter_schema(gazetteer), ensure_ascii=False, indent=2, sort_keys=False))


# --------------------------------------------------------------------------------------------
# Contributing: checking a branch's changes, scaffolding and importing articles (issue 5)


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


def _interactive() -> bool:
    """Prompts only where a person can answer them: stdin is a terminal."""
    return sys.stdin.isatty()


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


def _resolve_ids(
    values: tuple[str, ...] | list[str], kinds: tuple[str, ...], gazetteer: Gazetteer, option: str
) -> tuple[list[str], list[str]]:
    """Ids for what a contributor typed (an id, a name or alias, or a loose name such as
    "Belgorod region" that detection recognises); and what was not found."""
    from archive.names.detect import DetectionIndex, detect
    from archive.names.suggest import did_you_mean

    ids: list[str] = []
    problems: list[str] = []
    index: Optional[DetectionIndex] = None
    for raw in values:
        for text in (part.strip() for part in raw.split(",")):
            if not text:
                continue
            if gazetteer.kind_of(text) in kinds:
                found = [text]
            else:
                found = [i for i in gazetteer.lookup(text) if gazetteer.kind_of(i) in kinds]
            if not found:
                index = index or DetectionIndex.build(gazetteer)
                detection = detect(text, index)
                every = detection.regions + detection.places + detection.actors + detection.also_mentioned
                direct = [f.id for f in every if f.mentions and f.kind in kinds]
                found = direct if len(direct) == 1 else []
            if found:
                ids += [i for i in found if i not in ids]
                continue
            hint = did_you_mean(gazetteer.suggest(text, kinds)) or f"no {' or '.join(kinds)} of the gazetteer has this id or name"
            problems.append(f"{option} '{text}': {hint}")
    return ids, problems


def _text_problem(name: str, value: str, kind: spec.Text) -> Optional[str]:
    """What is wrong with the text given for --``name``, by the format's rule for its field."""
    problem = text_problem(kind, value.strip(), value)
    if problem is None:
        return None
    message, hint = problem
    return f"--{name} {message}" + (f" ({hint})" if hint else "")


@main.command("new")
@click.option("--title", help="The archive's neutral title (it also makes the file name).")
@click.option("--date", "day", type=DAY, help="Publication date of the report, YYYY-MM-DD.")
@click.option("--url", help="Link to the report as published (http or https).")
@click.option("--publisher", help="Who published the report, e.g. 'BBC News'.")
@click.option("--archived", help="Link to an archived copy of the report (Wayback Machine, archive.today).")
@click.option("--language", help="Language of the report (BCP 47: en, uk, ru...).")
@click.option("--region", "regions", multiple=True, help="A region id or name (repeat, or separate with commas).")
@click.option("--place", "places", multiple=True, help="A place id or name (repeatable).")
@click.option("--actor", "actors", multiple=True, help="An actor id or name (repeatable).")
@click.option("--tag", "tags", multiple=True, help="A tag id or name (repeatable).")
@click.option("--draft", is_flag=True, help="Mark the article as a draft: checked leniently, left out of the site.")
@click.option(
    "--content", default=DEFAULT_CONTENT, show_default=True, type=click.Path(file_okay=False), help="The archive folder."
)
def new(
    title: Optional[str],
    day: Optional[date],
    url: Optional[str],
    publisher: Optional[str],
    archived: Optional[str],
    language: Optional[str],
    regions: tuple[str, ...],
    places: tuple[str, ...],
    actors: tuple[str, ...],
    tags: tuple[str, ...],
    draft: bool,
    content: str,
) -> None:
    """Write a new article with every field laid out and commented.

    Give --title, --date, --url and --publisher (in a terminal, what is missing is asked for).
    The file is content/articles/YYYY/<date>-<title-words>.md; an existing file is never
    replaced. `archive check` on the new file then lists what is left to fill in.
    """
    from archive.contrib import scaffold
    from archive.format.rules import url_problem
    from archive.names.detect import DetectionIndex, detect

    root = _archive_root(content)
    gazetteer = _load_gazetteer(root)
    interactive = _interactive()
    missing = [name for name, value in (("title", title), ("date", day), ("url", url), ("publisher", publisher)) if value is None]
    if missing and not interactive:
        raise click.UsageError(
            "missing "
            + ", ".join(f"--{m}" for m in missing)
            + ": give them as options, or run 'archive new' in a terminal to be asked"
        )
    if title is None:
        title = click.prompt("Title (the archive's neutral title)", value_proc=_prompt_text("title", spec.TITLE))
    if day is None:
        day = click.prompt("Date of the report (YYYY-MM-DD)", type=DAY)
    if url is None:
        url = click.prompt("Link to the report (http or https)", value_proc=_prompt_url)
    if publisher is None:
        publisher = click.prompt("Publisher (e.g. BBC News)", value_proc=_prompt_text("publisher", spec.PUBLISHER))
    problems = [
        p for p in (_text_problem("title", title, spec.TITLE), _text_problem("publisher", publisher, spec.PUBLISHER)) if p
    ]
    if url_problem(url.strip()):
        problems.append(f"--url: {url_problem(url.strip())}")
    if archived is not None and url_problem(archived.strip()):
        problems.append(f"--archived: {url_problem(archived.strip())}")
    if language is not None and text_problem(spec.LANGUAGE, language):
        problems.append(f"--language '{language}' is not a language code: use en, uk, ru...")
    chosen: dict[str, list[str]] = {}
    values: tuple[str, ...] | list[str]
    for section, values, kinds in (
        ("regions", regions, spec.REGION_KINDS),
        ("places", places, ("place",)),
        ("actors", actors, ("actor",)),
        ("tags", tags, ("tag",)),
    ):
        if interactive and not values and section in ("regions", "actors"):
            values = _prompt_ids(section, kinds, gazetteer)
        chosen[section], unknown = _resolve_ids(values, kinds, gazetteer, f"--{section[:-1]}")
        problems += unknown
    if problems:
        raise click.UsageError("; ".join(problems))
    article = scaffold.NewArticle(
        title=" ".join(title.split()),
        date=day,
        url=url.strip(),
        publisher=" ".join(publisher.split()),
        archived=archived.strip() if archived else None,
        language=language,
        draft=draft,
        regions=chosen["regions"],
        places=chosen["places"],
        actors=chosen["actors"],
        tags=chosen["tags"],
    )
    detection = detect(article.title, DetectionIndex.build(gazetteer))
    for section in ("regions", "places", "actors"):
        if not chosen[section]:
            article.suggestions[section] = [(f.id, f.name) for f in getattr(detection, section)]
    new_id = scaffold.article_id(day, article.title)
    path = scaffold.article_path(root, new_id)
    shown = shown_path(path)
    text = scaffold.article_template(article, modeline_text=scaffold.modeline(path, root), shown_path=shown)
    try:
        scaffold.write_new_file(root, path, text.encode("utf-8"))
    except scaffold.UnsafeDestination as exc:
        outcome = "it was left as it is" if exc.path == path else f"{shown} was not written"
        raise click.ClickException(f"{shown_path(exc.path)} {exc.problem}; {outcome} ({exc.hint})") from None
    except FileExistsError:
        raise click.ClickException(f"{shown} already exists: edit it, or choose another title for a new article") from None
    except UnicodeEncodeError as exc:
        raise click.ClickException(f"the article holds invalid Unicode ({exc.reason}): check the options given") from None
    except OSError as exc:
        raise click.ClickException(f"{shown} could not be written: {exc.strerror or exc}") from None
    click.echo(click.style(f"wrote {shown}", fg="green", bold=True))
    log, _ = run_check((str(path),))
    todo = log.sorted()
    if todo:
        click.echo("Still to do (this is what 'archive check' reports for it):")
        for problem in todo:
            _echo_problem(problem)
    else:
        click.echo("It passes 'archive check'.")
    if not any("no text after the front matter" in p.message for p in todo):
        click.echo("Then write the archive's own summary of the report below the closing '---'.")


def _prompt_text(name: str, kind: spec.Text):
    def check_text(value: str) -> str:
        problem = _text_problem(name, value, kind)
        if problem:
            raise click.BadParameter(problem.replace(f"--{name}", "it"))
        return " ".join(value.split())

    return check_text


def _prompt_url(value: str) -> str:
    from archive.format.rules import url_problem

    problem = url_problem(value.strip())
    if problem:
        raise click.BadParameter(problem)
    return value.strip()


def _prompt_ids(section: str, kinds: tuple[str, ...], gazetteer: Gazetteer) -> list[str]:
    """Ask for ids or names until every one is known (Enter leaves the field for later)."""
    while True:
        answer = click.prompt(
            f"{section.capitalize()} (ids or names, separated by commas; Enter to fill in later)", default="", show_default=False
        )
        ids, problems = _resolve_ids((answer,), kinds, gazetteer, section)
        if not problems:
            if ids:
                click.echo("  → " + ", ".join(f"{i} ({gazetteer.name(i)})" for i in ids))
            return ids
        for problem in problems:
            click.echo(click.style(f"  {problem}", fg="yellow"))


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--content", default=DEFAULT_CONTENT, show_default=True, type=click.Path(file_okay=False), help="The archive to import into."
)
@click.option("--date", "default_date", type=DAY, help="Date of .txt/.md reports that give none (default: today).")
@click.option("--language", help="Language of .txt/.md reports (default: guessed from the text).")
@click.option(
    "--overwrite", is_flag=True, help="Replace drafts (draft: true) that already exist; a reviewed article is never replaced."
)
def import_command(
    paths: tuple[Path, ...], content: str, default_date: Optional[date], language: Optional[str], overwrite: bool
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


__all__ = ["main", "run_check", "run_changed_check", "article_files"]
