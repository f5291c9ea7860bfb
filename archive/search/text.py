"""Text processing that matches lunr.js 2.3.9 token for token.

Index side (what ``lunr.Builder`` does with its default pipeline)::

    lowercase -> split on /[\\s\\-]+/ -> trimmer -> stopWordFilter -> stemmer

Query side (what the browser does): the query parser lowercases and splits,
the search pipeline is the stemmer only.  An index term is therefore always
``stemmer(trimmed lowercase token)`` and a query term ``stemmer(lowercase
term)``; the two meet as long as the stemmer is the same function on both
sides.  Everything here is a pure function of a lowercased token, so callers
cache the whole pipeline per distinct token (see :class:`TermPipeline`).

Deliberate differences from lunr.js, all index-side only:

* The default trimmer is Unicode-aware: it strips characters that are not
  letters, marks, digits or ``_`` (lunr.js's ``\\W`` is ASCII-only and erases
  Cyrillic words and trailing accented letters).  On ASCII tokens both give
  the same result; ``trimmer="ascii"`` reproduces lunr.js exactly.
* Text is put in Unicode NFC first (browsers send NFC; a decomposed ``й``
  would otherwise lose its breve to the trimmer).
* Optional Cyrillic suffix stripping (:func:`cyrillic_stem`), which must then
  also run in the browser (``archive/search/assets/shard-loader.js`` registers
  the same function under the label :data:`CYRILLIC_LABEL`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import Optional

__all__ = [
    "CYRILLIC_LABEL",
    "STOP_WORDS",
    "TermPipeline",
    "cyrillic_stem",
    "js_lower",
    "porter_stem",
    "split_tokens",
    "tokenize",
    "trim_ascii",
    "trim_unicode",
    "utf16_len",
    "utf16_sort_key",
]

# ---------------------------------------------------------------------------
# Lowercasing and splitting (lunr.tokenizer)
# ---------------------------------------------------------------------------

# JavaScript's \s (WhiteSpace + LineTerminator, Unicode Zs as of ES2023) plus
# the hyphen-minus: exactly the characters /[\s\-]/ matches.  Python's own \s
# differs (it matches \x1c-\x1f and \x85, not \ufeff), so spell it out.
JS_SEPARATOR_CHARS = (
    "\t\n\x0b\x0c\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-"
)
_SEP_CLASS = "".join("\\u%04x" % ord(c) for c in JS_SEPARATOR_CHARS)
_TOKEN_RE = re.compile("[^" + _SEP_CLASS + "]+")
# str.split() splits on JavaScript's \s plus these, and not on U+FEFF
_PY_ONLY = ("\x1c", "\x1d", "\x1e", "\x1f")
_PY_ONLY_NON_ASCII = ("\x85", "\ufeff")


def js_lower(text: str) -> str:
    """``String.prototype.toLowerCase`` (full case mapping, final sigma).

    Python's ``str.lower`` implements the same Unicode algorithm; the two only
    differ on characters newer than Python's Unicode database.
    """
    return text.lower()


def split_tokens(lowered: str) -> list:
    """Split an already lowercased string like ``lunr.tokenizer``."""
    if "-" in lowered:
        lowered = lowered.replace("-", " ")
    for c in _PY_ONLY:
        if c in lowered:
            return _TOKEN_RE.findall(lowered)
    if not lowered.isascii():
        for c in _PY_ONLY_NON_ASCII:
            if c in lowered:
                return _TOKEN_RE.findall(lowered)
    return lowered.split()


def tokenize(value) -> list:
    """``lunr.tokenizer`` for a field value, returning token strings.

    ``None`` gives no tokens.  Lists and tuples are joined with spaces and
    then split (lunr.js would keep each element whole, with its spaces, which
    no query could ever match).  Text is NFC-normalised first.
    """
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        value = " ".join("" if v is None else str(v) for v in value)
    elif not isinstance(value, str):
        value = str(value)
    if not value.isascii() and not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return split_tokens(value.lower())


# ---------------------------------------------------------------------------
# Trimmers
# ---------------------------------------------------------------------------

#: The ASCII characters of ``\\W``: what lunr.js's trimmer strips (with every non-ASCII one).
_ASCII_NON_WORD = "".join(chr(c) for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"))
_ASCII_WORD_RE = re.compile(r"[A-Za-z0-9_]")


def trim_ascii(token: str) -> str:
    """lunr.js ``lunr.trimmer``: strip ``^\\W+`` and ``\\W+$`` (ASCII ``\\W``).

    Not with that expression: ``\\W+$`` tries every position of a run of non-word characters
    and reads to its end each time, so a token ``a!!!...!a`` costs the square of its length.
    """
    if token.isascii():
        return token if token.isalnum() else token.strip(_ASCII_NON_WORD)
    first = _ASCII_WORD_RE.search(token)
    if first is None:
        return ""
    last = _ASCII_WORD_RE.search(token[::-1])
    assert last is not None  # the reversed token holds the same word character
    return token[first.start() : len(token) - last.start()]


def _is_word_char(ch: str) -> bool:
    if ch == "_" or ch.isalnum():
        return True
    return unicodedata.category(ch)[0] in "LMN"


def trim_unicode(token: str) -> str:
    """Strip non-word characters at both ends; word = letter, mark, digit, ``_``.

    Identical to :func:`trim_ascii` on ASCII tokens.
    """
    if token.isalnum():
        return token
    if token.isascii():
        return token.strip(_ASCII_NON_WORD)
    start, end = 0, len(token)
    while start < end and not _is_word_char(token[start]):
        start += 1
    while end > start and not _is_word_char(token[end - 1]):
        end -= 1
    return token[start:end]


# ---------------------------------------------------------------------------
# Stop words (lunr.stopWordFilter, English)
# ---------------------------------------------------------------------------

STOP_WORDS = frozenset(
    """a able about across after all almost also am among an and any are as at
    be because been but by can cannot could dear did do does either else ever
    every for from get got had has have he her hers him his how however i if in
    into is it its just least let like likely may me might most must my neither
    no nor not of off often on only or other our own rather said say says she
    should since so some than that the their them then there these they this
    tis to too twas us wants was we were what when where which while who whom
    why will with would yet you your""".split()
)

# ---------------------------------------------------------------------------
# Porter stemmer, ported line by line from lunr.js 2.3.9 (lunr.stemmer)
# ---------------------------------------------------------------------------

_STEP2 = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
_STEP3 = {
    "icate": "ic",
    "ative": "",
    "alize": "al",
    "iciti": "ic",
    "ical": "ic",
    "ful": "",
    "ness": "",
}

_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"
# JS `.` does not match \n \r \u2028 \u2029 and `$` is end-of-input; tokens
# never contain those characters (they are separators), so `.` and \Z agree.
_re_mgr0 = re.compile("^(" + _C + ")?" + _V + _C)
_re_meq1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + r")?\Z")
_re_mgr1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_re_s_v = re.compile("^(" + _C + ")?" + _v)

_re_1a = re.compile(r"^(.+?)(ss|i)es\Z")
_re2_1a = re.compile(r"^(.+?)([^s])s\Z")
_re_1b = re.compile(r"^(.+?)eed\Z")
_re2_1b = re.compile(r"^(.+?)(ed|ing)\Z")
_re2_1b_2 = re.compile(r"(at|bl|iz)\Z")
_re3_1b_2 = re.compile(r"([^aeiouylsz])\1\Z")
_re4_1b_2 = re.compile("^" + _C + _v + r"[^aeiouwxy]\Z")
_re_1c = re.compile(r"^(.+?[^aeiou])y\Z")
_re_2 = re.compile(
    r"^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|"
    r"ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)\Z"
)
_re_3 = re.compile(r"^(.+?)(icate|ative|alize|iciti|ical|ful|ness)\Z")
_re_4 = re.compile(
    r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|"
    r"ous|ive|ize)\Z"
)
_re2_4 = re.compile(r"^(.+?)(s|t)(ion)\Z")
_re_5 = re.compile(r"^(.+?)e\Z")
_re_5_1 = re.compile(r"ll\Z")
_re3_5 = re.compile("^" + _C + _v + r"[^aeiouwxy]\Z")


_STEP2_SUFFIXES = tuple(_STEP2)
_STEP3_SUFFIXES = tuple(_STEP3)
_STEP4_SUFFIXES = (
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ment",
    "ent",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
)


# A word ending in none of these is left alone by every step (each step's
# regexes require one of them; steps only fire on their own suffixes).
_ANY_STEP_SUFFIX = tuple(
    sorted(set(("s", "eed", "ed", "ing", "y", "ion", "e", "ll") + _STEP2_SUFFIXES + _STEP3_SUFFIXES + _STEP4_SUFFIXES))
)


def _replace_suffix(w: str, suffixes: tuple[str, ...], pattern: re.Pattern, replacements: dict[str, str]) -> str:
    """Porter steps 2 and 3: a listed suffix after a stem with a consonant sequence is replaced."""
    if w.endswith(suffixes):
        m = pattern.search(w)
        if m:
            stem, suffix = m.group(1), m.group(2)
            if _re_mgr0.search(stem):
                return stem + replacements[suffix]
    return w


def _porter_units(w: str) -> str:
    # `w` holds UTF-16 code units (one Python character per code unit).
    # Each regex is guarded by a cheap suffix test that it implies.
    if len(w) < 3 or not w.endswith(_ANY_STEP_SUFFIX):
        return w
    firstch = w[0]
    if firstch == "y":
        w = "Y" + w[1:]

    # Step 1a
    if w[-1] == "s":
        m = _re_1a.search(w) if w.endswith(("sses", "ies")) else None
        if m:
            w = m.group(1) + m.group(2)
        else:
            m = _re2_1a.search(w)
            if m:
                w = m.group(1) + m.group(2)

    # Step 1b
    m = _re_1b.search(w) if w.endswith("eed") else None
    if m:
        if _re_mgr0.search(m.group(1)):
            w = w[:-1]
    elif w.endswith(("ed", "ing")):
        m = _re2_1b.search(w)
        if m:
            stem = m.group(1)
            if _re_s_v.search(stem):
                w = stem
                if _re2_1b_2.search(w):
                    w = w + "e"
                elif _re3_1b_2.search(w):
                    w = w[:-1]
                elif _re4_1b_2.search(w):
                    w = w + "e"

    # Step 1c: y -> i after a consonant that is not the first letter
    if w.endswith("y"):
        m = _re_1c.search(w)
        if m:
            w = m.group(1) + "i"

    # Steps 2 and 3
    w = _replace_suffix(w, _STEP2_SUFFIXES, _re_2, _STEP2)
    w = _replace_suffix(w, _STEP3_SUFFIXES, _re_3, _STEP3)

    # Step 4
    m = _re_4.search(w) if w.endswith(_STEP4_SUFFIXES) else None
    if m:
        stem = m.group(1)
        if _re_mgr1.search(stem):
            w = stem
    elif w.endswith("ion"):
        m = _re2_4.search(w)
        if m:
            stem = m.group(1) + m.group(2)
            if _re_mgr1.search(stem):
                w = stem

    # Step 5
    if w.endswith("e"):
        m = _re_5.search(w)
        if m:
            stem = m.group(1)
            if _re_mgr1.search(stem) or (_re_meq1.search(stem) and not _re3_5.search(stem)):
                w = stem

    if w.endswith("ll") and _re_mgr1.search(w):
        w = w[:-1]

    if firstch == "y":
        w = "y" + w[1:]
    return w


def _to_units(s: str) -> str:
    """Spell a string as UTF-16 code units (astral characters become surrogates)."""
    b = s.encode("utf-16-le", "surrogatepass")
    return "".join(chr(b[i] | (b[i + 1] << 8)) for i in range(0, len(b), 2))


def _from_units(u: str) -> str:
    return u.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def porter_stem(word: str) -> str:
    """``lunr.stemmer`` on one (lowercased) word, bit for bit.

    JavaScript sees strings as UTF-16 code units (``length``, ``.`` and
    ``[^aeiou]`` all count surrogate halves), so words outside the BMP are
    stemmed in that representation.
    """
    if word.isascii() or max(word) <= "\uffff":
        return _porter_units(word)
    return _from_units(_porter_units(_to_units(word)))


# ---------------------------------------------------------------------------
# Light Russian/Ukrainian suffix stripper (optional, label CYRILLIC_LABEL)
# ---------------------------------------------------------------------------

CYRILLIC_LABEL = "archiveCyrillic"

# Keep this list, the apostrophes and the rules below in sync with
# cyrillicStem in assets/shard-loader.js (tests/search checks they agree).
CYRILLIC_ENDINGS = tuple(
    """а я о е ы и у ю ь й і ї є
    ый ий ой ая яя ое ее ые ие ым им ых их ую юю ом ем ей ам ям ах ях ою ею ій ої ія ію
    ого его ому ему ыми ими ами ями ові еві
    """.split()
)
_CYR_APOSTROPHES = "\u2019\u02bc`"
_CYR_WORD_RE = re.compile("^[\u0400-\u04ff']+\\Z")
_CYR_ANY_RE = re.compile("[\u0400-\u04ff]")
_CYR_ENDINGS_BY_LEN = sorted(set(CYRILLIC_ENDINGS), key=lambda e: (-len(e), e))
_CYR_SK = ("ськ", "цьк", "ск", "цк")
_CYR_MIN_STEM = 3


def cyrillic_stem(term: str) -> str:
    """Fold a Russian/Ukrainian word to a light stem; other words pass unchanged.

    ``ё`` -> ``е``, typographic apostrophes -> ``'``, then the longest ending
    from :data:`CYRILLIC_ENDINGS` leaving at least 3 letters, then a final
    ``-ск/-цк/-ськ/-цьк`` (so ``Белгородской``, ``Белгородская`` and
    ``Белгород`` all give ``белгород``; ``Курской`` and ``Курск`` give ``кур``).
    """
    if term.isascii() or not _CYR_ANY_RE.search(term):
        return term
    w = term.replace("ё", "е")
    for a in _CYR_APOSTROPHES:
        w = w.replace(a, "'")
    if not _CYR_WORD_RE.match(w):
        return w
    for e in _CYR_ENDINGS_BY_LEN:
        if w.endswith(e) and len(w) - len(e) >= _CYR_MIN_STEM:
            w = w[: -len(e)]
            break
    for e in _CYR_SK:
        if w.endswith(e) and len(w) - len(e) >= _CYR_MIN_STEM:
            w = w[: -len(e)]
            break
    return w


# ---------------------------------------------------------------------------
# Sorting like JavaScript
# ---------------------------------------------------------------------------


def utf16_sort_key(s: str) -> bytes:
    """Key that sorts like JavaScript's default string comparison."""
    return s.encode("utf-16-be", "surrogatepass")


def utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


# ---------------------------------------------------------------------------
# The cached index pipeline
# ---------------------------------------------------------------------------


class _TermCache(dict):
    """token -> index term (or ``None`` for a stop word), computed on first use."""

    __slots__ = ("fn",)

    def __init__(self, fn: Callable[[str], Optional[str]]):
        super().__init__()
        self.fn = fn

    def __missing__(self, token):
        term = self.fn(token)
        self[token] = term
        return term


class TermPipeline:
    """Index-time pipeline: trimmer -> stop words -> stemmer [-> Cyrillic].

    Every distinct token is processed once; later occurrences are a dict
    lookup.  ``search_labels`` is what the browser must run on query terms
    (the serialised ``pipeline`` of the index).

    Note that, as in lunr.js, a token the trimmer empties (``"--"``, ``"…"``)
    is *kept* as the empty term ``""`` and counts towards the field length:
    lunr's pipeline only drops ``null``/``undefined`` results, and the
    stop-word filter lets ``""`` through.
    """

    def __init__(self, *, trimmer: str = "unicode", cyrillic: bool = False):
        if trimmer not in ("unicode", "ascii"):
            raise ValueError("trimmer must be 'unicode' or 'ascii'")
        self.trimmer = trimmer
        self.cyrillic = cyrillic
        self._trim = trim_unicode if trimmer == "unicode" else trim_ascii
        self._cache = _TermCache(self.process_token)
        self._stems: dict = {}
        self.search_labels = ["stemmer", CYRILLIC_LABEL] if cyrillic else ["stemmer"]

    def process_token(self, token: str) -> Optional[str]:
        """The index term for one lowercased token, or None (uncached per token;
        the trimmed word's stem is cached)."""
        t = self._trim(token)
        if t in STOP_WORDS:
            return None
        s = self._stems.get(t)
        if s is None:
            s = self._stem(t)
            self._stems[t] = s
        return s

    def _stem(self, trimmed: str) -> str:
        t = porter_stem(trimmed)
        if self.cyrillic:
            t = cyrillic_stem(t)
        return t

    def term(self, token: str) -> Optional[str]:
        """The index term for one lowercased token, or None if it is dropped."""
        return self._cache[token]

    def search_term(self, term: str) -> str:
        """What the browser's search pipeline makes of a lowercased query term."""
        return self._stem(term)

    def terms(self, value) -> list:
        """All index terms of a field value, in order (stop words removed)."""
        get = self._cache.__getitem__
        return [t for t in map(get, tokenize(value)) if t is not None]

    def count(self, value) -> tuple[Counter, int]:
        """Term frequencies (in first-occurrence order) and the field length."""
        tokens = tokenize(value)
        counts = Counter(map(self._cache.__getitem__, tokens))
        stops = counts.pop(None, 0)
        return counts, len(tokens) - stops

    def cache_size(self) -> int:
        return len(self._cache)
