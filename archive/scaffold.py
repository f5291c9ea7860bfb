"""Writing new article files: ``archive new``'s commented template, ids, slugs and YAML values.

The template is generated from the declarations in ``archive.spec`` (every field, its doc
sentence, whether it is required) and the vocabularies in ``archive.vocabulary`` (every allowed
value with its definition), so it cannot disagree with what ``archive check`` enforces. Fields
the contributor has not given are left empty: ``archive check`` then lists exactly those, each
at its line, which is the new contributor's to-do list.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Optional

from . import spec
from .source import resolve_plain

#: Where the JSON Schema of the front matter is kept, relative to the repository (the folder
#: above the archive's ``content/``); ``archive schema --no-ids`` writes it.
SCHEMA_FILE = Path("schema") / "front-matter.json"
#: Length of the title part of an article id; the id (date, slug, a collision suffix) stays
#: well under the validator's limit of 120 characters.
MAX_SLUG_LENGTH = 80
#: Column at which the comments after nested values start, so a template reads as a table.
_COMMENT_COLUMN = 30

#: Transliteration of Russian words (BGN/PCGN-like, without diacritics).
_RUSSIAN_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
#: Ukraine's official transliteration (2010), for words with a letter only Ukrainian has:
#: Київ → kyiv; at the start of a word є ї й ю я are ye yi y yu ya.
_UKRAINIAN_TO_LATIN = {
    **_RUSSIAN_TO_LATIN,
    "г": "h", "ґ": "g", "е": "e", "є": "ie", "и": "y", "і": "i", "ї": "i", "й": "i", "ю": "iu",
    "я": "ia", "ь": "",
}
_UKRAINIAN_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UKRAINIAN_LETTERS = re.compile(r"[іїєґ]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")
_APOSTROPHES = re.compile(r"['’ʼ]")
#: Latin letters that do not decompose into a base letter and an accent.
_LATIN_LETTERS = {"ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d", "þ": "th", "œ": "oe"}
_PLAIN_START = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
_YAML_11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}


# --------------------------------------------------------------------------------------------
# Ids and paths


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """``Russia’s drone strike on Київ`` → ``russias-drone-strike-on-kyiv``; empty → ``report``.

    Cyrillic is transliterated and accents dropped, so ids are plain ASCII that every tool and
    URL handles; a long title is cut at a word boundary.
    """
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).lower())
    text = _CYRILLIC_WORD.sub(lambda m: _transliterate(m.group(0)), text)
    text = "".join(_LATIN_LETTERS.get(ch, ch) for ch in text)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_length]
    return slug or "report"


def _transliterate(word: str) -> str:
    """One lowercase Cyrillic word in Latin letters, as Ukrainian or as Russian."""
    if not _UKRAINIAN_LETTERS.search(word):
        return "".join(_RUSSIAN_TO_LATIN.get(ch, ch) for ch in word)
    first = _UKRAINIAN_INITIAL.get(word[0], _UKRAINIAN_TO_LATIN.get(word[0], word[0]))
    return first + "".join(_UKRAINIAN_TO_LATIN.get(ch, ch) for ch in word[1:])


def article_id(day: date, title: str) -> str:
    """An article's id: its date, then the slug of its title (``2024-03-12-drone-strike``)."""
    return f"{day.isoformat()}-{slugify(title)}"


def article_path(root: Path, article_id: str) -> Path:
    """Where an article lives in the archive at ``root``: ``articles/YYYY/<id>.md``."""
    return root / "articles" / article_id[:4] / f"{article_id}.md"


def schema_reference(article_file: Path, root: Path) -> str:
    """The JSON Schema's path as seen from ``article_file``, for the editor modeline.

    The schema file is looked for in the folders above the archive; when there is none, the
    place it belongs is used, so that the modeline works once it is written there.
    """
    root = root.resolve()
    schema = root.parent / SCHEMA_FILE
    for folder in [root, *root.parents]:
        if (folder / SCHEMA_FILE).is_file():
            schema = folder / SCHEMA_FILE
            break
    return Path(os.path.relpath(schema, article_file.resolve().parent)).as_posix()


def modeline(article_file: Path, root: Path) -> str:
    """The first line inside the front matter: points YAML language servers at the schema."""
    return f"# yaml-language-server: $schema={schema_reference(article_file, root)}"


# --------------------------------------------------------------------------------------------
# YAML values


def yaml_scalar(value: Any) -> str:
    """``value`` written as a YAML 1.2 scalar that reads back as exactly the same value.

    Text is left unquoted when that is unambiguous (``Kyiv``, ``2024-03-12``, ``Russia's
    Defence Ministry``) and written as a double-quoted JSON string otherwise (a title that
    starts with a quote, contains ``: ``, or would read as a number or a boolean).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if _plain_is_safe(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_is_safe(text: str) -> bool:
    return (
        bool(text)
        and text == text.strip()
        and text.isprintable()
        and _PLAIN_START.match(text) is not None
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and text.lower() not in _YAML_11_WORDS
        and isinstance(resolve_plain(text), str)
    )


def yaml_list(values: Iterable[str]) -> str:
    """``[ru-bel, ru-krs]``: a flow list of ids."""
    return "[" + ", ".join(yaml_scalar(v) for v in values) + "]"


# --------------------------------------------------------------------------------------------
# The template of ``archive new``


@dataclass
class NewArticle:
    """What ``archive new`` knows about the article it writes; anything missing stays empty."""

    title: str
    date: date
    url: Optional[str] = None
    publisher: Optional[str] = None
    archived: Optional[str] = None
    language: Optional[str] = None
    draft: bool = False
    regions: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    #: Ids detected in the title, offered in comments: section → [(id, name)].
    suggestions: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def article_template(article: NewArticle, *, modeline_text: str, shown_path: str) -> str:
    """The complete file ``archive new`` writes: every field of the model, laid out and commented."""
    lines = [
        "---",
        modeline_text,
        "# A new article. Fill in what is marked REQUIRED; leave empty what does not apply.",
        f"# `archive check {shown_path}` lists what is still missing, line by line.",
        "# Write the archive's own summary of the report below the closing '---'.",
        "# Every field is explained in CONTRIBUTING.md; ids come from the gazetteer (content/gazetteer/).",
    ]
    given: dict[str, Any] = {
        "title": article.title,
        "date": article.date,
        "language": article.language,
        "draft": article.draft,
        "regions": article.regions,
        "places": article.places,
        "actors": article.actors,
        "tags": article.tags,
        "sources": [{"publisher": article.publisher, "url": article.url, "archived": article.archived}],
        "verification": {"status": "unverified"},
    }
    for field_spec in spec.ARTICLE.fields:
        lines.append("")
        lines.extend(_top_level(field_spec, given.get(field_spec.name), article.suggestions.get(field_spec.name, [])))
    lines += ["---", ""]
    return "\n".join(lines)


def _top_level(field_spec: spec.Field, value: Any, suggestions: list[tuple[str, str]]) -> list[str]:
    kind = field_spec.type
    lines = [f"# {_doc(field_spec)}"]
    if isinstance(kind, spec.Choice):
        lines += [f"#   {name}: {meaning}" for name, meaning in kind.vocabulary.items()]
    if isinstance(kind, spec.ListOf) and isinstance(kind.item, spec.Ref):
        kinds = " or ".join(kind.item.kinds)
        hint = f"# Ids of gazetteer entries ({kinds}), as a list: [id, id]."
        if field_spec.example:
            hint += f" Example: {yaml_list(field_spec.example)}"
        lines.append(hint)
        if suggestions and not value:
            lines.append("# Suggested from the title: " + ", ".join(f"{i} ({name})" for i, name in suggestions))
    name = field_spec.name
    if isinstance(kind, spec.Nested):
        lines.append(f"{name}:")
        lines += _record_lines(kind.record, value or {}, indent=2, comment_at=None, list_item=False)
    elif isinstance(kind, spec.ListOf) and isinstance(kind.item, spec.Nested):
        record = kind.item.record
        if value:
            lines.append(f"{name}:")
            for item in value:
                lines += _record_lines(record, item, indent=2, comment_at=None, list_item=True)
        else:
            lines.append("# For each item, copy the commented block below and remove the '# ' from its lines.")
            lines.append(f"{name}:")
            lines += _record_lines(record, {}, indent=2, comment_at=2, list_item=True)
    elif isinstance(kind, spec.ListOf):
        lines.append(f"{name}: {yaml_list(value)}" if value else f"{name}:")
    else:
        rendered = yaml_scalar(value)
        lines.append(f"{name}: {rendered}" if rendered else f"{name}:")
    return lines


def _record_lines(record: spec.Record, values: dict, *, indent: int, comment_at: Optional[int], list_item: bool) -> list[str]:
    """A nested record's fields, one per line, each with its doc as a comment beside it.

    ``comment_at`` is the column of the ``#`` that comments out a whole example block (``None``
    for a block that is filled in): removing the ``# `` from every line of the block leaves
    correctly indented YAML, as an editor's toggle-comment does.
    """
    lines: list[str] = []
    for index, field_spec in enumerate(record.fields):
        lead = ("- " if index == 0 else "  ") if list_item else ""
        kind = field_spec.type
        value = values.get(field_spec.name)
        inner = indent + len(lead) + 2
        doc = _doc(field_spec)
        if isinstance(kind, spec.ListOf) and isinstance(kind.item, spec.Nested):
            lines.append(_line(indent, f"{lead}{field_spec.name}:", doc, comment_at)[0])
            block_at = indent if comment_at is None else comment_at
            lines += _record_lines(kind.item.record, {}, indent=inner, comment_at=block_at, list_item=True)
            continue
        if isinstance(kind, spec.Nested):
            lines.append(_line(indent, f"{lead}{field_spec.name}:", doc, comment_at)[0])
            lines += _record_lines(kind.record, value or {}, indent=inner, comment_at=comment_at, list_item=False)
            continue
        rendered = (yaml_list(value) if value else "") if isinstance(kind, spec.ListOf) else yaml_scalar(value)
        line, column = _line(indent, f"{lead}{field_spec.name}:" + (f" {rendered}" if rendered else ""), doc, comment_at)
        lines.append(line)
        if isinstance(kind, spec.Choice):
            # Inside a commented-out block the definitions are commented twice, so that they stay
            # comments when the block is uncommented.
            lead_in = " " * column if comment_at is None else (" " * comment_at + "# ").ljust(column)
            lines += [f"{lead_in}#   {name}: {meaning}" for name, meaning in kind.vocabulary.items()]
    return lines


def _line(indent: int, text: str, comment: str, comment_at: Optional[int]) -> tuple[str, int]:
    """``text`` at ``indent`` (commented out at ``comment_at``), then ``# comment`` at the
    comment column; returns the line and that column."""
    if comment_at is None:
        body = " " * indent + text
    else:
        body = " " * comment_at + "# " + " " * (indent - comment_at) + text
    column = max(_COMMENT_COLUMN, len(body) + 2)
    return f"{body.ljust(column)}# {comment}", column


def _doc(field_spec: spec.Field) -> str:
    """``REQUIRED. Who published the report. Example: BBC News`` for one field."""
    doc = field_spec.doc or field_spec.name
    if isinstance(field_spec.type, spec.Ref):
        doc += f" Ids of kind {' or '.join(field_spec.type.kinds)}."
    example = field_spec.example
    if example is not None and not isinstance(example, list) and not isinstance(field_spec.type, spec.Choice):
        doc += f" Example: {yaml_scalar(example)}"
    if isinstance(field_spec.type, spec.Choice):
        doc += " One of:"
    return ("REQUIRED. " if field_spec.required else "") + doc


__all__ = [
    "NewArticle",
    "SCHEMA_FILE",
    "article_id",
    "article_path",
    "article_template",
    "modeline",
    "schema_reference",
    "slugify",
    "yaml_list",
    "yaml_scalar",
]
