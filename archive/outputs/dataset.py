"""The archive as a dataset: a Frictionless Data Package of CSV tables, JSON Lines, GeoJSON, and
a JSON twin of every page.

Researchers work in spreadsheets, R, pandas and GIS; this is the archive in their formats, made
from the catalogue and nothing else, so the site and ``archive export`` publish the same bytes:

- ``data/datapackage.json``: the package and its codebook. Every column's title, type,
  constraints and description come from the declarations of :mod:`archive.format.spec` (the ones
  the reader, the JSON Schema and ``archive new`` use), so the codebook is never written twice.
- ``data/<table>.csv``: one table per kind of record (:data:`TABLES`), with primary and foreign
  keys; an article's lists of entities are link tables (``article_regions``...).
- ``data/archive.jsonl``: one line per article, every field as the record holds it
  (:func:`read_jsonl` gives the records back).
- ``data/places.geojson``, ``data/events.geojson``: see :mod:`archive.outputs.geojson`.
- ``<page>.json`` beside each article and entity page (:func:`twin_files`).

Text cells are neutralised against formula injection (:func:`neutralise`); nothing else
changes a value. The same catalogue gives the same bytes: rows in timeline order, no clock read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Optional, Union

from archive.catalogue import Catalogue, article_updated, claim_anchor
from archive.format import layout, spec
from archive.format.layout import ARTICLES_DIR
from archive.format.model import Article, Entity
from archive.format.vocabulary import NAME_LANGUAGES
from archive.outputs import geojson
from archive.outputs.records import (
    article_json,
    article_url,
    beside,
    entity_url,
    json_bytes,
    json_line,
    page_url,
    read_article,
    slug,
    to_json,
)

DATA_DIR = "data"
PACKAGE = f"{DATA_DIR}/datapackage.json"
JSONL = f"{DATA_DIR}/archive.jsonl"
PLACES = f"{DATA_DIR}/places.geojson"
EVENTS = f"{DATA_DIR}/events.geojson"

#: Media types of the files this module writes, by suffix (for the site's Output registry).
MEDIA_TYPES = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".jsonl": "application/jsonl",
    ".geojson": "application/geo+json",
}

# --------------------------------------------------------------------------------------------
# Formula injection

#: A spreadsheet takes a cell starting with one of these for a formula (``=HYPERLINK(...)``),
#: and strips a leading apostrophe (which is why a value starting with one is escaped too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")

NEUTRALISED = (
    "Text cells of the CSV tables are neutralised against formula injection: a cell whose text "
    "starts with =, +, -, @, a tab, a carriage return or an apostrophe is written with one more "
    "apostrophe (') in front, which spreadsheets take as 'this is text' and do not show. To get "
    "the value as the archive holds it, remove one leading apostrophe from a text cell that has "
    "one. Numbers, dates, booleans and JSON cells are not changed; archive.jsonl holds every value "
    "unaltered."
)


def neutralise(text: str) -> str:
    """``=SUM(A1)`` → ``'=SUM(A1)``: see :data:`NEUTRALISED`."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def restore(text: str) -> str:
    """The value :func:`neutralise` was given."""
    return text[1:] if text.startswith("'") else text


# --------------------------------------------------------------------------------------------
# Rows and columns


@dataclass(frozen=True)
class Row:
    """One row of a table: the record it shows, and where the record sits in the archive."""

    item: Any
    article: Optional[Article] = None
    #: 1-based position in the list the record comes from.
    position: int = 0
    #: The key of the row of the record holding this one (a figure's claim, a link's event).
    parent: str = ""
    key: str = ""


Getter = Callable[[Row], Any]


@dataclass(frozen=True)
class Column:
    """One column of a table and its entry in the codebook."""

    name: str
    type: str  # a Table Schema type: string, number, integer, boolean, date, array, object
    title: str
    description: str
    get: Getter = field(compare=False, repr=False)
    required: bool = False
    constraints: tuple[tuple[str, Any], ...] = ()
    #: The table whose ``id``/``key`` this column refers to (a foreign key).
    reference: Optional[str] = None

    def descriptor(self) -> dict[str, Any]:
        found: dict[str, Any] = {"name": self.name, "type": self.type, "title": self.title, "description": self.description}
        if self.type == "date":
            found["format"] = "%Y-%m-%d"
        constraints = dict(self.constraints)
        if self.required:
            constraints["required"] = True
        if constraints:
            found["constraints"] = constraints
        return found


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[Catalogue], Iterable[Row]] = field(compare=False, repr=False)

    def __post_init__(self) -> None:
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: two columns of one name in {names}")

    @property
    def path(self) -> str:
        return f"{DATA_DIR}/{self.name}.csv"

    def foreign_keys(self) -> list[dict[str, Any]]:
        keys = []
        for column in self.columns:
            if column.reference is not None:
                target = "key" if column.reference in _KEYED else "id"
                keys.append({"fields": column.name, "reference": {"resource": column.reference, "fields": target}})
        return keys

    def schema(self) -> dict[str, Any]:
        found: dict[str, Any] = {"fields": [c.descriptor() for c in self.columns], "missingValues": [""]}
        found["primaryKey"] = list(self.primary_key) if len(self.primary_key) > 1 else self.primary_key[0]
        keys = self.foreign_keys()
        if keys:
            found["foreignKeys"] = keys
        return found


#: The table each kind of gazetteer entity is listed in (countries sit with regions, as in the site).
ENTITY_TABLES = {"country": "regions", "region": "regions", "place": "places", "actor": "actors", "tag": "tags"}
#: Tables whose rows are parts of an article, keyed by ``key`` rather than by ``id``.
_KEYED = {"sources", "claims", "figures", "checks", "evidence", "events", "corrections"}


def _label(name: str) -> str:
    text = name.replace("_", " ")
    return text[:1].upper() + text[1:]


def _target(kinds: tuple[str, ...]) -> Optional[str]:
    tables = {ENTITY_TABLES[kind] for kind in kinds}
    return tables.pop() if len(tables) == 1 else None


def _describe_type(kind: Any) -> str:
    """What the spec's type adds to a field's documentation."""
    if isinstance(kind, spec.Choice):
        return (
            " One of: "
            + "; ".join(f"{value} ({meaning[:1].lower()}{meaning[1:].rstrip('.')})" for value, meaning in kind.vocabulary.items())
            + "."
        )
    if isinstance(kind, spec.Ref):
        table = _target(kind.kinds)
        where = (
            f" (the id column of {table}.csv)"
            if table
            else f" ({' or '.join(sorted({ENTITY_TABLES[k] for k in kind.kinds}))}.csv)"
        )
        return f" The id of a gazetteer {' or '.join(kind.kinds)}{where}."
    if isinstance(kind, spec.ListOf):
        inner = kind.item
        what = f"records ({', '.join(f.name for f in inner.record.fields)})" if isinstance(inner, spec.Nested) else "values"
        return f" A JSON array of {what}."
    return ""


def _scalar(kind: Any) -> tuple[str, tuple[tuple[str, Any], ...]]:
    if isinstance(kind, spec.FullDate):
        return "date", ()
    if isinstance(kind, spec.Number):
        limits = tuple((k, v) for k, v in (("minimum", kind.minimum), ("maximum", kind.maximum)) if v is not None)
        return "number", limits
    if isinstance(kind, spec.Boolean):
        return "boolean", ()
    if isinstance(kind, spec.Choice):
        return "string", (("enum", list(kind.vocabulary)),)
    return "string", ()


def _attribute(get: Getter, name: str, row: Row) -> Any:
    record = get(row)
    return None if record is None else getattr(record, name)


def _part(attribute: str, value: Any) -> Any:
    return None if value is None else getattr(value, attribute)


def _compose(outer: Callable[[Any], Any], get: Getter, row: Row) -> Any:
    return outer(get(row))


def _item(row: Row) -> Any:
    return row.item


def spec_columns(
    records: Iterable[spec.Record],
    *,
    get: Getter = _item,
    prefix: str = "",
    split: bool = True,
    skip: Iterable[str] = (),
    optional: bool = False,
) -> list[Column]:
    """The columns of ``records``' fields (several records for a table of several kinds, as
    countries and regions), each with its codebook entry made from the field's declaration.

    A nested record's fields become columns of their own (``verification_status``); a fuzzy date
    three (as written, first and last day); names one per language; with ``split``, lists of
    records and of gazetteer ids are left to tables of their own, otherwise (and for lists of
    text) a column holds the list as a JSON array.
    """
    records = list(records)
    skipped = set(skip)
    seen: dict[str, spec.Field] = {}
    for record in records:
        for f in record.fields:
            seen.setdefault(f.name, f)
    columns: list[Column] = []
    for name, f in seen.items():
        if name in skipped:
            continue
        required = not optional and all((r.field_named(name) or spec.Field(name, None)).required for r in records)
        value = partial(_attribute, get, name)
        column = prefix + name
        doc = f.doc or f"The {records[0].name}'s {name.replace('_', ' ')}."
        kind = f.type
        if isinstance(kind, spec.Nested):
            columns += spec_columns([kind.record], get=value, prefix=f"{column}_", split=split, optional=optional)
        elif isinstance(kind, spec.FuzzyDate) and not kind.as_text:
            columns += [
                Column(column, "string", _label(column), doc + " As written: a day, a month, a year or a range of those (EDTF level 0).", partial(_compose, partial(_part, "text"), value), required),
                Column(f"{column}_start", "date", _label(column) + " (first day)", f"The first day the {column} can mean.", partial(_compose, partial(_part, "start"), value), required),
                Column(f"{column}_end", "date", _label(column) + " (last day)", f"The last day the {column} can mean.", partial(_compose, partial(_part, "end"), value), required),
            ]  # fmt: skip
        elif isinstance(kind, spec.Names):
            for language in NAME_LANGUAGES:
                columns.append(
                    Column(
                        f"name_{language}",
                        "string",
                        f"Name ({language})",
                        f"The name in the language {language}." + (" Always given." if language == "en" else ""),
                        partial(_compose, partial(_name, language), value),
                        required and language == "en",
                    )
                )
            columns.append(
                Column(
                    "names_other",
                    "object",
                    "Names (other languages)",
                    "Names in any other language, as a JSON object from BCP 47 language tag to name.",
                    partial(_compose, _other_names, value),
                )
            )
        elif isinstance(kind, spec.ListOf):
            if split and isinstance(kind.item, (spec.Nested, spec.Ref)):
                continue
            columns.append(Column(column, "array", _label(column), doc + _describe_type(kind), value))
        else:
            type_, constraints = _scalar(kind)
            reference = _target(kind.kinds) if isinstance(kind, spec.Ref) else None
            columns.append(
                Column(column, type_, _label(column), doc + _describe_type(kind), value, required, constraints, reference)
            )
    return columns


def _name(language: str, names: Optional[dict[str, str]]) -> Optional[str]:
    return names.get(language) if names else None


def _other_names(names: Optional[dict[str, str]]) -> Optional[dict[str, str]]:
    return {k: v for k, v in names.items() if k not in NAME_LANGUAGES} if names else None


# --------------------------------------------------------------------------------------------
# The tables


def _article_rows(catalogue: Catalogue) -> Iterator[Row]:
    for article_id in catalogue.timeline:
        article = catalogue.articles[article_id]
        yield Row(article, article, key=article_id)


def _part_rows(table: str, attribute: str, catalogue: Catalogue) -> Iterator[Row]:
    for article_id in catalogue.timeline:
        article = catalogue.articles[article_id]
        for position, item in enumerate(getattr(article, attribute), 1):
            yield Row(item, article, position, article_id, f"{article_id}/{table}/{position}")


def _claim_part_rows(table: str, attribute: str, catalogue: Catalogue) -> Iterator[Row]:
    for claim_row in _part_rows("claims", "claims", catalogue):
        for position, item in enumerate(getattr(claim_row.item, attribute), 1):
            yield Row(item, claim_row.article, position, claim_row.key, f"{claim_row.key}/{table}/{position}")


def _link_rows(attribute: str, parents: Callable[[Catalogue], Iterable[Row]], catalogue: Catalogue) -> Iterator[Row]:
    for parent in parents(catalogue):
        for position, entity_id in enumerate(getattr(parent.item, attribute), 1):
            yield Row(entity_id, parent.article, position, parent.key)


def _entity_rows(kinds: tuple[str, ...], catalogue: Catalogue) -> Iterator[Row]:
    entities = [e for e in catalogue.gazetteer.entities.values() if e.kind in kinds]
    for entity in sorted(entities, key=lambda e: e.id):
        yield Row(entity, key=entity.id)


def _article_id(row: Row) -> Optional[str]:
    return row.article.id if row.article else None


def _key(row: Row) -> str:
    return row.key


def _parent(row: Row) -> str:
    return row.parent


def _position(row: Row) -> int:
    return row.position


class _Urls:
    """Page URLs for one export (absolute when the site's URL is known)."""

    def __init__(self, site_url: str, directory_urls: bool, catalogue: Catalogue) -> None:
        self.site_url = site_url
        self.directory_urls = directory_urls
        self.catalogue = catalogue

    def article(self, article_id: str, fragment: str = "") -> str:
        return article_url(article_id, site_url=self.site_url, directory_urls=self.directory_urls, fragment=fragment)

    def entity(self, entity: Entity) -> Optional[str]:
        if not self.catalogue.has_page(entity.id):
            return None
        return entity_url(entity, site_url=self.site_url, directory_urls=self.directory_urls)


def tables(urls: Optional[_Urls] = None, root: Optional[Union[str, os.PathLike]] = None) -> list[Table]:
    """The dataset's tables, in the order the package lists them; ``urls`` makes their URL
    columns (a codebook without data needs none)."""

    def url_of(make: Callable[[Row], Optional[str]]) -> Getter:
        return (lambda row: make(row)) if urls is not None else (lambda row: None)

    def article_link(anchor: Callable[[Row], str]) -> Getter:
        return url_of(lambda row: urls.article(row.article.id, anchor(row)) if urls and row.article else None)

    article_ref = Column(
        "article_id",
        "string",
        "Article",
        "The id of the article the row belongs to (articles.csv).",
        _article_id,
        True,
        reference="articles",
    )

    def keyed(what: str, path: str) -> list[Column]:
        return [
            Column("key", "string", "Key", f"The {what}'s key in the dataset: {path}, its position counted from 1.", _key, True),
            article_ref,
            Column("position", "integer", "Position", f"The {what}'s place in the list it comes from, counted from 1.", _position, True, (("minimum", 1),)),
        ]  # fmt: skip

    def part(
        table: str,
        attribute: str,
        record: spec.Record,
        title: str,
        anchor: Optional[Callable[[Row], str]] = None,
        extra: Iterable[Column] = (),
    ) -> Table:
        columns = keyed(record.name, f"<article id>/{table}/<position>")
        if anchor is not None:
            columns.append(
                Column("page_url", "string", "Page URL", f"The {record.name} on the article's page.", article_link(anchor))
            )
        columns += [*spec_columns([record]), *extra]
        return Table(table, title, record.doc or title, tuple(columns), ("key",), partial(_part_rows, table, attribute))

    def claim_part(table: str, attribute: str, record: spec.Record, title: str) -> Table:
        columns = keyed(record.name, f"<claim key>/{table}/<position>")
        columns.insert(
            1,
            Column(
                "claim_key",
                "string",
                "Claim",
                "The key of the claim it belongs to (claims.csv).",
                _parent,
                True,
                reference="claims",
            ),
        )
        columns += spec_columns([record])
        return Table(table, title, record.doc or title, tuple(columns), ("key",), partial(_claim_part_rows, table, attribute))

    def links(parent: str, record: spec.Record, parents: Callable[[Catalogue], Iterable[Row]]) -> list[Table]:
        found = []
        for f in record.fields:
            kinds = spec.listed_kinds(f)
            target = _target(kinds) if kinds else None
            if target is None:
                continue
            singular = target[:-1]
            columns = [
                Column(
                    "article_id",
                    "string",
                    "Article",
                    "The id of the article (articles.csv).",
                    _article_id,
                    True,
                    reference="articles",
                ),
            ]
            if parent == "event":
                columns.append(
                    Column(
                        "event_key", "string", "Event", "The key of the event (events.csv).", _parent, True, reference="events"
                    )
                )
            columns += [
                Column("position", "integer", "Position", f"The place of the id in the {parent}'s list of {f.name}, counted from 1.", _position, True, (("minimum", 1),)),
                Column(f"{singular}_id", "string", _label(singular), f"{f.doc} One row per id.{_describe_type(f.type.item)}", _item, True, reference=target),
            ]  # fmt: skip
            name = f"{parent}_{f.name}"
            primary = ("event_key" if parent == "event" else "article_id", f"{singular}_id")
            found.append(
                Table(
                    name,
                    f"{_label(parent)} {f.name}",
                    f"The {parent}s' {f.name}: {f.doc}",
                    tuple(columns),
                    primary,
                    partial(_link_rows, f.name, parents),
                )
            )
        return found  # fmt: skip

    def entities(name: str, kinds: tuple[str, ...], title: str, description: str) -> Table:
        records = [section[1] for section in spec.GAZETTEER_SECTIONS.values() if section[0] in kinds]
        columns = spec_columns(records, split=False)
        columns.insert(
            1, Column("kind", "string", "Kind", "The kind of entity.", lambda row: row.item.kind, True, (("enum", list(kinds)),))
        )
        columns += [
            Column("article_count", "integer", "Articles", "How many published articles refer to it (or to a place inside it).", lambda row: len(urls.catalogue.articles_for(row.item.id)) if urls else None),
            Column("page_url", "string", "Page URL", "Its page on the site (empty when no article refers to it, so it has no page).", url_of(lambda row: urls.entity(row.item) if urls else None)),
        ]  # fmt: skip
        return Table(name, title, description, tuple(columns), ("id",), partial(_entity_rows, kinds))

    def claim_url(row: Row) -> str:
        return claim_anchor(row.item, row.position - 1)

    def event_key(row: Row) -> Optional[str]:
        about = row.item.about
        if row.article is None or not about:
            return None
        for position, event in enumerate(row.article.events, 1):
            if event.id == about:
                return f"{row.article.id}/events/{position}"
        return None

    article_columns = [
        Column("id", "string", "Id", "The article's id: its file name without .md; it starts with the report's date.", _key, True),
        *spec_columns([spec.ARTICLE]),
        Column("updated", "date", "Updated", "The last day the record changed: its date, or its latest correction.", lambda row: article_updated(row.item), True),
        Column("page_url", "string", "Page URL", "The article's page on the site.", url_of(lambda row: urls.article(row.item.id) if urls else None)),
        Column("path", "string", "File", "The article's file, from the archive's folder.", lambda row: source_path(row.item, root)),
    ]  # fmt: skip
    articles = Table(
        "articles",
        "Articles",
        spec.ARTICLE.doc + " One row per published article; its body is in archive.jsonl.",
        tuple(article_columns),
        ("id",),
        _article_rows,
    )

    found = [
        articles,
        part("sources", "sources", spec.SOURCE, "Sources"),
        part("claims", "claims", spec.CLAIM, "Claims", claim_url, [Column("event_key", "string", "Event", "The key of the event the claim is about (events.csv), when 'about' names one.", event_key, reference="events")]),
        claim_part("figures", "figures", spec.FIGURE, "Figures"),
        claim_part("checks", "checks", spec.CHECK, "Checks"),
        part("evidence", "evidence", spec.EVIDENCE, "Evidence", lambda row: f"evidence-{row.item.id or row.position}"),
        part("events", "events", spec.EVENT, "Events", lambda row: f"event-{row.item.id}"),
        part("corrections", "corrections", spec.CORRECTION, "Corrections", extra=()),
        entities("regions", ("country", "region"), "Regions and countries", "The gazetteer's countries and regions (every one, whether or not an article refers to it)."),
        entities("places", ("place",), "Places", "The gazetteer's places (every one, whether or not an article refers to it)."),
        entities("actors", ("actor",), "Actors", "The gazetteer's actors (every one, whether or not an article refers to it)."),
        entities("tags", ("tag",), "Tags", "The gazetteer's tags (every one, whether or not an article refers to it)."),
        *links("article", spec.ARTICLE, _article_rows),
        *links("event", spec.EVENT, partial(_part_rows, "events", "events")),
    ]  # fmt: skip
    return found


def source_path(article: Article, root: Optional[Union[str, os.PathLike]] = None) -> str:
    """The article's file from the archive's folder (``articles/2024/x.md``), never the path of
    the machine that built the export.

    ``Article.path`` is the path as the loader showed it, relative to the working directory of
    the time; so the answer is the tail of it that starts at the archive's ``articles`` folder
    (the one right below a folder named as ``root``, when ``root`` is given), whatever the
    working directory is now.
    """
    base = _absolute(os.fspath(root)) if root is not None else None
    path = article.path.replace(os.sep, "/")
    if base is not None and os.path.isabs(path) and path.startswith(base + "/"):
        return path[len(base) + 1 :]
    parts = path.split("/")
    found = [i for i, part in enumerate(parts[:-1]) if part == ARTICLES_DIR]
    if base is not None:
        name = base.rsplit("/", 1)[-1]
        found = [i for i in found if i == 0 or parts[i - 1] == name] or found
    if found:
        return "/".join(parts[found[0] :])
    return layout.article_uri(article.id)


@lru_cache(maxsize=8)
def _absolute(root: str) -> str:
    return os.path.abspath(root).replace(os.sep, "/").rstrip("/")


# --------------------------------------------------------------------------------------------
# Writing


def _json_cell(value: Any) -> str:
    return json.dumps(to_json(value), ensure_ascii=False, allow_nan=False) if value else ""


def _boolean_cell(value: Any) -> str:
    return "true" if value else "false"


def _date_cell(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _number_cell(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 10**15 else repr(value)
    return str(value)


def _text_cell(value: Any) -> str:
    return neutralise(str(value))


#: How a value of each column type is written in a cell (``None`` is always an empty cell).
_CELLS: dict[str, Callable[[Any], str]] = {
    "array": _json_cell,
    "object": _json_cell,
    "boolean": _boolean_cell,
    "date": _date_cell,
    "number": _number_cell,
    "integer": _number_cell,
    "string": _text_cell,
}


def table_csv(table: Table, catalogue: Catalogue) -> bytes:
    """The table as CSV (RFC 4180: comma, double quotes, CRLF; UTF-8 without a byte-order mark)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    cells = [(c.get, _CELLS[c.type]) for c in table.columns]
    for row in table.rows(catalogue):
        writer.writerow(["" if (value := get(row)) is None else write(value) for get, write in cells])
    return out.getvalue().encode("utf-8")


def _licences(licence: Union[None, str, Mapping[str, str]]) -> list[dict[str, str]]:
    if not licence:
        return []
    if isinstance(licence, Mapping):
        return [dict(licence)]
    if licence.startswith(("http://", "https://")):
        return [{"path": licence}]
    return [{"name": licence, "path": f"https://spdx.org/licenses/{licence}.html"}]


def _resource(name: str, path: str, data: bytes, **more: Any) -> dict[str, Any]:
    return {
        "name": name,
        "path": path[len(DATA_DIR) + 1 :],
        **more,
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
    }


def dataset_files(
    catalogue: Catalogue,
    *,
    site_name: str = "Archive",
    site_url: str = "",
    directory_urls: bool = True,
    version: str = "0.0.0",
    licence: Union[None, str, Mapping[str, str]] = None,
    root: Optional[Union[str, os.PathLike]] = None,
) -> dict[str, bytes]:
    """Every file of ``data/``, by path from the site root: the package, its CSV tables, the JSON
    Lines and the GeoJSON.

    ``version`` is the package's version (the plugin passes the generator's); ``licence`` an SPDX
    identifier (``CC-BY-4.0``), a URL, or a Data Package licence mapping; ``root`` the archive's
    folder, from which articles' files are named. The package's ``created`` is the day the
    archive last changed, never the clock's: the same sources give the same bytes.
    """
    urls = _Urls(site_url, directory_urls, catalogue)
    files: dict[str, bytes] = {}
    resources = []
    for table in tables(urls, root):
        data = files[table.path] = table_csv(table, catalogue)
        resources.append(
            _resource(
                table.name,
                table.path,
                data,
                title=table.title,
                description=table.description,
                profile="tabular-data-resource",
                format="csv",
                mediatype="text/csv",
                schema=table.schema(),
            )
        )
    files[JSONL] = jsonl_bytes(catalogue, root)
    files[PLACES] = geojson.places_geojson(catalogue, site_url=site_url, directory_urls=directory_urls)
    files[EVENTS] = geojson.events_geojson(catalogue, site_url=site_url, directory_urls=directory_urls)
    updated = catalogue.counts.updated
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": slug(site_name),
        "title": site_name,
        "description": (
            f"The records of {site_name}: archived reports of the conflict (articles), where they were "
            "published (sources), who claims what (claims, with their figures and checks), the evidence, "
            "the events and the corrections, and the gazetteer's regions, places, actors and tags. Every "
            "column is described from the archive's format, the rules `archive check` applies. Beside the "
            "tables: archive.jsonl (one line per article, every field, the body included, as the records "
            "hold them), places.geojson and events.geojson (RFC 7946). " + NEUTRALISED
        ),
        "version": version,
    }
    if updated is not None:
        package["created"] = f"{updated.isoformat()}T00:00:00Z"
    if site_url:
        package["homepage"] = page_url(layout.HOME, site_url=site_url, directory_urls=directory_urls)
    licences = _licences(licence)
    if licences:
        package["licenses"] = licences
    package["resources"] = resources
    package["x_other_files"] = [
        {"path": path[len(DATA_DIR) + 1 :], "mediatype": MEDIA_TYPES[Path(path).suffix], "bytes": len(files[path]), "hash": "sha256:" + hashlib.sha256(files[path]).hexdigest()}
        for path in (JSONL, PLACES, EVENTS)
    ]  # fmt: skip
    files[PACKAGE] = json_bytes(package, indent=2)
    return dict(sorted(files.items()))


# --------------------------------------------------------------------------------------------
# JSON Lines and the pages' twins


def _record(article: Article, root: Optional[Union[str, os.PathLike]]) -> dict[str, Any]:
    record = article_json(article)
    record["path"] = source_path(article, root)
    return record


def jsonl_bytes(catalogue: Catalogue, root: Optional[Union[str, os.PathLike]] = None) -> bytes:
    """One line per published article, oldest first: every field of the record (its ``path``
    from the archive's folder)."""
    lines = [json_line(_record(catalogue.articles[i], root)) for i in catalogue.timeline]
    return "".join(line + "\n" for line in lines).encode("utf-8")


def read_jsonl(data: Union[bytes, str]) -> list[Article]:
    """The articles of ``archive.jsonl``, as records."""
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    return [read_article(json.loads(line)) for line in text.split("\n") if line.strip()]


def _entity_json(entity: Entity) -> dict[str, Any]:
    record = to_json(entity)
    for where in ("path", "line"):  # the gazetteer file it was read from: the editor's business
        record.pop(where, None)
    return record


def twin_files(
    catalogue: Catalogue,
    *,
    site_url: str = "",
    directory_urls: bool = True,
    root: Optional[Union[str, os.PathLike]] = None,
) -> dict[str, bytes]:
    """A JSON twin beside every article and entity page (``articles/2024/<id>.json``,
    ``actors/<id>.json``): the article's full record, or the entity and the ids of its articles
    (newest first)."""
    files: dict[str, bytes] = {}
    for article_id in catalogue.timeline:
        article = catalogue.articles[article_id]
        url = article_url(article_id, site_url=site_url, directory_urls=directory_urls)
        files[beside(layout.article_uri(article_id), ".json")] = json_bytes(
            {"url": url, "article": _record(article, root)}, indent=1
        )
    for kind, ids in catalogue.kinds.items():
        for entity_id in ids:
            entity = catalogue.gazetteer[entity_id]
            uri = layout.entity_uri(kind, entity_id)
            twin = {
                "url": page_url(uri, site_url=site_url, directory_urls=directory_urls),
                "entity": _entity_json(entity),
                "articles": catalogue.articles_for(entity_id),
            }
            files[beside(uri, ".json")] = json_bytes(twin, indent=1)
    return files


def codebook() -> list[dict[str, Any]]:
    """The tables and their columns as the package describes them (no data needed)."""
    return [{"name": t.name, "title": t.title, "description": t.description, "schema": t.schema()} for t in tables()]


__all__ = [
    "DATA_DIR",
    "PACKAGE",
    "JSONL",
    "PLACES",
    "EVENTS",
    "MEDIA_TYPES",
    "ENTITY_TABLES",
    "FORMULA_STARTS",
    "NEUTRALISED",
    "Column",
    "Row",
    "Table",
    "neutralise",
    "restore",
    "spec_columns",
    "tables",
    "table_csv",
    "dataset_files",
    "jsonl_bytes",
    "read_jsonl",
    "twin_files",
    "codebook",
    "source_path",
]
