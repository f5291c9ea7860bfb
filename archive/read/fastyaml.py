"""A fast path for front matter that is plainly well-formed.

libyaml builds a Python node (with two position marks) for every value, which costs about
0.5 ms per article: too slow for ``archive check`` on 10,000 articles in a pull request. This
module parses with rapidyaml (C++) and hands the tree to Python as JSON, about 6x faster.

It is only a shortcut, never the judge. :func:`fast_load` returns ``None`` whenever the text
uses anything where the two parsers could disagree (tabs and other odd characters, anchors,
aliases, tags, a value that YAML 1.2 could read as other than text, a duplicate key, a parse
error, and the forms listed in :func:`_unusual`, found by comparing the two on mutated front
matter) and the caller then uses the positioned loader in ``archive.read.source``. When the fast
result has problems, their lines and columns come from composing the same text
(``archive.read.source.PositionedOnDemand``): the values stay the fast loader's, and the file is read once.
``tests/core/test_fast_path.py`` keeps checking that the fast path never changes a verdict.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Optional

from archive.read.source import MAX_DEPTH, might_exceed_value_budget, resolve_plain

try:
    import ryml  # rapidyaml
except ImportError:  # pragma: no cover - the slow path alone is still correct
    ryml = None

# What the fast path declines (see _unusual). The checks run on the UTF-8 bytes with
# ``bytes.translate``, which passes over a front matter in about 2 µs where a regular
# expression takes 15: each table folds the characters of interest into one, so that one
# substring search finds them all.

#: A token starts after a space, a line break, an opening bracket or a comma.
_TOKEN_STARTS = b" \n[{,"
#: Anchors, aliases, tags, explicit keys, directives, reserved characters and colons starting
#: a token (all folded into ``&``, and every token start into a space).
_RESERVED_FOLDED = bytes.maketrans(b"*!?%@`:" + _TOKEN_STARTS, b"&" * 7 + b" " * len(_TOKEN_STARTS))
#: A closing bracket starting a token (``summary: }x`` is an error for libyaml but the text
#: ``}x`` for rapidyaml; right after an opening bracket it is fine: ``[]``), or followed by
#: `` -`` (``- {a: 1} -``): brackets folded into ``]``, token starts into a space.
_CLOSERS_FOLDED = bytes.maketrans(b"}\n,", b"]  ")
#: A colon right before a flow indicator or ``?`` (``[a:, b]``, ``{k:? v}``), and document
#: markers (``---``, ``...``) at the start of a line.
_COLONS_FOLDED = bytes.maketrans(b"]}?[{.", b",,,,,-")
#: ``|`` or ``>`` starting a token, and the only header a block scalar may have after it.
#: One search finds a ``|`` or ``>`` not followed by that header. A comment may follow the
#: header: ``#`` ends it as well as a line break does, and nothing past it is read, so that each
#: ``|`` costs the few characters of its header (the text ends with a line break).
_BLOCK_SCALAR_WITH_TEXT = re.compile(rb"(?:^|(?<=[ \n]))[|>](?!(?:[-+][1-9]?|[1-9][-+]?)?[ ]*[#\n])")
#: More `` #`` than this, and :func:`_comment_in_flow` declines without looking (a commented
#: ``archive new`` template holds about 80).
_MOST_COMMENT_MARKS = 1000
#: Printable ASCII and the line break: anything else in an ASCII text is a control character.
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"
#: In other texts, the characters the two parsers treat differently: control characters, and
#: the line breaks that YAML 1.1 knows besides \n (CR, NEL, LS, PS), a byte-order mark.
_ODD_CHARACTERS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
#: JSON strings that might have been unquoted non-text scalars: checked one by one.
_MAYBE_NOT_TEXT = re.compile(r'"([-+.0-9~][^"]*|[tT]rue|TRUE|[fF]alse|FALSE|[nN]ull|NULL)"')
#: A quick first look for the same, which passes over dates (most front matter has no other).
_ANY_MAYBE_NOT_TEXT = re.compile(r'"(?:[-+.~]|[0-9](?![0-9]{3}-[0-9]{2}-[0-9]{2}")|[tTfFnN](?:rue|RUE|alse|ALSE|ull|ULL)")')


def _decode_without_duplicate_keys(emitted_json: str) -> Any:
    """The JSON's value, or ``None`` if a mapping had a key twice (``json`` keeps the last).

    rapidyaml keeps both keys of a duplicate, and writes every key as ``"key": ``. So the text
    holds as many ``":`` as there are keys, not counting quotes inside texts (``\":``), while
    the decoded mappings hold fewer when a key was repeated: any difference sends the file to
    the positioned loader, which names the duplicate. Counting in a hook that receives each
    decoded dict costs nothing; a hook that receives key/value pairs would cost 20 µs a file.
    """
    keys = 0

    def count(mapping: dict[str, Any]) -> dict[str, Any]:
        nonlocal keys
        keys += len(mapping)
        return mapping

    # Integers as the positioned loader reads them: an overlong one is kept as written.
    data = json.loads(emitted_json, object_hook=count, parse_int=resolve_plain)
    written = emitted_json.count('":')
    if '\\"' in emitted_json and '\\\\":' not in emitted_json:  # no key ends with a backslash,
        written -= emitted_json.count('\\":')  # so every \": is a quote inside a text
    return data if keys == written else None


def _texts_are_unambiguous(emitted_json: str) -> bool:
    """True when no string in the JSON could have been an unquoted number, boolean or null.

    The JSON from rapidyaml does not say whether a string was quoted: ``'234'`` and ``234``
    differ, and the two parsers disagree on forms like ``007`` or ``True``. Such values are rare
    in front matter, so when one appears the positioned loader decides. Dates (``2024-03-12``)
    are text under YAML 1.2 and pass.
    """
    if _ANY_MAYBE_NOT_TEXT.search(emitted_json) is None:
        return True
    return all(isinstance(resolve_plain(match.group(1)), str) for match in _MAYBE_NOT_TEXT.finditer(emitted_json))


@contextmanager
def _rapidyaml_messages_silenced() -> Iterator[None]:
    """Keep rapidyaml's parse-error messages off the terminal, for the length of one parse.

    rapidyaml writes them to the C library's stderr (file descriptor 2), where Python cannot
    catch them; the positioned loader reports the same problem properly, with its line. So
    descriptor 2 points at ``/dev/null`` while rapidyaml parses, and back at once: this is the
    one process-wide measure of the core (what another thread writes to stderr during those
    microseconds is lost), held under a lock so that two threads never interleave the swap.
    Swapping for a whole batch of files was measured to save under 2 %, and is not done.
    """
    global _DEVNULL
    with _SWAP:
        if _DEVNULL is None:
            _DEVNULL = os.open(os.devnull, os.O_WRONLY)
        saved = os.dup(2)
        os.dup2(_DEVNULL, 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


_SWAP = threading.Lock()
_DEVNULL: Optional[int] = None


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
    assert tree is not None  # only fast_load calls this, once it has found rapidyaml
    tree.clear()
    tree.clear_arena()
    with _rapidyaml_messages_silenced():
        ryml.parse_csubstr(encoded, tree)
    too_small, size = ryml.emit_json_to_substr(tree, tree.root_id(), buffer)
    if too_small:
        buffer = _REUSED.buffer = bytearray(size)
        too_small, size = ryml.emit_json_to_substr(tree, tree.root_id(), buffer)
    return buffer[:size].decode("utf-8")


def _unusual(text: str, encoded: bytes) -> bool:
    """Whether the two parsers might read ``text`` (and its UTF-8 ``encoded``) differently.

    Declined: a text without a final line break; odd characters (tabs, control characters,
    other line breaks); merge keys; an anchor, alias, tag, reserved character or colon
    starting a token; a closing bracket starting a token; a colon before a flow indicator;
    document markers; a block scalar header with text after it; a comment inside a flow
    collection. Each but the first few was found by comparing the two parsers on mutated
    front matter (about 600,000 texts; ``tests/core/test_fast_path.py`` keeps a small copy).
    Every check is one pass over the text, whatever it holds (``tests/core/test_linear_time.py``).
    """
    if not encoded.endswith(b"\n"):  # split_front_matter's texts always end with one
        return True
    if encoded.isascii():
        if encoded.translate(None, _PRINTABLE_ASCII):
            return True
    elif not text.replace("\n", " ").isprintable() and _ODD_CHARACTERS.search(text):
        return True  # (printable text has none; Python also calls a no-break space unprintable)
    if b"<<" in encoded:
        return True
    reserved = encoded.translate(_RESERVED_FOLDED)
    if reserved[:1] == b"&" or b" &" in reserved or b"&&" in reserved:  # (&& is :& or ::)
        return True
    closers = encoded.translate(_CLOSERS_FOLDED)
    if closers[:1] == b"]" or b" ]" in closers or b"] - " in closers or closers.endswith(b"] -"):
        return True
    colons = encoded.translate(_COLONS_FOLDED)
    if b":," in colons or colons[:3] == b"---" or b"\n---" in colons:
        return True
    if (b"|" in encoded or b">" in encoded) and _block_scalar_with_text(encoded):
        return True
    return _comment_in_flow(text)


def _block_scalar_with_text(encoded: bytes) -> bool:
    """``summary: | text`` or ``|1x``: a block scalar header with more than its indicators."""
    return _BLOCK_SCALAR_WITH_TEXT.search(encoded) is not None


def _comment_in_flow(text: str) -> bool:
    """A comment inside a flow collection: ``{note: a #b}`` is an error for libyaml (the
    comment swallows the ``}``) but the text ``a #b`` for rapidyaml. A comment counts as
    inside when an opening bracket precedes it on its line, or more brackets were opened than
    closed before it (brackets in quoted text can only make this decline more often).

    One pass: the brackets and line breaks between one `` #`` and the next are counted once,
    and a text with very many `` #`` is declined outright.
    """
    if text.count(" #") > _MOST_COMMENT_MARKS:
        return True
    at = text.find(" #")
    counted = 0  # brackets and line breaks are counted up to here
    opened = closed = 0
    line_start = 0
    last_opener = -1  # the last '[' or '{' before `counted`
    while at >= 0:
        line_break = text.rfind("\n", counted, at)
        if line_break >= 0:
            line_start = line_break + 1
        last_opener = max(last_opener, text.rfind("[", counted, at), text.rfind("{", counted, at))
        if last_opener >= line_start:
            return True
        opened += text.count("[", counted, at) + text.count("{", counted, at)
        closed += text.count("]", counted, at) + text.count("}", counted, at)
        if opened and opened != closed:
            return True
        counted = at
        at = text.find(" #", at + 2)
    return False


def available() -> bool:
    return ryml is not None


def fast_load(yaml_text: str) -> Optional[Any]:
    """The values of ``yaml_text``, or ``None`` when the positioned loader must decide."""
    if ryml is None:
        return None
    encoded = yaml_text.encode("utf-8")
    # Past the value budget the positioned loader refuses the file at the first value over it;
    # the fast path would parse all of it (half a second on a mebibyte of ``[``) for nothing.
    if might_exceed_value_budget(yaml_text) or _unusual(yaml_text, encoded):
        return None
    try:
        emitted = _parse_to_json(encoded)
    except Exception:  # noqa: BLE001 - any parse failure sends the file to the positioned loader
        return None
    if not _texts_are_unambiguous(emitted):
        return None
    try:
        data = _decode_without_duplicate_keys(emitted)
    except ValueError:
        return None
    if not isinstance(data, dict) or _nested_too_deep(data, emitted):
        return None
    return data


def _nested_too_deep(data: dict[str, Any], emitted_json: str) -> bool:
    """Whether collections nest :data:`~archive.read.source.MAX_DEPTH` levels or more: the
    positioned loader's builder names that problem at its line. Front matter opens fewer
    collections than that in all (brackets in texts count too, so this errs on the safe side)
    and is not walked."""
    if emitted_json.count("[") + emitted_json.count("{") < MAX_DEPTH:
        return False
    level: list[tuple[Any, int]] = [(data, 1)]
    while level:
        value, depth = level.pop()
        if depth >= MAX_DEPTH:
            return True
        children = value.values() if isinstance(value, dict) else value
        level.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False
