"""A Content-Security-Policy for every page, as a ``<meta http-equiv>`` tag (static hosts often cannot set headers).

The policy is the last line of defence behind the sanitiser: scripts only from the site itself
plus the sha256 hashes of the theme's inline scripts, computed here from each rendered page; no
inline event handlers, no ``'unsafe-inline'``, no ``'unsafe-eval'``; every other kind of resource
from the site itself or nowhere. The directives a ``<meta>`` policy ignores (``frame-ancestors``,
``report-uri``, ``sandbox``) are not used.

Which inline scripts are hashed: a page is the theme's template around one block of contributor
markup, the page body (``page.content``). :func:`add_policy` takes such blocks as ``untrusted``;
a script element that touches one of them gets no hash, so a script that slipped through the
sanitiser is blocked instead of being allowed by a hash computed from the page it was injected
into. A block that cannot be found in the page verbatim is an error if it holds ``<script``.
Everything else in the page is the templates' own markup, where every value is escaped; the
site tests check that the only scripts hashed on any page are the theme's known ones.

How a script is read: like the browser's tokenizer, but failing closed. A script starts at a
lower-case ``<script`` followed by a space, ``/`` or ``>`` (the theme writes lower-case; a
``<SCRIPT>`` is simply not hashed, so not allowed), its attributes are read as the tokenizer
reads them, and its text runs to the next ``</script`` (in upper or lower case). The text is hashed as the
browser sees it: line ends normalised to LF, NUL as U+FFFD, UTF-8 (with MkDocs' own
``xmlcharrefreplace``). A script whose text holds ``<!--`` is not hashed either: there the
browser's end-of-script rules differ. Only JavaScript is hashed (no type, a JavaScript MIME
type, or ``module``); a ``src`` script or a data block such as Material's
``<script id="__config" type="application/json">`` is never executed from its text.

No MkDocs import: plain functions on strings, tested directly (tests/site/test_csp.py).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html import unescape

#: The directives, in the order they are written. ``script-src`` also gets the page's hashes.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # Material's icons in its CSS are data: SVG images
    ("font-src", "'self'"),
    ("connect-src", "'self'"),  # the search page fetches its index
    ("worker-src", "'self'"),  # the search runs in a Web Worker (assets/search/search-worker.js)
    ("manifest-src", "'self'"),
    ("media-src", "'self'"),
    ("frame-src", "'none'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),  # the header's search box is a GET form to the search page
)

#: https://mimesniff.spec.whatwg.org/#javascript-mime-type (an essence match: no parameters).
JAVASCRIPT_TYPES = frozenset(
    {
        "application/ecmascript",
        "application/javascript",
        "application/x-ecmascript",
        "application/x-javascript",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)

_SPACE = "\t\n\f\r "
_OPEN = "<script"
_PREFIXES = tuple(_OPEN[:n] for n in range(1, len(_OPEN)))  # "<", "<s", ... "<scrip"
#: One attribute of a start tag, as the tokenizer reads it (leading spaces and slashes skipped).
_ATTRIBUTE = re.compile(
    r"""[\t\n\f\r /]*(?:([^\t\n\f\r />][^\t\n\f\r /=>]*)"""
    r"""(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"|'([^']*)'|([^\t\n\f\r >]*)))?)?"""
)
_CLOSE = re.compile(r"</script[\t\n\f\r />]", re.IGNORECASE)
_HEAD = re.compile(r"<head(?=[\t\n\f\r />])", re.IGNORECASE)
_CHARSET = re.compile(r"""[\t\n\f\r ]*<meta[\t\n\f\r ]+charset[\t\n\f\r ]*=[^>]*>""", re.IGNORECASE)


def _start_tag(html: str, start: int) -> tuple[dict[str, str], int] | None:
    """The attributes of the start tag at ``start`` (first of each name wins) and the index after its ``>``."""
    attributes: dict[str, str] = {}
    pos, end = start + len(_OPEN), len(html)
    while pos < end:
        if html[pos] == ">":
            return attributes, pos + 1
        match = _ATTRIBUTE.match(html, pos)
        assert match is not None  # every part of the pattern is optional: it always matches
        if match.end() == pos:  # only at the end of the input
            break
        name = match.group(1)
        if name is not None:
            value = next((v for v in match.group(2, 3, 4) if v is not None), "")
            attributes.setdefault(name.lower(), unescape(value))
        pos = match.end()
    return None


def _is_javascript(attributes: dict[str, str]) -> bool:
    """Whether a script element with these attributes runs its text.

    https://html.spec.whatwg.org/#prepare-the-script-element
    """
    if "src" in attributes:
        return False
    if "type" in attributes:
        kind = attributes["type"].strip(_SPACE).lower()
    elif "language" in attributes:
        kind = "text/" + attributes["language"].lower() if attributes["language"] else ""
    else:
        kind = ""
    return kind in ("", "module") or kind in JAVASCRIPT_TYPES


def _locate(html: str, block: str) -> int:
    """``html.find(block)``, quicker for a long block: its first characters, then one comparison.

    (Finding a 2.5 MB body with ``str.find`` costs some 3.5 ms, mostly preparing the needle.)
    After a few false starts it hands over to ``str.find``, which stays linear on any input.
    """
    start = block[:256]
    pos = html.find(start)
    for _ in range(8):
        if pos < 0 or html.startswith(block, pos):
            return pos
        pos = html.find(start, pos + 1)
    return html.find(block, pos) if pos >= 0 else -1


def _untrusted_spans(html: str, untrusted: Iterable[str]) -> list[tuple[int, int]]:
    """Where each untrusted block sits in ``html`` (every copy of it)."""
    spans = []
    for block in untrusted:
        if not block:
            continue
        pos = _locate(html, block)
        if pos < 0 and (_OPEN in block or block.endswith(_PREFIXES)):
            raise ValueError(
                "an untrusted block holding '<script' is not in the page verbatim: its scripts cannot be told from the theme's"
            )
        while pos >= 0:
            spans.append((pos, pos + len(block)))
            pos = html.find(block, pos + len(block))
    return spans


def inline_scripts(html: str, untrusted: Iterable[str] = ()) -> list[str]:
    """The text of every inline JavaScript ``<script>`` element of ``html`` that touches no untrusted block.

    The texts are as the browser hashes them (see the module docstring), in document order.
    """
    spans = _untrusted_spans(html, untrusted)
    texts = []
    pos = html.find(_OPEN)
    while pos >= 0:
        after = pos + len(_OPEN)
        if after >= len(html):
            break
        if html[after] not in _SPACE + "/>":  # <scripts>, <script-x>: another element
            pos = html.find(_OPEN, after)
            continue
        tag = _start_tag(html, pos)
        if tag is None:
            break
        attributes, body = tag
        close = _CLOSE.search(html, body)
        if close is None:  # a script cut off by the end of the file is not run
            break
        end = close.start()
        text = html[body:end]
        if (
            _is_javascript(attributes)
            and "<!--" not in text
            and not any(start < close.end() and pos < stop for start, stop in spans)
        ):
            texts.append(text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd"))
        pos = html.find(_OPEN, end)
    return texts


def script_hash(text: str) -> str:
    """The CSP source expression of a script's text: ``'sha256-<base64>'``."""
    digest = hashlib.sha256(text.encode("utf-8", errors="xmlcharrefreplace")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy_for(html: str, untrusted: Iterable[str] = ()) -> str:
    """The policy of a page: :data:`DIRECTIVES`, with the sorted hashes of its trusted inline scripts in ``script-src``."""
    hashes = sorted({script_hash(text) for text in inline_scripts(html, untrusted)})
    return "; ".join(
        " ".join((name, value, *hashes)) if name == "script-src" else f"{name} {value}" for name, value in DIRECTIVES
    )


def meta_tag(policy: str) -> str:
    """The ``<meta>`` element of ``policy`` (which holds no ``"``, ``&`` nor ``<``: hashes are base64)."""
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def add_policy(html: str, untrusted: Iterable[str] = ()) -> str:
    """``html`` with its policy as the first element of ``<head>``, or right after ``<meta charset>`` if that comes first.

    A policy governs only what follows it, and nothing may come before it but the character
    encoding declaration, which must stay in the first 1024 bytes of the file. A document
    without a ``<head>`` start tag is returned unchanged.
    """
    untrusted = tuple(untrusted)
    head = _HEAD.search(html)
    if head is None:
        return html
    close = html.find(">", head.end())
    if close < 0:
        return html
    at = close + 1
    charset = _CHARSET.match(html, at)
    if charset is not None:
        at = charset.end()
    # The same as html[:at] + meta + html[at:], in one copy instead of three (3 ms less on a 2.5 MB page):
    # the first occurrence of html's own first `at` characters is at 0.
    return html.replace(html[:at], html[:at] + meta_tag(policy_for(html, untrusted)), 1)


__all__ = ["DIRECTIVES", "JAVASCRIPT_TYPES", "add_policy", "inline_scripts", "meta_tag", "policy_for", "script_hash"]
