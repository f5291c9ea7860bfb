"""The front-matter and gazetteer formats, declared once.

Each record (an article, a claim, a region...) is a :class:`Record`: its fields, their types,
whether they are required, and a sentence of documentation. A field's type carries its rule's
limits (a text's length, a number's range and digits, a list's length and uniqueness); what
the rule means is written once, in :mod:`archive.format.rules`. The validator (the reader and
its fast path) walks these declarations, ``archive schema`` turns them into JSON Schema, and
``archive new`` and ``archive import`` hold what they write to them, so none can disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from archive.format import model, vocabulary

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
GAZETTEER_ID = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


# --------------------------------------------------------------------------------------------
# Field types


@dataclass(frozen=True)
class Text:
    """A string. ``single_line`` rejects line breaks (titles); ``pattern`` constrains it.

    No text may hold invisible characters, bidirectional controls or line separators other
    than the line feed (see ``archive.format.rules.text_problem``). In a ``name`` (a publisher, an
    entity's names and aliases), a word that mixes scripts, as ``Rеuters`` with a Cyrillic ``е``
    does, draws a warning naming the letters: it looks like the name but matches no search.
    """

    max_length: int = 10_000
    single_line: bool = False
    pattern: Optional[re.Pattern] = None
    pattern_help: str = ""
    name: bool = False


@dataclass(frozen=True)
class FullDate:
    """A calendar day, ``YYYY-MM-DD`` (a YAML date or a quoted string)."""

    not_future: bool = True


@dataclass(frozen=True)
class FuzzyDate:
    """A day, a month, a year or a range of those: ``2024-03-12``, ``2024-03``, ``a/b``.

    ``as_text`` keeps the value as written (a string) once it is checked, for the gazetteer's
    dates, which are shown as they are written and never sorted.
    """

    as_text: bool = False


@dataclass(frozen=True)
class Url:
    """An http or https URL."""


@dataclass(frozen=True)
class Number:
    """An integer or a decimal number, from ``minimum`` to ``maximum`` (both included).

    ``max_digits`` bounds the digits it is written with in plain decimal notation, leading
    zeros not counted (``1200`` has 4, ``50.46`` has 4, ``0.125`` has 3): more are noise (a
    count to the unit beyond a trillion, a coordinate to a fraction of a millimetre), and they
    would be printed as noise. ``help`` says, in messages, what the number is and why it is bounded.
    """

    minimum: Optional[float] = None
    maximum: Optional[float] = None
    max_digits: Optional[int] = None
    help: str = ""


@dataclass(frozen=True)
class Boolean:
    pass


@dataclass(frozen=True)
class Choice:
    """One value of a controlled vocabulary (``vocabulary`` maps value to definition)."""

    vocabulary: dict[str, str]


@dataclass(frozen=True)
class Ref:
    """The id of a gazetteer entity of one of ``kinds``."""

    kinds: tuple[str, ...]


@dataclass(frozen=True)
class ListOf:
    """A list of ``item``; duplicates are errors when ``unique``."""

    item: Any
    min_items: int = 0
    max_items: int = 500
    unique: bool = False


@dataclass(frozen=True)
class Names:
    """Names by language: ``{en: Kyiv, uk: Київ, ru: Киев}``; ``en`` is required. Each is a :data:`NAME`.

    ``languages`` are the archive's name languages (its vocabulary's ``name_languages``): a name
    in another language is accepted with a warning (it is still a spelling search finds).
    """

    languages: tuple[str, ...] = vocabulary.NAME_LANGUAGES


@dataclass(frozen=True)
class Nested:
    """A mapping described by another record."""

    record: Record


@dataclass(frozen=True)
class Field:
    name: str
    type: Any
    required: bool = False
    doc: str = ""
    example: Any = None


@dataclass(frozen=True)
class Record:
    """A mapping with known fields, built into ``cls`` once valid."""

    name: str
    cls: type
    fields: tuple[Field, ...]
    doc: str = ""

    def field_named(self, name: str) -> Optional[Field]:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def listing(self, kind: str) -> Optional[Field]:
        """The field that lists ids of entities of ``kind`` (an article's ``regions`` lists
        regions and countries), if there is one."""
        for f in self.fields:
            if isinstance(f.type, ListOf) and isinstance(f.type.item, Ref) and kind in f.type.item.kinds:
                return f
        return None


def listed_kinds(field: Optional[Field]) -> tuple[str, ...]:
    """The kinds of entity a field listing ids refers to (``()`` for any other field)."""
    if field is not None and isinstance(field.type, ListOf) and isinstance(field.type.item, Ref):
        return field.type.item.kinds
    return ()


REGION_KINDS = ("region", "country")

#: One name of a :class:`Names` mapping.
NAME = Text(300, single_line=True, name=True)
#: Another spelling of an entity (an alias, a former name, an office holder's name).
SPELLING = Text(200, single_line=True, name=True)
#: An article's title, and the headline of a report as published.
TITLE = Text(300, single_line=True)
HEADLINE = Text(500, single_line=True)
#: Who published a report.
PUBLISHER = Text(300, single_line=True, name=True)
#: A language, as a BCP 47 tag.
LANGUAGE = Text(35, pattern=LANGUAGE_TAG, pattern_help="a BCP 47 code such as en, uk, ru")

#: A figure counts people, vehicles, drones...: never negative, and no count reaches a trillion.
COUNT = Number(0, 10**12, 13, "a figure counts something, from 0 to 1,000,000,000,000")
#: Coordinates, WGS84 degrees; eight decimals are about a millimetre, more than any map needs.
LATITUDE = Number(-90, 90, 10, "a latitude is in degrees, from -90 (south) to 90 (north), with at most 8 decimals")
LONGITUDE = Number(-180, 180, 11, "a longitude is in degrees, from -180 (west) to 180 (east), with at most 8 decimals")

# --------------------------------------------------------------------------------------------
# Article parts

SOURCE = Record(
    "source",
    model.Source,
    (
        Field("publisher", PUBLISHER, True, "Who published the report.", "BBC News"),
        Field("url", Url(), True, "Link to the report as published (http or https).", "https://www.bbc.co.uk/news/..."),
        Field("title", HEADLINE, doc="The report's headline."),
        Field("accessed", FullDate(), doc="When the archive read the report (YYYY-MM-DD)."),
        Field("language", LANGUAGE, doc="Language of the report."),
        Field("archived", Url(), doc="An archived copy (e.g. the Wayback Machine): news pages change after publication."),
    ),
    "Where the report was published, and an archived copy of it.",
)

FIGURE = Record(
    "figure",
    model.Figure,
    (
        Field(
            "quantity",
            Text(60, pattern=SLUG, pattern_help="lowercase words joined by hyphens, e.g. killed, tanks-destroyed"),
            True,
            "What is counted.",
            "killed",
        ),
        Field("value", COUNT, doc="The number as claimed (omit it for a range or for 'several').", example=234),
        Field("min", COUNT, doc="Lower end, when the claim gives a range."),
        Field("max", COUNT, doc="Upper end, when the claim gives a range."),
        Field(
            "qualifier",
            Choice(vocabulary.QUALIFIERS),
            doc="How the value is meant: more-than, at-least, approximately, or several (no number given).",
        ),
        Field("subject", Ref(("actor",)), doc="Whose losses or assets are counted (an actor id)."),
    ),
    "A number in a claim.",
)

CHECK = Record(
    "check",
    model.Check,
    (
        Field("by", Ref(("actor",)), True, "Who checked (an actor id).", "bbc-news"),
        Field("result", Choice(vocabulary.CHECK_RESULTS), True, "What the check found.", "could-not-verify"),
        Field("note", Text(), doc="How it was checked."),
        Field("date", FuzzyDate(), doc="When it was checked."),
    ),
    "An attempt to verify a claim.",
)

CLAIM = Record(
    "claim",
    model.Claim,
    (
        Field(
            "id",
            Text(80, pattern=SLUG, pattern_help="lowercase words joined by hyphens"),
            doc="A short id, unique in the article, so other claims can refer to it as '#id'.",
        ),
        Field("claimant", Ref(("actor",)), True, "Who makes the claim (an actor id).", "ru-mod"),
        Field("claim", Text(2_000), True, "One sentence, in the claimant's framing.", "Breakthrough attempts were thwarted."),
        Field("date", FuzzyDate(), doc="When the claim was made."),
        Field("figures", ListOf(Nested(FIGURE), max_items=50), doc="The numbers the claim gives."),
        Field("status", Choice(vocabulary.CLAIM_STATUSES), True, "Where verification of the claim stands.", "unverified"),
        Field("checks", ListOf(Nested(CHECK), max_items=50), doc="Attempts to verify the claim."),
        Field(
            "about",
            Text(80, pattern=SLUG, pattern_help="the id of one of this article's events"),
            doc="The id of the event (in this article) the claim concerns.",
        ),
        Field(
            "disputed_by",
            ListOf(Text(200), unique=True, max_items=50),
            doc="Actor ids, or '#claim-id' / 'article-id#claim-id' of contradicting claims.",
        ),
        Field("note", Text(), doc="Context a reader needs."),
    ),
    "Who asserts what, with figures and a verification status.",
)

EVIDENCE_VERIFICATION = Record(
    "evidence verification",
    model.EvidenceVerification,
    (
        Field("status", Choice(vocabulary.EVIDENCE_STATUSES), True, "Where verification of the item stands.", "unverified"),
        Field("by", Ref(("actor",)), doc="Who verified it (an actor id)."),
        Field("note", Text(), doc="How it was verified."),
    ),
)

EVIDENCE = Record(
    "evidence",
    model.Evidence,
    (
        Field(
            "id",
            Text(80, pattern=SLUG, pattern_help="lowercase words joined by hyphens"),
            doc="A short id, unique in the article.",
        ),
        Field("kind", Choice(vocabulary.EVIDENCE_KINDS), True, "What the item is.", "video"),
        Field("description", Text(), doc="What it shows."),
        Field("url", Url(), doc="Where it was published."),
        Field("archived", Url(), doc="An archived copy."),
        Field("date", FuzzyDate(), doc="When it was made or published."),
        Field("verification", Nested(EVIDENCE_VERIFICATION), doc="{status, by, note}."),
    ),
    "Footage, photos, documents: each verified or not, and by whom.",
)

EVENT = Record(
    "event",
    model.Event,
    (
        Field(
            "id",
            Text(80, pattern=SLUG, pattern_help="lowercase words joined by hyphens, e.g. tetkino-raid"),
            True,
            "A short id, unique in the article.",
            "border-raids",
        ),
        Field("type", Ref(("tag",)), doc="What kind of event (a tag id)."),
        Field("date", FuzzyDate(), doc="When: 2024-03-12, 2024-03 or 2024-03-12/2024-03-14."),
        Field("regions", ListOf(Ref(REGION_KINDS), unique=True), doc="Where (region ids)."),
        Field("places", ListOf(Ref(("place",)), unique=True), doc="Where (place ids)."),
        Field("actors", ListOf(Ref(("actor",)), unique=True), doc="Who took part (actor ids)."),
        Field("summary", Text(), doc="What happened, in a sentence."),
    ),
    "What happened, where and when.",
)

CORRECTION = Record(
    "correction",
    model.Correction,
    (
        Field("date", FullDate(), True, "When the record was changed.", "2024-03-14"),
        Field("note", Text(), True, "What changed and why.", "Added the governor's figures."),
    ),
)

VERIFICATION = Record(
    "verification",
    model.Verification,
    (
        Field("status", Choice(vocabulary.ARTICLE_STATUSES), True, "Where verification of the report stands.", "unverified"),
        Field("notes", Text(), doc="What was verified, by whom, and what was not."),
    ),
)

ARTICLE = Record(
    "article",
    model.Article,
    (
        Field(
            "title",
            TITLE,
            True,
            "The archive's neutral title.",
            "Russian armed groups claim raids into Belgorod region",
        ),
        Field("date", FullDate(), True, "Publication date of the report (YYYY-MM-DD).", "2024-03-12"),
        Field("summary", Text(2_000), doc="One to three sentences, used in lists, feeds and search results."),
        Field("title_original", HEADLINE, doc="The headline as published, when it differs."),
        Field("language", LANGUAGE, doc="Language of the original report (default en)."),
        Field(
            "draft",
            Boolean(),
            doc="true while the article is being written: drafts are checked leniently and left out of the site.",
        ),
        Field("regions", ListOf(Ref(REGION_KINDS), min_items=1, unique=True), True, "Region ids (at least one).", ["ru-bel"]),
        Field("places", ListOf(Ref(("place",)), unique=True), doc="Place ids; a place's region counts as listed."),
        Field("actors", ListOf(Ref(("actor",)), min_items=1, unique=True), True, "Actor ids (at least one).", ["ru-mod"]),
        Field("tags", ListOf(Ref(("tag",)), unique=True), doc="Tag ids: event types and topics."),
        Field(
            "sources", ListOf(Nested(SOURCE), min_items=1, max_items=100), True, "Where the report was published (at least one)."
        ),
        Field("verification", Nested(VERIFICATION), doc="{status, notes} for the report as a whole."),
        Field("claims", ListOf(Nested(CLAIM)), doc="Who claims what, with figures and status."),
        Field("evidence", ListOf(Nested(EVIDENCE)), doc="Footage, photos, documents and their verification."),
        Field("events", ListOf(Nested(EVENT)), doc="What happened, where and when."),
        Field("corrections", ListOf(Nested(CORRECTION)), doc="A public log of changes to this record."),
    ),
    "One archived report.",
)

# --------------------------------------------------------------------------------------------
# Gazetteer

FORMER_NAME = Record(
    "former name",
    model.FormerName,
    (
        Field("name", SPELLING, True),
        Field("until", FuzzyDate(as_text=True), doc="Year or date the name was dropped: 2016, 2016-05 or 2016-05-12."),
    ),
)

HOLDER = Record(
    "office holder",
    model.Holder,
    (
        Field("name_en", SPELLING, True),
        Field("name_uk", SPELLING),
        Field("name_ru", SPELLING),
        Field(
            "in_office_on",
            FuzzyDate(as_text=True),
            doc="A date on which the person held the office: 2024, 2024-03 or 2024-03-12.",
        ),
        Field("until", FuzzyDate(as_text=True), doc="When the person left the office: 2024, 2024-05 or 2024-05-07."),
    ),
)

_ID = Field(
    "id", Text(80, pattern=GAZETTEER_ID, pattern_help="lowercase letters, digits and hyphens"), True, "Stable id; never reused."
)
_OTHER_NAMES = (
    Field(
        "aliases",
        ListOf(SPELLING, max_items=200),
        doc="Other spellings: transliterations, Cyrillic, short names.",
    ),
    Field(
        "ambiguous_aliases",
        ListOf(SPELLING, max_items=50),
        doc="Aliases knowingly shared with another entity.",
    ),
    Field("note", Text(), doc="Context for editors and readers."),
)
_COORDS = (
    Field("lat", LATITUDE, doc="Latitude, WGS84 (approximate): -90 to 90."),
    Field("lon", LONGITUDE, doc="Longitude, WGS84 (approximate): -180 to 180."),
    Field("coord_precision", Text(40), doc="city, village, admin1 or admin0."),
    Field("verify", Boolean(), doc="Coordinates need checking before they go on a map."),
)


def names_doc(languages: tuple[str, ...]) -> str:
    """``Names by language: en (required), uk, ru.``"""
    return "Names by language: " + ", ".join(f"{code} (required)" if code == "en" else code for code in languages) + "."


@lru_cache(maxsize=16)
def gazetteer_sections(words: vocabulary.ArchiveVocabulary) -> dict[str, tuple[str, Record]]:
    """The top-level keys of a gazetteer file, and the kind of entity and record of each list,
    for an archive's vocabulary (its sides and name languages); made once per vocabulary."""
    common = (_ID, Field("names", Names(words.name_languages), True, names_doc(words.name_languages)), *_OTHER_NAMES)
    country = Record(
        "country",
        model.Entity,
        common + (Field("iso_3166_1", Text(2)), Field("level", Text(20))) + _COORDS,
    )
    region = Record(
        "region",
        model.Entity,
        common
        + (
            Field("iso_3166_2", Text(10)),
            Field("level", Text(20)),
            Field("type", Text(60), doc="oblast, krai, city with special status..."),
            Field("parent", Ref(("country", "region")), doc="The country (or region) it belongs to."),
        )
        + _COORDS,
    )
    place = Record(
        "place",
        model.Entity,
        common
        + (
            Field("type", Text(60), doc="city, town, village..."),
            Field("parent", Ref(("region", "place")), True, "The region it lies in."),
            Field("admin_detail", Text(300)),
            Field("former_names", ListOf(Nested(FORMER_NAME), max_items=20)),
        )
        + _COORDS,
    )
    actor = Record(
        "actor",
        model.Entity,
        common
        + (
            Field("type", Choice(vocabulary.ACTOR_TYPES), True, "What kind of actor."),
            Field(
                "side",
                Choice(words.side_definitions),
                doc="Which belligerent it fights for or belongs to, as reported.",
            ),
            Field("country", Ref(("country",)), doc="Its country."),
            Field("parent", Ref(("actor",)), doc="Its organisational parent."),
            Field("region", Ref(REGION_KINDS), doc="The region an official's office covers."),
            Field("holders", ListOf(Nested(HOLDER), max_items=50), doc="People holding the office."),
        ),
    )
    tag = Record(
        "tag",
        model.Entity,
        common
        + (
            Field("description", Text(1_000), doc="What the tag covers."),
            Field("parent", Ref(("tag",)), doc="A broader tag."),
        ),
    )
    return {
        "countries": ("country", country),
        "regions": ("region", region),
        "places": ("place", place),
        "actors": ("actor", actor),
        "tags": ("tag", tag),
    }


#: The top-level keys of a gazetteer file, and the kind of entity each list holds, for an archive
#: without a vocabulary file (the sample's sides and languages); :func:`gazetteer_sections` gives
#: them for any archive's vocabulary.
GAZETTEER_SECTIONS: dict[str, tuple[str, Record]] = gazetteer_sections(vocabulary.DEFAULT_VOCABULARY)
COUNTRY, REGION, PLACE, ACTOR, TAG = (record for _, record in GAZETTEER_SECTIONS.values())

# --------------------------------------------------------------------------------------------
# The archive's vocabulary (gazetteer/vocabulary.yml)

SIDE = Record(
    "side",
    vocabulary.Side,
    (
        Field(
            "id",
            Text(40, pattern=GAZETTEER_ID, pattern_help="lowercase letters, digits and hyphens, e.g. saf"),
            True,
            "What an actor's 'side' says: a short id, never reused.",
            "saf",
        ),
        Field(
            "label", Text(100, single_line=True), True, "The heading its actors are listed under.", "Sudanese Armed Forces' side"
        ),
        Field(
            "definition",
            Text(1_000),
            True,
            "Who belongs to it, as the methodology page says.",
            "The Sudanese Armed Forces and forces fighting on their side.",
        ),
    ),
    "One side of the conflict (as reported: not a judgement of legitimacy).",
)

VOCABULARY = Record(
    "vocabulary",
    model.VocabularyFile,
    (
        Field(
            "sides",
            ListOf(Nested(SIDE), min_items=1, max_items=50),
            True,
            "The sides an actor may belong to, in the order the actors page lists them.",
        ),
        Field(
            "name_languages",
            ListOf(LANGUAGE, min_items=1, max_items=30, unique=True),
            True,
            "The languages the gazetteer names entities in, en first (required).",
            ["en", "ar"],
        ),
    ),
    "What is about this conflict: its sides, and the languages of its names.",
)
