"""Reading files that arrive in pull requests from strangers: bounded, decoded, positioned.

A file is read once. Its size is checked before a byte is read, its encoding is checked with
the position of the first bad byte, and its YAML is composed by libyaml's safe parser into
nodes that keep the line and column of every value. Values are built from those nodes by
:func:`build_value` rather than by PyYAML's constructor, which lets us reject duplicate keys
and alias bombs, and keep the nodes so that a problem found later can point at its line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, Optional, Union

import yaml

try:  # libyaml's parser is ~10x faster; every supported platform ships it in PyYAML wheels.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - a PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_TAG = "tag:yaml.org,2002:"
#: The tag given to unquoted scalars without an explicit tag; resolved by :func:`resolve_plain`.
_PLAIN = "!archive-plain"


class _Loader(_BaseLoader):
    """libyaml's safe loader with YAML 1.2 scalar resolution left to :func:`resolve_plain`."""

    def resolve(self, kind, value, implicit):  # noqa: ANN001, ANN201 - PyYAML's signature
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _TAG + "str"
        return _TAG + ("seq" if kind is yaml.SequenceNode else "map")


#: An article file may not be larger than this (the data model's limit).
MAX_FILE_BYTES = 1024 * 1024
#: How many values a front matter may expand to, aliases included: a guard against alias bombs.
MAX_VALUES = 20_000
#: How deeply front matter may nest: articles need about five levels.
MAX_DEPTH = 24

PathKey = Union[str, int]

_FRONT_MATTER_OPEN = re.compile(r"---[ \t]*\n")


class SourceError(Exception):
    """A file that cannot be read as an article or gazetteer at all (one message, one place)."""

    def __init__(self, message: str, line: int = 1, column: int = 1, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


def read_text(path: str | os.PathLike, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file's text, as UTF-8 with ``\\n`` line ends; a byte-order mark is dropped.

    Raises :class:`SourceError` for a file that is too large (without reading it), empty,
    binary, or not UTF-8 (naming the line and column of the first bad byte).
    """
    try:
        # Never through a symbolic link: the gate refuses them, and a link could name any file.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        if os.path.islink(path):
            raise SourceError(
                "the file is a symbolic link, which is never followed", hint="replace the link with the file itself"
            ) from None
        raise SourceError(f"the file cannot be read ({exc.strerror})") from None
    try:
        size = os.fstat(descriptor).st_size
        if size > max_bytes:
            raise SourceError(
                f"the file is {size:,} bytes; the limit is {max_bytes:,} bytes ({_size(max_bytes)})",
                hint="an article holds a summary and structured data, not the full report",
            )
        raw = _read_to_end(descriptor, size, max_bytes)
    finally:
        os.close(descriptor)
    if len(raw) > max_bytes:  # the file grew after it was measured
        raise SourceError(
            f"the file is larger than the limit of {max_bytes:,} bytes ({_size(max_bytes)})",
            hint="an article holds a summary and structured data, not the full report",
        )
    if not raw or raw.isspace():
        raise SourceError("the file is empty", hint="an article starts with front matter between two '---' lines")
    if b"\x00" in raw:
        line, column = _position_of(raw, raw.index(b"\x00"))
        raise SourceError("the file contains NUL bytes: it looks binary, not text", line, column)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position_of(raw, exc.start)
        raise SourceError(
            f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            line,
            column,
            hint="save the file as UTF-8",
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _size(count: int) -> str:
    """``1048576`` → ``1 MiB``; ``1536`` → ``1.5 KiB``: exact, in the largest unit that fits."""
    for unit, factor in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if count >= factor:
            value = count / factor
            return f"{value:g} {unit}" if value * factor == count and len(f"{value:g}") < 8 else f"{count:,} bytes"
    return f"{count} bytes"


def _read_to_end(descriptor: int, size: int, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes, in one read when the file is as large as ``fstat`` said.

    Asking ``os.read`` for the limit instead would allocate a 1 MiB buffer for every file,
    which costs more than reading a 5 KB article (about 30 µs against 5).
    """
    raw = os.read(descriptor, size + 1)
    if len(raw) == size:
        return raw
    parts, total = [raw], len(raw)  # a short read, or the file changed: read on, within the limit
    while total <= max_bytes:
        chunk = os.read(descriptor, min(65536, max_bytes + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    return b"".join(parts)


def _position_of(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


@dataclass
class FrontMatter:
    """The YAML text of a front matter, and the Markdown body after it."""

    yaml_text: str
    body: str
    #: Line of the file where the YAML text starts (the line after the opening ``---``).
    yaml_line: int
    #: Line of the file where the body starts.
    body_line: int


def split_front_matter(text: str) -> FrontMatter:
    """Split ``---\nyaml\n---\nbody``; a file without front matter raises :class:`SourceError`."""
    opening = _FRONT_MATTER_OPEN.match(text)
    if not opening:
        raise SourceError(
            "no front matter: the file must begin with a line '---'",
            hint="put the article's fields between two '---' lines at the top of the file",
        )
    start = opening.end()
    close_start, close_end = _closing_line(text, start)
    if close_start < 0:
        raise SourceError(
            "the front matter is not closed",
            hint="end the fields with a line '---' before the article's text",
        )
    body_start = min(close_end + 1, len(text))
    body_line = text.count("\n", 0, body_start) + 1
    return FrontMatter(text[start:close_start], text[body_start:], 2, body_line)


#: A line that closes front matter: ``---`` or ``...``, nothing after it but spaces or tabs.
_CLOSING_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def _closing_line(text: str, start: int) -> tuple[int, int]:
    """Start and end of the first line from ``start`` on that is ``---`` or ``...``.

    One search of the text (re-searching from every line that merely starts with ``---`` or
    ``...`` was quadratic: 16 s for 512 KiB of ``...x`` lines).
    """
    match = _CLOSING_LINE.search(text, start)
    if match is None:
        return -1, -1
    end = text.find("\n", match.start())
    return match.start(), len(text) if end < 0 else end


@dataclass
class YamlProblem:
    """A problem found while building values: a duplicate key, an unsupported tag..."""

    node: yaml.Node
    message: str
    hint: str = ""
    key_path: tuple[PathKey, ...] = ()


class YamlDocument:
    """Plain Python values plus the nodes they came from, so problems can name their line."""

    def __init__(self, root: Optional[yaml.Node], data: Any, line_offset: int, problems: list[YamlProblem]):
        self.root = root
        self.data = data
        self.line_offset = line_offset
        self.problems = problems

    def node_at(self, path: tuple[PathKey, ...], *, key: bool = False) -> Optional[yaml.Node]:
        """The node of the value at ``path`` (or of its key), or the nearest existing parent."""
        node = self.root
        for step in path:
            found = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == step:
                        found = key_node if (key and step == path[-1]) else value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                found = node.value[step]
            if found is None:
                return node
            node = found
        return node

    def position(self, path: tuple[PathKey, ...] = (), *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) in the file of the value at ``path``."""
        node = self.node_at(path, key=key)
        if node is None:
            return self.line_offset, 1
        return self.position_of(node)

    def position_of(self, node: yaml.Node) -> tuple[int, int]:
        mark = node.start_mark
        return mark.line + self.line_offset, mark.column + 1


class PositionedOnDemand(YamlDocument):
    """The fast loader's values, placed by composing the text only if a problem asks where.

    An article with warnings (every draft has one) is read once: the problems it reports ask
    for their positions, and the text is composed then, once, for all of them (the nodes only:
    the values are the fast loader's, which declines every text the two could read apart; see
    ``archive.read.fastyaml``). Should composing fail where the fast loader did not, :attr:`failure`
    holds the error and the caller reads the file the positioned way.
    """

    def __init__(self, data: Any, text: str, line_offset: int) -> None:
        super().__init__(None, data, line_offset, [])
        self._text = text
        self._composed = False
        self.failure: Optional[SourceError] = None

    def position(self, path: tuple[PathKey, ...] = (), *, key: bool = False) -> tuple[int, int]:
        if len(path) == 1 and isinstance(path[0], str) and path[0] in self.data:
            found = self._top_level_line(path[0], key)
            if found is not None:
                return found
        return super().position(path, key=key)

    def _top_level_line(self, name: str, key: bool) -> Optional[tuple[int, int]]:
        """Where a top-level ``name: value`` is, found without composing (a draft's one warning
        is at ``draft``): only when exactly one line starts with ``name:`` and, for the value, a
        plain value follows on that line; otherwise ``None``, and the nodes decide."""
        text, opener = "\n" + self._text, "\n" + name + ":"
        at = text.find(opener)
        if at == -1 or text.find(opener, at + 1) != -1:  # none, or a second line like it
            return None
        line = text.count("\n", 0, at) + self.line_offset
        if key:
            return line, 1
        end_of_line = text.find("\n", at + 1)
        rest = text[at + len(opener) : end_of_line if end_of_line != -1 else len(text)]
        value = rest.lstrip(" ")
        if value == rest or not value or value[0] in "|>[{\"'#&*!%@`":
            return None
        return line, len(name) + 2 + len(rest) - len(value)

    def node_at(self, path: tuple[PathKey, ...], *, key: bool = False) -> Optional[yaml.Node]:
        if not self._composed:
            self._composed = True
            try:
                self.root = compose_yaml(self._text, self.line_offset)
            except SourceError as exc:
                self.failure = exc
        return super().node_at(path, key=key)


#: Line breaks of YAML 1.1 besides \n and \r, which libyaml honours and editors do not show.
_ODD_BREAK_NAMES = {"\x85": "NEXT LINE (NEL)", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")


def _refuse_oversized(text: str, line_offset: int) -> None:
    """Refuse, before composing, YAML that must hold more values than :data:`MAX_VALUES`.

    The value budget applies once the whole tree is composed, which for a MiB of nested flow
    collections takes seconds: every ``[`` or ``{`` opens a collection, and YAML this long in
    lines holds far more values than the budget. (Brackets inside quoted text count too; no
    record needs thousands of those either.)
    """
    collections = text.count("[") + text.count("{")
    if collections > MAX_VALUES:
        raise SourceError(
            f"the YAML opens {collections:,} lists or mappings; at most {MAX_VALUES:,} values are read",
            line_offset,
            1,
            _budget_hint(False),
        )
    lines = text.count("\n")
    if lines > 4 * MAX_VALUES:
        raise SourceError(
            f"the YAML is {lines:,} lines long; at most {MAX_VALUES:,} values are read", line_offset, 1, _budget_hint(False)
        )


def might_exceed_value_budget(text: str) -> bool:
    """Whether ``text`` might hold more values than :data:`MAX_VALUES` (a cheap upper bound).

    Every value but the first follows a ``:``, a ``- `` (or ``-`` at the end of a line), a ``,``
    or an opening bracket (an alias aside), so counting those bounds the values; in texts they
    only make this say "might" more often. Front matter written by people is far below it.
    """
    found = text.count(":") + text.count("- ") + text.count("-\n") + text.count(",")
    return found + text.count("[") + text.count("{") >= MAX_VALUES


def _refuse_past_value_budget(text: str, line_offset: int) -> None:
    """Refuse YAML whose values run past :data:`MAX_VALUES`, found by reading its events.

    Composing a mebibyte of short values takes most of a second, nearly all of it for values
    past the budget, which the builder would then refuse at the first one over. Counting the
    parser's events costs a fraction of that and stops there, with the same message at the same
    value. Whatever the builder would count differently (aliases, a repeated or complex key, a
    merge key, nesting past :data:`MAX_DEPTH`, a syntax error) is left to it: this returns.
    """
    counted = 0
    #: Per open collection: whether it is a mapping, whether its next node is a key, its keys.
    open_collections: list[tuple[bool, list[bool], set[str]]] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                open_collections.pop()
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if isinstance(event, yaml.AliasEvent):
                    return
                continue
            if open_collections and open_collections[-1][0]:
                _, expecting_key, keys = open_collections[-1]
                expecting_key[0] = not expecting_key[0]
                if not expecting_key[0]:  # (it was a key)
                    if not isinstance(event, yaml.ScalarEvent) or event.value in keys or event.value == "<<":
                        return
                    keys.add(event.value)
                    continue
            counted += 1
            if counted > MAX_VALUES:
                line, column = (event.start_mark.line, event.start_mark.column) if event.start_mark else (0, 0)
                raise SourceError(_over_budget(False), line + line_offset, column + 1, _budget_hint(False))
            if len(open_collections) > MAX_DEPTH:
                return
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                open_collections.append((isinstance(event, yaml.MappingStartEvent), [True], set()))
    except yaml.YAMLError:
        return


def parse_yaml(text: str, line_offset: int = 1) -> YamlDocument:
    """Compose ``text`` safely and build its values; syntax errors raise :class:`SourceError`."""
    root = compose_yaml(text, line_offset)
    if root is None:
        return YamlDocument(None, None, line_offset, [])
    builder = _ValueBuilder()
    data = builder.build(root, 0, ())
    return YamlDocument(root, data, line_offset, builder.problems)


def compose_yaml(text: str, line_offset: int = 1) -> Optional[yaml.Node]:
    """The node tree of ``text`` (what positions come from); syntax errors raise :class:`SourceError`."""
    odd_break = _ODD_BREAK.search(text)
    if odd_break is not None:
        # libyaml reads these as line breaks: a value is cut or folded where the editor shows
        # none, and every line number after it is off by one. Written as an escape in a quoted
        # value ("\L"), the character reaches the value, whose check names the field.
        at = odd_break.start()
        raise SourceError(
            f"invalid YAML: U+{ord(odd_break.group()):04X} {_ODD_BREAK_NAMES[odd_break.group()]}, which YAML reads as a line break",
            text.count("\n", 0, at) + line_offset,
            at - text.rfind("\n", 0, at),
            "delete it; it does not show in most editors",
        )
    _refuse_oversized(text, line_offset)
    if might_exceed_value_budget(text):
        _refuse_past_value_budget(text, line_offset)
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, line_offset) from None
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a mark are rare
        raise SourceError(f"the YAML cannot be read: {exc}", line_offset, 1) from None
    return root


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, line_offset: int) -> SourceError:
    """A YAML syntax error, said in a contributor's words where we can tell what went wrong."""
    mark = exc.problem_mark or exc.context_mark
    line_index = mark.line if mark else 0
    line = line_index + line_offset
    column = (mark.column if mark else 0) + 1
    problem = exc.problem or "invalid YAML"
    lines = text.split("\n")
    source_line = lines[line_index] if line_index < len(lines) else ""
    if "\t" in source_line or "\t" in problem:
        tab_column = source_line.find("\t") + 1 if "\t" in source_line else column
        return SourceError(
            "invalid YAML: a tab character where YAML expects spaces", line, tab_column, "indent with spaces, never tabs"
        )
    if "escape" in problem and "surrogate" not in problem and _surrogate_escape(source_line):
        return SourceError(
            "invalid YAML: a \\u escape names half of a surrogate pair, which is not a character",
            line,
            column,
            "write the character itself, or its \\U0001xxxx escape",
        )
    if exc.context and "quoted scalar" in exc.context and exc.context_mark is not None:
        return SourceError(
            "invalid YAML: a quoted value is never closed",
            exc.context_mark.line + line_offset,
            exc.context_mark.column + 1,
            "add the closing quote, or remove the opening one",
        )
    hint = ""
    if "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted"
    elif "found character" in problem:
        hint = "quote values that start with @, `, % or other special characters"
    elif "could not find expected ':'" in problem:
        hint = "each line needs 'key: value'; check the quotes and indentation above"
    elif "expected <block end>" in problem or "did not find expected" in problem:
        hint = "check the indentation: items of one list or mapping start in the same column"
    context = f" {exc.context}" if exc.context and exc.context not in problem else ""
    return SourceError(f"invalid YAML:{context} {problem}", line, column, hint)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _surrogate_escape(line: str) -> bool:
    return bool(_SURROGATE_ESCAPE.search(line))


class _BudgetExceeded(Exception):
    def __init__(self, message: str, node: Optional[yaml.Node] = None) -> None:
        super().__init__(message)
        self.node = node


class _ValueBuilder:
    """Turns composed nodes into dicts, lists and scalars, within a bounded budget."""

    def __init__(self) -> None:
        self.count = 0
        self.aliases_used = False
        self.seen: set[int] = set()
        self.problems: list[YamlProblem] = []

    def build(self, root: yaml.Node, depth: int, path: tuple[PathKey, ...]) -> Any:
        try:
            return self._build(root, depth, path)
        except _BudgetExceeded as exc:
            # Placed at the value where the budget ran out (a line a contributor can find).
            self.problems.append(YamlProblem(exc.node or root, str(exc), hint=_budget_hint(self.aliases_used)))
            return None

    def _build(self, node: yaml.Node, depth: int, path: tuple[PathKey, ...]) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _BudgetExceeded(_over_budget(self.aliases_used), node)
        if depth > MAX_DEPTH:
            raise _BudgetExceeded(f"the YAML is nested more than {MAX_DEPTH} levels deep", node)
        if id(node) in self.seen:
            self.aliases_used = True
        else:
            self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self._build(item, depth + 1, path + (i,)) for i, item in enumerate(node.value)]
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or (key_node.value == "<<" and key_node.tag == _PLAIN):
                self.problems.append(
                    YamlProblem(key_node, "keys must be plain words", "YAML merge keys and complex keys are not supported", path)
                )
                continue
            key = key_node.value
            if key in result:
                self.problems.append(
                    YamlProblem(
                        key_node, f"duplicate key '{key}'", "each key may appear once; remove or merge the repeat", path + (key,)
                    )
                )
                continue
            result[key] = self._build(value_node, depth + 1, path + (key,))
        return result


def _over_budget(aliases_used: bool) -> str:
    if aliases_used:
        return f"anchors and aliases expand to more than {MAX_VALUES:,} values"
    return f"the YAML holds more than {MAX_VALUES:,} values"


def _budget_hint(aliases_used: bool) -> str:
    if aliases_used:
        return "front matter needs no anchors or aliases ('&name', '*name'); write the values out"
    return "front matter holds a record, not data sets"


_CORE_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_CORE_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_CORE_SPECIAL = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}


#: An unquoted integer longer than this is not converted (see :class:`OverlongNumber`).
MAX_INTEGER_LENGTH = 100


@dataclass(frozen=True)
class OverlongNumber:
    """An unquoted integer of more than :data:`MAX_INTEGER_LENGTH` characters, kept as written.

    Converting it is pointless (no field takes a number that large) and unsafe: Python refuses
    to convert more than 4,300 decimal digits (a ``ValueError``), and the time it takes grows
    with the square of the length. The reader reports it as a number with too many digits.
    """

    text: str

    @property
    def digits(self) -> int:
        """How many digits it is written with (a ``0x`` or ``0o`` prefix and the sign not counted)."""
        body = self.text.lstrip("+-")
        return len(body) - 2 if body[:2] in ("0x", "0o") else len(body)

    def __str__(self) -> str:
        return self.text


def resolve_plain(text: str) -> Any:
    """The value of an unquoted scalar under YAML 1.2's core schema.

    Front matter follows YAML 1.2, not PyYAML's YAML 1.1 defaults: ``no`` is a word (Norway,
    not false), ``2024-03-12`` is text that the validator reads as a date, ``1_000`` and
    ``1:30`` are text. It is also what the fast loader (``archive.read.fastyaml``) produces. An
    integer too long to convert is an :class:`OverlongNumber`; this function never raises.
    """
    if text in _CORE_SPECIAL:
        return _CORE_SPECIAL[text]
    first = text[0]
    if first.isdigit() or first in "+-.":
        if _CORE_INT.match(text):
            if len(text) > MAX_INTEGER_LENGTH:
                return OverlongNumber(text)
            if text.startswith("0o"):
                return int(text[2:], 8)
            if text.startswith("0x"):
                return int(text[2:], 16)
            return int(text)
        if _CORE_FLOAT.match(text):
            return float(text)
    return text


def _scalar(node: yaml.ScalarNode) -> Any:
    """A scalar's value: plain scalars resolve as YAML 1.2 core; quoted ones are text.

    An explicit ``!!int`` or ``!!float`` is honoured; any other explicit tag leaves text.
    """
    tag = node.tag
    if tag == _PLAIN:
        return resolve_plain(node.value)
    if tag in (_TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "null"):
        value = resolve_plain(node.value)
        return value if not isinstance(value, str) else node.value
    return node.value
