"""Checking values against the declarations of ``archive.format.spec`` and building records.

:class:`RecordReader` walks one file's values with the :class:`~archive.format.spec.Record` that
describes them. Every problem goes to the log with the file, line, column and key path; a
field with a bad value is left out, and a record missing a required field is not built, but
the walk always goes on, so all of a file's problems are reported in one run.

What each value may be is the format's rule (:mod:`archive.format.rules`); this reader says
what was written instead, and where. Articles that are plainly valid (most of them) are built
by the faster acceptors of ``archive.read.accept`` instead, with the same rules; this reader is
the judge of everything they reject.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields as dataclass_fields
from datetime import date, datetime
from typing import Any, Optional, Protocol

from archive.format import rules, spec, vocabulary
from archive.format.layout import VOCABULARY_FILE
from archive.format.rules import LONGEST_SHOWN_INT_BITS, number_text
from archive.format.urls import check_web_url
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
    if isinstance(value, int) and value.bit_length() > LONGEST_SHOWN_INT_BITS:
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
#: Of which at most this many unknown ids get a did-you-mean from the gazetteer: each compares
#: the id with thousands of spellings (5 ms against 3,000 look-alike village names), and a
#: contributor fixes the first few and checks again.
MAX_SUGGESTIONS_PER_FILE = 20


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
        #: Did-you-means still to be worked out for unknown ids (MAX_SUGGESTIONS_PER_FILE).
        self.suggestions_left = MAX_SUGGESTIONS_PER_FILE

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
        problem = rules.text_problem(kind, text, raw)
        if problem:
            self.error(path, *problem)
            return False, None
        if kind.name:
            warning = rules.mixed_script_problem(text)
            if warning:
                self.warning(path, *warning)
        return True, text

    def _fulldate(self, kind: spec.FullDate, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        day = rules.as_day(raw)
        if day is None:
            self.error(path, _date_problem(raw), "write a full date as YYYY-MM-DD, e.g. 2024-03-12")
            return False, None
        problem = rules.day_problem(kind, day, self.today)
        if problem:
            self.error(path, *problem)
            return False, None
        return True, day

    def _fuzzydate(self, kind: spec.FuzzyDate, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        parsed = rules.parse_fuzzy_date(raw)
        if parsed is None:
            self.error(
                path,
                _date_problem(raw, fuzzy=True),
                "write 2024-03-12, 2024-03, 2024, or a range 2024-03-12/2024-03-14",
            )
            return False, None
        problem = rules.fuzzy_date_problem(kind, parsed, self.today)
        if problem:
            self.error(path, *problem)
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
        problem = rules.number_problem(kind, raw)
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
        word = rules.choice_word(kind, raw)
        if word is not None:
            return True, word
        allowed = kind.vocabulary
        if isinstance(raw, bool):  # named as the word it stands for
            raw = str(raw).lower()
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
        hint = ""
        if not self.saturated and self.suggestions_left > 0:
            self.suggestions_left -= 1
            hint = did_you_mean(self.resolver.suggest(entity_id, kind.kinds))
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
        problem = rules.list_length_problem(kind, len(raw))
        if problem:
            self.error(path, *problem)
            return False, None
        items = []
        seen = rules.Seen() if kind.unique else None
        for index, item in enumerate(raw):
            if item is None:
                self.error(path + (index,), "is empty", "remove the empty '-' line")
                continue
            ok, converted = self.value(kind.item, item, path + (index,))
            if not ok or converted is None:
                continue
            if seen is not None and seen.repeated(converted):
                if isinstance(converted, str):
                    self.error(path + (index,), f"'{converted}' is listed twice")
                else:
                    self.error(path + (index,), "is listed twice", "it is the same as an earlier item: remove one")
                continue
            items.append(converted)
        if kind.min_items and not items:
            return False, None
        return True, items

    def _names(self, kind: spec.Names, raw: Any, path: tuple[PathKey, ...]) -> tuple[bool, Any]:
        shape = "{" + ", ".join(f"{code}: ..." for code in kind.languages) + "}"
        if not isinstance(raw, dict):
            self.error(path, f"expected names by language ({shape}), got {kind_of_value(raw)}")
            return False, None
        names: dict[str, str] = {}
        for language, name in raw.items():
            if not isinstance(language, str) or not spec.LANGUAGE_TAG.match(language):
                self.error(
                    path + (language,), f"'{language}' is not a language code", f"use {', '.join(kind.languages)}", at_key=True
                )
                continue
            ok, text = self._text(spec.NAME, name, path + (language,))
            if ok:
                names[language] = text
                if language not in kind.languages:
                    self.warning(
                        path + (language,),
                        f"'{language}' is not one of the archive's name languages ({', '.join(kind.languages)})",
                        f"add it to name_languages in {VOCABULARY_FILE}, or write the name under aliases",
                        at_key=True,
                    )
        if "en" not in names:
            if "en" not in raw:
                self.error(path, "an English name (en) is required", f"names: {shape}")
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

#: The format's fuzzy-date rule, where the gazetteer's check has always found it.
parse_fuzzy_date = rules.parse_fuzzy_date


def _date_problem(raw: Any, *, fuzzy: bool = False) -> str:
    if isinstance(raw, str) and len(raw) == 10 and raw[4:5] == "-" and raw[7:8] == "-":
        return f"'{raw}' is not a real date"
    if isinstance(raw, datetime):
        return "expected a date without a time"
    what = "a date" if not fuzzy else "a date, month, year or range"
    return f"expected {what}, got {kind_of_value(raw)}"


def _looks_numeric(text: str) -> bool:
    return text.replace(",", "").replace(" ", "").replace(".", "", 1).isdigit()


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _where_it_goes(kind: str) -> str:
    """Where an article lists an id of ``kind``: the field the spec declares for it."""
    field = spec.ARTICLE.listing(kind)
    return f"list it under {field.name}" if field is not None else ""


def _mapping_hint(record: spec.Record) -> str:
    required = [f.name for f in record.fields if f.required]
    return f"write it as 'key: value' lines with {', '.join(required)}" if required else ""
