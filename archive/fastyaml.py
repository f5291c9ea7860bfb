"""A fast path for front matter that is plainly well-formed.

libyaml builds a Python node (with two position marks) for every value, which costs about
0.5 ms per article: too slow for ``archive check`` on 10,000 articles in a pull request. This
module parses with rapidyaml (C++) and hands the tree to Python as JSON, about 6x faster.

It is only a shortcut, never the judge. :func:`fast_load` returns ``None`` whenever the text
uses anything where the two parsers could disagree (tabs, anchors, aliases, tags, a value that
YAML 1.2 could read as other than text, a duplicate key, a parse error) and the caller then uses
the positioned loader in ``archive.source``. The article reader also redoes a file with the
positioned loader whenever the fast result has any problem, so every message comes from one
loader and carries its line and column.
"""

from __future__ import annotations

import json
import os
import re
import threading
from typing import Any, Optional

from .source import resolve_plain

try:
    import ryml  # rapidyaml
except ImportError:  # pragma: no cover - the slow path alone is still correct
    ryml = None

#: Anchors, aliases, tags, explicit keys, directives, reserved characters at the start of a
#: token, tabs and merge keys: all left to the positioned loader.
_RESERVED = re.compile(r"[&*!?%@`]")
_TOKEN_START = frozenset(" \n[{,")
#: JSON strings that might have been unquoted non-text scalars: checked one by one.
_MAYBE_NOT_TEXT = re.compile(r'"([-+.0-9~][^"]*|[tT]rue|TRUE|[fF]alse|FALSE|[nN]ull|NULL)"')
#: A quick first look for the same, which passes over dates (most front matter has no other).
_ANY_MAYBE_NOT_TEXT = re.compile(r'"(?:[-+.~]|[0-9](?![0-9]{3}-[0-9]{2}-[0-9]{2}")|[tTfFnN](?:rue|RUE|alse|ALSE|ull|ULL)")')


def _decode_without_duplicate_keys(emitted_json: str) -> Any:
    """The JSON's value, or ``None`` if a mapping had a key twice (``json`` keeps the last).

    rapidyaml keeps both keys of a duplicate, and writes every key as ``"key": ``. So the text
    holds at least as many ``":`` as there are keys (more when a text contains ``\":``), while
    the decoded mappings hold fewer when a key was repeated: any difference sends the file to
    the positioned loader, which names the duplicate. Counting in a hook that receives each
    decoded dict costs nothing; a hook that receives key/value pairs would cost 20 µs a file.
    """
    keys = 0

    def count(mapping: dict[str, Any]) -> dict[str, Any]:
        nonlocal keys
        keys += len(mapping)
        return mapping

    data = json.loads(emitted_json, object_hook=count)
    return data if keys == emitted_json.count('":') else None


def _texts_are_unambiguous(emitted_json: str) -> bool:
    """True when no string in the JSON could have been an unquoted number, boolean or null.

    The JSON from rapidyaml does not say whether a string was quoted: ``'234'`` and ``234``
    differ, and the two parsers disagree on forms like ``007`` or ``True``. Such values are rare
    in front matter, so when one appears the positioned loader decides. Dates (``2024-03-12``)
    are text under YAML 1.2 and pass.
    """
    if _ANY_MAYBE_NOT_TEXT.search(emitted_json) is None:
        return True
    for match in _MAYBE_NOT_TEXT.finditer(emitted_json):
        if not isinstance(resolve_plain(match.group(1)), str):
            return False
    return True


class quiet_stderr:
    """rapidyaml prints parse errors to the C stderr; the positioned loader reports them instead.

    Swapping the descriptor costs two system calls; a caller that reads many files wraps the
    whole batch once, and the swap around each file then does nothing (the depth is counted).
    """

    null: Optional[int] = None
    saved = -1
    depth = 0

    def __enter__(self) -> None:
        if quiet_stderr.depth == 0:
            if quiet_stderr.null is None:
                quiet_stderr.null = os.open(os.devnull, os.O_WRONLY)
            quiet_stderr.saved = os.dup(2)
            os.dup2(quiet_stderr.null, 2)
        quiet_stderr.depth += 1

    def __exit__(self, *exc: object) -> None:
        quiet_stderr.depth -= 1
        if quiet_stderr.depth == 0:
            os.dup2(quiet_stderr.saved, 2)
            os.close(quiet_stderr.saved)


class _Reused(threading.local):
    """A rapidyaml tree and an output buffer, reused file after file (one set per thread).

    A new tree, and the two passes of ``emit_json_malloc`` (measure, then write), cost about
    30 µs a file, as much as parsing it.
    """

    def __init__(self) -> None:
        self.tree = ryml.Tree() if ryml is not None else None
        self.buffer = bytearray(256 * 1024)


_REUSED = _Reused()


def _parse_to_json(encoded: bytes) -> str:
    """rapidyaml's JSON for the YAML in ``encoded``; raises on a parse error."""
    tree, buffer = _REUSED.tree, _REUSED.buffer
    tree.clear()
    tree.clear_arena()
    with quiet_stderr():
        ryml.parse_csubstr(encoded, tree)
    too_small, size = ryml.emit_json_to_substr(tree, tree.root_id(), buffer)
    if too_small:
        buffer = _REUSED.buffer = bytearray(size)
        too_small, size = ryml.emit_json_to_substr(tree, tree.root_id(), buffer)
    return buffer[:size].decode("utf-8")


def _unusual(text: str) -> bool:
    """Tabs, merge keys, or an anchor, alias, tag or reserved character starting a token."""
    if "\t" in text or "<<" in text:
        return True
    for match in _RESERVED.finditer(text):
        start = match.start()
        if start == 0 or text[start - 1] in _TOKEN_START:
            return True
    return False


def available() -> bool:
    return ryml is not None


def fast_load(yaml_text: str) -> Optional[Any]:
    """The values of ``yaml_text``, or ``None`` when the positioned loader must decide."""
    if ryml is None or _unusual(yaml_text):
        return None
    try:
        emitted = _parse_to_json(yaml_text.encode("utf-8"))
    except Exception:  # noqa: BLE001 - any parse failure sends the file to the positioned loader
        return None
    if not _texts_are_unambiguous(emitted):
        return None
    try:
        data = _decode_without_duplicate_keys(emitted)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None
