"""Controlled vocabularies, each value with its definition.

The definitions are the archive's methodology: the validator accepts exactly these values, the
JSON Schema lists them, the ``archive new`` template comments them, and the site's methodology
page prints them. Change a definition here and every one of those follows.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Status of a whole article (``verification.status``).
ARTICLE_STATUSES: dict[str, str] = {
    "unverified": "Nobody has yet checked the report's central facts; it is archived as reported.",
    "partially-verified": "Some of the report's facts (a video, a location, a figure) were confirmed by a named checker; others were not.",
    "verified": "The report's central facts were confirmed by at least one named, independent checker.",
    "disputed": "Credible sources contradict the report's central facts; the competing accounts are recorded side by side.",
    "retracted": "The publisher withdrew the report, or the archive found it to be false; kept so the record stays complete.",
}

#: Status of one claim (``claims[].status``).
CLAIM_STATUSES: dict[str, str] = {
    "unverified": "Nobody has checked the claim yet.",
    "inconclusive": "The claim was checked but could be neither confirmed nor refuted.",
    "verified": "Independent evidence confirms the claim.",
    "disputed": "Another party contradicts the claim, and the evidence does not settle it.",
    "false": "Independent evidence shows the claim to be wrong.",
}

#: Status of one piece of evidence (``evidence[].verification.status``).
EVIDENCE_STATUSES: dict[str, str] = {
    "unverified": "Nobody has checked where, when or by whom the item was made.",
    "inconclusive": "The item was examined, but its origin or content could not be established.",
    "verified": "A named checker established the item's authenticity, place and time.",
    "disputed": "Checkers disagree about the item's authenticity or meaning.",
    "false": "The item was shown to be fabricated, altered or misattributed.",
}

#: Result of one check of a claim (``claims[].checks[].result``).
CHECK_RESULTS: dict[str, str] = {
    "confirmed": "The checker confirmed the claim.",
    "partially-confirmed": "The checker confirmed part of the claim.",
    "could-not-verify": "The checker tried and could neither confirm nor refute it.",
    "contradicted": "The checker found evidence against the claim.",
}

#: Kinds of evidence (``evidence[].kind``).
EVIDENCE_KINDS: dict[str, str] = {
    "video": "Moving images, e.g. footage posted by a participant or a witness.",
    "photo": "A still image.",
    "satellite": "Satellite or aerial imagery.",
    "document": "A document, record or dataset.",
    "statement": "A recorded statement, e.g. a press conference or an official post.",
}

#: How a figure relates to its value (``claims[].figures[].qualifier``).
QUALIFIERS: dict[str, str] = {
    "exactly": "the value as stated",
    "approximately": "about the value",
    "more-than": "more than the value",
    "at-least": "the value or more",
    "up-to": "the value or fewer",
    "fewer-than": "fewer than the value",
    "several": "an unstated number, as in 'several tanks': the figure has no value",
}

#: The words a qualifier is shown with, before the value ("more than 234").
QUALIFIER_LABELS: dict[str, str] = {
    "exactly": "",
    "approximately": "about",
    "more-than": "more than",
    "at-least": "at least",
    "up-to": "up to",
    "fewer-than": "fewer than",
    "several": "several",
}

#: Types of actor in the gazetteer.
ACTOR_TYPES: dict[str, str] = {
    "state_force": "A state's armed force or one of its branches.",
    "security_service": "A state security or border service.",
    "intelligence_service": "A state intelligence agency.",
    "official_body": "A ministry, staff or other official body.",
    "official": "An office held by a person (the record is the office).",
    "paramilitary": "An armed group outside a state's regular forces.",
    "pmc": "A private military company.",
    "proxy_force": "Forces backed by a state in territory it does not formally govern.",
    "armed_group": "Any other organised armed group.",
    "media": "A news organisation or its verification unit.",
    "international_monitor": "An international monitoring mission or organisation.",
    "ngo": "A non-governmental organisation, e.g. a human-rights group.",
    "person": "A person acting in their own name.",
}

#: The side an actor belongs to, as reported (not a judgement of legitimacy). These are the
#: sample archive's sides, and any archive's without a vocabulary file (``gazetteer/vocabulary.yml``,
#: see :class:`ArchiveVocabulary`): another conflict's archive names its own.
SIDES: dict[str, str] = {
    "ru": "Russia and forces fighting on its side.",
    "ua": "Ukraine and forces fighting on its side.",
    "none": "Neither belligerent: media, monitors, third parties.",
}

#: How the site heads the actors of each side (the actors page groups them by side).
SIDE_LABELS: dict[str, str] = {"ru": "Russian side", "ua": "Ukrainian side", "none": "Neither side"}

#: Languages the gazetteer names entities in; ``en`` is required. The sample archive's, and any
#: archive's without a vocabulary file.
NAME_LANGUAGES = ("en", "uk", "ru")


@dataclass(frozen=True)
class Side:
    """One side of the conflict: its id (an actor's ``side``), the heading its actors are listed
    under, and what it covers."""

    id: str
    label: str
    definition: str


@dataclass(frozen=True)
class ArchiveVocabulary:
    """What is about one conflict rather than about archiving: the sides actors belong to and
    the languages the gazetteer names entities in.

    An archive declares its own in ``gazetteer/vocabulary.yml`` (read by ``archive.read.vocabulary``,
    for ``archive check``, the other commands and the site alike); without that file it is
    :data:`DEFAULT_VOCABULARY`, the sample archive's (Russia and Ukraine; English, Ukrainian, Russian).
    """

    sides: tuple[Side, ...]
    #: ``en`` first (the site's language), then the others in the order pages list them.
    name_languages: tuple[str, ...]

    @property
    def side_definitions(self) -> dict[str, str]:
        """Side id → definition: the vocabulary of an actor's ``side``."""
        return {side.id: side.definition for side in self.sides}

    @property
    def side_labels(self) -> dict[str, str]:
        """Side id → the heading its actors are listed under."""
        return {side.id: side.label for side in self.sides}


DEFAULT_VOCABULARY = ArchiveVocabulary(
    tuple(Side(key, SIDE_LABELS[key], definition) for key, definition in SIDES.items()), NAME_LANGUAGES
)


def describe(vocabulary: dict[str, str]) -> str:
    """``a, b or c``: the allowed values, for messages."""
    values = [f"'{v}'" for v in vocabulary]
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + " or " + values[-1]
