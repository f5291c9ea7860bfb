"""Writing new article files: ``archive new``'s commented template, ids, slugs and YAML values.

The template is generated from the declarations in ``archive.format.spec`` (every field, its doc
sentence, whether it is required) and the vocabularies in ``archive.format.vocabulary`` (every allowed
value with its definition), so it cannot disagree with what ``archive check`` enforces. Fields
the contributor has not given are left empty: ``archive check`` then lists exactly those, each
at its line, which is the new contributor's to-do list.

Both ``archive new`` and ``archive import`` write through :func:`write_new_file`, the one
place where a file enters the archive: it never writes through a symbolic link (not at the
file, not at any folder between the archive and it), never replaces a file unless the caller's
``replace_if`` accepts it, and replaces atomically (a temporary file beside it, then a rename).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Optional

from archive.format import spec
from archive.format.layout import article_uri
from archive.read.gazetteer import Gazetteer
from archive.read.source import resolve_plain

#: Where the JSON Schema of the front matter is kept, relative to the repository (the folder
#: above the archive's ``content/``); ``archive schema --no-ids`` writes it.
SCHEMA_FILE = Path("schema") / "front-matter.json"
#: Length of the title part of an article id; the id (date, slug, an imported report's
#: seven-character suffix) stays well under the validator's limit of 120 characters.
MAX_SLUG_LENGTH = 80
#: Column at which the comments after nested values start, so a template reads as a table.
_COMMENT_COLUMN = 30

#: Transliteration of Russian words (BGN/PCGN-like, without diacritics).
_RUSSIAN_TO_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
#: Ukraine's official transliteration (2010), for words with a letter only Ukrainian has:
#: Київ → kyiv; at the start of a word є ї й ю я are ye yi y yu ya.
_UKRAINIAN_TO_LATIN = {
    **_RUSSIAN_TO_LATIN,
    "г": "h",
    "ґ": "g",
    "е": "e",
    "є": "ie",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "ю": "iu",
    "я": "ia",
    "ь": "",
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
    return root / article_uri(article_id)


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
# Writing a file into the archive


class UnsafeDestination(OSError):
    """A destination the archive does not write to: a symbolic link at the file or at one of the
    folders above it, a file where a folder belongs, or a file that changed while it was replaced.

    ``path`` is the offending path (the file itself or one of its folders); ``problem`` says
    what is wrong with it, to follow the path in a message; ``hint`` says what to do.
    """

    def __init__(self, path: Path, problem: str, hint: str, code: int = errno.ELOOP) -> None:
        super().__init__(code, f"{path} {problem}", str(path))
        self.path = path
        self.problem = problem
        self.hint = hint


class NotReplaced(FileExistsError):
    """The destination exists and ``replace_if`` declined to replace it."""


_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | _CLOEXEC
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | _CLOEXEC


def write_new_file(root: Path, path: Path, data: bytes, replace_if: Optional[Callable[[Path], bool]] = None) -> bool:
    """Write ``data`` to ``path`` inside the archive at ``root``; True if a file was replaced.

    Every folder from ``root`` down to ``path`` is opened relative to the one above it, without
    following links, and made one level at a time when missing; ``root`` itself may be a link
    (it is the user's choice), nothing below it may. A new file is created exclusively
    (``O_EXCL | O_NOFOLLOW``), and removed again if it cannot be written whole. An existing
    regular file is replaced only when ``replace_if(path)`` says so, and atomically: the data
    goes to a temporary file in the same folder that is then renamed over it, after checking that
    the file is still the one ``replace_if`` saw.

    Raises :class:`UnsafeDestination` for a link or a non-folder on the way,
    :class:`FileExistsError` when the file exists and ``replace_if`` is not given,
    :class:`NotReplaced` when ``replace_if`` declines, and :class:`OSError` for what the system
    refuses (no space, a read-only folder, a name too long).
    """
    root = Path(root)
    parts = Path(path).relative_to(root).parts
    if not parts or any(part in ("", ".", "..") for part in parts):
        raise ValueError(f"{path} is not a file inside {root}")
    folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY | _CLOEXEC)
    try:
        current = root
        for name in parts[:-1]:
            current = current / name
            inner = _open_folder(folder, name, current)
            os.close(folder)
            folder = inner
        return _write_in(folder, parts[-1], current / parts[-1], data, replace_if)
    finally:
        os.close(folder)


def _open_folder(parent: int, name: str, path: Path) -> int:
    """The folder ``name`` of ``parent``, made if missing; never a link."""
    try:
        found = os.stat(name, dir_fd=parent, follow_symlinks=False)
    except FileNotFoundError:
        with contextlib.suppress(FileExistsError):  # made meanwhile: whatever it is, it is checked below
            os.mkdir(name, 0o777, dir_fd=parent)
        found = os.stat(name, dir_fd=parent, follow_symlinks=False)
    if stat.S_ISLNK(found.st_mode):
        raise UnsafeDestination(
            path,
            "is a symbolic link, not a folder: nothing is written through links",
            "replace the link with a real folder, then run the command again",
        )
    if not stat.S_ISDIR(found.st_mode):
        raise UnsafeDestination(
            path, "is a file where a folder belongs", "move the file out of the way, then run the command again", errno.ENOTDIR
        )
    try:
        return os.open(name, _FOLDER_FLAGS, dir_fd=parent)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):  # replaced by a link or a file meanwhile
            raise UnsafeDestination(
                path,
                "changed into something other than a folder while it was opened",
                "make sure nothing else writes to the archive, then run the command again",
                exc.errno,
            ) from None
        raise


def _write_in(folder: int, name: str, path: Path, data: bytes, replace_if: Optional[Callable[[Path], bool]]) -> bool:
    try:
        before = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        _create(folder, name, data)
        return False
    if stat.S_ISLNK(before.st_mode):
        raise UnsafeDestination(
            path,
            "is a symbolic link: nothing is written through links",
            "remove the link (what it points to is not touched), or put the file itself in its place",
        )
    if not stat.S_ISREG(before.st_mode):
        raise UnsafeDestination(
            path,
            "is not a regular file",
            "move it out of the way, then run the command again",
            errno.EISDIR if stat.S_ISDIR(before.st_mode) else errno.EEXIST,
        )
    if replace_if is None:
        raise FileExistsError(errno.EEXIST, "the file already exists", str(path))
    if not _same_file(before, os.stat(path)):  # ``path`` is read by name: it must lead here
        raise _changed(path)
    if not replace_if(path):
        raise NotReplaced(errno.EEXIST, "the file exists and was not replaced", str(path))
    temporary = _create_temporary(folder, name, data)
    try:
        if not _same_file(before, os.stat(name, dir_fd=folder, follow_symlinks=False)):
            raise _changed(path)
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
    except BaseException:
        _remove(folder, temporary)
        raise
    return True


def _create(folder: int, name: str, data: bytes) -> None:
    """A new file ``name`` in ``folder`` holding ``data``; nothing is left if it fails."""
    descriptor = os.open(name, _NEW_FILE_FLAGS, 0o666, dir_fd=folder)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    except BaseException:
        os.close(descriptor)
        _remove(folder, name)
        raise
    try:
        os.close(descriptor)
    except OSError:  # a delayed write error (NFS reports a full disk here)
        _remove(folder, name)
        raise


def _create_temporary(folder: int, name: str, data: bytes) -> str:
    """A hidden file beside ``name`` holding ``data`` (not ``*.md``: no reader takes it for an article)."""
    for _ in range(10):
        temporary = f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            _create(folder, temporary, data)
        except FileExistsError:
            continue
        return temporary
    raise FileExistsError(errno.EEXIST, "no free temporary file name", name)  # pragma: no cover


def _same_file(before: os.stat_result, now: os.stat_result) -> bool:
    return stat.S_ISREG(now.st_mode) and (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == (
        before.st_dev,
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )


def _changed(path: Path) -> UnsafeDestination:
    return UnsafeDestination(
        path,
        "changed while it was being replaced",
        "make sure nothing else writes to the archive, then run the command again",
        errno.EBUSY,
    )


def _remove(folder: int, name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name, dir_fd=folder)


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


def article_template(
    article: NewArticle,
    *,
    modeline_text: str,
    shown_path: str,
    gazetteer: Optional[Gazetteer] = None,
    gazetteer_path: str = "content/gazetteer/",
) -> str:
    """The complete file ``archive new`` writes: every field of the model, laid out and commented.

    With the archive's ``gazetteer``, the examples' ids are its own (see ``Gazetteer.example``).
    """
    example: Callable[[spec.Field], Any] = (lambda f: f.example) if gazetteer is None else gazetteer.example
    lines = [
        "---",
        modeline_text,
        "# A new article. Fill in what is marked REQUIRED; leave empty what does not apply.",
        f"# `archive check {shown_path}` lists what is still missing, line by line.",
        "# Write the archive's own summary of the report below the closing '---'.",
        f"# Every field is explained in CONTRIBUTING.md; ids come from the gazetteer ({gazetteer_path}).",
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
        lines.extend(_top_level(field_spec, given.get(field_spec.name), article.suggestions.get(field_spec.name, []), example))
    lines += ["---", ""]
    return "\n".join(lines)


def _top_level(
    field_spec: spec.Field, value: Any, suggestions: list[tuple[str, str]], example: Callable[[spec.Field], Any]
) -> list[str]:
    kind = field_spec.type
    lines = [f"# {_doc(field_spec, example)}"]
    if isinstance(kind, spec.Choice):
        lines += [f"#   {name}: {meaning}" for name, meaning in kind.vocabulary.items()]
    if isinstance(kind, spec.ListOf) and isinstance(kind.item, spec.Ref):
        kinds = " or ".join(kind.item.kinds)
        hint = f"# Ids of gazetteer entries ({kinds}), as a list: [id, id]."
        if example(field_spec):
            hint += f" Example: {yaml_list(example(field_spec))}"
        lines.append(hint)
        if suggestions and not value:
            lines.append("# Suggested from the title: " + ", ".join(f"{i} ({name})" for i, name in suggestions))
    name = field_spec.name
    if isinstance(kind, spec.Nested):
        lines.append(f"{name}:")
        lines += _record_lines(kind.record, value or {}, indent=2, comment_at=None, list_item=False, example=example)
    elif isinstance(kind, spec.ListOf) and isinstance(kind.item, spec.Nested):
        record = kind.item.record
        if value:
            lines.append(f"{name}:")
            for item in value:
                lines += _record_lines(record, item, indent=2, comment_at=None, list_item=True, example=example)
        else:
            lines.append("# For each item, copy the commented block below and remove the '# ' from its lines.")
            lines.append(f"{name}:")
            lines += _record_lines(record, {}, indent=2, comment_at=2, list_item=True, example=example)
    elif isinstance(kind, spec.ListOf):
        lines.append(f"{name}: {yaml_list(value)}" if value else f"{name}:")
    else:
        rendered = yaml_scalar(value)
        lines.append(f"{name}: {rendered}" if rendered else f"{name}:")
    return lines


def _record_lines(
    record: spec.Record,
    values: dict,
    *,
    indent: int,
    comment_at: Optional[int],
    list_item: bool,
    example: Callable[[spec.Field], Any],
) -> list[str]:
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
        doc = _doc(field_spec, example)
        if isinstance(kind, spec.ListOf) and isinstance(kind.item, spec.Nested):
            lines.append(_line(indent, f"{lead}{field_spec.name}:", doc, comment_at)[0])
            block_at = indent if comment_at is None else comment_at
            lines += _record_lines(kind.item.record, {}, indent=inner, comment_at=block_at, list_item=True, example=example)
            continue
        if isinstance(kind, spec.Nested):
            lines.append(_line(indent, f"{lead}{field_spec.name}:", doc, comment_at)[0])
            lines += _record_lines(
                kind.record, value or {}, indent=inner, comment_at=comment_at, list_item=False, example=example
            )
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


def _doc(field_spec: spec.Field, examples: Callable[[spec.Field], Any]) -> str:
    """``REQUIRED. Who published the report. Example: BBC News`` for one field (its example as
    ``examples`` gives it)."""
    doc = field_spec.doc or field_spec.name
    if isinstance(field_spec.type, spec.Ref):
        doc += f" Ids of kind {' or '.join(field_spec.type.kinds)}."
    example = examples(field_spec)
    if example is not None and not isinstance(example, list) and not isinstance(field_spec.type, spec.Choice):
        doc += f" Example: {yaml_scalar(example)}"
    if isinstance(field_spec.type, spec.Choice):
        doc += " One of:"
    return ("REQUIRED. " if field_spec.required else "") + doc


__all__ = [
    "NewArticle",
    "NotReplaced",
    "SCHEMA_FILE",
    "UnsafeDestination",
    "article_id",
    "article_path",
    "article_template",
    "modeline",
    "schema_reference",
    "slugify",
    "write_new_file",
    "yaml_list",
    "yaml_scalar",
]
