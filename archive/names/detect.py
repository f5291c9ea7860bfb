"""Finding the gazetteer's regions, places and actors in the text of a report.

``archive import`` turns reports into drafts; the contributor then reviews suggested ids
instead of typing them. Reports name things loosely, so detection does not hinge on one exact
alias string:

- text and names are cut into tokens and normalised the same way (case, Latin accents, ``ё``,
  quotes, the English possessive: ``Russia’s`` → ``russia``);
- an English word also stands for its adjective and singular (``Russia’s Defence Ministry``
  matches the alias ``Russian Defence Ministry``; ``regions`` matches ``region``);
- a Cyrillic word is compared by its stem, without its case ending, and with the vowel that
  alternates in a Ukrainian final syllable left open (``Белгородской области`` matches
  ``Белгородская область``; ``Києві`` matches ``Київ``);
- a region's name without its generic word (``Bilhorod`` from ``Bilhorod Oblast``) is its
  *core*: a core next to a generic word ("the Bilhorod region", "Belgorod and Kursk regions")
  is the region; alone it is whatever else bears that name (the city of Belgorod), or the
  region when nothing else does;
- a one-word name matches only a capitalised word (``Amnesty`` the organisation, not the
  amnesty of prisoners), and an acronym (``FSB``, ``ЗСУ``) only the same letters in capitals.

Matching is leftmost-longest over the token sequence with an index from first token to the
names that start with it, so the work is linear in the length of the text, whatever the size
of the gazetteer. A place found also suggests its region; a country is suggested only when no
region inside it was found (otherwise it is listed as "also mentioned").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from archive.names.suggest import normalise_name

if TYPE_CHECKING:  # (names come before reading in the data flow: only the type is needed)
    from archive.read.gazetteer import Gazetteer

#: Kinds of entity that detection suggests.
DETECTED_KINDS = ("country", "region", "place", "actor")

#: Words that say what kind of unit a name is, not which one, in the archive's languages.
GENERIC_WORDS = (
    "oblast",
    "oblasts",
    "region",
    "regions",
    "regional",
    "province",
    "provinces",
    "krai",
    "kray",
    "область",
    "области",
    "обл",
    "регион",
    "регіон",
    "край",
    "краю",
    "obwod",
    "obwodu",
    "obwodzie",
    "regionie",
    "regionu",
)
#: Words that may stand between names and their shared generic word ("Belgorod and Kursk regions").
_CONNECTORS = frozenset({"and", "or", "&", "и", "і", "й", "та", "или", "або", "i", "oraz", "lub"})
#: The cut-off for how far a shared generic word may follow a core name, in tokens.
_GENERIC_REACH = 4
#: Distinct words remembered per index, a bound on memory when importing very many reports.
_WORD_CACHE_LIMIT = 500_000
#: How many distinct spellings of one entity are kept to show the contributor.
_SPELLINGS_SHOWN = 3

_WORD = re.compile(r"[\w'’ʼ]+")
#: Punctuation that ends the phrase a generic word can belong to ("Kiev. Belgorod region").
_PHRASE_BREAK = re.compile(r"[.!?;:()\[\]\n]")
_POSSESSIVE = re.compile(r"['’ʼ]s$", re.IGNORECASE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: Case endings of Russian and Ukrainian nouns and adjectives, longest first.
_CYRILLIC_ENDINGS = tuple(
    sorted(
        {
            "ами",
            "ями",
            "ого",
            "его",
            "ому",
            "ему",
            "ыми",
            "ими",
            "ией",
            "иям",
            "иях",
            "ой",
            "ей",
            "ий",
            "ый",
            "ая",
            "яя",
            "ое",
            "ее",
            "ую",
            "юю",
            "ых",
            "их",
            "ом",
            "ем",
            "ам",
            "ям",
            "ах",
            "ях",
            "ою",
            "ею",
            "ої",
            "ій",
            "ів",
            "ью",
            "ия",
            "ии",
            "ию",
            "ія",
            "ії",
            "ію",
            "єю",
            "а",
            "я",
            "о",
            "е",
            "ы",
            "и",
            "у",
            "ю",
            "ь",
            "й",
            "і",
            "ї",
            "є",
        },
        key=lambda e: (-len(e), e),
    )
)
_CYRILLIC_VOWELS = frozenset("аеєиіїоуыэюяё")
_MIN_STEM = 3


# --------------------------------------------------------------------------------------------
# Tokens


#: A word of the text: (keys it may match under, capitalised, acronym or None, may start a
#: name, start offset, end offset).
_Token = tuple[tuple[str, ...], bool, Optional[str], bool, int, int]
#: What a distinct word gives: a token's first four items.
_WordInfo = tuple[tuple[str, ...], bool, Optional[str], bool]


@lru_cache(maxsize=1 << 16)
def _normal(raw: str) -> str:
    """A word as both names and text are compared: ``Russia’s`` → ``russia``."""
    return normalise_name(_POSSESSIVE.sub("", raw)).replace(" ", "")


@lru_cache(maxsize=1 << 16)
def _cyrillic_stem(word: str) -> str:
    """``белгородской`` → ``белгородск``; ``києві`` and ``київ`` → ``ки*в``."""
    stem = word
    for ending in _CYRILLIC_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            stem = word[: -len(ending)]
            break
    # Ukrainian і, ї in a final closed syllable alternate with о, е, є (Київ/Києва, Ріг/Рогу).
    if len(stem) >= 3 and stem[-1] not in _CYRILLIC_VOWELS and stem[-2] in "оеєії":
        stem = stem[:-2] + "*" + stem[-1]
    return stem


def _name_key(word: str) -> str:
    """The key of one word of a gazetteer name."""
    return _cyrillic_stem(word) if _CYRILLIC.search(word) else word


@lru_cache(maxsize=1 << 16)
def _text_keys(raw: str) -> tuple[str, ...]:
    """Every key a word of the text may match: itself, and in English its adjective and singular."""
    word = _normal(raw)
    if not word:
        return ()
    if _CYRILLIC.search(word):
        return (_cyrillic_stem(word),)
    keys = [word, word + "n", word + "ian"]  # Russia → Russian, Belarus → Belarusian
    if word[-1] in "ea":
        keys.append(word[:-1] + "ian")  # Ukraine → Ukrainian
    if len(word) > 3 and word.endswith("ies"):
        keys.append(word[:-3] + "y")
    elif len(word) > 3 and word.endswith("s") and word[-2] not in "su":
        keys.append(word[:-1])  # regions → region
    return tuple(dict.fromkeys(keys))


def _acronym(raw: str) -> Optional[str]:
    """``FSB`` or ``FSB’s`` → ``FSB``: capitals that stand for a name and match only capitals."""
    word = _POSSESSIVE.sub("", raw)
    return word if 2 <= len(word) <= 6 and word.isupper() and word.isalpha() else None


@lru_cache(maxsize=1 << 16)
def _word(raw: str) -> tuple[tuple[str, ...], bool, Optional[str]]:
    """What matching needs to know of a word, computed once per distinct word."""
    raw = raw.strip("'’ʼ")
    return _text_keys(raw), raw[:1].isupper(), _acronym(raw)


# --------------------------------------------------------------------------------------------
# The index


@dataclass(frozen=True)
class _Name:
    """One spelling of an entity as a sequence of keys."""

    keys: tuple[str, ...]
    entity_id: str
    core: bool
    #: A one-word name that matches only a capitalised word.
    proper: bool


@dataclass
class DetectionIndex:
    """The gazetteer's spellings, indexed by their first key; build once, use for many reports."""

    gazetteer: Gazetteer
    by_first: dict[str, list[_Name]] = field(default_factory=dict)
    acronyms: dict[str, list[str]] = field(default_factory=dict)
    generic: frozenset[str] = frozenset()
    #: Distinct words of the texts seen so far → (keys, capitalised, acronym, may start a name).
    _words: dict[str, _WordInfo] = field(default_factory=dict, repr=False)

    def tokens(self, text: str) -> list[_Token]:
        """The words of ``text`` that have keys: (keys, capitalised, acronym, may start a name, start, end)."""
        words = self._words
        if len(words) > _WORD_CACHE_LIMIT:
            words.clear()
        found: list[_Token] = []
        append = found.append
        for match in _WORD.finditer(text):
            raw = match.group()
            info = words.get(raw)
            if info is None:
                keys, capitalised, acronym = _word(raw)
                starts = acronym in self.acronyms or any(key in self.by_first for key in keys)
                info = words[raw] = (keys, capitalised, acronym, starts)
            if info[0]:
                append(info + match.span())
        return found

    @classmethod
    def build(cls, gazetteer: Gazetteer) -> DetectionIndex:
        generic = frozenset(_name_key(_normal(w)) for w in GENERIC_WORDS)
        by_first: dict[str, list[_Name]] = defaultdict(list)
        acronyms: dict[str, list[str]] = defaultdict(list)
        seen: set[tuple] = set()
        for entity in gazetteer.entities.values():
            if entity.kind not in DETECTED_KINDS:
                continue
            for spelling in entity.spellings():
                words = [_normal(w) for w in _WORD.findall(spelling)]
                words = [w for w in words if w]
                if not words:
                    continue
                acronym = _acronym(spelling.strip()) if len(words) == 1 else None
                if acronym:
                    if entity.id not in acronyms[acronym]:
                        acronyms[acronym].append(entity.id)
                    continue
                keys = tuple(_name_key(w) for w in words)
                proper = len(keys) == 1 and spelling.strip()[:1].isupper()
                variants = [(keys, False)]
                if entity.kind == "region":
                    core = tuple(k for k in keys if k not in generic)
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
        return cls(gazetteer, dict(by_first), {k: sorted(v) for k, v in acronyms.items()}, generic)


# --------------------------------------------------------------------------------------------
# Detection


@dataclass
class Found:
    """One entity found in a report: how often, under which spellings, and through which places."""

    id: str
    kind: str
    name: str
    mentions: int = 0
    spellings: list[str] = field(default_factory=list)
    #: Places found in the text that lie in this region.
    via: list[str] = field(default_factory=list)
    via_mentions: int = 0

    @property
    def total(self) -> int:
        return self.mentions + self.via_mentions


@dataclass
class Detection:
    """What a report mentions, each list most-mentioned first (ties by id, so output is stable)."""

    regions: list[Found]
    places: list[Found]
    actors: list[Found]
    #: Countries mentioned but not suggested, because a region inside them was found.
    also_mentioned: list[Found]

    def ids(self, section: str) -> list[str]:
        return [f.id for f in getattr(self, section)]

    @property
    def empty(self) -> bool:
        return not (self.regions or self.places or self.actors)


def detect(text: str, index: DetectionIndex) -> Detection:
    """The regions, places and actors that ``text`` mentions, with how often each was found."""
    gazetteer = index.gazetteer
    found: dict[str, Found] = {}
    for entity_ids, start, end in _matches(text, index):
        surface = " ".join(text[start:end].split())
        for entity_id in entity_ids:
            entity = gazetteer.entities[entity_id]
            item = found.get(entity_id)
            if item is None:
                item = found[entity_id] = Found(entity_id, entity.kind, entity.name)
            item.mentions += 1
            if surface not in item.spellings and len(item.spellings) < _SPELLINGS_SHOWN:
                item.spellings.append(surface)
    return _arrange(found, gazetteer)


def _matches(text: str, index: DetectionIndex) -> Iterable[tuple[list[str], int, int]]:
    """Leftmost-longest matches: (entity ids, start offset, end offset)."""
    tokens = index.tokens(text)
    i = 0
    count = len(tokens)
    while i < count:
        best = _best_at(text, tokens, i, index) if tokens[i][3] else None
        if best is None:
            i += 1
            continue
        entity_ids, length = best
        yield entity_ids, tokens[i][4], tokens[i + length - 1][5]
        i += length


def _best_at(text: str, tokens: list[_Token], i: int, index: DetectionIndex) -> Optional[tuple[list[str], int]]:
    """The best reading of the text at token ``i``: longest first, then a core with its generic
    word, then a full name, then a bare core. Returns the ids and the number of tokens covered."""
    keys, capitalised, acronym = tokens[i][:3]
    by_first = index.by_first
    candidates = [by_first[key] for key in keys if key in by_first]
    best_score: tuple[int, int] = (0, -1)
    best_ids: list[str] = []
    if acronym in index.acronyms:
        best_score, best_ids = (1, 1), list(index.acronyms[acronym])
    for names in candidates:
        for name in names:
            length = len(name.keys)
            if i + length > len(tokens) or (name.proper and not capitalised):
                continue
            if any(name.keys[k] not in tokens[i + k][0] for k in range(1, length)):
                continue
            if name.core:
                generic_at = _generic_near(text, tokens, i, length, index)
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


def _generic_near(text: str, tokens: list[_Token], i: int, length: int, index: DetectionIndex) -> Optional[int]:
    """Where a generic word belonging to the core name at ``i`` stands, or ``None``.

    After the name, only connectors and other names may come between ("Belgorod and Kursk
    regions"); before it, "region of Belgorod" or "oblast Belgorod". Never across the end of a
    sentence or a bracket.
    """
    generic = index.generic

    def joined(first: int, second: int) -> bool:
        return _PHRASE_BREAK.search(text, tokens[first][5], tokens[second][4]) is None

    for k in range(i + length, min(len(tokens), i + length + _GENERIC_REACH)):
        if not joined(k - 1, k):
            break
        keys = tokens[k][0]
        if any(key in generic for key in keys):
            return k
        if not (keys[0] in _CONNECTORS or any(key in index.by_first for key in keys)):
            break
    if i >= 1 and joined(i - 1, i) and any(key in generic for key in tokens[i - 1][0]):
        return i - 1
    if i >= 2 and joined(i - 2, i) and tokens[i - 1][0][0] == "of" and any(key in generic for key in tokens[i - 2][0]):
        return i - 2
    return None


def _arrange(found: dict[str, Found], gazetteer: Gazetteer) -> Detection:
    """Sort what was found into regions, places and actors; places also suggest their region."""
    regions = {i: f for i, f in found.items() if f.kind in ("region", "country")}
    places = {i: f for i, f in found.items() if f.kind == "place"}
    actors = {i: f for i, f in found.items() if f.kind == "actor"}
    for place in sorted(places.values(), key=lambda f: f.id):
        for ancestor in gazetteer.ancestors(place.id):
            entity = gazetteer.entities[ancestor]
            if entity.kind != "region":
                continue
            region = regions.get(ancestor)
            if region is None:
                region = regions[ancestor] = Found(ancestor, entity.kind, entity.name)
            if place.id not in region.via:
                region.via.append(place.id)
                region.via_mentions += place.mentions
    countries_covered = {
        ancestor
        for region_id, region in regions.items()
        if region.kind == "region"
        for ancestor in gazetteer.ancestors(region_id)
    }
    also = [f for i, f in regions.items() if f.kind == "country" and i in countries_covered]
    kept = [f for i, f in regions.items() if not (f.kind == "country" and i in countries_covered)]
    return Detection(_ranked(kept), _ranked(places.values()), _ranked(actors.values()), _ranked(also))


def _ranked(items: Iterable[Found]) -> list[Found]:
    return sorted(items, key=lambda f: (-f.total, f.id))


__all__ = ["DetectionIndex", "Detection", "Found", "detect", "GENERIC_WORDS"]
