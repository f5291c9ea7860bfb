"""A JSON Schema of the front matter, generated from the declarations in ``archive.format.spec``.

Editors (VS Code's YAML extension, JetBrains) validate front matter as the contributor types
when the file's modeline points at this schema. Gazetteer ids are listed as enums so that the
editor can complete them; the schema is a help, ``archive check`` remains the judge.
"""

from __future__ import annotations

from typing import Any, Optional

from archive.format import spec
from archive.read.gazetteer import Gazetteer

SCHEMA_ID = "https://conflict-archive.invalid/schema/front-matter.json"


def front_matter_schema(gazetteer: Optional[Gazetteer] = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of an article's front matter."""
    definitions: dict[str, Any] = {}
    root = _record(spec.ARTICLE, gazetteer, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Article front matter",
        **root,
        "$defs": dict(sorted(definitions.items())),
    }


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
    if isinstance(kind, spec.Text):
        out: dict[str, Any] = {"type": "string", "minLength": 1, "maxLength": kind.max_length}
        if kind.pattern is not None:
            out["pattern"] = kind.pattern.pattern
        return out
    if isinstance(kind, spec.FullDate):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if isinstance(kind, spec.FuzzyDate):
        point = r"\d{4}(-\d{2}(-\d{2})?)?"
        return {"type": ["string", "integer"], "pattern": rf"^{point}(/{point})?$"}
    if isinstance(kind, spec.Url):
        return {"type": "string", "format": "uri", "pattern": "^https?://"}
    if isinstance(kind, spec.Number):
        out = {"type": "number"}
        if kind.minimum is not None:
            out["minimum"] = kind.minimum
        if kind.maximum is not None:
            out["maximum"] = kind.maximum
        return out
    if isinstance(kind, spec.Boolean):
        return {"type": "boolean"}
    if isinstance(kind, spec.Choice):
        values: list[Any] = list(kind.vocabulary)
        if "false" in kind.vocabulary:  # `status: false` is YAML's false; the validator reads it as the word
            values.append(False)
        return {"enum": values, "description": "; ".join(f"{k}: {v}" for k, v in kind.vocabulary.items())}
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
        out = {"type": "array", "items": _type(kind.item, gazetteer, definitions), "maxItems": kind.max_items}
        if kind.min_items:
            out["minItems"] = kind.min_items
        if kind.unique:
            out["uniqueItems"] = True
        return out
    if isinstance(kind, spec.Nested):
        name = kind.record.name.replace(" ", "_")
        if name not in definitions:
            definitions[name] = {}  # placeholder against recursion
            definitions[name] = _record(kind.record, gazetteer, definitions)
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(kind, spec.Names):
        return {"type": "object", "required": ["en"], "additionalProperties": {"type": "string"}}
    raise TypeError(f"no JSON Schema for {kind!r}")
