"""Did-you-mean: near-miss keys, ids and names.

Only ever called on the error path, so it may use difflib; the happy path never pays for it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalise_name(text: str) -> str:
    """A spelling reduced for comparison: case, accents of Latin letters, quotes, punctuation.

    ``Legion "Svoboda Rossii"`` and ``legion svoboda rossii`` compare equal; so do ``Тёткино``
    and ``Теткино``. Cyrillic letters are otherwise kept: transliteration is the gazetteer's
    job (its aliases), not a guess made here.
    """
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


def close_matches(word: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.75) -> list[str]:
    """The candidates most like ``word``, best first."""
    return difflib.get_close_matches(word, list(candidates), n=n, cutoff=cutoff)


def did_you_mean(options: list[str]) -> str:
    if not options:
        return ""
    quoted = [f"'{o}'" for o in options]
    if len(quoted) == 1:
        return f"did you mean {quoted[0]}?"
    return f"did you mean {', '.join(quoted[:-1])} or {quoted[-1]}?"
