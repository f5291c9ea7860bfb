"""One rule, three judges: the reader, the acceptors (its fast path) and the JSON Schema.

For every record and every field of ``archive.format.spec``, values are made from the field's
own declaration, at the boundaries of each of its rules (a text at its limit and one over, a
number at its bounds, one past them and one digit too many, a list too short, too long or with
a repeat, each word of a vocabulary, a wrong type...). Each value is put into an otherwise valid
record (itself made from the spec) and:

- the acceptors either reject it or build exactly what the reader builds, with no problem;
- where JSON Schema can state the rule, the schema (``archive.outputs.schema.record_schema``)
  accepts it exactly when the reader reports no error.

Nothing here lists fields or limits: a new field, or a new limit, is covered as it is declared.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, Optional

import jsonschema
import pytest

from archive.format import model, spec
from archive.format.urls import MAX_URL_LENGTH
from archive.outputs.schema import record_schema
from archive.read.accept import REJECT, Acceptors
from archive.read.problems import ProblemLog
from archive.read.reader import RecordReader
from archive.read.source import YamlDocument

TODAY = date(2030, 1, 1)
ARTICLE_FIXED = {"id": "an-id", "path": "a/path.md", "body": "Text.\n", "body_line": 9}


@dataclass(frozen=True)
class Case:
    """A value for a field; ``schema`` is False where JSON Schema cannot state the rule it tests
    (spaces the reader strips, invisible characters, the digits of a number, the calendar...)."""

    value: Any
    schema: bool = True
    why: str = ""


class Gazetteer:
    """One entity of each kind (``<kind>-id``): what the reader, the acceptors and the schema need."""

    def __init__(self) -> None:
        self.entities = {f"{kind}-id": SimpleNamespace(id=f"{kind}-id", kind=kind) for kind in model.ENTITY_KINDS}

    def kind_of(self, entity_id: str) -> Optional[str]:
        entity = self.entities.get(entity_id)
        return entity.kind if entity is not None else None

    def suggest(self, text: str, kinds: tuple[str, ...]) -> list[str]:
        return []


GAZETTEER = Gazetteer()


# --------------------------------------------------------------------------------------------
# Values from the declarations


def cases(kind: Any) -> list[Case]:
    """Values for a field of type ``kind``, at and around each of its rules."""
    return _MAKERS[type(kind)](kind)


def _text(kind: spec.Text) -> list[Case]:
    limit = kind.max_length
    out = [
        Case("a"),
        Case("en"),
        Case("a" * limit, why="at the limit"),
        Case("a" * (limit + 1), why="one over the limit"),
        Case("", why="empty"),
        Case("a\nb", why="two lines"),
        Case("a-b"),
        Case("A B!"),
        Case("R\u0435uters", why="mixed scripts (a warning)"),
        Case("a\u200bb", schema=False, why="an invisible character"),
        Case("  a  ", schema=False, why="spaces the reader strips"),
        Case(5, why="a number"),
        Case(["a"], why="a list"),
        Case(True, why="a boolean"),
    ]
    return out


def _number(kind: spec.Number) -> list[Case]:
    low = kind.minimum if kind.minimum is not None else -1000
    high = kind.maximum if kind.maximum is not None else 1000
    out = [Case(low), Case(high), Case(low - 1), Case(high + 1), Case((low + high) / 2), Case(int((low + high) / 2))]
    out += [Case(1.5), Case("5"), Case(True), Case(None, schema=False), Case(10**30)]
    out += [Case(math.inf, schema=False), Case(math.nan, schema=False)]
    if kind.max_digits:
        digits = kind.max_digits
        out.append(Case(float("1." + "2" * (digits - 1)), why="as many digits as allowed"))
        out.append(Case(float("1." + "2" * digits), schema=False, why="one digit too many"))
    return out


def _boolean(kind: spec.Boolean) -> list[Case]:
    return [Case(True), Case(False), Case("yes"), Case(1)]


def _choice(kind: spec.Choice) -> list[Case]:
    out = [Case(word) for word in kind.vocabulary]
    out += [Case(True), Case(False), Case("no-such-word"), Case(3), Case(f" {next(iter(kind.vocabulary))} ", schema=False)]
    return out


def _ref(kind: spec.Ref) -> list[Case]:
    out = [Case(f"{entity_kind}-id") for entity_kind in model.ENTITY_KINDS]
    return out + [Case("nobody"), Case(7), Case(f" {kind.kinds[0]}-id ", schema=False)]


def _url(kind: spec.Url) -> list[Case]:
    base = "https://example.org/"
    return [
        Case(base + "report"),
        Case("http://example.org"),
        Case("ftp://example.org/x"),
        Case(base + "a" * (MAX_URL_LENGTH - len(base)), why="at the limit"),
        Case(base + "a" * (MAX_URL_LENGTH - len(base) + 1), why="one over the limit"),
        Case("https://exa mple.org/", schema=False),
        Case(5),
    ]


def _fulldate(kind: spec.FullDate) -> list[Case]:
    return [
        Case("2024-03-12"),
        Case(date(2024, 3, 12)),
        Case("2024-03"),
        Case(2024),
        Case("2024-02-30", schema=False, why="not in the calendar"),
        Case(date(TODAY.year + 1, 1, 1), schema=False, why="in the future"),
        Case(datetime(2024, 3, 12, 10, 0), schema=False),
    ]


def _fuzzydate(kind: spec.FuzzyDate) -> list[Case]:
    return [
        Case("2024"),
        Case(2024),
        Case("2024-03"),
        Case("2024-03-12"),
        Case(date(2024, 3, 12)),
        Case("2024-03-12/2024-03-14"),
        Case("24"),
        Case(True),
        Case("2024-03-14/2024-03-12", schema=False, why="a range that ends before it starts"),
        Case("2024-13", schema=False, why="not in the calendar"),
        Case(str(TODAY.year + 1), schema=False, why="in the future"),
        Case(123, schema=False, why="an integer that is no year"),
    ]


def _names(kind: spec.Names) -> list[Case]:
    return [
        Case({"en": "Kyiv"}),
        Case({"en": "Kyiv", "uk": "Київ"}),
        Case({"uk": "Київ"}),
        Case({"en": "a" * spec.NAME.max_length}),
        Case({"en": "a" * (spec.NAME.max_length + 1)}),
        Case({"en": ""}),
        Case({"en": "Kyiv", "EN!": "x"}),
        Case("Kyiv"),
    ]


def _valid(kind: Any) -> Case:
    """The first value of ``kind`` the reader takes without a problem (and the schema can judge)."""
    for case in cases(kind):
        if case.schema and read_value(kind, case.value)[0]:
            return case
    raise AssertionError(f"no valid value made for {kind!r}")


def _list_of(kind: spec.ListOf) -> list[Case]:
    valid = _valid(kind.item)
    out = [
        Case([valid.value] * max(kind.min_items, 1)),
        Case([], why="empty"),
        Case([valid.value] * (kind.max_items + 1), why="one item too many"),
        Case([valid.value, valid.value], why="a repeat"),
        Case([None]),
        Case("a", why="not a list"),
    ]
    if kind.min_items > 1:
        out.append(Case([valid.value] * (kind.min_items - 1), why="one item too few"))
    out += [Case([case.value], case.schema, case.why) for case in cases(kind.item)]
    return out


def _nested(kind: spec.Nested) -> list[Case]:
    minimal = valid_record(kind.record)
    return [Case(minimal), Case({}), Case("x"), Case({**minimal, "no-such-field": 1})]


_MAKERS: dict[type, Any] = {
    spec.Text: _text,
    spec.Number: _number,
    spec.Boolean: _boolean,
    spec.Choice: _choice,
    spec.Ref: _ref,
    spec.Url: _url,
    spec.FullDate: _fulldate,
    spec.FuzzyDate: _fuzzydate,
    spec.Names: _names,
    spec.ListOf: _list_of,
    spec.Nested: _nested,
}


def valid_record(record: spec.Record) -> dict[str, Any]:
    """The record's required fields, each with its first valid value."""
    return {f.name: _valid(f.type).value for f in record.fields if f.required}


# --------------------------------------------------------------------------------------------
# The three judges


def _reader() -> RecordReader:
    return RecordReader("a/path", YamlDocument(None, None, 2, []), ProblemLog(), GAZETTEER, TODAY)


def read_value(kind: Any, value: Any) -> tuple[bool, Any]:
    """(no problem at all, value built) for one value, by the reader."""
    reader = _reader()
    ok, built = reader.value(kind, value, ("x",))
    return ok and not reader.log.problems, built


def fixed_for(record: spec.Record) -> Optional[dict[str, Any]]:
    if record is spec.ARTICLE:
        return dict(ARTICLE_FIXED)
    for kind, section_record in spec.GAZETTEER_SECTIONS.values():
        if section_record is record:
            return {"kind": kind, "path": "g.yml", "line": 1}
    return None


def every_record() -> list[spec.Record]:
    """The article, the gazetteer's records, and every record nested in them."""
    found: dict[int, spec.Record] = {}

    def visit(kind: Any) -> None:
        if isinstance(kind, spec.Nested):
            walk(kind.record)
        elif isinstance(kind, spec.ListOf):
            visit(kind.item)

    def walk(record: spec.Record) -> None:
        if id(record) not in found:
            found[id(record)] = record
            for f in record.fields:
                visit(f.type)

    walk(spec.ARTICLE)
    for _, record in spec.GAZETTEER_SECTIONS.values():
        walk(record)
    return list(found.values())


def as_json(value: Any) -> Any:
    """The value as an editor's YAML-to-JSON conversion gives it to the schema."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


@dataclass
class Verdicts:
    checked: int = 0
    accepted: int = 0
    compared_with_schema: int = 0
    disagreements: list[str] = field(default_factory=list)


def judge(record: spec.Record, raw: dict[str, Any], schema_can_say: bool, validator: Any, verdicts: Verdicts) -> None:
    fixed = fixed_for(record)
    reader = _reader()
    built = reader.record(record, raw, (), fixed)
    accepted = Acceptors(GAZETTEER, TODAY).record(record, raw, fixed)
    verdicts.checked += 1
    shown = f"{record.name}: {raw!r:.200}"
    if accepted is not REJECT:
        verdicts.accepted += 1
        if reader.log.problems:
            verdicts.disagreements.append(f"the acceptors took what the reader reports: {shown}")
        elif accepted != built:
            verdicts.disagreements.append(f"the acceptors built another record than the reader: {shown}")
    if schema_can_say:
        verdicts.compared_with_schema += 1
        reader_says = built is not None and reader.error_count == 0
        schema_says = validator.is_valid(as_json(raw))
        if reader_says != schema_says:
            verdicts.disagreements.append(
                f"the reader {'accepts' if reader_says else 'refuses'}, the schema "
                f"{'accepts' if schema_says else 'refuses'}: {shown}"
            )


RECORDS = every_record()


@pytest.mark.parametrize("record", RECORDS, ids=[r.name.replace(" ", "-") for r in RECORDS])
def test_the_reader_the_acceptors_and_the_schema_agree_on_every_field(record: spec.Record) -> None:
    validator = jsonschema.Draft202012Validator(record_schema(record, GAZETTEER))
    minimal = valid_record(record)
    verdicts = Verdicts()
    judge(record, minimal, True, validator, verdicts)
    assert verdicts.accepted == 1, f"the minimal {record.name} is not accepted: {minimal!r}"
    for f in record.fields:
        for case in cases(f.type):
            judge(record, {**minimal, f.name: case.value}, case.schema, validator, verdicts)
        if not f.required:
            judge(record, {**minimal, f.name: None}, False, validator, verdicts)
    assert verdicts.disagreements == []
    # The cases are meant to exercise both sides of each rule.
    assert verdicts.accepted > len(record.fields)
    assert verdicts.compared_with_schema > verdicts.checked / 2


def test_every_field_type_of_the_spec_has_cases() -> None:
    used = set()
    for record in RECORDS:
        for f in record.fields:
            kind = f.type
            while isinstance(kind, spec.ListOf):
                used.add(type(kind))
                kind = kind.item
            used.add(type(kind))
    assert used <= _MAKERS.keys()


# --------------------------------------------------------------------------------------------
# Unique lists of records (the acceptors raised TypeError where the reader ignored repeats)


@dataclass
class Log:
    corrections: list = field(default_factory=list)


_UNIQUE_CORRECTIONS = spec.Record(
    "log",
    Log,
    (spec.Field("corrections", spec.ListOf(spec.Nested(spec.CORRECTION), unique=True)),),
)


def test_a_unique_list_of_records_is_judged_alike_by_the_reader_and_the_acceptors() -> None:
    one = {"date": "2024-03-12", "note": "Fixed."}
    other = {"date": "2024-03-13", "note": "Fixed again."}
    validator = jsonschema.Draft202012Validator(record_schema(_UNIQUE_CORRECTIONS))
    verdicts = Verdicts()
    judge(_UNIQUE_CORRECTIONS, {"corrections": [one, other]}, True, validator, verdicts)
    assert verdicts.accepted == 1
    reader = _reader()
    raw = {"corrections": [one, other, dict(one)]}
    built = reader.record(_UNIQUE_CORRECTIONS, raw, ())
    assert [(p.field, p.message) for p in reader.log.problems] == [("corrections[2]", "is listed twice")]
    assert len(built.corrections) == 2
    assert Acceptors(GAZETTEER, TODAY).record(_UNIQUE_CORRECTIONS, raw) is REJECT
    assert not validator.is_valid(as_json(raw))


# --------------------------------------------------------------------------------------------
# Declared once: the kinds of entity


def test_every_kind_of_entity_is_the_models_and_each_has_its_section_and_its_article_field() -> None:
    from archive.format import layout

    assert [kind for kind, _ in spec.GAZETTEER_SECTIONS.values()] == list(model.ENTITY_KINDS)
    assert list(layout.SECTIONS) == list(model.ENTITY_KINDS)
    referred = {kind for record in RECORDS for f in record.fields for kind in _ref_kinds(f.type)}
    assert referred <= set(model.ENTITY_KINDS)
    assert all(spec.ARTICLE.listing(kind) is not None for kind in model.ENTITY_KINDS)


def _ref_kinds(kind: Any) -> tuple[str, ...]:
    while isinstance(kind, spec.ListOf):
        kind = kind.item
    return kind.kinds if isinstance(kind, spec.Ref) else ()
