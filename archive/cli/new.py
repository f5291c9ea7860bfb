"""``archive new``: scaffold an article, every field laid out and commented, and check it."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Optional

import click

from archive.cli.check import run_check
from archive.cli.common import ARCHIVE_HELP, DAY, _archive_root, _echo_problem, _load_gazetteer
from archive.format import spec
from archive.format.layout import GAZETTEER_DIR
from archive.format.rules import text_problem
from archive.read.loader import shown_path

if TYPE_CHECKING:
    from archive.read.gazetteer import Gazetteer


def _interactive() -> bool:
    """Prompts only where a person can answer them: stdin is a terminal."""
    return sys.stdin.isatty()


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


@click.command("new")
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
@click.option("--content", "--archive", "content", default=None, type=click.Path(file_okay=False), help=ARCHIVE_HELP)
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
    content: Optional[str],
) -> None:
    """Write a new article with every field laid out and commented.

    Give --title, --date, --url and --publisher (in a terminal, what is missing is asked for).
    The file is articles/YYYY/<date>-<title-words>.md in the archive; an existing file is never
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
    for section, values in (("regions", regions), ("places", places), ("actors", actors), ("tags", tags)):
        kinds = spec.listed_kinds(spec.ARTICLE.field_named(section))
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
    text = scaffold.article_template(
        article,
        modeline_text=scaffold.modeline(path, root),
        shown_path=shown,
        gazetteer=gazetteer,
        gazetteer_path=shown_path(root / GAZETTEER_DIR) + "/",
    )
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
