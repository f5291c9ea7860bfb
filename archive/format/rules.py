"""The value rules of the format, each written once: what a text, a number, a list, a choice or a
date of ``archive.format.spec`` may be.

The spec declares each field's rule (``Text(300, single_line=True)``, ``COUNT``, ``ListOf(...,
unique=True)``); this module says what the rule means. Every part of the archive that judges a
value asks it, so they cannot disagree: the reader (``archive.read.reader``, which reports the
problem with its line), the acceptors (``archive.read.accept``, the fast path that builds plainly
valid records), the JSON Schema (``archive.outputs.schema``, from :func:`schema_keywords`),
``archive new``'s prompts and ``archive import``. A rule returns ``None`` when the value fits, or
why it does not as ``(message, hint)``; the message is only composed for a value that fails, so
the fast path pays for none.

What a value *is* (text, a number, a list) is checked by each caller, in its own words: the
reader names what was written instead, the acceptors only say no.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Optional

from archive.format import model, spec
from archive.format.urls import MAX_URL_LENGTH, check_web_url, mixed_scripts

# --------------------------------------------------------------------------------------------
# Texts


def text_problem(kind: spec.Text, text: str, raw: Optional[str] = None) -> Optional[tuple[str, str]]:
    """Why the (stripped) ``text`` does not fit ``kind``, with a hint; ``None`` if it does.

    ``raw`` is the value before stripping, when there was one: a line separator at its end is
    refused too, though stripping would drop it.
    """
    if not text:
        return "is empty", ""
    if len(text) > kind.max_length:
        return f"is {len(text):,} characters long; the limit is {kind.max_length:,}", ""
    whole = text if raw is None else raw
    if not whole.isascii():
        problem = unseen_character_problem(whole)
        if problem:
            return problem
    if kind.single_line and "\n" in text:
        return "must be a single line", "remove the line breaks"
    if kind.pattern is not None and not kind.pattern.match(text):
        return f"'{text}' is not valid here", f"use {kind.pattern_help}"
    return None


def text_schema(kind: spec.Text) -> dict[str, Any]:
    """The JSON Schema keywords of :func:`text_problem`'s rules that JSON Schema can state (not
    the unseen characters, nor the stripping of spaces around the text)."""
    out: dict[str, Any] = {"minLength": 1, "maxLength": kind.max_length}
    if kind.pattern is not None:
        out["pattern"] = kind.pattern.pattern
    elif kind.single_line:
        out["pattern"] = SINGLE_LINE
    return out


#: A text of one line, as a JSON Schema pattern: line breaks only around it, where the reader
#: strips them (a YAML block scalar ends with one).
SINGLE_LINE = r"^\s*[^\n]*\s*$"


#: Characters that are not seen, or that change how the text around them is seen: bidirectional
#: controls (embeddings, overrides, isolates, marks), zero-width characters (spaces, joiners, the
#: word joiner and the byte-order mark), and the line breaks other than \n that YAML or a
#: browser may honour (next line, line and paragraph separators). No text field may hold one;
#: code that writes text into the archive (the importer) can remove them with this expression.
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_OTHER_BREAKS = "\u0085\u2028\u2029"
UNSEEN_CHARACTERS = re.compile(f"[{_BIDI_CONTROLS}{_ZERO_WIDTH}{_OTHER_BREAKS}]")


def unseen_character_problem(text: str) -> Optional[tuple[str, str]]:
    """The first invisible character, bidirectional control or odd line break in ``text``, said
    by code point and name, with a hint; ``None`` when there is none."""
    match = UNSEEN_CHARACTERS.search(text)
    if match is None:
        return None
    char = match.group()
    count = len(UNSEEN_CHARACTERS.findall(text))
    more = f" and {count - 1} more such character{'s' if count > 2 else ''}" if count > 1 else ""
    where = f"{describe_character(char)} at character {match.start() + 1}{more}"
    if char in _BIDI_CONTROLS:
        return (
            f"contains {where}: a bidirectional control, which changes the order in which text is shown",
            "delete it; text in a right-to-left script shows in its order without controls",
        )
    if char in _ZERO_WIDTH:
        return (
            f"contains {where}: an invisible character",
            "delete it; with it, a word looks the same as without but matches no search",
        )
    return (
        f"contains {where}: a line break that many programs do not show",
        "delete it; where a field may have several lines, start a new line as usual",
    )


def describe_character(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``; ``U+0085 NEXT LINE (NEL)``, which has no name of its own."""
    name = unicodedata.name(char, "") or {"\u0085": "NEXT LINE (NEL)"}.get(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


def mixed_script_problem(text: str) -> Optional[tuple[str, str]]:
    """A warning for the first word of ``text`` that mixes scripts (Latin with Cyrillic, say),
    naming the letters that stand out, with a hint; ``None`` when no word does (see
    :func:`archive.format.urls.mixed_scripts`). Words are runs of letters and marks."""
    for word in _WORD.findall(text):
        if word.isascii() or _ONE_SCRIPT.fullmatch(word):
            continue
        scripts, letters = mixed_scripts(word)
        if scripts:
            shown = ", ".join(f"{c} U+{ord(c):04X}" for c in letters[:6]) + (", ..." if len(letters) > 6 else "")
            together = " and ".join([", ".join(scripts[:-1]), scripts[-1]])
            return (
                f"'{word}' mixes {together} letters ({shown})",
                "retype the word in one script: look-alike letters make a name that no search finds",
            )
    return None


#: A word: a run of letters and combining marks (of the common block; others split a word, which
#: only makes a mix in such decomposed text go unseen).
_WORD = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")
#: A word wholly in the Latin, the Cyrillic or the Greek letters of their main blocks: it mixes
#: no scripts, and most names are such words, so :func:`mixed_scripts` (a Unicode name looked up
#: for every letter) is spared them.
_ONE_SCRIPT = re.compile(
    r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u0300-\u036f]+"
    r"|[\u0400-\u052f\u0300-\u036f]+"
    r"|[\u0370-\u03ff\u1f00-\u1fff\u0300-\u036f]+"
)


# --------------------------------------------------------------------------------------------
# Numbers


def number_problem(kind: spec.Number, value: int | float) -> Optional[tuple[str, str]]:
    """Why ``value`` (an int or a float, not a bool) does not fit ``kind``, with a hint; ``None`` if it does."""
    if type(value) is float and not math.isfinite(value):
        return "must be a finite number", kind.help
    if kind.minimum is not None and value < kind.minimum:
        return f"{number_text(value)} is below the minimum of {_bound(kind.minimum)}", kind.help
    if kind.maximum is not None and value > kind.maximum:
        return f"{number_text(value)} is above the maximum of {_bound(kind.maximum)}", kind.help
    limit = kind.max_digits
    if limit is not None and (type(value) is not int or not -(10**limit) < value < 10**limit):
        digits = digit_count(value)
        if digits > limit:
            hint = f"round it; {kind.help}" if kind.help else "round it"
            return f"{number_text(value)} is written with {digits} digits; at most {limit} are allowed here", hint
    return None


#: An integer with more bits than this is described by its size, never converted to text (Python
#: refuses to convert more than 4,300 digits, and the time grows with the square of the length).
LONGEST_SHOWN_INT_BITS = 4_000


def digit_count(value: int | float) -> int:
    """The digits of ``value`` in plain decimal notation, leading zeros of the whole part not
    counted: ``1200`` 4, ``50.46`` 4, ``0.125`` 3, ``1e-07`` 7 (``0.0000001``). A float counts as
    its shortest exact form (``repr``), the digits a person would have written."""
    if isinstance(value, int):
        magnitude = abs(value)
        if magnitude.bit_length() > LONGEST_SHOWN_INT_BITS:
            return int(magnitude.bit_length() * math.log10(2)) + 1  # (at most one too few)
        return len(str(magnitude))
    _, digits, exponent = Decimal(repr(abs(value))).normalize().as_tuple()
    assert isinstance(exponent, int)  # a finite number
    if exponent >= 0:
        return len(digits) + exponent if digits != (0,) else 1
    return max(len(digits) + exponent, 0) + -exponent


def _bound(value: float) -> str:
    """A declared limit, with thousands separated: ``1,000,000,000,000``."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def number_text(value: int | float) -> str:
    """A number as a person would write it in a message: ``-5``, ``999``, ``1e+300``, and an
    integer of hundreds of digits by its first ones and its length, never all of them."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if abs(value) < 10**20:
        return str(value)
    digits = digit_count(value)
    if abs(value).bit_length() > LONGEST_SHOWN_INT_BITS:
        return f"a number of about {digits:,} digits"
    return f"{str(value)[:12]}... ({digits:,} digits)"


def number_schema(kind: spec.Number) -> dict[str, Any]:
    """The JSON Schema keywords of :func:`number_problem`'s range (the digit count has none)."""
    out: dict[str, Any] = {}
    if kind.minimum is not None:
        out["minimum"] = kind.minimum
    if kind.maximum is not None:
        out["maximum"] = kind.maximum
    return out


# --------------------------------------------------------------------------------------------
# Choices


def choice_word(kind: spec.Choice, raw: Any) -> Optional[str]:
    """The word of ``kind``'s vocabulary that ``raw`` is, or ``None``.

    Spaces around the word do not count, and ``status: false`` is YAML's false where the
    contributor meant the word: a boolean stands for its word.
    """
    if isinstance(raw, bool):
        raw = "true" if raw else "false"
    if isinstance(raw, str):
        word = raw.strip()
        if word in kind.vocabulary:
            return word
    return None


def choice_schema(kind: spec.Choice) -> dict[str, Any]:
    """``enum``: the words, and the YAML boolean that :func:`choice_word` reads as one."""
    values: list[Any] = list(kind.vocabulary)
    values += [flag for flag in (True, False) if str(flag).lower() in kind.vocabulary]
    return {"enum": values}


# --------------------------------------------------------------------------------------------
# Lists


def list_lengths(kind: spec.ListOf) -> range:
    """The numbers of items a list of ``kind`` may have (a range: the fast path tests ``in`` it)."""
    return range(kind.min_items, kind.max_items + 1)


def list_length_problem(kind: spec.ListOf, length: int) -> Optional[tuple[str, str]]:
    """Why a list of ``length`` items is too short or too long for ``kind``; ``None`` if it is not."""
    if length in list_lengths(kind):
        return None
    if length < kind.min_items:
        return f"needs at least {kind.min_items} item{'s' if kind.min_items > 1 else ''}", ""
    return f"has {length} items; the limit is {kind.max_items}", ""


class Seen:
    """The items of a ``unique`` list met so far, to find the ones repeated.

    Two items are the same when they are equal (``==``), as JSON Schema's ``uniqueItems`` has it:
    texts and ids once converted (so stripped), and records or mappings too, which cannot be
    hashed and are compared one by one (a list is at most a few hundred items long).
    """

    def __init__(self) -> None:
        self._hashable: set[Any] = set()
        self._other: list[Any] = []

    def repeated(self, item: Any) -> bool:
        """Whether ``item`` equals one met before; it is remembered if it does not."""
        try:
            if item in self._hashable:
                return True
            self._hashable.add(item)
        except TypeError:
            if item in self._other:
                return True
            self._other.append(item)
        return False


def has_repeats(items: list[Any]) -> bool:
    """Whether two of ``items`` are the same item (as :class:`Seen` tells)."""
    try:
        return len(set(items)) != len(items)
    except TypeError:  # records or mappings
        seen = Seen()
        return any(seen.repeated(item) for item in items)


def list_schema(kind: spec.ListOf) -> dict[str, Any]:
    """The JSON Schema keywords of the list's length and uniqueness."""
    out: dict[str, Any] = {"maxItems": kind.max_items}
    if kind.min_items:
        out["minItems"] = kind.min_items
    if kind.unique:
        out["uniqueItems"] = True
    return out


# --------------------------------------------------------------------------------------------
# Links


def url_problem(url: str) -> str:
    """Why ``url`` is not an acceptable http(s) link, or ``""`` (see :func:`archive.format.urls.check_web_url`).

    Kept for the modules that only need the refusal; a warning (a host mixing scripts) is not a
    refusal, so callers that show problems to a person should use ``check_web_url`` itself.
    """
    return check_web_url(url).error


def url_schema(kind: spec.Url) -> dict[str, Any]:
    """The JSON Schema keywords of a link: what the schema can say of :func:`check_web_url`."""
    return {"format": "uri", "pattern": "^https?://", "maxLength": MAX_URL_LENGTH}


# --------------------------------------------------------------------------------------------
# Dates


def day_problem(kind: spec.FullDate, day: date, today: date) -> Optional[tuple[str, str]]:
    """Why ``day`` (a calendar day, see :func:`as_day`) does not fit ``kind``: it is after ``today``."""
    if kind.not_future and day > today:
        return f"{day.isoformat()} is in the future", "a report cannot be dated after today"
    return None


def fuzzy_date_problem(kind: spec.FuzzyDate, parsed: model.FuzzyDate, today: date) -> Optional[tuple[str, str]]:
    """Why ``parsed`` (see :func:`parse_fuzzy_date`) does not fit: it starts after ``today``."""
    if parsed.start > today:
        return f"{parsed.text} is in the future", ""
    return None


#: A full date and a fuzzy date, as JSON Schema patterns (the calendar is checked by the reader).
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
_POINT = r"\d{4}(-\d{2}(-\d{2})?)?"
FUZZY_DATE_PATTERN = rf"^{_POINT}(/{_POINT})?$"


def as_day(raw: Any) -> Optional[date]:
    """A calendar day from a date or a ``YYYY-MM-DD`` string; ``None`` for anything else."""
    if isinstance(raw, datetime):
        return None
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str) and len(raw) == 10 and raw[4] == "-" and raw[7] == "-":
        try:
            return date.fromisoformat(raw)
        except ValueError:
            return None
    return None


def parse_fuzzy_date(raw: Any) -> Optional[model.FuzzyDate]:
    """EDTF level 0 as the data model uses it: a day, a month, a year, or ``start/end``."""
    if isinstance(raw, datetime):
        return None
    if isinstance(raw, date):
        return model.FuzzyDate(raw, raw, raw.isoformat(), "day")
    if isinstance(raw, int) and not isinstance(raw, bool) and 1000 <= raw <= 9999:
        raw = str(raw)
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = _parse_point(first), _parse_point(last)
        if start is None or end is None or start[0] > end[1]:
            return None
        return model.FuzzyDate(start[0], end[1], text, "range")
    point = _parse_point(text)
    if point is None:
        return None
    precision = {10: "day", 7: "month", 4: "year"}[len(text)]
    return model.FuzzyDate(point[0], point[1], text, precision)


def _parse_point(text: str) -> Optional[tuple[date, date]]:
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return day, day
        if len(text) == 7 and text[4] == "-":
            year, month = int(text[:4]), int(text[5:])
            first = date(year, month, 1)
            following = date(year + (month == 12), month % 12 + 1, 1)
            return first, date.fromordinal(following.toordinal() - 1)
        if len(text) == 4 and text.isdigit():
            year = int(text)
            return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None
    return None


# --------------------------------------------------------------------------------------------
# In JSON Schema


def schema_keywords(kind: Any) -> dict[str, Any]:
    """The JSON Schema keywords (no ``type``) of the rules above that JSON Schema can state, for
    a field type of the spec; ``{}`` for the types whose rules it cannot (ids, booleans...)."""
    if isinstance(kind, spec.Text):
        return text_schema(kind)
    if isinstance(kind, spec.Number):
        return number_schema(kind)
    if isinstance(kind, spec.ListOf):
        return list_schema(kind)
    if isinstance(kind, spec.Choice):
        return choice_schema(kind)
    if isinstance(kind, spec.Url):
        return url_schema(kind)
    if isinstance(kind, spec.FullDate):
        return {"format": "date", "pattern": DAY_PATTERN}
    if isinstance(kind, spec.FuzzyDate):
        return {"pattern": FUZZY_DATE_PATTERN}
    return {}
