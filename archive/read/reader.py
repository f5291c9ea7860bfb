"""Checking values against the declarations of ``archive.format.spec`` and building records.

:class:`RecordReader` walks one file's values with the :class:`~archive.format.spec.Record` that
describes them. Every problem goes to the log with the file, line, column and key path; a
field with a bad value is left out, and a record missing a required field is not built, but
the walk always goes on, so all of a file's problems are reported in one run.

Articles that are plainly valid (most of them) are built by the faster acceptors of
``archive.read.accept`` instead; this reader is the judge of everything they reject.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Optional, Protocol

from archive.format import model, spec, vocabulary
from archive.format.urls import check_web_url, mixed_scripts
from archive.names.suggest import close_matches, did_you_mean
from archive.read.problems import ProblemLog, Severity
from archive.read.source import OverlongNumber, PathKey, YamlDocument


class Resolver(Protocol):
    """What the reader needs from the gazetteer to check ids."""

    def kind_of(self, entity_id: str) -> Optional[str]: ...

    def suggest(self, text: str, kinds: tuple[str, ...]) -> list[str]: ...


def key_path(path: tuple[PathKey, ...]) -> str:
    """``('claims', 0, 'figures', 1, 'value')`` → ``claims[0].figures[1].value``."""
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += ("." if out else "") + step
    return out


def kind_of_value(value: Any) -> str:
    """How a contributor would name what they wrote, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true/false)"
    if isinstance(value, int) and value.bit_length() > _LONGEST_SHOWN_INT_BITS:
        return number_text(value)
    if isinstance(value, (int, float)):
        return f"the number {number_text(value)}"
    if isinstance(value, OverlongNumber):
        return f"a number of {value.digits:,} digits"
    if isinstance(value, datetime):
        return "a date with a time"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{shown}'"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


#: A file lists at most this many problems: a contributor fixes the first ones and checks again,
#: and placing and explaining thousands (a did-you-mean each) would cost seconds per file.
MAX_PROBLEMS_PER_FILE = 100


class RecordReader:
    """Validates the values of one file and builds its records."""

    def __init__(
        self,
        path: str,
        document: YamlDocument,
        log: ProblemLog,
        resolver: Resolver,
        today: date,
        *,
        lenient: bool = False,
    ) -> None:
        self.path = path
        self.document = document
        self.log = log
        self.resolver = resolver
        self.today = today
        #: Drafts: a missing required field is a warning, not an error.
        self.lenient = lenient
        self.error_count = 0
        #: Problems reported so far; past MAX_PROBLEMS_PER_FILE they are counted, not placed.
        self.reported = 0

    # -- reporting ---------------------------------------------------------------------------

    def report(
        self,
        severity: Severity,
        path: tuple[PathKey, ...],
        message: str,
        hint: str = "",
        *,
        at_key: bool = False,
    ) -> None:
        if severity is Severity.ERROR:
            self.error_count += 1
        self.reported += 1
        if self.reported > MAX_PROBLEMS_PER_FILE:
            if self.reported == MAX_PROBLEMS_PER_FILE + 1:
                line, column = self.document.position(path, key=at_key)
                self.log.add(
                    self.path,
                    line,
                    column,
                    severity,
                    key_path(path),
                    f"more than {MAX_PROBLEMS_PER_FILE} problems in this file; the rest are not listed",
                    "fix these and check again",
                )
            return
        line, column = self.document.position(path, key=at_key)
        self.log.add(self.path, line, column, severity, key_path(path), message, hint)

    @property
    def saturated(self) -> bool:
        """Whether further problems go unlisted (so their hints need not be worked out)."""
        return self.reported >= MAX_PROBLEMS_PER_FILE

    def error(self, path: tuple[PathKey, ...], message: str, hint: str = "", *, at_key: bool = False) -> None:
        self.report(Severity.ERROR, path, message, hint, at_key=at_key)

    def warning(self, path: tuple[PathKey, ...], message: str, hint: str = "", *, at_key: bool = False) -> None:
        self.report(Severity.WARNING, path, message, hint, at_key=at_key)

    # -- records -----------------------------------------------------------------------------

    def record(
        self, record: spec.Record, value: Any, path: tuple[PathKey, ...], fixed: Optional[dict[str, Any]] = None
    ) -> Optional[Any]:
        """The record built from ``value``, or ``None`` if it is not a mapping or lacks a required field.

        ``fixed`` holds attributes that do not come from the file (an article's id and body).
        """
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping of {record.name} fields, got {kind_of_value(value)}", _mapping_hint(record))
            return None
        by_name, required = _field_table(record)
        if not by_name.keys() >= value.keys():
            self._unknown_keys(record, value, path)
        built: dict[str, Any] = dict(fixed) if fixed else {}
        complete = True
        for name, raw in value.items():
            field = by_name.get(name)
            if field is None:
                continue
            if raw is None:
                if field.required:
                    complete = self._missing(record, field, path, present=True) and complete
                continue
            kind = field.type
            ok, converted = self.value(kind, raw, path + (name,))
            if ok:
                built[name] = converted
            elif field.required:
                complete = False
        for field in required:
            if field.name not in value:
                complete = self._missing(record, field, path, present=False) and complete
        if not complete:
            return None
        return record.cls(**built)

    def _unknown_keys(self, record: spec.Record, value: dict, path: tuple[PathKey, ...]) -> None:
        known = _field_table(record)[0]
        for key in value:
            if key not in known:
                hint = "" if self.saturated else did_you_mean(close_matches(str(key), known, n=1, cutoff=0.6))
                if not hint:
                    hint = "allowed: " + ", ".join(sorted(known))
                self.error(path + (key,), f"unknown field '{key}' in {_a(record.name)}", hint, at_key=True)

    def _missing(self, record: spec.Record, field: spec.Field, path: tuple[PathKey, ...], *, present: bool) -> bool:
        """Report a missing required field; True when the record can still be built (drafts)."""
        message = f"'{field.name}' is empty" if present else f"'{field.name}' is required in {_a(record.name)}"
        hint = field.doc
        where = path + (field.name,) if present else path
        if self.lenient and record is spec.ARTICLE and field.name not in ("title", "date"):
            self.warning(where, message + " (this draft must have it before it is published)", hint)
            return True
        self.error(where, message, hint)
        return False

    # -- values ------------------------------------------------------------------------------

    def value(self, kind: Any, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        """Check ``raw`` against a field type; returns (ok, converted value)."""
        return _DISPATCH[type(kind)](self, kind, raw, path)

    def _text(self, kind: spec.Text, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        if not isinstance(raw, str):
            hint = "put the value in quotes" if isinstance(raw, (int, float, date, OverlongNumber)) else ""
            self.error(path, f"expected text, got {kind_of_value(raw)}", hint)
            return False, None
        text = raw.strip()
        problem = text_problem(kind, text, raw)
        if problem:
            self.error(path, *problem)
            return False, None
        if kind.name:
            warning = mixed_script_problem(text)
            if warning:
                self.warning(path, *warning)
        return True, text

    def _fulldate(self, kind: spec.FullDate, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        day = as_day(raw)
        if day is None:
            self.error(path, _date_problem(raw), "write a full date as YYYY-MM-DD, e.g. 2024-03-12")
            return False, None
        if kind.not_future and day > self.today:
            self.error(path, f"{day.isoformat()} is in the future", "a report cannot be dated after today")
            return False, None
        return True, day

    def _fuzzydate(self, kind: spec.FuzzyDate, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        parsed = parse_fuzzy_date(raw)
        if parsed is None:
            self.error(
                path,
                _date_problem(raw, fuzzy=True),
                "write 2024-03-12, 2024-03, 2024, or a range 2024-03-12/2024-03-14",
            )
            return False, None
        if parsed.start > self.today:
            self.error(path, f"{parsed.text} is in the future")
            return False, None
        return True, parsed.text if kind.as_text else parsed

    def _url(self, kind: spec.Url, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        if not isinstance(raw, str):
            self.error(path, f"expected a URL, got {kind_of_value(raw)}")
            return False, None
        # Not stripped: YAML strips plain values already, so spaces around a URL were quoted
        # on purpose, and the URL is refused for them like any URL with spaces.
        verdict = check_web_url(raw)
        if verdict.error:
            scheme = raw[:8].lower()
            hint = "" if scheme.startswith(("http://", "https://")) else "links must start with https:// or http://"
            self.error(path, verdict.error, hint)
            return False, None
        if verdict.warning:
            self.warning(path, verdict.warning, "check that the link goes to the site it names")
        return True, raw

    def _number(self, kind: spec.Number, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        if isinstance(raw, OverlongNumber):
            limit = f"at most {kind.max_digits} are allowed here" if kind.max_digits else "no number here is that long"
            self.error(path, f"the number is written with {raw.digits:,} digits; {limit}", kind.help)
            return False, None
        if isinstance(raw, bool) or not isinstance(raw, (int, float)):
            hint = "a figure's value is a number; put words in the claim or a note"
            if isinstance(raw, str) and _looks_numeric(raw):
                hint = "write the number without quotes or spaces"
            self.error(path, f"expected a number, got {kind_of_value(raw)}", hint)
            return False, None
        if isinstance(raw, float) and not math.isfinite(raw):
            self.error(path, "must be a finite number", kind.help)
            return False, None
        problem = number_problem(kind, raw)
        if problem:
            self.error(path, *problem)
            return False, None
        return True, raw

    def _boolean(self, kind: spec.Boolean, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        if not isinstance(raw, bool):
            self.error(path, f"expected true or false, got {kind_of_value(raw)}")
            return False, None
        return True, raw

    def _choice(self, kind: spec.Choice, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        allowed = kind.vocabulary
        if isinstance(raw, bool):  # `status: false` is YAML's false; the vocabulary means the word
            raw = str(raw).lower()
        if isinstance(raw, str) and raw.strip() in allowed:
            return True, raw.strip()
        guess = close_matches(str(raw).strip().lower(), allowed, n=1, cutoff=0.6) if isinstance(raw, str) else []
        hint = did_you_mean(guess) or ""
        hint = (hint + " " if hint else "") + "allowed: " + vocabulary.describe(allowed)
        self.error(path, f"{kind_of_value(raw)} is not an allowed value", hint)
        return False, None

    def _ref(self, kind: spec.Ref, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        wanted = " or ".join(kind.kinds)
        if not isinstance(raw, str):
            self.error(path, f"expected {_a(wanted)} id, got {kind_of_value(raw)}")
            return False, None
        entity_id = raw.strip()
        found = self.resolver.kind_of(entity_id)
        if found in kind.kinds:
            return True, entity_id
        if found is not None:
            self.error(path, f"'{entity_id}' is {_a(found)}, not {_a(wanted)}", _where_it_goes(found))
            return False, None
        hint = "" if self.saturated else did_you_mean(self.resolver.suggest(entity_id, kind.kinds))
        hint = hint or f"add it to the gazetteer (content/gazetteer/) or use an existing {wanted} id"
        self.error(path, f"unknown {wanted} id '{entity_id}'", hint)
        return False, None

    def _listof(self, kind: spec.ListOf, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        if not isinstance(raw, list):
            if isinstance(raw, (str, dict)):
                hint = "write a list: [a, b] or one '- item' per line"
                self.error(path, f"expected a list, got {kind_of_value(raw)}", hint)
            else:
                self.error(path, f"expected a list, got {kind_of_value(raw)}")
            return False, None
        if len(raw) < kind.min_items:
            self.error(path, f"needs at least {kind.min_items} item{'s' if kind.min_items > 1 else ''}")
            return False, None
        if len(raw) > kind.max_items:
            self.error(path, f"has {len(raw)} items; the limit is {kind.max_items}")
            return False, None
        items = []
        seen: set[Any] = set()
        for index, item in enumerate(raw):
            if item is None:
                self.error(path + (index,), "is empty", "remove the empty '-' line")
                continue
            ok, converted = self.value(kind.item, item, path + (index,))
            if not ok or converted is None:
                continue
            if kind.unique and isinstance(converted, str):
                if converted in seen:
                    self.error(path + (index,), f"'{converted}' is listed twice")
                    continue
                seen.add(converted)
            items.append(converted)
        if kind.min_items and not items:
            return False, None
        return True, items

    def _names(self, kind: spec.Names, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        if not isinstance(raw, dict):
            self.error(path, f"expected names by language ({{en: ..., uk: ..., ru: ...}}), got {kind_of_value(raw)}")
            return False, None
        names: dict[str, str] = {}
        for language, name in raw.items():
            if not isinstance(language, str) or not spec.LANGUAGE_TAG.match(language):
                self.error(path + (language,), f"'{language}' is not a language code", "use en, uk, ru", at_key=True)
                continue
            ok, text = self._text(spec.NAME, name, path + (language,))
            if ok:
                names[language] = text
        if "en" not in names:
            if "en" not in raw:
                self.error(path, "an English name (en) is required", "names: {en: ..., uk: ..., ru: ...}")
            return False, None
        return True, names

    def _nested(self, kind: spec.Nested, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        built = self.record(kind.record, raw, path)
        return built is not None, built


#: Field type → the reader method that checks it (a dict, not getattr, on the hot path).
_DISPATCH: dict[type, Callable[[RecordReader, Any, Any, tuple[PathKey, ...]], tuple[bool, Any]]] = {
    spec.Text: RecordReader._text,
    spec.FullDate: RecordReader._fulldate,
    spec.FuzzyDate: RecordReader._fuzzydate,
    spec.Url: RecordReader._url,
    spec.Number: RecordReader._number,
    spec.Boolean: RecordReader._boolean,
    spec.Choice: RecordReader._choice,
    spec.Ref: RecordReader._ref,
    spec.ListOf: RecordReader._listof,
    spec.Names: RecordReader._names,
    spec.Nested: RecordReader._nested,
}

_FIELD_TABLES: dict[int, tuple[dict[str, spec.Field], tuple[spec.Field, ...]]] = {}


def _field_table(record: spec.Record) -> tuple[dict[str, spec.Field], tuple[spec.Field, ...]]:
    """The record's fields by name, and its required fields (computed once per record)."""
    table = _FIELD_TABLES.get(id(record))
    if table is None:
        constructor = {f.name for f in dataclass_fields(record.cls)}
        missing = [f.name for f in record.fields if f.name not in constructor]
        if missing:  # a programming error in spec.py, caught on first use
            raise TypeError(f"{record.cls.__name__} has no attribute for {missing}")
        table = ({f.name: f for f in record.fields}, tuple(f for f in record.fields if f.required))
        _FIELD_TABLES[id(record)] = table
    return table


# --------------------------------------------------------------------------------------------
# Helpers shared with the article and gazetteer checks


def text_problem(kind: spec.Text, text: str, raw: Optional[str] = None) -> Optional[tuple[str, str]]:
    """Why the (stripped) ``text`` does not fit ``kind``, with a hint; ``None`` if it does.

    ``raw`` is the value before stripping, when there was one: a line separator at its end is
    refused too, though stripping would drop it.
    """
    if not text:
        return "is empty", ""
    if len(text) > kind.max_length:
        return f"is {len(text):,} characters long; the limit is {kind.max_length:,}", ""
    whole = text if raw is None else raw
    if not whole.isascii():
        problem = unseen_character_problem(whole)
        if problem:
            return problem
    if kind.single_line and "\n" in text:
        return "must be a single line", "remove the line breaks"
    if kind.pattern is not None and not kind.pattern.match(text):
        return f"'{text}' is not valid here", f"use {kind.pattern_help}"
    return None


#: Characters that are not seen, or that change how the text around them is seen: bidirectional
#: controls (embeddings, overrides, isolates, marks), zero-width characters (spaces, joiners, the
#: word joiner and the byte-order mark), and the line breaks other than \n that YAML or a
#: browser may honour (next line, line and paragraph separators). No text field may hold one;
#: code that writes text into the archive (the importer) can remove them with this expression.
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_OTHER_BREAKS = "\u0085\u2028\u2029"
UNSEEN_CHARACTERS = re.compile(f"[{_BIDI_CONTROLS}{_ZERO_WIDTH}{_OTHER_BREAKS}]")


def unseen_character_problem(text: str) -> Optional[tuple[str, str]]:
    """The first invisible character, bidirectional control or odd line break in ``text``, said
    by code point and name, with a hint; ``None`` when there is none."""
    match = UNSEEN_CHARACTERS.search(text)
    if match is None:
        return None
    char = match.group()
    count = len(UNSEEN_CHARACTERS.findall(text))
    more = f" and {count - 1} more such character{'s' if count > 2 else ''}" if count > 1 else ""
    where = f"{describe_character(char)} at character {match.start() + 1}{more}"
    if char in _BIDI_CONTROLS:
        return (
            f"contains {where}: a bidirectional control, which changes the order in which text is shown",
            "delete it; text in a right-to-left script shows in its order without controls",
        )
    if char in _ZERO_WIDTH:
        return (
            f"contains {where}: an invisible character",
            "delete it; with it, a word looks the same as without but matches no search",
        )
    return (
        f"contains {where}: a line break that many programs do not show",
        "delete it; where a field may have several lines, start a new line as usual",
    )


def describe_character(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``; ``U+0085 NEXT LINE (NEL)``, which has no name of its own."""
    name = unicodedata.name(char, "") or {"\u0085": "NEXT LINE (NEL)"}.get(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


def mixed_script_problem(text: str) -> Optional[tuple[str, str]]:
    """A warning for the first word of ``text`` that mixes scripts (Latin with Cyrillic, say),
    naming the letters that stand out, with a hint; ``None`` when no word does (see
    :func:`archive.format.urls.mixed_scripts`). Words are runs of letters and marks."""
    for word in _WORD.findall(text):
        if word.isascii() or _ONE_SCRIPT.fullmatch(word):
            continue
        scripts, letters = mixed_scripts(word)
        if scripts:
            shown = ", ".join(f"{c} U+{ord(c):04X}" for c in letters[:6]) + (", ..." if len(letters) > 6 else "")
            together = " and ".join([", ".join(scripts[:-1]), scripts[-1]])
            return (
                f"'{word}' mixes {together} letters ({shown})",
                "retype the word in one script: look-alike letters make a name that no search finds",
            )
    return None


#: A word: a run of letters and combining marks (of the common block; others split a word, which
#: only makes a mix in such decomposed text go unseen).
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
#: A word wholly in the Latin, the Cyrillic or the Greek letters of their main blocks: it mixes
#: no scripts, and most names are such words, so :func:`mixed_scripts` (a Unicode name looked up
#: for every letter) is spared them.
_ONE_SCRIPT = re.compile(
    r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u0300-\u036f]+"
    r"|[\u0400-\u052f\u0300-\u036f]+"
    r"|[\u0370-\u03ff\u1f00-\u1fff\u0300-\u036f]+"
)


def number_problem(kind: spec.Number, value: int | float) -> Optional[tuple[str, str]]:
    """Why ``value`` (an int, or a finite float) does not fit ``kind``, with a hint; ``None`` if it does."""
    if kind.minimum is not None and value < kind.minimum:
        return f"{number_text(value)} is below the minimum of {_bound(kind.minimum)}", kind.help
    if kind.maximum is not None and value > kind.maximum:
        return f"{number_text(value)} is above the maximum of {_bound(kind.maximum)}", kind.help
    limit = kind.max_digits
    if limit is not None and (type(value) is not int or not -(10**limit) < value < 10**limit):
        digits = digit_count(value)
        if digits > limit:
            hint = f"round it; {kind.help}" if kind.help else "round it"
            return f"{number_text(value)} is written with {digits} digits; at most {limit} are allowed here", hint
    return None


#: An integer with more bits than this is described by its size, never converted to text (Python
#: refuses to convert more than 4,300 digits, and the time grows with the square of the length).
_LONGEST_SHOWN_INT_BITS = 4_000


def digit_count(value: int | float) -> int:
    """The digits of ``value`` in plain decimal notation, leading zeros of the whole part not
    counted: ``1200`` 4, ``50.46`` 4, ``0.125`` 3, ``1e-07`` 7 (``0.0000001``). A float counts as
    its shortest exact form (``repr``), the digits a person would have written."""
    if isinstance(value, int):
        magnitude = abs(value)
        if magnitude.bit_length() > _LONGEST_SHOWN_INT_BITS:
            return int(magnitude.bit_length() * math.log10(2)) + 1  # (at most one too few)
        return len(str(magnitude))
    _, digits, exponent = Decimal(repr(abs(value))).normalize().as_tuple()
    assert isinstance(exponent, int)  # a finite number
    if exponent >= 0:
        return len(digits) + exponent if digits != (0,) else 1
    return max(len(digits) + exponent, 0) + -exponent


def _bound(value: float) -> str:
    """A declared limit, with thousands separated: ``1,000,000,000,000``."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def number_text(value: int | float) -> str:
    """A number as a person would write it in a message: ``-5``, ``999``, ``1e+300``, and an
    integer of hundreds of digits by its first ones and its length, never all of them."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if abs(value) < 10**20:
        return str(value)
    digits = digit_count(value)
    if abs(value).bit_length() > _LONGEST_SHOWN_INT_BITS:
        return f"a number of about {digits:,} digits"
    return f"{str(value)[:12]}... ({digits:,} digits)"


def url_problem(url: str) -> str:
    """Why ``url`` is not an acceptable http(s) link, or ``""`` (see :func:`archive.format.urls.check_web_url`).

    Kept for the modules that only need the refusal; a warning (a host mixing scripts) is not a
    refusal, so callers that show problems to a person should use ``check_web_url`` itself.
    """
    return check_web_url(url).error


def as_day(raw: Any) -> Optional[date]:
    """A calendar day from a date or a ``YYYY-MM-DD`` string; ``None`` for anything else."""
    if isinstance(raw, datetime):
        return None
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str) and len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return None
    return None


def _date_problem(raw: Any, *, fuzzy: bool = False) -> str:
    if isinstance(raw, str) and len(raw) == 10 and raw[4:5] == "-" and raw[7:8] == "-":
        return f"'{raw}' is not a real date"
    if isinstance(raw, datetime):
        return "expected a date without a time"
    what = "a date" if not fuzzy else "a date, month, year or range"
    return f"expected {what}, got {kind_of_value(raw)}"


def parse_fuzzy_date(raw: Any) -> Optional[model.FuzzyDate]:
    """EDTF level 0 as the data model uses it: a day, a month, a year, or ``start/end``."""
    if isinstance(raw, datetime):
        return None
    if isinstance(raw, date):
        return model.FuzzyDate(raw, raw, raw.isoformat(), "day")
    if isinstance(raw, int) and not isinstance(raw, bool) and 1000 <= raw <= 9999:
        raw = str(raw)
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = _parse_point(first), _parse_point(last)
        if start is None or end is None or start[0] > end[1]:
            return None
        return model.FuzzyDate(start[0], end[1], text, "range")
    point = _parse_point(text)
    if point is None:
        return None
    precision = {10: "day", 7: "month", 4: "year"}[len(text)]
    return model.FuzzyDate(point[0], point[1], text, precision)


def _parse_point(text: str) -> Optional[tuple[date, date]]:
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return day, day
        if len(text) == 7 and text[4] == "-":
            year, month = int(text[:4]), int(text[5:])
            first = date(year, month, 1)
            following = date(year + (month == 12), month % 12 + 1, 1)
            return first, date.fromordinal(following.toordinal() - 1)
        if len(text) == 4 and text.isdigit():
            year = int(text)
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    return None


def _looks_numeric(text: str) -> bool:
    return text.replace(",", "").replace(" ", "").replace(".", "", 1).isdigit()


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _where_it_goes(kind: str) -> str:
    return {
        "region": "list it under regions",
        "country": "list it under regions",
        "place": "list it under places",
        "actor": "list it under actors",
        "tag": "list it under tags",
    }.get(kind, "")


def _mapping_hint(record: spec.Record) -> str:
    required = [f.name for f in record.fields if f.required]
    return f"write it as 'key: value' lines with {', '.join(required)}" if required else ""
