"""The archive's records: articles and what they hold, and gazetteer entities.

These are plain data classes built by the validator (``archive.read.reader``) from front matter
that has passed every rule, so the rest of the code can trust their types: ids are known to
exist, dates are real dates, URLs are http(s).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Optional

# --------------------------------------------------------------------------------------------
# Dates


@dataclass(frozen=True, order=True)
class FuzzyDate:
    """A date known to a day, a month, a year, or a range of those (EDTF level 0).

    ``start`` and ``end`` are the first and last day the value can mean, so imprecise dates
    still sort and filter: ``2024-03`` is 2024-03-01 .. 2024-03-31.
    """

    start: date
    end: date
    text: str
    precision: str  # "day", "month", "year" or "range"

    def __str__(self) -> str:
        return self.text


# --------------------------------------------------------------------------------------------
# Article parts


@dataclass
class Source:
    """Where the report was published, and an archived copy of it."""

    publisher: str
    url: str
    title: Optional[str] = None
    accessed: Optional[date] = None
    language: Optional[str] = None
    archived: Optional[str] = None


@dataclass
class Figure:
    """A number in a claim: ``{quantity: killed, value: 234, qualifier: more-than}``.

    ``value`` is absent when the claim gives only a range (``min``/``max``) or no number at all
    (``qualifier: several``, as in "several tanks were destroyed").
    """

    quantity: str
    value: Optional[float] = None
    min: Optional[float] = None
    max: Optional[float] = None
    qualifier: Optional[str] = None
    subject: Optional[str] = None


@dataclass
class Check:
    """Someone's attempt to verify a claim, and its result."""

    by: str
    result: str
    note: Optional[str] = None
    date: Optional[FuzzyDate] = None


@dataclass
class Claim:
    """Who asserts what, in the claimant's framing, with its verification status."""

    claimant: str
    claim: str
    status: str
    id: Optional[str] = None
    date: Optional[FuzzyDate] = None
    figures: list[Figure] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    about: Optional[str] = None
    disputed_by: list[str] = field(default_factory=list)
    note: Optional[str] = None


@dataclass
class EvidenceVerification:
    status: str = "unverified"
    by: Optional[str] = None
    note: Optional[str] = None


@dataclass
class Evidence:
    """Footage, photos, documents: each verified or not, and by whom."""

    kind: str
    description: Optional[str] = None
    id: Optional[str] = None
    url: Optional[str] = None
    archived: Optional[str] = None
    date: Optional[FuzzyDate] = None
    verification: EvidenceVerification = field(default_factory=EvidenceVerification)


@dataclass
class Event:
    """What happened, where and when, with the precision that is known."""

    id: str
    type: Optional[str] = None
    date: Optional[FuzzyDate] = None
    regions: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    summary: Optional[str] = None


@dataclass
class Correction:
    """An entry in the public log of changes to a record."""

    date: date
    note: str


@dataclass
class Verification:
    status: str = "unverified"
    notes: Optional[str] = None


@dataclass
class Article:
    """One archived report: the validated front matter and the Markdown body."""

    id: str
    path: str
    title: str
    date: date
    #: Required by the validator; empty only in drafts.
    regions: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    summary: Optional[str] = None
    title_original: Optional[str] = None
    language: str = "en"
    draft: bool = False
    places: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    verification: Verification = field(default_factory=Verification)
    claims: list[Claim] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    body: str = ""
    body_line: int = 1

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def month(self) -> str:
        """``YYYY-MM``, the key of the article's timeline page."""
        return f"{self.date.year:04d}-{self.date.month:02d}"


# --------------------------------------------------------------------------------------------
# Gazetteer


@dataclass
class FormerName:
    name: str
    until: Optional[str] = None


@dataclass
class Holder:
    """A person holding an office that the gazetteer records as an actor."""

    name_en: str
    name_uk: Optional[str] = None
    name_ru: Optional[str] = None
    in_office_on: Optional[str] = None
    until: Optional[str] = None


#: The kinds of entity, in the order their pages and indexes are listed.
ENTITY_KINDS = ("country", "region", "place", "actor", "tag")


@dataclass
class Entity:
    """A region, place, actor or tag: referenced by id, shown by name in any language.

    Fields that apply to one kind only (``iso_3166_2`` for regions, ``side`` for actors...)
    are ``None`` on the others; the gazetteer validator makes sure of that.
    """

    id: str
    kind: str
    names: dict[str, str]
    path: str = ""
    line: int = 0
    aliases: list[str] = field(default_factory=list)
    ambiguous_aliases: list[str] = field(default_factory=list)
    type: Optional[str] = None
    parent: Optional[str] = None
    note: Optional[str] = None
    description: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    coord_precision: Optional[str] = None
    verify: bool = False
    level: Optional[str] = None
    iso_3166_1: Optional[str] = None
    iso_3166_2: Optional[str] = None
    admin_detail: Optional[str] = None
    former_names: list[FormerName] = field(default_factory=list)
    side: Optional[str] = None
    country: Optional[str] = None
    region: Optional[str] = None
    holders: list[Holder] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The English name, the one used in links and titles."""
        return self.names["en"]

    def spellings(self) -> list[str]:
        """Every way a reader may write this entity: names, aliases, office holders."""
        found = list(self.names.values()) + list(self.aliases)
        found += [former.name for former in self.former_names]
        for holder in self.holders:
            found += [n for n in (holder.name_en, holder.name_uk, holder.name_ru) if n]
        unique: dict[str, None] = dict.fromkeys(found)
        return list(unique)


@dataclass
class VocabularyFile:
    """``gazetteer/vocabulary.yml`` as written (see ``archive.format.vocabulary.ArchiveVocabulary``,
    which the reader makes of it)."""

    sides: list = field(default_factory=list)
    name_languages: list[str] = field(default_factory=list)
