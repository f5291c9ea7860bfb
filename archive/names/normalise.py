"""How a spelling is reduced before two spellings are compared: the one set of name rules.

Did-you-mean (:mod:`~archive.names.suggest`, through the gazetteer), import detection and the
mention finder (:mod:`~archive.names.matcher`) all compare names through these functions, so
that a name is the same name to each of them. A new name rule (a spelling, an ending, a generic
word) goes here, once.

- :func:`normalise_name`: case, Latin accents, ``ё``, quotes, punctuation;
- :func:`word_of`: one word of a text or a name, normalised, without the English possessive;
- :func:`cyrillic_stem`: a Russian or Ukrainian word without its case ending (the one stemmer
  of names; the search index's own term stemmer, ``archive.search.text.cyrillic_stem``, is a
  different thing: it must equal the browser's, and it folds more, for recall);
- :func:`name_key` and :func:`text_keys`: the keys under which a word of a name, and a word of
  a text, are compared;
- :data:`GENERIC_WORDS` and :func:`is_generic`: the words that say what kind of unit a name is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

__all__ = [
    "CYRILLIC_ENDINGS",
    "GENERIC_WORDS",
    "WORD",
    "acronym",
    "cyrillic_stem",
    "is_generic",
    "name_key",
    "normalise_name",
    "text_keys",
    "without_generic_words",
    "word_of",
]

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)
#: A word of a text or a name, apostrophes included (``Russia’s``, ``п'ять``).
WORD = re.compile(r"[\w'’ʼ]+")
_POSSESSIVE = re.compile(r"['’ʼ]s$", re.IGNORECASE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def normalise_name(text: str) -> str:
    """A spelling reduced for comparison: case, accents of Latin letters, quotes, punctuation.

    ``Legion "Svoboda Rossii"`` and ``legion svoboda rossii`` compare equal; so do ``Тёткино``
    and ``Теткино``. Cyrillic letters are otherwise kept: transliteration is the gazetteer's
    job (its aliases), not a guess made here.
    """
    if text.isascii():  # (NFKC, accents and the other quotes change nothing in ASCII)
        return " ".join(_NOT_WORD.sub(" ", text.lower().replace("'", "")).split())
    text = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е").replace("’", "'")
    text = _strip_latin_accents(text).replace("'", "")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _strip_latin_accents(text: str) -> str:
    """``café`` → ``cafe``, but ``й`` and ``ї`` stay: their marks make distinct Cyrillic letters."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and out and out[-1].isascii():
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=1 << 16)
def word_of(raw: str) -> str:
    """One word as both names and texts are compared: ``Russia’s`` → ``russia``."""
    return normalise_name(_POSSESSIVE.sub("", raw)).replace(" ", "")


# --------------------------------------------------------------------------------------------
# The Cyrillic stemmer

#: Case endings of Russian and Ukrainian nouns and adjectives; the longest that leaves a stem of
#: :data:`_MIN_STEM` letters is cut. Chosen on the sample archive's names and the generated
#: corpus (``tests/core/test_one_name_matcher.py`` holds the paradigms): the endings of the two
#: former stemmers, less ``-ів``, ``-ові`` and ``-еві``, which cut the ``-ів`` of Харків, Львів,
#: Чернігів but not of Харкова, Львові (the vowel alternation below joins those), plus ``-ією``
#: (Росією).
CYRILLIC_ENDINGS = tuple(
    sorted(
        set(
            """а я о е ы и у ю ь й і ї є
            ой ей ий ый ая яя ое ее ые ие ую юю ых их ым им ом ем ам ям ах ях ою ею ої ій ью ия ии ию ія ії ію єю
            ами ями ого его ому ему ыми ими ией иям иях ією
            """.split()
        ),
        key=lambda e: (-len(e), e),
    )
)
_CYRILLIC_VOWELS = frozenset("аеєиіїоуыэюяё")
_MIN_STEM = 3


@lru_cache(maxsize=1 << 16)
def cyrillic_stem(word: str) -> str:
    """A normalised Cyrillic word without its case ending: ``белгородской`` → ``белгородск``.

    The vowel of a Ukrainian final closed syllable, which alternates with о, е, є in the other
    cases (Київ/Києва, Харків/Харкова, Ріг/Рогу), is left open: ``києві`` and ``київ`` → ``ки*в``.
    An adjective keeps its ``-ск-`` (``белгородск``), so the region's adjective and the city's
    name (``белгород``) stay apart, as they do in English.
    """
    stem = word
    for ending in CYRILLIC_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            stem = word[: -len(ending)]
            break
    if len(stem) >= 3 and stem[-1] not in _CYRILLIC_VOWELS and stem[-2] in "оеєії":
        stem = stem[:-2] + "*" + stem[-1]
    return stem


# --------------------------------------------------------------------------------------------
# Keys


def name_key(word: str) -> str:
    """The key of one (normalised) word of a gazetteer name: a Cyrillic word's stem, else the word."""
    return cyrillic_stem(word) if _CYRILLIC.search(word) else word


@lru_cache(maxsize=1 << 16)
def text_keys(raw: str) -> tuple[str, ...]:
    """Every key a word of a text may match: its own, and in English its adjective and singular
    (``Russia’s`` matches the ``Russian`` of an alias; ``regions`` matches ``region``)."""
    word = word_of(raw)
    if not word:
        return ()
    if _CYRILLIC.search(word):
        return (cyrillic_stem(word),)
    keys = [word, word + "n", word + "ian"]  # Russia → Russian, Belarus → Belarusian
    if word[-1] in "ea":
        keys.append(word[:-1] + "ian")  # Ukraine → Ukrainian
    if len(word) > 3 and word.endswith("ies"):
        keys.append(word[:-3] + "y")
    elif len(word) > 3 and word.endswith("s") and word[-2] not in "su":
        keys.append(word[:-1])  # regions → region
    return tuple(dict.fromkeys(keys))


def acronym(raw: str) -> Optional[str]:
    """``FSB`` or ``FSB’s`` → ``FSB``: capitals that stand for a name and match only capitals."""
    word = _POSSESSIVE.sub("", raw)
    return word if 2 <= len(word) <= 6 and word.isupper() and word.isalpha() else None


# --------------------------------------------------------------------------------------------
# Generic words

#: Words that say what kind of unit a name is, not which one, in the archive's languages:
#: ``Belgorod Oblast`` is ``Belgorod``. Compared by key (:func:`is_generic`), so a plural or a
#: case form need not be listed (``regions``, ``области``); forms no key reaches are.
#: Only words that mark a first-level unit: next to a name in a text, they make it the region
#: ("the Belgorod region"), so "city", "district" or "governor" are not among them ("Voronezh
#: city" is the city, "Belgorod governor" the governor).
GENERIC_WORDS = (
    "oblast",
    "region",
    "regional",
    "province",
    "krai",
    "kray",
    "republic",
    "область",
    "обл",
    "регион",
    "регіон",
    "край",
    "республика",
    "республіка",
    "obwod",
    "obwodu",
    "obwodzie",
    "regionie",
    "regionu",
)
_GENERIC_KEYS = frozenset(name_key(word_of(w)) for w in GENERIC_WORDS)


def is_generic(keys: tuple[str, ...]) -> bool:
    """Whether a word is a generic word, given by its keys: :func:`text_keys` for a word of a
    text, ``(name_key(word),)`` for a word of a name."""
    return any(key in _GENERIC_KEYS for key in keys)


def without_generic_words(normalised: str) -> str:
    """A normalised spelling without its generic words: ``belgorod oblast`` → ``belgorod``."""
    return " ".join(w for w in normalised.split() if not is_generic((name_key(w),)))
