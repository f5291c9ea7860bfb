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
from collections.abc import Iterable
from dataclasses import dataclass, field
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

#: A word of the text: (keys it may match under, capitalised, acronym or None, may start a
#: name, start offset, end offset).
_Token = tuple[tuple[str, ...], bool, Optional[str], bool, int, int]
#: What a distinct word gives: a token's first four items.
_WordInfo = tuple[tuple[str, ...], bool, Optional[str], bool]


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
    _words: Memo[str, _WordInfo] = field(init=False, repr=False)

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

    def matches(self, text: str) -> Iterable[tuple[list[str], int, int]]:
        """Leftmost-longest matches: (entity ids, start offset, end offset), in text order."""
        tokens = self.tokens(text)
        after = 0  # the first token not yet covered by a match
        for i in [i for i, token in enumerate(tokens) if token[3]]:
            if i < after:
                continue
            best = self._best_at(text, tokens, i)
            if best is not None:
                entity_ids, length = best
                yield entity_ids, tokens[i][4], tokens[i + length - 1][5]
                after = i + length

    def mentions(self, text: str) -> list[str]:
        """Ids of the entities ``text`` names, sorted: what :meth:`matches` finds, each once."""
        found: set[str] = set()
        for entity_ids, _, _ in self.matches(text):
            found.update(entity_ids)
        return sorted(found)

    def tokens(self, text: str) -> list[_Token]:
        """The words of ``text`` that have keys: (keys, capitalised, acronym, may start a name, start, end)."""
        info = self._words.__getitem__
        return [word + match.span() for match in WORD.finditer(text) if (word := info(match.group()))[0]]

    def _word(self, raw: str) -> _WordInfo:
        """What matching needs to know of a distinct word of the texts."""
        raw = raw.strip("'’ʼ")
        keys, letters = text_keys(raw), acronym(raw)
        starts = letters in self.acronyms or any(key in self.by_first for key in keys)
        return keys, raw[:1].isupper(), letters, starts

    def _best_at(self, text: str, tokens: list[_Token], i: int) -> Optional[tuple[list[str], int]]:
        """The best reading of the text at token ``i``: longest first, then a core with its generic
        word, then a full name, then a bare core. Returns the ids and the number of tokens covered."""
        keys, capitalised, letters = tokens[i][:3]
        by_first = self.by_first
        best_score: tuple[int, int] = (0, -1)
        best_ids: list[str] = []
        if letters in self.acronyms:
            best_score, best_ids = (1, 1), list(self.acronyms[letters])
        for key in keys:
            for name in by_first.get(key, ()):
                length = len(name.keys)
                if i + length > len(tokens) or (name.proper and not capitalised):
                    continue
                if any(name.keys[k] not in tokens[i + k][0] for k in range(1, length)):
                    continue
                if name.core:
                    generic_at = self._generic_near(text, tokens, i, length)
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

    def _generic_near(self, text: str, tokens: list[_Token], i: int, length: int) -> Optional[int]:
        """Where a generic word belonging to the core name at ``i`` stands, or ``None``.

        After the name, only connectors and other names may come between ("Belgorod and Kursk
        regions"); before it, "region of Belgorod" or "oblast Belgorod". Never across the end of a
        sentence or a bracket.
        """

        def joined(first: int, second: int) -> bool:
            return _PHRASE_BREAK.search(text, tokens[first][5], tokens[second][4]) is None

        for k in range(i + length, min(len(tokens), i + length + _GENERIC_REACH)):
            if not joined(k - 1, k):
                break
            keys = tokens[k][0]
            if is_generic(keys):
                return k
            if not (keys[0] in _CONNECTORS or any(key in self.by_first for key in keys)):
                break
        if i >= 1 and joined(i - 1, i) and is_generic(tokens[i - 1][0]):
            return i - 1
        if i >= 2 and joined(i - 2, i) and tokens[i - 1][0][0] == "of" and is_generic(tokens[i - 2][0]):
            return i - 2
        return None
