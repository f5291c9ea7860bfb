"""A JSON Schema of the front matter, generated from the declarations in ``archive.format.spec``.

Editors (VS Code's YAML extension, JetBrains) validate front matter as the contributor types
when the file's modeline points at this schema. Gazetteer ids are listed as enums so that the
editor can complete them; the schema is a help, ``archive check`` remains the judge.
"""

from __future__ import annotations

from typing import Any, Optional

from archive.format import spec
from archive.format.rules import schema_keywords
from archive.format.vocabulary import ArchiveVocabulary
from archive.read.gazetteer import Gazetteer

SCHEMA_ID = "https://conflict-archive.invalid/schema/front-matter.json"
GAZETTEER_SCHEMA_ID = "https://conflict-archive.invalid/schema/gazetteer.json"


def front_matter_schema(gazetteer: Optional[Gazetteer] = None, *, examples: Optional[Gazetteer] = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an article's front matter; ids are listed from
    ``gazetteer``, and the examples' ids are the archive's (``examples``: its gazetteer)."""
    schema = record_schema(spec.ARTICLE, gazetteer, title="Article front matter", schema_id=SCHEMA_ID)
    source = examples or gazetteer
    if source is not None:
        for record in _records(spec.ARTICLE):
            shown = schema if record is spec.ARTICLE else schema["$defs"][record.name.replace(" ", "_")]
            for field in record.fields:
                prop = shown["properties"][field.name]
                if "examples" in prop:
                    example = source.example(field)
                    if example is None:
                        del prop["examples"]
                    else:
                        prop["examples"] = [example]
    return schema


def _records(record: spec.Record) -> list[spec.Record]:
    """``record`` and every record nested in it, each once."""
    found = [record]
    for field in record.fields:
        kind = field.type.item if isinstance(field.type, spec.ListOf) else field.type
        if isinstance(kind, spec.Nested):
            found += [r for r in _records(kind.record) if r not in found]
    return found


def gazetteer_schema(vocabulary: ArchiveVocabulary, gazetteer: Optional[Gazetteer] = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a gazetteer file, for an archive's vocabulary: its sides
    are an actor's ``side``, its name languages the keys ``names`` lists."""
    definitions: dict[str, Any] = {}
    sections = spec.gazetteer_sections(vocabulary)
    properties: dict[str, Any] = {
        key: {"type": "array", "items": _type(spec.Nested(record), gazetteer, definitions)}
        for key, (_, record) in sections.items()
    }
    properties["meta"] = {"description": "Notes about the file, not read."}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": GAZETTEER_SCHEMA_ID,
        "title": "Gazetteer file",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.items())),
    }


def record_schema(
    record: spec.Record, gazetteer: Optional[Gazetteer] = None, *, title: str = "", schema_id: str = ""
) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one record of the format (an article, a place...)."""
    definitions: dict[str, Any] = {}
    root = _record(record, gazetteer, definitions)
    head: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if schema_id:
        head["$id"] = schema_id
    if title:
        head["title"] = title
    return {**head, **root, "$defs": dict(sorted(definitions.items()))}


def _record(record: spec.Record, gazetteer: Optional[Gazetteer], definitions: dict[str, Any]) -> dict[str, Any]:
    properties = {}
    for field in record.fields:
        prop = _type(field.type, gazetteer, definitions)
        if field.doc:
            prop["description"] = field.doc
        if field.example is not None:
            prop["examples"] = [field.example]
        properties[field.name] = prop
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    required = [f.name for f in record.fields if f.required]
    if required:
        schema["required"] = required
    if record.doc:
        schema["description"] = record.doc
    return schema


def _type(kind: Any, gazetteer: Optional[Gazetteer], definitions: dict[str, Any]) -> dict[str, Any]:
    """The schema of one field type: its JSON type here, its rules' keywords from the rules
    themselves (:func:`archive.format.rules.schema_keywords`)."""
    keywords = schema_keywords(kind)
    if isinstance(kind, spec.Text):
        return {"type": "string", **keywords}
    if isinstance(kind, spec.FullDate):
        return {"type": "string", **keywords}
    if isinstance(kind, spec.FuzzyDate):
        return {"type": ["string", "integer"], **keywords}
    if isinstance(kind, spec.Url):
        return {"type": "string", **keywords}
    if isinstance(kind, spec.Number):
        return {"type": "number", **keywords}
    if isinstance(kind, spec.Boolean):
        return {"type": "boolean"}
    if isinstance(kind, spec.Choice):
        return {**keywords, "description": "; ".join(f"{k}: {v}" for k, v in kind.vocabulary.items())}
    if isinstance(kind, spec.Ref):
        name = "_or_".join(kind.kinds) + "_id"
        if name not in definitions:
            definition: dict[str, Any] = {"type": "string", "description": f"The id of a gazetteer {' or '.join(kind.kinds)}."}
            if gazetteer is not None:
                ids = sorted(e.id for e in gazetteer.entities.values() if e.kind in kind.kinds)
                definition["enum"] = ids
            definitions[name] = definition
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(kind, spec.ListOf):
        return {"type": "array", "items": _type(kind.item, gazetteer, definitions), **keywords}
    if isinstance(kind, spec.Nested):
        name = kind.record.name.replace(" ", "_")
        if name not in definitions:
            definitions[name] = {}  # placeholder against recursion
            definitions[name] = _record(kind.record, gazetteer, definitions)
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(kind, spec.Names):
        return {
            "type": "object",
            "properties": {language: _type(spec.NAME, gazetteer, definitions) for language in kind.languages},
            "required": ["en"],
            "propertyNames": {"pattern": spec.LANGUAGE_TAG.pattern},
            "additionalProperties": _type(spec.NAME, gazetteer, definitions),
        }
    raise TypeError(f"no JSON Schema for {kind!r}")
