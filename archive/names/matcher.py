"""Finding the gazetteer's countries, regions, places and actors in a text: the one name matcher.

Import detection (:mod:`~archive.names.detect`) asks it which entities a report names; the
same answer is what a text *mentions* for any other reader. Reports name things loosely, so a
match does not hinge on one exact alias string (the word rules are :mod:`archive.names.normalise`'s):

- text and names are cut into words and normalised the same way (case, Latin accents, ``ё``,
  quotes, the English possessive: ``Russia’s`` → ``russia``);
- an English word also stands for its adjective and singular (``Russia’s Defence Ministry``
  matches the alias ``Russian Defence Ministry``; ``regions`` matches ``region``);
- a Cyrillic word is compared by its stem (``Белгородской области`` matches
  ``Белгородская область``; ``Києві`` matches ``Київ``);
- a region's name without its generic word (``Bilhorod`` from ``Bilhorod Oblast``) is its
  *core*: a core next to a generic word ("the Bilhorod region", "Belgorod and Kursk regions")
  is the region; alone it is whatever else bears that name (the city of Belgorod), or the
  region when nothing else does;
- a one-word name matches only a capitalised word (``Amnesty`` the organisation, not the
  amnesty of prisoners), and an acronym (``FSB``, ``ЗСУ``) only the same letters in capitals.

Matching is leftmost-longest over the word sequence, with an index from first key to the names
that start with it, so the work is linear in the length of the text whatever the size of the
gazetteer; each distinct word is looked at once (a :class:`~archive.names.memo.Memo`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING, Optional

from archive.names.memo import Memo
from archive.names.normalise import WORD, acronym, is_generic, name_key, text_keys, word_of

if TYPE_CHECKING:  # (names come before reading in the data flow: only the type is needed)
    from archive.read.gazetteer import Gazetteer

__all__ = ["MATCHED_KINDS", "NameMatcher"]

#: Kinds of entity looked for in a text (tags are topics, not names).
MATCHED_KINDS = ("country", "region", "place", "actor")

#: Words that may stand between names and their shared generic word ("Belgorod and Kursk regions").
_CONNECTORS = frozenset({"and", "or", "&", "и", "і", "й", "та", "или", "або", "i", "oraz", "lub"})
#: The cut-off for how far a shared generic word may follow a core name, in words.
_GENERIC_REACH = 4
#: Distinct words remembered per matcher, a bound on memory when importing very many reports.
_WORD_CACHE_LIMIT = 500_000
#: Punctuation that ends the phrase a generic word can belong to ("Kiev. Belgorod region").
_PHRASE_BREAK = re.compile(r"[.!?;:()\[\]\n]")

#: The names a word may start: those of one word, and by the next word's key the longer ones.
_Starts = tuple[list["_Name"], dict[str, list["_Name"]]]
#: What matching knows of a distinct word of the texts: (keys it may match under, capitalised,
#: acronym or None, the names it may start or None).
_Word = tuple[tuple[str, ...], bool, Optional[str], Optional[_Starts]]
_KEYS = itemgetter(0)
_STARTS = itemgetter(3)


@dataclass(frozen=True)
class _Name:
    """One spelling of an entity as a sequence of keys."""

    keys: tuple[str, ...]
    entity_id: str
    core: bool
    #: A one-word name that matches only a capitalised word.
    proper: bool


@dataclass
class NameMatcher:
    """The gazetteer's spellings, indexed by their first key; build once, use for many texts."""

    gazetteer: Gazetteer
    by_first: dict[str, list[_Name]] = field(default_factory=dict)
    acronyms: dict[str, list[str]] = field(default_factory=dict)
    #: Distinct words of the texts seen so far → (keys, capitalised, acronym, may start a name).
    _words: Memo[str, _Word] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._words = Memo(self._word, _WORD_CACHE_LIMIT)

    @classmethod
    def build(cls, gazetteer: Gazetteer, kinds: Iterable[str] = MATCHED_KINDS) -> NameMatcher:
        """The matcher of the entities of ``kinds`` in ``gazetteer``."""
        wanted = frozenset(kinds)
        by_first: dict[str, list[_Name]] = defaultdict(list)
        acronyms: dict[str, list[str]] = defaultdict(list)
        seen: set[tuple] = set()
        for entity in gazetteer.entities.values():
            if entity.kind not in wanted:
                continue
            for spelling in entity.spellings():
                words = [w for w in map(word_of, WORD.findall(spelling)) if w]
                if not words:
                    continue
                letters = acronym(spelling.strip()) if len(words) == 1 else None
                if letters:
                    if entity.id not in acronyms[letters]:
                        acronyms[letters].append(entity.id)
                    continue
                keys = tuple(map(name_key, words))
                proper = len(keys) == 1 and spelling.strip()[:1].isupper()
                variants = [(keys, False)]
                if entity.kind == "region":
                    core = tuple(k for k in keys if not is_generic((k,)))
                    if core and core != keys:
                        variants.append((core, True))
                for variant, is_core in variants:
                    marker = (variant, entity.id, is_core)
                    if marker in seen:
                        continue
                    seen.add(marker)
                    by_first[variant[0]].append(_Name(variant, entity.id, is_core, proper or (is_core and len(variant) == 1)))
        for names in by_first.values():
            names.sort(key=lambda n: (-len(n.keys), n.core, n.entity_id))
        return cls(gazetteer, dict(by_first), {k: sorted(v) for k, v in acronyms.items()})

    # -- matching ----------------------------------------------------------------------------

    def matches(self, text: str) -> Iterator[tuple[list[str], int, int]]:
        """Leftmost-longest matches: (entity ids, start offset, end offset), in text order."""
        scan = _Scan(text, self._words)
        for entity_ids, i, length in self._scan(scan):
            spans = scan.spans()
            yield entity_ids, spans[i][0], spans[i + length - 1][1]

    def mentions(self, text: str) -> list[str]:
        """Ids of the entities ``text`` names, sorted: what :meth:`matches` finds, each once."""
        found: set[str] = set()
        for entity_ids, _, _ in self._scan(_Scan(text, self._words)):
            found.update(entity_ids)
        return sorted(found)

    def _scan(self, scan: _Scan) -> Iterator[tuple[list[str], int, int]]:
        """Leftmost-longest matches: (entity ids, first word, words covered).

        Each word of the text costs a dict lookup, done in C (``map`` over the word memo); Python
        code runs only at the words that may start a name.
        """
        words = scan.words
        after = 0  # the first word not yet covered by a match
        for i in compress(range(len(words)), map(_STARTS, words)):
            if i < after:
                continue
            best = self._best_at(scan, i)
            if best is not None:
                yield best[0], i, best[1]
                after = i + best[1]

    def _word(self, raw: str) -> _Word:
        """What matching needs to know of a distinct word of the texts, the names it may start
        included (those of each of its keys, merged once here rather than at each occurrence)."""
        raw = raw.strip("'’ʼ")
        keys, letters = text_keys(raw), acronym(raw)
        singles: list[_Name] = []
        longer: dict[str, list[_Name]] = {}
        for key in keys:
            for name in self.by_first.get(key, ()):
                if len(name.keys) == 1:
                    singles.append(name)
                else:
                    longer.setdefault(name.keys[1], []).append(name)
        starts = (singles, longer) if singles or longer or letters in self.acronyms else None
        return keys, raw[:1].isupper(), letters, starts

    def _best_at(self, scan: _Scan, i: int) -> Optional[tuple[list[str], int]]:
        """The best reading of the text at word ``i``: longest first, then a core with its generic
        word, then a full name, then a bare core. Returns the ids and the number of words covered.

        Only the names whose second key is among the next word's keys are tried beyond their
        first word: a common first word ("Russian", "Ukraine") starts dozens.
        """
        words = scan.words
        _, capitalised, letters, starts = words[i]
        assert starts is not None
        count = len(words)
        candidates, longer = starts
        if longer and i + 1 < count:
            for second in words[i + 1][0]:
                more = longer.get(second)
                if more:
                    candidates = candidates + more
        best_score: tuple[int, int] = (0, -1)
        best_ids: list[str] = []
        if letters in self.acronyms:
            best_score, best_ids = (1, 1), list(self.acronyms[letters])
        for name in candidates:
            length = len(name.keys)
            if length > 2 and (i + length > count or any(name.keys[k] not in words[i + k][0] for k in range(2, length))):
                continue
            if name.proper and not capitalised:
                continue
            if name.core:
                generic_at = self._generic_near(scan, i, length)
                if generic_at is None:
                    score = (length, 0)
                else:
                    covered = length + 1 if generic_at == i + length else length
                    score = (covered, 2)
            else:
                score = (length, 1)
            if score > best_score:
                best_score, best_ids = score, [name.entity_id]
            elif score == best_score and name.entity_id not in best_ids:
                best_ids.append(name.entity_id)
        if not best_ids:
            return None
        return sorted(best_ids), best_score[0]

    def _generic_near(self, scan: _Scan, i: int, length: int) -> Optional[int]:
        """Where a generic word belonging to the core name at ``i`` stands, or ``None``.

        After the name, only connectors and other names may come between ("Belgorod and Kursk
        regions"); before it, "region of Belgorod" or "oblast Belgorod". Never across the end of a
        sentence or a bracket.
        """
        words, spans, text = scan.words, scan.spans(), scan.text

        def joined(first: int, second: int) -> bool:
            return _PHRASE_BREAK.search(text, spans[first][1], spans[second][0]) is None

        for k in range(i + length, min(len(words), i + length + _GENERIC_REACH)):
            if not joined(k - 1, k):
                break
            keys = words[k][0]
            if is_generic(keys):
                return k
            if not (keys[0] in _CONNECTORS or any(key in self.by_first for key in keys)):
                break
        if i >= 1 and joined(i - 1, i) and is_generic(words[i - 1][0]):
            return i - 1
        if i >= 2 and joined(i - 2, i) and words[i - 1][0][0] == "of" and is_generic(words[i - 2][0]):
            return i - 2
        return None


class _Scan:
    """One text as the matcher reads it: its words (each described once per matcher, by the
    memo), and their offsets, found only if a match or a generic word needs them."""

    __slots__ = ("text", "words", "_keep", "_spans")

    def __init__(self, text: str, memo: Memo[str, _Word]) -> None:
        self.text = text
        words = list(map(memo.__getitem__, WORD.findall(text)))
        self._keep: Optional[list[tuple[str, ...]]] = None
        if not all(map(_KEYS, words)):  # (a word that normalises to nothing, "’", is no word)
            self._keep = list(map(_KEYS, words))
            words = list(compress(words, self._keep))
        self.words = words
        self._spans: Optional[list[tuple[int, int]]] = None

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each word."""
        if self._spans is None:
            spans = list(map(re.Match.span, WORD.finditer(self.text)))
            self._spans = spans if self._keep is None else list(compress(spans, self._keep))
        return self._spans
