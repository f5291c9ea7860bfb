"""Building records from values that are plainly valid, without the reporting walk.

Most articles in a large archive are valid. For them, :class:`~archive.read.reader.RecordReader`'s
walk (a key path for every value, a method per type, a message ready for every fault) is work
done for messages that are never written: about half the time of ``archive check``.

An *acceptor* is a small function, made once per field type of ``archive.format.spec``, that returns
the value converted exactly as the reader would convert it, or :data:`REJECT` at the first
thing that is not plainly right. It applies the format's rules (:mod:`archive.format.rules`),
the very functions the reader applies; it only checks what a value is more strictly. Like the fast YAML loader it is a shortcut, never the judge: an
article it rejects is read again by the reader, which reports every problem with its line and
column. So acceptors only have to be strict, never helpful: when in doubt, reject.
``tests/core/test_acceptors.py`` checks that both build equal records on the sample, on a
generated archive and on thousands of mutations of the seed article, and that the faults of
the bad-input corpus are rejected.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, Optional, Protocol

from archive.format import spec
from archive.format.rules import (
    as_day,
    choice_word,
    day_problem,
    fuzzy_date_problem,
    has_repeats,
    list_lengths,
    mixed_script_problem,
    number_problem,
    parse_fuzzy_date,
    text_problem,
)
from archive.format.urls import check_web_url
from archive.read.reader import Resolver

#: What an acceptor returns for a value it will not vouch for.
REJECT: Any = object()

Acceptor = Callable[[Any], Any]


class RecordAcceptor(Protocol):
    """A record's acceptor: a mapping's record (plus ``fixed`` attributes), or :data:`REJECT`."""

    def __call__(self, raw: dict[str, Any], fixed: Optional[dict[str, Any]] = None) -> Any: ...


class Acceptors:
    """The acceptors for one gazetteer and one day (ids must exist in it; dates not after it).

    Ids, statuses, dates and URLs repeat across thousands of articles: each acceptor of those
    remembers the values it accepted, so a repeated value costs one dictionary lookup.
    """

    def __init__(self, resolver: Resolver, today: date) -> None:
        self.resolver = resolver
        self.today = today
        self._made: dict[int, tuple[Any, Acceptor]] = {}
        self._made_records: dict[int, tuple[spec.Record, RecordAcceptor]] = {}

    def record(self, record: spec.Record, raw: Any, fixed: Optional[dict[str, Any]] = None) -> Any:
        """``record.cls`` built from ``raw`` (plus ``fixed`` attributes), or :data:`REJECT`."""
        if type(raw) is not dict:
            return REJECT
        return self._record_acceptor(record)(raw, fixed)

    # -- making acceptors ---------------------------------------------------------------------

    def for_type(self, kind: Any) -> Acceptor:
        """The acceptor of a field type, made on first use."""
        made = self._made.get(id(kind))
        if made is None:
            # The type is kept alongside, so its id cannot be reused by another object.
            made = (kind, _MAKERS[type(kind)](self, kind))
            self._made[id(kind)] = made
        return made[1]

    def _record_acceptor(self, record: spec.Record) -> RecordAcceptor:
        made = self._made_records.get(id(record))
        if made is None:
            made = (record, _record(self, record))
            self._made_records[id(record)] = made
        return made[1]


def _record(acceptors: Acceptors, record: spec.Record) -> RecordAcceptor:
    by_name = {f.name: acceptors.for_type(f.type) for f in record.fields}
    required = frozenset(f.name for f in record.fields if f.required)
    cls = record.cls

    def accept(raw: dict[str, Any], fixed: Optional[dict[str, Any]] = None) -> Any:
        if type(raw) is not dict:
            return REJECT
        built = dict(fixed) if fixed else {}
        for name, value in raw.items():
            accept_field = by_name.get(name)
            if accept_field is None:  # an unknown key
                return REJECT
            if value is None:  # an empty value: left out, as the reader does, unless required
                if name in required:
                    return REJECT
                continue
            converted = accept_field(value)
            if converted is REJECT:
                return REJECT
            built[name] = converted
        if not required <= built.keys():
            return REJECT
        return cls(**built)

    return accept


def _nested(acceptors: Acceptors, kind: spec.Nested) -> Acceptor:
    return acceptors._record_acceptor(kind.record)  # (it rejects what is not a mapping)


def _text(acceptors: Acceptors, kind: spec.Text) -> Acceptor:
    name = kind.name

    def accept(raw: Any) -> Any:
        if type(raw) is not str:
            return REJECT
        text = raw.strip()
        if text_problem(kind, text, raw):
            return REJECT
        # A name mixing scripts is a warning the reader must report: rejected too.
        if name and not text.isascii() and mixed_script_problem(text):
            return REJECT
        return text

    return accept


#: How many accepted values one acceptor remembers before it starts again.
MEMO_LIMIT = 100_000


def _remembering(check: Callable[[str], Any]) -> Acceptor:
    """An acceptor of strings that remembers what ``check`` accepted (values that repeat)."""
    accepted: dict[str, Any] = {}

    def accept(raw: Any) -> Any:
        if type(raw) is not str:
            return REJECT
        value = accepted.get(raw)
        if value is None:
            value = check(raw)
            if value is not REJECT:
                if len(accepted) >= MEMO_LIMIT:
                    accepted.clear()
                accepted[raw] = value
        return value

    return accept


def _ref(acceptors: Acceptors, kind: spec.Ref) -> Acceptor:
    kinds, kind_of = kind.kinds, acceptors.resolver.kind_of

    def check(raw: str) -> Any:
        entity_id = raw.strip()
        return entity_id if kind_of(entity_id) in kinds else REJECT

    return _remembering(check)


def _choice(acceptors: Acceptors, kind: spec.Choice) -> Acceptor:
    # What the rule makes of each word and of YAML's booleans, worked out once: a value written
    # as the vocabulary writes it costs one lookup.
    known = {raw: choice_word(kind, raw) for raw in (*kind.vocabulary, True, False)}

    def accept(raw: Any) -> Any:
        if type(raw) is str or type(raw) is bool:  # (so 1 is not taken for True)
            word = known.get(raw) or choice_word(kind, raw)
            return REJECT if word is None else word
        return REJECT

    return accept


def _fulldate(acceptors: Acceptors, kind: spec.FullDate) -> Acceptor:
    today = acceptors.today

    def check(raw: str) -> Any:
        day = as_day(raw)
        return REJECT if day is None or day_problem(kind, day, today) else day

    return _remembering(check)


def _fuzzydate(acceptors: Acceptors, kind: spec.FuzzyDate) -> Acceptor:
    today, as_text = acceptors.today, kind.as_text

    def check(raw: str) -> Any:
        parsed = parse_fuzzy_date(raw)
        if parsed is None or fuzzy_date_problem(kind, parsed, today):
            return REJECT
        return parsed.text if as_text else parsed

    return _remembering(check)


def _url(acceptors: Acceptors, kind: spec.Url) -> Acceptor:
    def check(raw: str) -> Any:
        # A warning (a host mixing scripts) is a problem the reader must report: rejected too.
        verdict = check_web_url(raw)
        return REJECT if verdict.error or verdict.warning else raw

    return _remembering(check)


def _number(acceptors: Acceptors, kind: spec.Number) -> Acceptor:
    def accept(raw: Any) -> Any:
        if type(raw) is int or type(raw) is float:
            return REJECT if number_problem(kind, raw) else raw
        return REJECT

    return accept


def _boolean(acceptors: Acceptors, kind: spec.Boolean) -> Acceptor:
    def accept(raw: Any) -> Any:
        return raw if type(raw) is bool else REJECT

    return accept


def _list_of(acceptors: Acceptors, kind: spec.ListOf) -> Acceptor:
    accept_item = acceptors.for_type(kind.item)
    unique, lengths = kind.unique, list_lengths(kind)

    def accept(raw: Any) -> Any:
        if type(raw) is not list or len(raw) not in lengths:
            return REJECT
        items = []
        for item in raw:
            converted = accept_item(item)
            if converted is REJECT:
                return REJECT
            items.append(converted)
        if unique and has_repeats(items):
            return REJECT
        return items

    return accept


def _names(acceptors: Acceptors, kind: spec.Names) -> Acceptor:
    accept_name = _text(acceptors, spec.NAME)
    languages = frozenset(kind.languages)

    def accept(raw: Any) -> Any:
        if type(raw) is not dict or "en" not in raw:
            return REJECT
        names = {}
        for language, name in raw.items():
            if language not in languages:  # (another language draws a warning: the reader's)
                return REJECT
            converted = accept_name(name)
            if converted is REJECT:
                return REJECT
            names[language] = converted
        return names

    return accept


_MAKERS: dict[type, Callable[[Acceptors, Any], Acceptor]] = {
    spec.Text: _text,
    spec.FullDate: _fulldate,
    spec.FuzzyDate: _fuzzydate,
    spec.Url: _url,
    spec.Number: _number,
    spec.Boolean: _boolean,
    spec.Choice: _choice,
    spec.Ref: _ref,
    spec.ListOf: _list_of,
    spec.Names: _names,
    spec.Nested: _nested,
}


_RECENT: list[Acceptors] = []


def acceptors_for(resolver: Resolver, today: date) -> Acceptors:
    """The acceptors of this gazetteer and day, kept for the next file (the last few are kept)."""
    for made in _RECENT:
        if made.resolver is resolver and made.today == today:
            return made
    made = Acceptors(resolver, today)
    _RECENT.insert(0, made)
    del _RECENT[4:]
    return made
