"""What a report names, arranged for ``archive import``: suggested regions, places and actors.

``archive import`` turns reports into drafts; the contributor then reviews suggested ids
instead of typing them. Which entities a text names is the one name matcher's answer
(:class:`~archive.names.matcher.NameMatcher`, the same for every reader of a text); here it is
counted and arranged: a place found also suggests its region; a country is suggested only when
no region inside it was found (otherwise it is listed as "also mentioned").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from archive.names.matcher import MATCHED_KINDS, NameMatcher
from archive.names.normalise import GENERIC_WORDS

if TYPE_CHECKING:  # (names come before reading in the data flow: only the type is needed)
    from archive.read.gazetteer import Gazetteer

#: Kinds of entity that detection suggests.
DETECTED_KINDS = MATCHED_KINDS
#: The index detection reads a report with: the one name matcher, built once per import.
DetectionIndex = NameMatcher
#: How many distinct spellings of one entity are kept to show the contributor.
_SPELLINGS_SHOWN = 3


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
    for entity_ids, start, end in index.matches(text):
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
