"""Turning reports that already exist into draft articles: ``archive import``.

A ``.txt`` or ``.md`` file is one report; a ``.jsonl`` file holds one report per line
(``title``, ``date``, ``body``, ``url``, ``publisher``, ``language``). Every report becomes a
draft (``draft: true``) in ``articles/YYYY/`` with the regions, places and actors detected in
its text, each with how often it was found, so the contributor reviews suggestions instead of
typing ids; the report's text is kept below the front matter until it is rewritten in the
archive's own words.

Input comes from strangers: files are read with bounds (a line of JSON, a report), binary and
broken input gets one clear message per problem, the good records are still imported. Each
draft is validated before it is written, with the validator ``archive check`` uses, so an
imported draft never has errors, only the warnings of a draft (what it still lacks, what no
person has reviewed yet). The same input gives the same files, byte for byte: nothing depends
on the clock except a date the report does not give.

Ids. A draft's id depends on its report alone, never on the rest of the batch or on the order
of the input: ``date-slug-of-title-hhhhhh``, where ``hhhhhh`` is the start of the SHA-256 of the
report's identity, its link (``url``) exactly as given, or, for a report without one, its title
and text. So two reports with the same date and title but different links (or, without links,
different texts) always get different ids, whichever comes first, and importing one file alone
gives exactly the ids it gets in a larger batch. Every imported id has the suffix, not only the
ids that would otherwise collide: whether a report collides depends on what else is imported,
and a rule of the form "the first one gets the bare id" is what let one file's re-import replace
the draft of another. (``archive new`` keeps bare ``date-slug`` ids: an article written by hand
never takes the id of an imported report.) A report with the same identity, date and title as
an earlier one of the same import is a duplicate: it is reported, and written once.

Nothing is lost. Existing files are left as they are, unless ``--overwrite`` is given, and then
only a draft is replaced: a regular file whose front matter has ``draft: true`` (the YAML
boolean), read with the archive's own reader; a reviewed article, or a file that cannot be
read, is never replaced. Nothing is written through a symbolic link, and a destination that
cannot be written (a file where a folder belongs, a link, a full disk) is one message for that
report while the rest of the import goes on (see :func:`archive.contrib.scaffold.write_new_file`).
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Optional, Union
from urllib.parse import urlsplit

from archive.contrib.scaffold import (
    NotReplaced,
    UnsafeDestination,
    article_id,
    article_path,
    modeline,
    write_new_file,
    yaml_scalar,
)
from archive.format import spec
from archive.format.rules import UNSEEN_CHARACTERS, text_problem, url_problem
from archive.names.detect import Detection, DetectionIndex, Found, detect
from archive.names.suggest import close_matches, did_you_mean
from archive.read.article import check_article_text
from archive.read.gazetteer import Gazetteer
from archive.read.loader import article_files, shown_path
from archive.read.problems import ProblemLog, printable
from archive.read.reader import kind_of_value
from archive.read.source import MAX_FILE_BYTES, SourceError, parse_yaml, read_text, split_front_matter

#: Kinds of file that can be imported, by suffix.
TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl",)
#: One line of JSON Lines may be at most this long: a report, not a data dump.
MAX_LINE_BYTES = 2 * 1024 * 1024
#: The fields a JSON Lines record may have; title, date and body are required.
RECORD_FIELDS = ("title", "date", "body", "url", "publisher", "language")
REQUIRED_RECORD_FIELDS = ("title", "date", "body")
#: Limits of the article fields a report fills: the format's own (``archive.format.spec``).
MAX_TITLE = spec.TITLE.max_length
MAX_HEADLINE = spec.HEADLINE.max_length
MAX_PUBLISHER = spec.PUBLISHER.max_length

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f]")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_POLISH = re.compile(r"[ąćęłńśźżĄĆĘŁŃŚŹŻ]")


# --------------------------------------------------------------------------------------------
# What is read, written and reported


@dataclass
class Report:
    """One report, read and cleaned, ready to become a draft."""

    source: str
    line: Optional[int]
    title: str
    date: date
    body: str
    url: Optional[str] = None
    publisher: Optional[str] = None
    language: Optional[str] = None
    #: Things the contributor must know about how a field was filled, keyed by field.
    notes: dict[str, str] = field(default_factory=dict)
    #: The headline as published, when the title had to be shortened.
    headline: Optional[str] = None

    @property
    def origin(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source


@dataclass
class Failure:
    """A report, a line or a file that could not be imported, and why."""

    source: str
    line: Optional[int]
    message: str
    hint: str = ""

    @property
    def origin(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    def __str__(self) -> str:
        """Printed escaped (see archive.read.problems.printable): a report's text cannot forge a line."""
        return printable(f"{self.origin}: {self.message}" + (f" ({self.hint})" if self.hint else ""))


@dataclass
class Written:
    """A draft written by the import."""

    report: Report
    path: Path
    article_id: str
    detection: Detection
    overwritten: bool = False


@dataclass
class Duplicate:
    """A report that repeats an earlier one of the same import (same identity, date and title)."""

    report: Report
    article_id: str
    #: The origin of the earlier report.
    first: str


@dataclass
class ImportResult:
    written: list[Written] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    #: Reports skipped because an earlier report of the same import was the same report.
    duplicates: list[Duplicate] = field(default_factory=list)

    def mentions(self, section: str) -> Counter:
        """How many drafts mention each id of ``section`` (regions, places, actors)."""
        counts: Counter = Counter()
        for item in self.written:
            counts.update(item.detection.ids(section))
        return counts


@dataclass
class ImportOptions:
    """How reports are read: what to assume where a report says nothing."""

    today: date
    #: The date of reports that give none (.txt files); ``None`` means today.
    default_date: Optional[date] = None
    #: The language of .txt/.md reports; ``None`` means guessed from the text.
    language: Optional[str] = None
    overwrite: bool = False


# --------------------------------------------------------------------------------------------
# Importing


def input_files(paths: list[Path]) -> list[Path]:
    """The files named, with folders expanded to the importable files inside them (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES)
        else:
            files.append(path)
    return files


def import_reports(
    files: list[Path],
    root: Path,
    gazetteer: Gazetteer,
    options: ImportOptions,
    progress: Optional[Callable[[int], None]] = None,
) -> ImportResult:
    """Import every report of ``files`` into the archive at ``root``; never raises for bad input.

    Ids come from :func:`draft_id`, one report at a time; a report whose id an earlier report of
    the same import has is a duplicate of it (written once), or, should two different reports
    ever share the six characters of their hash, a failure. ``progress`` is called with the
    number of bytes of input read.
    """
    result = ImportResult()
    index = DetectionIndex.build(gazetteer)
    existing = {p.stem: p for p in article_files(root)}
    seen: dict[str, tuple[str, str]] = {}  # id -> (identity, origin) of the first report with it
    for file in files:
        for item in read_reports(file, shown_path(file), options, progress):
            if isinstance(item, Failure):
                result.failures.append(item)
                continue
            chosen, identity = draft_id(item), report_identity(item)
            first = seen.get(chosen)
            if first is not None:
                if first[0] == identity:
                    result.duplicates.append(Duplicate(item, chosen, first[1]))
                else:  # pragma: no cover - a 24-bit hash collision on the same date and title
                    result.failures.append(
                        Failure(
                            item.source,
                            item.line,
                            f"the id '{chosen}' is also the id of a different report, {first[1]}",
                            "change this report's title a little and import it again",
                        )
                    )
                continue
            seen[chosen] = (identity, item.origin)
            try:
                outcome = _write_draft(item, chosen, root, gazetteer, index, existing, options)
            except Exception as exc:  # noqa: BLE001 - one report's fault never stops the batch
                outcome = Failure(
                    item.source,
                    item.line,
                    f"could not be imported ({type(exc).__name__}: {str(exc)[:200]})",
                    "this is a fault of archive import: please report it with this report attached",
                )
            if isinstance(outcome, Failure):
                result.failures.append(outcome)
            else:
                result.written.append(outcome)
    return result


#: Length of the hash that ends an imported draft's id.
ID_HASH_LENGTH = 6


def report_identity(report: Report) -> str:
    """What makes a report this report: its link, or, without one, its title and text."""
    if report.url:
        return f"url\n{report.url}"
    return f"text\n{report.headline or report.title}\n{report.body}"


def draft_id(report: Report) -> str:
    """``2024-03-12-raid-on-x-3f9a2c``: the date, the title's slug, a hash of the report's identity.

    It depends on the report alone (see the module's docstring for why every id has the hash).
    """
    digest = hashlib.sha256(report_identity(report).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{article_id(report.date, report.title)}-{digest[:ID_HASH_LENGTH]}"


def _write_draft(
    report: Report,
    new_id: str,
    root: Path,
    gazetteer: Gazetteer,
    index: DetectionIndex,
    existing: dict[str, Path],
    options: ImportOptions,
) -> Union[Written, Failure]:
    target = article_path(root, new_id)
    shown = shown_path(target)
    prior = existing.get(new_id)
    if prior is not None and prior != target:
        return Failure(
            report.source,
            report.line,
            f"the id '{new_id}' is already used by {shown_path(prior)}",
            "article ids are unique: change the title, or import into another archive",
        )
    detection = detect(f"{report.title}\n\n{report.body}", index)
    text = render_draft(report, detection, gazetteer, modeline_text=modeline(target, root), shown_path=shown)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return Failure(
            report.source,
            report.line,
            f"the report holds invalid Unicode ({exc.reason})",
            "an unpaired surrogate such as \\ud800 in the JSON; fix the text and import again",
        )
    if len(data) > MAX_FILE_BYTES:
        return Failure(
            report.source,
            report.line,
            f"the draft would be {len(data) // 1024:,} KiB; an article file may be at most {MAX_FILE_BYTES // 1024:,} KiB",
            "import an excerpt of the report: the archive keeps a summary and links to the original",
        )
    problems = draft_errors(text, new_id, shown, gazetteer, options.today)
    if problems:
        return Failure(report.source, report.line, "the draft would not pass 'archive check': " + "; ".join(problems))
    why_kept: list[str] = []

    def replaceable(path: Path) -> bool:
        reason = not_a_draft(path)
        if reason is not None:
            why_kept.append(reason)
        return reason is None

    try:
        overwritten = write_new_file(root, target, data, replace_if=replaceable if options.overwrite else None)
    except UnsafeDestination as exc:
        outcome = "it was left as it is" if exc.path == target else f"{shown} was not written"
        return Failure(report.source, report.line, f"{shown_path(exc.path)} {exc.problem}; {outcome}", exc.hint)
    except NotReplaced:
        reason = why_kept[0] if why_kept else "it is not a draft"
        return Failure(
            report.source,
            report.line,
            f"{shown} {reason}; it was left as it is",
            "--overwrite replaces only drafts: edit the article by hand, or, if it is to be made again "
            "from the report, move it away (or set 'draft: true' in it) and import again",
        )
    except FileExistsError:
        return Failure(
            report.source,
            report.line,
            f"{shown} already exists; it was left as it is",
            "pass --overwrite to replace it with a new draft (only a draft is ever replaced)",
        )
    except OSError as exc:
        return Failure(
            report.source, report.line, f"{shown} could not be written: {exc.strerror or exc}", _write_hint(exc, shown)
        )
    existing[new_id] = target
    return Written(report, target, new_id, detection, overwritten=overwritten)


def not_a_draft(path: Path) -> Optional[str]:
    """Why the article file at ``path`` is not a draft that ``--overwrite`` may replace; None if it is.

    A draft has ``draft: true`` (the YAML boolean) in front matter that the archive's reader
    reads without a problem; a file that cannot be read is not known to be a draft, so it is not one.
    """
    try:
        text = read_text(path, MAX_FILE_BYTES)
        front = split_front_matter(text)
        document = parse_yaml(front.yaml_text, line_offset=front.yaml_line)
    except SourceError as exc:
        return f"cannot be read as an article ({exc.message}), so it is not known to be a draft"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc}), so it is not known to be a draft"
    if document.problems:
        return f"has a problem in its front matter ({document.problems[0].message}), so it is not known to be a draft"
    if not isinstance(document.data, dict) or document.data.get("draft") is not True:
        return "is a reviewed article, not a draft (it has no 'draft: true')"
    return None


def _write_hint(exc: OSError, shown: str) -> str:
    """What to do when the system refuses to write a draft."""
    folder = str(Path(shown).parent)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full: free some space and import again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"the folder {folder} cannot be written to: make it writable for you, then import again"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long for this file system: shorten the report's title and import again"
    return f"check the folder {folder}, then import again"


def draft_errors(text: str, draft_id: str, shown: str, gazetteer: Gazetteer, today: date) -> list[str]:
    """The errors ``archive check`` would report for a draft's text (warnings are a draft's lot).

    Uses the validator itself rather than a copy of its rules, so import and check agree.
    """
    log = ProblemLog()
    check_article_text(text, Path(shown).with_name(f"{draft_id}.md"), shown, gazetteer, today, log)
    return [f"{p.field}: {p.message}" if p.field else p.message for p in log.errors]


# --------------------------------------------------------------------------------------------
# Reading reports


def read_reports(
    path: Path, shown: str, options: ImportOptions, progress: Optional[Callable[[int], None]] = None
) -> Iterator[Union[Report, Failure]]:
    """The reports of one file, or the reasons they could not be read, in file order."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, shown, options, progress)
        return
    if suffix not in TEXT_SUFFIXES:
        yield Failure(
            shown,
            None,
            f"cannot import '{path.suffix or path.name}' files",
            "a report is a .txt or .md file (one report) or a .jsonl file (one report per line)",
        )
        return
    try:
        size = path.stat().st_size
        yield _read_text_report(path, shown, options)
    except OSError as exc:
        yield Failure(shown, None, f"cannot be read: {exc.strerror}")
        return
    if progress:
        progress(size)


def _read_text_report(path: Path, shown: str, options: ImportOptions) -> Union[Report, Failure]:
    """A .txt or .md report: the first line is its title, the rest its text."""
    try:
        text = read_text(path, MAX_FILE_BYTES)
    except SourceError as exc:
        return Failure(shown, exc.line if exc.line > 1 else None, exc.message, _read_hint(exc.message))
    meta: dict[str, Any] = {}
    if text.startswith("---\n"):
        try:
            front = split_front_matter(text)
            document = parse_yaml(front.yaml_text, line_offset=front.yaml_line)
        except SourceError as exc:
            return Failure(shown, exc.line, f"the report's front matter cannot be read: {exc.message}", exc.hint)
        if isinstance(document.data, dict):
            meta = {k: v for k, v in document.data.items() if k in RECORD_FIELDS and v is not None}
        text = front.body
    title, body = _split_title(text)
    if "title" in meta:
        title, body = meta["title"], text
    record = {"title": title, "body": body, **{k: v for k, v in meta.items() if k != "title"}}
    notes: dict[str, str] = {}
    if "date" not in record:
        if options.default_date is not None:
            record["date"] = options.default_date.isoformat()
            notes["date"] = "the report gives no date: set from --date"
        else:
            record["date"] = options.today.isoformat()
            notes["date"] = "the report gives no date: set to today; correct it, and the file name with it"
    if "language" not in record:
        if options.language:
            record["language"] = options.language
        else:
            guessed = guess_language(f"{title}\n{body}")
            if guessed:
                record["language"] = guessed
                notes["language"] = "guessed from the text"
    report = _report_from_record(record, shown, None, options, body_required=False)
    if isinstance(report, Report):
        report.notes.update(notes)
    return report


def _read_hint(message: str) -> str:
    """What to do about a report file that cannot be read as text."""
    if "empty" in message:
        return "there is nothing to import"
    if "limit" in message:
        return "import an excerpt: the archive keeps a summary of a report and links to the original"
    return "a report is a text file in UTF-8: save it as .txt (plain text) from the program it came from"


def _split_title(text: str) -> tuple[str, str]:
    """The first non-empty line (a Markdown heading mark removed), and the text after it.

    Lines repeating the title (web pages often do) are dropped from the text.
    """
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.strip():
            title = _HEADING.sub("", line).strip()
            rest = [other for other in lines[index + 1 :] if _HEADING.sub("", other).strip() != title]
            return title, "\n".join(rest)
    return "", ""


def _read_jsonl(
    path: Path, shown: str, options: ImportOptions, progress: Optional[Callable[[int], None]]
) -> Iterator[Union[Report, Failure]]:
    """One report per line; a bad line is reported with its number and the reading goes on."""
    hint = 'a .jsonl file holds one JSON object per line: {"title": ..., "date": ..., "body": ...}'
    try:
        handle = open(path, "rb")  # noqa: SIM115 - a failure to open is yielded, then the handle is used in `with`
    except OSError as exc:
        yield Failure(shown, None, f"cannot be read: {exc.strerror}")
        return
    with handle:
        head = handle.read(8192)
        if not head.strip():
            yield Failure(shown, None, "the file is empty", hint)
            return
        if b"\x00" in head:
            yield Failure(shown, None, "the file contains NUL bytes: it looks binary, not text", hint)
            return
        bad = _first_bad_byte(head)
        if bad is not None:
            line = head.count(b"\n", 0, bad) + 1
            yield Failure(
                shown,
                line,
                f"the file is not valid UTF-8 (byte 0x{head[bad]:02x}): it is not text, or another encoding",
                "save it as UTF-8",
            )
            return
        handle.seek(0)
        number = 0
        while True:
            raw = handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                break
            number += 1
            consumed = len(raw)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while True:
                    rest = handle.readline(MAX_LINE_BYTES)
                    consumed += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
                if progress:
                    progress(consumed)
                yield Failure(
                    shown,
                    number,
                    f"the line is {consumed:,} bytes long; the limit is {MAX_LINE_BYTES:,}",
                    "one line holds one report",
                )
                continue
            if progress:
                progress(consumed)
            if number == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            if not raw.strip():
                continue
            yield _parse_line(raw, shown, number, options)


def _first_bad_byte(head: bytes) -> Optional[int]:
    """Where the first 8 KiB of a file stop being UTF-8 (a character cut by the window is fine)."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start if exc.start < len(head) - 3 else None
    return None


class _DuplicateKey(Exception):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


#: A report's fields are texts: a number in one is refused before Python converts it (an integer
#: of 5,000 digits raised ValueError and stopped the whole import).
_MAX_NUMBER_DIGITS = 30


class _HugeNumber(Exception):
    pass


def _bounded_int(text: str) -> int:
    if len(text) > _MAX_NUMBER_DIGITS:
        raise _HugeNumber(len(text.lstrip("-")))
    return int(text)


def _parse_line(raw: bytes, shown: str, number: int, options: ImportOptions) -> Union[Report, Failure]:
    try:
        text = raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError as exc:
        return Failure(
            shown,
            number,
            f"the line is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})",
            "save the file as UTF-8",
        )
    try:
        record = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        return Failure(
            shown, number, f"not valid JSON: {exc.msg} (column {exc.colno})", "each line must be one complete JSON object"
        )
    except _DuplicateKey as exc:
        return Failure(shown, number, f"the key '{exc.args[0]}' appears twice", "each key may appear once")
    except RecursionError:
        return Failure(shown, number, "the JSON is nested too deeply", "a record is one flat object")
    except _HugeNumber as exc:
        return Failure(
            shown,
            number,
            f"a number has {exc.args[0]:,} digits; the limit is {_MAX_NUMBER_DIGITS}",
            "the fields of a report are texts; write the number as one, or leave it out",
        )
    if not isinstance(record, dict):
        return Failure(
            shown,
            number,
            f"expected a JSON object, got {_json_kind(record)}",
            '{"title": ..., "date": "YYYY-MM-DD", "body": ..., "url": ..., "publisher": ..., "language": ...}',
        )
    return _report_from_record(record, shown, number, options, body_required=True)


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if value is None:
        return "null"
    return kind_of_value(value)


def _report_from_record(
    record: dict[str, Any], source: str, line: Optional[int], options: ImportOptions, *, body_required: bool
) -> Union[Report, Failure]:
    """Check and clean one record's fields; every problem of the record is reported at once."""
    problems: list[str] = []
    required = REQUIRED_RECORD_FIELDS if body_required else ("title", "date")
    for name in required:
        if name not in record or record[name] is None:
            extra = [k for k in record if k not in RECORD_FIELDS]
            hint = did_you_mean(close_matches(name, extra, n=1, cutoff=0.6))
            problems.append(f"missing '{name}'" + (f" ({hint})" if hint else ""))
    texts: dict[str, str] = {}
    for name in RECORD_FIELDS:
        value = record.get(name)
        if value is None or (name == "date" and not isinstance(value, str)):
            continue
        if not isinstance(value, str):
            problems.append(f"{name}: expected text, got {_json_kind(value)}")
            continue
        texts[name] = value
    title = _one_line(texts.get("title", ""))
    if "title" in texts and not title:
        problems.append("title: is empty")
    day = _record_date(record.get("date"), options.today, problems) if "date" in record and record["date"] is not None else None
    body = _clean_body(texts.get("body", ""))
    if body_required and "body" in texts and not body.strip():
        problems.append("body: is empty (there is no report to import)")
    url = texts.get("url", "").strip() or None
    if url is not None:
        problem = url_problem(url)
        if problem:
            problems.append(f"url: {problem}")
    publisher = _one_line(texts.get("publisher", "")) or None
    if publisher is None and url is not None and not url_problem(url):
        publisher = urlsplit(url).hostname
    language = texts.get("language", "").strip() or None
    if language is not None:
        language = _language_tag(language)
        if text_problem(spec.LANGUAGE, language):
            problems.append(f"language: '{language}' is not a language code (use a BCP 47 code such as en, uk, ru, pl)")
    if problems:
        return Failure(source, line, "; ".join(problems))
    assert day is not None
    report = Report(source, line, title, day, body, url, publisher, language)
    if len(title) > MAX_TITLE:
        report.title = _shorten(title, MAX_TITLE)
        report.headline = title if len(title) <= MAX_HEADLINE else _shorten(title, MAX_HEADLINE)
        report.notes["title"] = f"shortened from {len(title):,} characters; the headline is in title_original"
    if publisher and len(publisher) > MAX_PUBLISHER:
        report.publisher = _shorten(publisher, MAX_PUBLISHER)
    return report


def _record_date(value: Any, today: date, problems: list[str]) -> Optional[date]:
    """A full date from ``YYYY-MM-DD`` or an ISO 8601 timestamp (taken in UTC)."""
    if not isinstance(value, str):
        problems.append(f"date: expected a date as text, YYYY-MM-DD, got {_json_kind(value)}")
        return None
    text = value.strip()
    day: Optional[date] = None
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
        elif len(text) > 10 and text[10] in "T ":
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is not None:
                moment = moment.astimezone(timezone.utc)
            day = moment.date()
    except ValueError:
        day = None
    if day is None:
        problems.append(f"date: '{text[:40]}' is not a date (write YYYY-MM-DD, e.g. 2024-03-12)")
        return None
    if day > today:
        problems.append(f"date: {day.isoformat()} is in the future")
        return None
    return day


def _language_tag(text: str) -> str:
    """``EN`` → ``en``, ``pt-br`` → ``pt-BR``: BCP 47's customary case."""
    parts = text.replace("_", "-").split("-")
    return "-".join([parts[0].lower()] + [p.upper() if len(p) == 2 else p for p in parts[1:]])


#: The line breaks YAML and browsers honour besides \n, as what the importer makes of them.
_ODD_BREAKS = {0x85: "\n", 0x2028: "\n", 0x2029: "\n\n"}


def _visible(text: str) -> str:
    """``text`` without the characters no archive text may hold (archive.format.rules.UNSEEN_CHARACTERS):
    odd line breaks become line breaks; bidi controls and zero-width characters go (published
    reports carry them by accident, e.g. a zero-width space before a headline)."""
    return UNSEEN_CHARACTERS.sub("", text.translate(_ODD_BREAKS))


def _one_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", _visible(text)).split())


def _clean_body(text: str) -> str:
    """The report's text with control characters gone, line ends unified, blank runs collapsed,
    and ``<`` written as ``&lt;``: a report is text, and markup in it would be refused by the
    check (archive.read.markup) or read as HTML by Markdown."""
    text = _visible(text.replace("\r\n", "\n").replace("\r", "\n")).replace("<", "&lt;")
    text = _CONTROL.sub("", text.replace("\t", "    "))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _MANY_BLANK_LINES.sub("\n\n", text).strip("\n")


def _shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis."""
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "…"


def guess_language(text: str) -> Optional[str]:
    """``uk``, ``ru``, ``pl`` or ``en`` from the letters of ``text``; ``None`` when unsure.

    Only a guess for .txt reports, marked as such in the draft: Ukrainian and Russian are told
    apart by the letters only one of them has (і ї є ґ / ы э ъ ё).
    """
    sample = text[:20_000]
    cyrillic = sum(1 for ch in sample if "\u0400" <= ch <= "\u04ff")
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    if cyrillic > latin:
        lower = sample.lower()
        ukrainian = sum(lower.count(ch) for ch in "іїєґ")
        russian = sum(lower.count(ch) for ch in "ыэъё")
        if ukrainian > russian:
            return "uk"
        if russian > ukrainian:
            return "ru"
        return None
    if latin == 0:
        return None
    return "pl" if len(_POLISH.findall(sample)) * 200 > latin else "en"


# --------------------------------------------------------------------------------------------
# Writing drafts


def render_draft(report: Report, detection: Detection, gazetteer: Gazetteer, *, modeline_text: str, shown_path: str) -> str:
    """The draft article for ``report``: front matter with what was found, then the report's text."""
    lines = [
        "---",
        modeline_text,
        f"# A DRAFT imported by `archive import` from {Path(report.source).name}{f':{report.line}' if report.line else ''}.",
        "# Review every field, replace the imported text below with the archive's own summary,",
        f"# then remove `draft: true`. `archive check {shown_path}` lists what it still lacks.",
        _with_note(f"title: {yaml_scalar(report.title)}", report.notes.get("title")),
    ]
    if report.headline:
        lines.append(f"title_original: {yaml_scalar(report.headline)}")
    lines.append(_with_note(f"date: {yaml_scalar(report.date)}", report.notes.get("date")))
    if report.language:
        lines.append(_with_note(f"language: {yaml_scalar(report.language)}", report.notes.get("language")))
    lines.append("draft: true")
    lines.append("# Detected in the report's text, most mentioned first: keep what the report is about,")
    lines.append("# delete what it only mentions in passing.")
    lines += _id_list("regions", detection.regions, gazetteer, required=True)
    if detection.also_mentioned:
        also = ", ".join(f"{f.id} ({f.mentions})" for f in detection.also_mentioned)
        lines.append(f"# Also mentioned (countries of the regions above): {also}")
    lines += _id_list("places", detection.places, gazetteer, required=False)
    lines += _id_list("actors", detection.actors, gazetteer, required=True)
    lines += _sources(report)
    lines += ["---", "", _IMPORTED_TEXT_NOTE, ""]
    if report.body.strip():
        lines += [f"> {line}" if line else ">" for line in report.body.split("\n")]
    lines.append("")
    return "\n".join(lines)


_IMPORTED_TEXT_NOTE = (
    "<!-- The report's text as imported, kept while this draft is written. Replace it with the\n"
    "archive's own summary: facts, figures, names and dates, quoting only where needed. -->"
)


def _with_note(line: str, note: Optional[str]) -> str:
    return f"{line}  # {note}" if note else line


def _id_list(section: str, found: list[Found], gazetteer: Gazetteer, *, required: bool) -> list[str]:
    if not found:
        if not required:
            return [f"{section}:  # none detected"]
        return [f"{section}:  # none detected: add at least one id before publishing"]
    lines = [f"{section}:"]
    for item in found:
        lines.append(f"  - {item.id}  # {_describe(item, gazetteer)}")
    return lines


def _describe(item: Found, gazetteer: Gazetteer) -> str:
    """``Belgorod Oblast: 3 mentions ("Belgorod region", "Belgorod"); via Tetkino``."""
    parts = [item.name]
    if item.mentions:
        noun = "mention" if item.mentions == 1 else "mentions"
        spellings = ", ".join(f'"{s}"' for s in item.spellings)
        parts.append(f": {item.mentions} {noun} ({spellings})")
    if item.via:
        names = ", ".join(gazetteer.name(p) for p in item.via)
        parts.append(f"{';' if item.mentions else ':'} via {names}")
    return "".join(parts)


def _sources(report: Report) -> list[str]:
    headline = report.headline or report.title
    if report.url is None:
        lines = ["# REQUIRED before publishing: the report's link was not part of the import."]
        lines.append("sources:" + ("" if not report.publisher else f"  # published by {report.publisher}; add its url"))
        return lines
    lines = [
        "sources:",
        f"  - publisher: {yaml_scalar(report.publisher)}",
        f"    url: {yaml_scalar(report.url)}",
        f"    title: {yaml_scalar(headline)}",
    ]
    if report.language:
        lines.append(f"    language: {yaml_scalar(report.language)}")
    return lines


__all__ = [
    "Duplicate",
    "ImportOptions",
    "ImportResult",
    "Failure",
    "Report",
    "Written",
    "draft_errors",
    "draft_id",
    "guess_language",
    "import_reports",
    "input_files",
    "not_a_draft",
    "read_reports",
    "render_draft",
    "report_identity",
]
