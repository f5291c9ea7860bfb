"""One URL checker that agrees with browsers: what it accepts, every parser reads the same way.

Articles arrive as pull requests from strangers, and the site is read by people whom hostile
states want to fool. A link is dangerous less for what it says than for what different programs
make of it: the WHATWG URL parser in a reader's browser is forgiving (it reads ``\\`` as ``/``,
silently drops tabs and line breaks, skips extra slashes, decodes ``%2e`` in a host, maps
full-width letters to ASCII, reads ``2130706433`` as an IP address), while a reviewer, a
Markdown renderer, a sanitizer or this validator may each read the same text another way. So
this module does not try to parse everything a browser would: it *refuses* every form on which
parsers could disagree, and for what it accepts it computes the host exactly as a WHATWG parser
does (lowercase, IDNA "punycode" ASCII form), so the host we report is the host readers visit.

Everything here runs in time linear in the input, without regular expressions that can
backtrack: the expressions used are single character classes, or anchored over one class. The
length limit (:data:`MAX_URL_LENGTH`) is checked first, but the checks stay linear without it.

Decisions, each for the reason given:

- A host with a trailing dot (``example.com.``) is refused. Browsers keep the dot (the host they
  visit is ``example.com.``, a different origin from ``example.com``), so a block list or a
  reviewer comparing hosts would see two hosts where there is one.
- A host written with compatibility characters (full-width ``ｅｘａｍｐｌｅ.com``, the ideographic
  full stop ``。``, ligatures, superscripts) is refused, though browsers map it to plain
  ``example.com``: the text a reviewer reads or greps for must be the host that is visited. The
  verdict's ``host`` still names what the browser would visit, and the message says what to write.
- International hosts are converted the way browsers do (UTS #46, non-transitional: ``ß`` and
  ``ς`` are kept, not mapped to ``ss`` and ``σ``). The standard library's IDNA 2003 code
  (:func:`encodings.idna.nameprep`) is the judge of which characters and right-to-left labels are
  allowed; it is stricter than browsers in a few rare cases (a Hebrew or Arabic label ending in
  a digit), which are refused rather than guessed. Capitals are lowered letter by letter (a final
  ``Σ`` is ``σ`` to a browser, not ``ς`` as ``str.lower`` writes it), and a capital whose case
  folding differs from its lowercase (``ẞ``, which browsers map to ``ss``) is refused. A letter
  that UTS #46 disallows but this module lets through makes a link that browsers do not open:
  a broken link, never one to another host.
  Invisible characters (zero-width joiners and spaces, bidi controls) are refused everywhere.
- A host label that mixes scripts (Latin with Cyrillic or Greek, say) is a *warning* naming the
  letters, and so is a label written wholly in Cyrillic letters that look like Latin ones under a
  Latin top-level domain (``аррӏе.com``). The standard library has no Unicode Script property,
  so a letter's script is read from its character name (``CYRILLIC SMALL LETTER A``): close
  enough for letters, which is all this check looks at.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from encodings.idna import nameprep
from typing import Optional

#: Longer links are refused (search engines and browsers cope badly with longer ones).
MAX_URL_LENGTH = 2_000
#: The longest label, and the longest host, that DNS can resolve.
_MAX_LABEL = 63
_MAX_HOST = 253

_WEB_SCHEMES = ("http", "https")
#: A WHATWG scheme: an ASCII letter, then letters, digits, ``+``, ``-``, ``.`` (one class: linear).
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*\Z")
#: ASCII characters allowed in a host name: letters, digits, hyphen, dot, and the underscore
#: that real subdomains use. WHATWG allows more (``!$&'()*+,;=~``); DNS resolves none of them.
_HOST_ASCII = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._")
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
#: Characters that end a URL's authority (the backslash is refused before this is used).
_AUTHORITY_END = re.compile(r"[/?#]")
#: Full stops that browsers (UTS #46) read as '.' in a host.
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})

_CONTROL_NAMES = {"\t": "tab", "\n": "line feed", "\r": "carriage return", "\x85": "next line", "\x00": "null"}

_BACKSLASH = "a URL cannot contain a backslash (browsers read it as '/')"
_EDGE_SPACE = "a URL cannot start or end with spaces or line breaks"
_IP_HINT = "link the site's domain name instead (a reader can tell whose site a name is, not a number)"

#: Cyrillic letters that look like Latin ones (after Chromium's IDN spoof checker), with the
#: Latin letters a reader would take each for.
_CYRILLIC_LOOKALIKES = {
    "а": "a",
    "г": "r",
    "е": "e",
    "і": "i",
    "ј": "j",
    "к": "k",
    "о": "o",
    "п": "n",
    "р": "p",
    "с": "c",
    "у": "y",
    "х": "x",
    "ъ": "b",
    "ы": "bl",
    "ь": "b",
    "ю": "io",
    "ѕ": "s",
    "ѡ": "w",
    "ѵ": "v",
    "ҽ": "e",
    "һ": "h",
    "ӏ": "l",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
}
#: Scripts that are written together in one word (Japanese, Chinese, Korean, each with Latin).
_COMPATIBLE_SCRIPTS = (
    frozenset({"Latin", "Han", "Hiragana", "Katakana"}),
    frozenset({"Latin", "Han", "Bopomofo"}),
    frozenset({"Latin", "Han", "Hangul"}),
)


@dataclass(frozen=True)
class UrlVerdict:
    """What the checker made of one URL.

    ``error`` says why the URL is refused (``""`` when it is accepted); ``warning`` says what a
    reviewer should look at in an accepted URL (a host mixing scripts). ``host`` is the host a
    browser visits, lowercase and in ASCII (``xn--`` form), ``""`` for a relative link; a refused
    URL carries it too when it could be worked out, for messages, but it is only vouched for
    when the verdict is :attr:`ok`.
    """

    error: str = ""
    warning: str = ""
    host: str = ""

    @property
    def ok(self) -> bool:
        """Accepted (perhaps with a warning)."""
        return not self.error


def check_web_url(url: str) -> UrlVerdict:
    """An absolute http/https URL (front-matter fields such as sources[].url, archived)."""
    return _check(url, relative=False, max_length=MAX_URL_LENGTH)


def check_link(url: str) -> UrlVerdict:
    """A URL in a Markdown body or raw HTML attribute (href/src).

    Either an absolute http/https URL, under the rules of :func:`check_web_url`, or a relative
    reference (a path, ``?query``, ``#fragment``) that stays on this site. ``url`` is the value as
    the browser gets it: HTML character references (``&#x09;``) and Markdown escapes already
    decoded by the caller, since ``java&#x09;script:`` is ``javascript:`` to a browser.
    """
    return _check(url, relative=True, max_length=MAX_URL_LENGTH)


def _check(url: str, *, relative: bool, max_length: Optional[int]) -> UrlVerdict:
    """The verdict on ``url``; ``max_length=None`` lifts the length limit (for the timing tests)."""
    if not url:
        return UrlVerdict("a URL cannot be empty")
    if max_length is not None and len(url) > max_length:
        return UrlVerdict(f"the URL is {len(url):,} characters long; the limit is {max_length:,}")
    problem = _character_problem(url)
    if problem:
        return UrlVerdict(problem)
    # A scheme is what comes before the first ':' that precedes any '/', '?' or '#'.
    end = _authority_end(url)
    colon = url.find(":", 0, end)
    if colon == -1:
        if not relative:
            return UrlVerdict(f"{_shown(url)} is not an http(s) link (no scheme)")
        return _relative(url)
    scheme = url[:colon]
    if not _SCHEME.match(scheme):
        if not relative:
            return UrlVerdict(f"{_shown(url)} is not an http(s) link (no scheme)")
        return UrlVerdict(
            f"{_shown(url)} has a ':' before its first '/', which other programs may read as a scheme; "
            "write './' before a path that has one"
        )
    scheme = scheme.lower()
    if scheme not in _WEB_SCHEMES:
        return UrlVerdict(f"{_shown(url)} is not an http(s) link ({scheme})")
    return _absolute(url, scheme, url[colon + 1 :])


def _relative(url: str) -> UrlVerdict:
    """A reference without a scheme: it must stay on this site."""
    if url.startswith("//"):
        after = url[2:]
        visited = after[: _authority_end(after)].rpartition("@")[2].partition(":")[0].lower()
        where = f" for the host '{_clip(visited)}'" if visited else ""
        return UrlVerdict(
            f"{_shown(url)} starts with '//', which leaves this site{where}: write the link in full with https://",
            host=visited,
        )
    return UrlVerdict()


def _absolute(url: str, scheme: str, rest: str) -> UrlVerdict:
    """An http(s) URL, given what follows ``scheme:``."""
    if not rest.startswith("//"):
        return UrlVerdict(f"{_shown(url)} needs two slashes after '{scheme}:' (browsers guess where the host is)")
    if rest.startswith("///"):
        return UrlVerdict(
            f"{_shown(url)} has more than two slashes after '{scheme}:' (browsers skip them, other programs see no host)"
        )
    after = rest[2:]
    authority = after[: _authority_end(after)]
    if "@" in authority:
        # WHATWG splits at the last '@': what precedes it is a user name and password.
        visited = authority.rpartition("@")[2].partition(":")[0]
        host = _host(visited).host if visited else ""
        visits = f" (browsers would visit '{_clip(host or visited.lower())}')" if visited else ""
        return UrlVerdict(f"a URL cannot contain a user name or password before '@'{visits}", host=host)
    if authority.startswith("["):
        return UrlVerdict(f"the host '{_clip(authority.partition(']')[0] + ']')}' is an IPv6 address: {_IP_HINT}")
    host_text, colon, port = authority.partition(":")
    if not host_text:
        return UrlVerdict(f"{_shown(url)} has no host")
    verdict = _host(host_text)
    if verdict.error:
        return verdict
    if colon:
        problem = _port_problem(port)
        if problem:
            return UrlVerdict(problem, host=verdict.host)
    return verdict


def _port_problem(port: str) -> str:
    if not port:
        return "a URL cannot have ':' after the host without a port number"
    if not (port.isascii() and port.isdigit()):
        return f"the port '{_clip(port, 20)}' is not a number"
    digits = port.lstrip("0")
    if len(digits) > 5 or not 1 <= int(digits or "0") <= 65535:
        return f"the port {_clip(port, 20)} is out of range (1 to 65535)"
    return ""


# --------------------------------------------------------------------------------------------
# Hosts


def _host(text: str) -> UrlVerdict:
    """The verdict on a host as written between ``//`` and the port or path."""
    if text.isascii():  # the usual case: a plain name, accepted here at the cost of a few scans
        lowered = text.lower()
        labels = lowered.split(".")
        if (
            len(labels) > 1
            and len(text) <= _MAX_HOST
            and _HOST_ASCII.issuperset(lowered)
            and "" not in labels
            and max(map(len, labels)) <= _MAX_LABEL
            and "xn--" not in lowered
            and not _ends_in_number(labels)
        ):
            return UrlVerdict(host=lowered)
    # Anything else takes the long way, where each rule has its message.
    if "%" in text:
        return UrlVerdict(
            f"the host '{_clip(text)}' contains percent-encoded characters, which browsers decode: write the host as it is"
        )
    if not text.isascii():
        nfc = unicodedata.normalize("NFC", text)
        mapped = _lower(unicodedata.normalize("NFKC", text).translate(_DOTS))
        if mapped != _lower(nfc):
            shown = _clip(mapped)
            # What the browser visits, when the mapped host is itself stable (no second mapping).
            stable = _lower(unicodedata.normalize("NFKC", mapped).translate(_DOTS)) == mapped
            return UrlVerdict(
                f"the host '{_clip(text)}' is written with look-alike characters that browsers read as '{shown}': "
                f"write '{shown}'",
                host=_host(mapped).host if stable else "",
            )
        text = nfc
    if len(text) > _MAX_HOST:
        return UrlVerdict(f"the host is {len(text):,} characters long; the limit is {_MAX_HOST}")
    if not _HOST_ASCII.issuperset(text):
        for char in text:
            if char in _HOST_ASCII:
                continue
            if char.isascii():
                return UrlVerdict(f"the host '{_clip(text)}' contains '{char}', which cannot be in a domain name")
            category = unicodedata.category(char)
            if category[0] not in "LM" and category != "Nd":
                problem = f"contains {_describe(char)}, which is not a letter or digit"
                return UrlVerdict(f"the host '{_clip(text)}' {problem}")
    labels = text.split(".")
    trailing_dot = len(labels) > 1 and labels[-1] == ""
    if trailing_dot:
        labels.pop()
    if "" in labels:
        return UrlVerdict(f"the host '{_clip(text)}' has an empty label (two dots, or a dot at the start)")
    if max(map(len, labels)) > _MAX_LABEL:  # checked before any conversion: punycode's is quadratic
        return UrlVerdict(f"the host '{_clip(text)}' has a part longer than {_MAX_LABEL} characters")
    # Most hosts are plain ASCII names, with nothing to convert and no script to compare.
    plain = text.isascii() and "xn--" not in text.lower()
    if plain:
        ascii_labels = unicode_labels = [label.lower() for label in labels]
    else:
        ascii_labels, unicode_labels = [], []
        for label in labels:
            ascii_label, unicode_label, problem = _label(label)
            if problem:
                return UrlVerdict(f"the host '{_clip(text)}' {problem}")
            ascii_labels.append(ascii_label)
            unicode_labels.append(unicode_label)
    host = ".".join(ascii_labels) + ("." if trailing_dot else "")
    if _ends_in_number(ascii_labels):
        if all(_ends_in_number([label]) for label in ascii_labels):
            return UrlVerdict(f"the host '{_clip(text)}' is an IP address: {_IP_HINT}", host=host)
        return UrlVerdict(
            f"the host '{_clip(text)}' ends in a number, which browsers read as an IP address: {_IP_HINT}", host=host
        )
    if trailing_dot:
        return UrlVerdict(
            f"the host '{_clip(text)}' ends with a dot (browsers visit '{_clip(host)}', another site to them): "
            f"write '{_clip(text[:-1])}'",
            host=host,
        )
    if len(labels) < 2:
        return UrlVerdict(
            f"the host '{_clip(text)}' has no dot: link a public domain name, not a local machine or intranet name",
            host=host,
        )
    if len(host) > _MAX_HOST:
        return UrlVerdict(f"the host is {len(host):,} characters long; the limit is {_MAX_HOST}", host=host)
    return UrlVerdict(warning="" if plain else _script_warning(text, unicode_labels), host=host)


def _label(label: str) -> tuple[str, str, str]:
    """A host label's ASCII and Unicode forms, or a problem (the end of a sentence about the host)."""
    if label.isascii():
        lowered = label.lower()
        if not lowered.startswith("xn--"):
            return lowered, lowered, ""
        try:
            decoded = lowered[4:].encode("ascii").decode("punycode")
        except (UnicodeError, ValueError, IndexError, OverflowError):
            return "", "", f"has a label '{label}' that is not valid punycode"
        if decoded.isascii() or _punycode(decoded) != lowered:
            return "", "", f"has a label '{label}' that is not valid punycode"
        problem = _unicode_label_problem(decoded)
        if not problem and decoded != unicodedata.normalize("NFC", _lower(decoded)):
            problem = "is not in the form browsers use"
        if problem:
            shown = f" ('{decoded}')" if decoded.isprintable() else ""
            return "", "", f"has a label '{label}'{shown} that {problem}"
        return lowered, decoded, ""
    problem = _case_problem(label)
    lowered = unicodedata.normalize("NFC", _lower(label))
    problem = problem or _unicode_label_problem(lowered)
    if problem:
        return "", "", f"has a label '{label}' that {problem}"
    encoded = _punycode(lowered)
    if len(encoded) > _MAX_LABEL:
        return "", "", f"has a label '{label}' longer than {_MAX_LABEL} characters in its ASCII form"
    return encoded, lowered, ""


def _lower(text: str) -> str:
    """Lowercase letter by letter, as UTS #46 maps: ``str.lower`` makes a final Σ into ς by context."""
    return "".join(map(str.lower, text)) if not text.isascii() else text.lower()


def _case_problem(label: str) -> str:
    """Why lowercasing a letter of ``label`` may differ from the browser's mapping, or ``""``.

    Browsers map a capital to its case folding (ẞ to 'ss'), ``str.lower`` to its lowercase
    (ẞ to ß); where the two differ the label is refused rather than guessed. ß and ς themselves
    are kept by browsers (UTS #46 non-transitional).
    """
    for char in label:
        if char.isascii() or char in "ßς":
            continue
        lower = char.lower()
        if lower.casefold() != lower:
            return f"contains {_describe(char)}, which browsers may map to other letters than its lowercase"
    return ""


def _unicode_label_problem(label: str) -> str:
    """Why a lowercase international label cannot be converted as browsers do, or ``""``."""
    if unicodedata.category(label[0])[0] == "M":
        return "starts with a combining mark"
    if not unicodedata.is_normalized("NFKC", label):
        return "is written with look-alike (compatibility) characters"
    for char in label:
        if char.isascii():
            if char not in _HOST_ASCII:
                return f"contains '{char}', which cannot be in a domain name"
            continue
        category = unicodedata.category(char)
        if category[0] not in "LM" and category != "Nd":
            return f"contains {_describe(char)}, which is not a letter or digit"
        # Browsers keep ß and ς (UTS #46 non-transitional); other case foldings that lower()
        # does not do are mappings we would have to guess.
        if char not in "ßς" and char.casefold() != char:
            return f"contains {_describe(char)}, which browsers would rewrite"
    try:
        nameprep(label)
    except UnicodeError as exc:
        return f"is not a valid international domain name ({str(exc).lower()})"
    return ""


def _punycode(label: str) -> str:
    return "xn--" + label.encode("punycode").decode("ascii")


def _ends_in_number(labels: list[str]) -> bool:
    """WHATWG's "ends in a number": a host whose last label is a decimal or 0x-hex number is IPv4."""
    last = labels[-1]
    if last.isdigit():  # the labels are ASCII here
        return True
    return last[:2] in ("0x", "0X") and _HEX_DIGITS.issuperset(last[2:])


def _script_warning(text: str, labels: list[str]) -> str:
    """A warning for labels that mix scripts or spell a Latin word in Cyrillic, or ``""``."""
    shown = ".".join(labels)
    written = f" (written '{_clip(text)}')" if text.lower() != shown else ""
    warnings = []
    for index, label in enumerate(labels):
        scripts: dict[str, list[str]] = {}
        for char in label:
            script = _script(char)
            if script:
                scripts.setdefault(script, []).append(char)
        if len(scripts) > 1 and not any(scripts.keys() <= allowed for allowed in _COMPATIBLE_SCRIPTS):
            ordered = sorted(scripts, key=lambda s: (-len(scripts[s]), s != "Latin"))
            odd = list(dict.fromkeys(c for s in ordered[1:] for c in scripts[s]))
            letters = ", ".join(f"{c} U+{ord(c):04X}" for c in odd[:6]) + (", ..." if len(odd) > 6 else "")
            warnings.append(f"the host '{_clip(shown)}'{written} mixes {_and(ordered)} letters ({letters})")
        elif (
            scripts.keys() == {"Cyrillic"}
            and index < len(labels) - 1
            and labels[-1].isascii()
            and all(c in _CYRILLIC_LOOKALIKES for c in scripts["Cyrillic"])
        ):
            odd = list(dict.fromkeys(scripts["Cyrillic"]))
            letters = ", ".join(f"{c} U+{ord(c):04X}" for c in odd[:6]) + (", ..." if len(odd) > 6 else "")
            latin = "".join(_CYRILLIC_LOOKALIKES.get(c, c) for c in label)
            warnings.append(
                f"the host '{_clip(shown)}'{written} is written in Cyrillic letters that look like Latin ones "
                f"({letters}): readers will take '{label}' for '{latin}'"
            )
    return "; ".join(warnings)


def _script(char: str) -> str:
    """The script of a letter or non-ASCII digit, read from its name; ``""`` for anything else."""
    if char.isascii():
        return "Latin" if char.isalpha() else ""
    category = unicodedata.category(char)
    if category[0] != "L" and category != "Nd":
        return ""
    name = unicodedata.name(char, "")
    if not name:
        return "Unknown"
    if name.startswith(("CJK ", "IDEOGRAPHIC ")):
        return "Han"
    if name.startswith("KATAKANA-HIRAGANA"):
        return "Katakana"
    # The first word of the name (EXTENDED ARABIC-INDIC DIGIT ONE: Arabic). Scripts whose names
    # share a first word (Old Italic, Old Persian) are taken as one: harmless for this check.
    words = name.replace("-", " ").split()
    if words[0] == "EXTENDED" and len(words) > 1:
        words = words[1:]
    return words[0].title()


def mixed_scripts(word: str) -> tuple[list[str], list[str]]:
    """The scripts of a word that mixes scripts, and the letters that stand out; ``([], [])`` if none.

    ``'pаypal'`` (a Cyrillic ``а``) gives ``(['Latin', 'Cyrillic'], ['а'])``. Judged as a host
    label is (see :func:`_script_warning`): the scripts come most letters first, Latin first on a
    tie, and the letters are those of every script but the first, each once; Japanese, Chinese or
    Korean written with Latin letters is not a mix. For names and other words of text, modifier
    letters (the Ukrainian apostrophe ``ʼ``, superscripts) belong to no script.
    """
    scripts: dict[str, list[str]] = {}
    for char in word:
        script = _script(char)
        if script and unicodedata.category(char) != "Lm":
            scripts.setdefault(script, []).append(char)
    if len(scripts) < 2 or any(scripts.keys() <= allowed for allowed in _COMPATIBLE_SCRIPTS):
        return [], []
    ordered = sorted(scripts, key=lambda s: (-len(scripts[s]), s != "Latin"))
    return ordered, list(dict.fromkeys(c for s in ordered[1:] for c in scripts[s]))


# --------------------------------------------------------------------------------------------
# Characters


def _character_problem(url: str) -> str:
    """Why a character of ``url`` makes it unsafe, or ``""``; one pass, whatever the length."""
    if "\\" in url:
        return _BACKSLASH
    if url.isprintable():  # no control, format, separator (but ' '), surrogate or unassigned character
        if " " not in url:
            return ""
        if url[0] == " " or url[-1] == " ":
            return _EDGE_SPACE
        return "a URL cannot contain spaces (write %20 in a path)"
    if url[0].isspace() or url[-1].isspace():
        return _EDGE_SPACE
    found: dict[str, str] = {}
    for char in url:
        if char.isprintable() and char != " ":
            continue
        category = unicodedata.category(char)
        if char in "\t\n\r\x85" or category in ("Zl", "Zp"):
            kind = "break"
        elif category == "Cc":
            kind = "control"
        elif category == "Zs":
            kind = "space"
        elif category == "Cf":
            kind = "invisible"
        elif category == "Cs":
            kind = "surrogate"
        else:  # private use, unassigned: browsers percent-encode them in a path; hosts refuse them
            continue
        found.setdefault(kind, char)
    if "break" in found:
        return (
            f"a URL cannot contain a tab or line break ({_describe(found['break'])}): "
            "browsers silently drop it, so the link is not what it shows"
        )
    if "control" in found:
        return f"a URL cannot contain control characters ({_describe(found['control'])})"
    if "space" in found:
        return f"a URL cannot contain spaces ({_describe(found['space'])}; write %20 in a path)"
    if "invisible" in found:
        return f"a URL cannot contain invisible characters ({_describe(found['invisible'])})"
    if "surrogate" in found:
        return f"a URL cannot contain {_describe(found['surrogate'])}, which is not a character"
    return ""


def _describe(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``; controls, which have no name, by their usual one."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "")
    if char.isprintable() and char != " ":
        return f"'{char}' U+{ord(char):04X} {name}".rstrip()
    return f"U+{ord(char):04X} {name}".rstrip()


# --------------------------------------------------------------------------------------------
# Helpers


def _authority_end(text: str) -> int:
    """The index of the first '/', '?' or '#' in ``text``, or ``len(text)``."""
    found = _AUTHORITY_END.search(text)
    return found.start() if found else len(text)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _shown(url: str) -> str:
    """The URL quoted for a message, cut short."""
    return f"'{_clip(url)}'"


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


__all__ = ["MAX_URL_LENGTH", "UrlVerdict", "check_link", "check_web_url"]
