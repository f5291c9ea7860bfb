"""Reading one article file into an :class:`~archive.format.model.Article`, with every rule of the model.

The field-by-field rules live in ``archive.format.spec`` and are applied by the generic reader; this
module adds what concerns the article as a whole: its id and file name, the links between its
claims and events, and the consistency warnings that help a contributor (a claimant who is not
among the article's actors, a source with no archived copy).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Optional

from archive.format import spec
from archive.format.model import Article
from archive.names.suggest import close_matches, did_you_mean
from archive.read.accept import REJECT, acceptors_for
from archive.read.fastyaml import fast_load
from archive.read.markup import report_markup
from archive.read.problems import ProblemLog, Severity
from archive.read.reader import RecordReader, Resolver, key_path
from archive.read.source import (
    FrontMatter,
    PositionedOnDemand,
    SourceError,
    YamlDocument,
    parse_yaml,
    read_text,
    split_front_matter,
)

#: ASCII digits only (``\d`` would take Arabic-Indic digits too), matched whole (``$`` lets a final newline by).
ARTICLE_ID = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})-[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 120


@dataclass
class ClaimReference:
    """A ``disputed_by`` entry that names a claim of another article: checked archive-wide."""

    path: str
    line: int
    column: int
    field: str
    article_id: str
    claim_id: str
    #: The file the reference stands in, and its key path there: read again for the line and
    #: column when the reference is wrong and the file was read by the fast path (no positions).
    file: str = ""
    key: tuple = ()


@dataclass
class ArticleResult:
    """What reading one file gave: the article (if it could be built) and what to check later."""

    path: str
    article_id: str
    article: Optional[Article] = None
    claim_ids: set[str] = field(default_factory=set)
    external_claim_refs: list[ClaimReference] = field(default_factory=list)


def article_id_for(path: str | os.PathLike) -> str:
    """An article's id is its file name without ``.md`` (strings, not ``Path``: 10,000 of them)."""
    return os.path.splitext(os.path.basename(path))[0]


def read_article(path: str | os.PathLike, shown: str, resolver: Resolver, today: date, log: ProblemLog) -> ArticleResult:
    """Read, validate and build one article; every problem goes to ``log``.

    The file is parsed by the fast loader when it can be, and read once: its problems ask the
    positioned loader where they are (see :class:`~archive.read.source.PositionedOnDemand`), so that
    every message names its line and column. Only a file the two loaders read differently is
    read again, the positioned way.
    """
    try:
        text = read_text(path)
    except SourceError as exc:
        log.add(shown, exc.line, exc.column, Severity.ERROR, "", exc.message, exc.hint)
        return ArticleResult(shown, article_id_for(path))
    return check_article_text(text, path, shown, resolver, today, log)


def check_article_text(
    text: str, path: str | os.PathLike, shown: str, resolver: Resolver, today: date, log: ProblemLog
) -> ArticleResult:
    """Validate an article's text as if it were the file at ``path`` (used by the importer too)."""
    try:
        front = split_front_matter(text)
    except SourceError as exc:
        log.add(shown, exc.line, exc.column, Severity.ERROR, "", exc.message, exc.hint)
        return ArticleResult(shown, article_id_for(path))
    data = fast_load(front.yaml_text)
    if data is not None:
        quick_log = ProblemLog()
        fast = PositionedOnDemand(data, front.yaml_text, front.yaml_line)
        result = _read_front_matter(path, shown, front, fast, resolver, today, quick_log)
        if fast.failure is None:
            log.extend(quick_log.problems)
            return result
    try:
        document = parse_yaml(front.yaml_text, line_offset=front.yaml_line)
    except SourceError as exc:
        log.add(shown, exc.line, exc.column, Severity.ERROR, "", exc.message, exc.hint)
        return ArticleResult(shown, article_id_for(path))
    return _read_front_matter(path, shown, front, document, resolver, today, log)


def _read_front_matter(
    path: str | os.PathLike,
    shown: str,
    front: FrontMatter,
    document: YamlDocument,
    resolver: Resolver,
    today: date,
    log: ProblemLog,
) -> ArticleResult:
    result = ArticleResult(shown, article_id_for(path))
    for problem in document.problems:
        line, column = document.position_of(problem.node)
        log.add(shown, line, column, Severity.ERROR, key_path(problem.key_path), problem.message, problem.hint)
    if document.data is None:
        if document.problems:  # an alias bomb or the like: already reported
            return result
        log.add(
            shown,
            1,
            1,
            Severity.ERROR,
            "",
            "the front matter is empty",
            "fill in at least title, date, regions, actors and sources",
        )
        return result
    draft = isinstance(document.data, dict) and document.data.get("draft") is True
    reader = RecordReader(shown, document, log, resolver, today, lenient=draft)
    fixed = {"id": result.article_id, "path": shown, "body": front.body, "body_line": front.body_line}
    # Plainly valid front matter is built by the acceptors; anything else by the reader, which
    # reports each problem (see archive.read.accept).
    article = acceptors_for(resolver, today).record(spec.ARTICLE, document.data, fixed)
    if article is REJECT:
        article = reader.record(spec.ARTICLE, document.data, (), fixed)
    _check_file_name(path, shown, document, document.data, log)
    if article is None:
        return result
    _check_structure(article, reader, result, os.fspath(path))
    _check_consistency(article, reader)
    _check_body(article, shown, log)
    if draft:
        reader.warning(
            ("draft",),
            "this article is a draft: it is left out of the site",
            "when a person has reviewed every field, remove 'draft: true'",
        )
    if reader.error_count == 0:
        result.article = article
    return result


def _check_file_name(path: str | os.PathLike, shown: str, document: YamlDocument, data: object, log: ProblemLog) -> None:
    folder, name = os.path.split(path)
    article_id, suffix = os.path.splitext(name)
    if suffix != ".md":
        log.add(shown, 1, 1, Severity.ERROR, "", f"an article file must end in .md, not '{suffix}'")
    match = ARTICLE_ID.fullmatch(article_id)
    if not match or len(article_id) > MAX_ID_LENGTH:
        log.add(
            shown,
            1,
            1,
            Severity.ERROR,
            "",
            f"the file name '{name}' is not a valid article id",
            "name it YYYY-MM-DD-a-few-words.md: lowercase letters, digits and hyphens, starting with the date",
        )
        return
    raw_date = data.get("date") if isinstance(data, dict) else None
    written = raw_date.isoformat() if isinstance(raw_date, date) else str(raw_date)
    if raw_date is not None and match.group(1) != written:
        line, column = document.position(("date",))
        log.add(
            shown,
            line,
            column,
            Severity.ERROR,
            "date",
            f"the date {written} does not match the file name, which starts with {match.group(1)}",
            "an article's id starts with its date: rename the file or correct the date",
        )
    year_folder = os.path.basename(folder)
    if year_folder.isdigit() and len(year_folder) == 4 and year_folder != match.group(1)[:4]:
        log.add(
            shown,
            1,
            1,
            Severity.WARNING,
            "",
            f"the article is dated {match.group(1)[:4]} but sits in the folder {year_folder}/",
            f"move it to articles/{match.group(1)[:4]}/",
        )


def _check_structure(article: Article, reader: RecordReader, result: ArticleResult, file: str) -> None:
    """Ids unique within the article, and references between claims and events that resolve."""
    event_ids = _unique_ids(reader, "events", [e.id for e in article.events])
    claim_ids = _unique_ids(reader, "claims", [c.id for c in article.claims])
    _unique_ids(reader, "evidence", [e.id for e in article.evidence])
    result.claim_ids = set(claim_ids)
    for index, claim in enumerate(article.claims):
        where = ("claims", index)
        if claim.about and claim.about not in event_ids:
            hint = did_you_mean(close_matches(claim.about, event_ids, n=1, cutoff=0.6))
            hint = hint or (f"events in this article: {', '.join(event_ids)}" if event_ids else "add the event under 'events'")
            reader.error(where + ("about",), f"no event with id '{claim.about}' in this article", hint)
        for figure_index, figure in enumerate(claim.figures):
            fwhere = where + ("figures", figure_index)
            stated = [v for v in (figure.value, figure.min, figure.max) if v is not None]
            if figure.qualifier == "several" and stated:
                reader.error(
                    fwhere + ("qualifier",),
                    "'several' means no number was given, but the figure has one",
                    "remove the value, or use another qualifier",
                )
            elif figure.qualifier != "several" and not stated and not _written(reader, fwhere, ("value", "min", "max")):
                reader.error(
                    fwhere,
                    "the figure has no value, min or max",
                    "give the number as 'value', a range as 'min'/'max', or write 'qualifier: several'",
                )
            if figure.min is not None and figure.max is not None and figure.min > figure.max:
                reader.error(fwhere + ("min",), f"min ({figure.min}) is greater than max ({figure.max})")
            elif figure.value is not None and (
                (figure.min is not None and figure.value < figure.min) or (figure.max is not None and figure.value > figure.max)
            ):
                reader.error(fwhere + ("value",), f"the value {figure.value} lies outside min..max")
        for ref_index, ref in enumerate(claim.disputed_by):
            rwhere = where + ("disputed_by", ref_index)
            if "#" in ref:
                other_article, _, claim_id = ref.partition("#")
                if not other_article or other_article == article.id:
                    if claim_id not in claim_ids:
                        hint = did_you_mean([f"#{c}" for c in close_matches(claim_id, claim_ids, n=1, cutoff=0.6)])
                        reader.error(
                            rwhere, f"no claim with id '{claim_id}' in this article", hint or "give the disputing claim an 'id'"
                        )
                    elif claim_id == claim.id:
                        reader.error(rwhere, "a claim cannot dispute itself")
                else:
                    line, column = reader.document.position(rwhere)
                    result.external_claim_refs.append(
                        ClaimReference(
                            reader.path,
                            line,
                            column,
                            "claims[%d].disputed_by[%d]" % (index, ref_index),
                            other_article,
                            claim_id,
                            file=file if reader.document.root is None else "",
                            key=rwhere,
                        )
                    )
            else:
                reader.value(spec.Ref(("actor",)), ref, rwhere)
    _check_dates(article, reader)
    _check_verification(article, reader)


#: Results of a check that confirm (part of) a claim.
_CONFIRMING = ("confirmed", "partially-confirmed")


def _check_verification(article: Article, reader: RecordReader) -> None:
    """CONTRIBUTING.md, "What each verification status means": a status is never upgraded on a
    hunch; ``verified`` needs a named checker (an actor id in ``by``) and a note saying how.

    - A piece of evidence: its ``verification`` has ``by`` and ``note``.
    - A claim ("independent evidence confirms the claim"): a check by someone other than the
      claimant, with a note. (``by`` is required in every check.)
    - The article ("confirmed by at least one named, independent checker"): ``notes`` saying
      what was verified and how, and a named checker in the article: a check confirming a claim
      or a verified piece of evidence, each with its ``by``.
    """
    for index, item in enumerate(article.evidence):
        check = item.verification
        if check.status != "verified":
            continue
        where = ("evidence", index, "verification")
        missing = [name for name, value in (("by", check.by), ("note", check.note)) if not value]
        if missing:
            additions = {"by": "'by:' with the actor id of who verified the item", "note": "'note:' saying how"}
            reader.error(
                where + ("status",),
                f"'verified' needs {_needs(missing)}",
                f"add {' and '.join(additions[m] for m in missing)}, or give another status",
            )
    for index, claim in enumerate(article.claims):
        if claim.status != "verified":
            continue
        independent = [c for c in claim.checks if c.by != claim.claimant]
        if not claim.checks:
            problem = "'verified' needs a named checker: the claim has no checks"
        elif not independent:
            problem = f"'verified' needs an independent checker: the only checks are by the claimant, {claim.claimant}"
        elif not any(c.note for c in independent):
            problem = "'verified' needs a note saying how: no independent check of the claim has a 'note'"
        else:
            continue
        reader.error(
            ("claims", index, "status"),
            problem,
            "add a check with 'by' (who verified it, not the claimant), 'result' and 'note' saying how, or give another status",
        )
    if article.verification.status == "verified":
        named = any(e.verification.status == "verified" and e.verification.by for e in article.evidence) or any(
            c.result in _CONFIRMING and c.by != claim.claimant for claim in article.claims for c in claim.checks
        )
        missing = [
            what for what, ok in (("a named checker", named), ("notes saying how", bool(article.verification.notes))) if not ok
        ]
        if missing:
            reader.error(
                ("verification", "status"),
                f"'verified' needs {_needs(missing)}",
                "name who confirmed the report's central facts in a check of a claim or as the 'by' of "
                "verified evidence, say how in 'notes', or give another status",
            )


def _needs(missing: list[str]) -> str:
    """``a named checker (by)``, ``... and a note (note)``: what a verified status lacks."""
    words = {"by": "a named checker (by)", "note": "a note saying how (note)"}
    return " and ".join(words.get(m, m) for m in missing)


#: How long before the report's date a source may have been read: an article's other sources
#: may be earlier reports of the same events. Any earlier is a mistyped year.
ACCESSED_MARGIN = timedelta(days=30)


def _check_dates(article: Article, reader: RecordReader) -> None:
    """Dates that cannot be, against the report's date: a source read long before the report
    came out, a correction of the record older than the report, a check older than its claim.
    (Each date is already known not to be in the future.)"""
    earliest = article.date - ACCESSED_MARGIN
    for index, source in enumerate(article.sources):
        if source.accessed is not None and source.accessed < earliest:
            reader.error(
                ("sources", index, "accessed"),
                f"{source.accessed.isoformat()} is {_span(source.accessed, article.date)} before the report's date, "
                f"{article.date.isoformat()}",
                f"write the day the archive read the source: from {earliest.isoformat()} "
                f"({ACCESSED_MARGIN.days} days before the report's date) to today",
            )
    for index, correction in enumerate(article.corrections):
        if correction.date < article.date:
            reader.error(
                ("corrections", index, "date"),
                f"{correction.date.isoformat()} is {_span(correction.date, article.date)} before the report's date, "
                f"{article.date.isoformat()}",
                "a correction changes this record, which was made after the report was published: check the year",
            )
    for index, claim in enumerate(article.claims):
        for c_index, check in enumerate(claim.checks):
            if claim.date is not None and check.date is not None and check.date.end < claim.date.start:
                reader.error(
                    ("claims", index, "checks", c_index, "date"),
                    f"the check is dated {check.date}, before the claim it checks was made ({claim.date})",
                    "a claim can be checked only once it is made: correct one of the two dates",
                )


def _span(earlier: date, later: date) -> str:
    """``34 years``, ``1 year``, ``45 days``: how long before ``later`` ``earlier`` is, roughly."""
    days = (later - earlier).days
    if days >= 365:
        years = days // 365
        return f"{'about ' if days % 365 > 31 else ''}{years} year{'s' if years > 1 else ''}"
    return f"{days} day{'s' if days > 1 else ''}"


def _written(reader: RecordReader, path: tuple, keys: tuple[str, ...]) -> bool:
    """Whether the mapping at ``path`` in the file holds one of ``keys`` with a value, valid or
    not: a figure whose value was refused has already been reported, not as having none."""
    raw = reader.document.data
    for step in path:
        try:
            raw = raw[step]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(raw, dict) and any(raw.get(key) is not None for key in keys)


def _unique_ids(reader: RecordReader, section: str, ids: list[Optional[str]]) -> list[str]:
    """The ids given in ``section``, each reported if used twice, or if it is the anchor an
    unnamed item takes from its position (``claim-2`` for the second claim): the page would
    hold two elements with one id, and a link to one would land on the other."""
    seen: set[str] = set()
    named: list[str] = []
    unnamed = {str(index + 1): index for index, item_id in enumerate(ids) if item_id is None}
    for index, item_id in enumerate(ids):
        if item_id is None:
            continue
        if item_id in seen:
            reader.error((section, index, "id"), f"the id '{item_id}' is used twice in {section}")
            continue
        seen.add(item_id)
        named.append(item_id)
        if item_id in unnamed:
            reader.error(
                (section, index, "id"),
                f"the id '{item_id}' is also the anchor of {section}[{unnamed[item_id]}], which has no id",
                "choose another id, or give that one an id too",
            )
    return named


def _check_consistency(article: Article, reader: RecordReader) -> None:
    """Warnings for references the article's own lists do not include: usually a forgotten id."""
    actors = set(article.actors)
    regions = set(article.regions)
    places = set(article.places)
    tags = set(article.tags)
    gazetteer = reader.resolver
    for place in article.places:
        regions.update(getattr(gazetteer, "ancestors", lambda _i: [])(place))

    def expect(collection: set[str], value: Optional[str], where: tuple, listname: str) -> None:
        if value and value not in collection:
            reader.warning(where, f"'{value}' is not in the article's {listname}", f"add it to {listname}")

    for index, claim in enumerate(article.claims):
        expect(actors, claim.claimant, ("claims", index, "claimant"), "actors")
        for f_index, figure in enumerate(claim.figures):
            expect(actors, figure.subject, ("claims", index, "figures", f_index, "subject"), "actors")
        for c_index, check in enumerate(claim.checks):
            expect(actors, check.by, ("claims", index, "checks", c_index, "by"), "actors")
    for index, item in enumerate(article.evidence):
        expect(actors, item.verification.by, ("evidence", index, "verification", "by"), "actors")
    for index, event in enumerate(article.events):
        expect(tags, event.type, ("events", index, "type"), "tags")
        for a_index, actor in enumerate(event.actors):
            expect(actors, actor, ("events", index, "actors", a_index), "actors")
        for r_index, region in enumerate(event.regions):
            expect(regions, region, ("events", index, "regions", r_index), "regions")
        for p_index, place in enumerate(event.places):
            expect(places, place, ("events", index, "places", p_index), "places")
    for index, source in enumerate(article.sources):
        if not source.archived:
            reader.warning(
                ("sources", index),
                f"the source from {source.publisher} has no archived copy",
                "add 'archived:' with a Wayback Machine or archive.today link; news pages change",
            )


def _check_body(article: Article, shown: str, log: ProblemLog) -> None:
    if not article.body.strip():
        log.add(
            shown,
            article.body_line,
            1,
            Severity.WARNING,
            "",
            "the article has no text after the front matter",
            "write the archive's own summary of the report",
        )
        return
    # The same policy the site's sanitiser enforces: what the check accepts is published as written.
    report_markup(log, shown, article.body, article.body_line)
