"""The catalogue: every cross-reference of the archive, computed once from the loaded articles.

Data flows one way: files → validated records (:mod:`archive.read.loader`) → this catalogue → pages.
The catalogue is plain data: dicts keyed by id, lists in a fixed order, so that any page can be
built with lookups only, and the same archive always gives the same catalogue.

Cost grows linearly with the number of articles. Each pass walks every article once, over the
article's own references; "related articles" does bounded work per article (see
:func:`related_articles`), never a comparison of every pair.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Optional

from archive.format.model import ENTITY_KINDS, Article, Claim, Event
from archive.read.gazetteer import Gazetteer

#: Kinds of entity that have a page in the site, in listing order: every kind.
PAGE_KINDS = ENTITY_KINDS

#: How many related articles an article lists, and how many entities an entity page lists as
#: appearing alongside it, unless the site says otherwise (the ``archive`` plugin's defaults).
RELATED_LIMIT = 5
ALONGSIDE_LIMIT = 10

#: Kinds whose parents contain them: an article about a place is also about its region and country.
_CONTAINED = ("place", "region", "country")


# --------------------------------------------------------------------------------------------
# Records of the catalogue


@dataclass(frozen=True)
class ClaimEntry:
    """One claim, with the article it comes from and the anchor of its row on the article page."""

    article_id: str
    index: int
    claim: Claim

    @property
    def anchor(self) -> str:
        """``claim-<id>`` when the claim has an id, else ``claim-<n>`` (1-based)."""
        return claim_anchor(self.claim, self.index)

    @property
    def quantities(self) -> list[str]:
        return sorted({f.quantity for f in self.claim.figures})


@dataclass
class ClaimGroup:
    """Claims of one article about one event (``about``), read side by side.

    ``event`` is ``None`` for the article's claims that name no event.
    """

    article_id: str
    event: Optional[Event]
    claims: list[ClaimEntry]

    @property
    def quantities(self) -> list[str]:
        """Every quantity any claim of the group gives a figure for, sorted."""
        return sorted({f.quantity for entry in self.claims for f in entry.claim.figures})

    @property
    def key(self) -> str:
        return f"{self.article_id}#{self.event.id if self.event else ''}"


@dataclass(frozen=True)
class Counts:
    """Totals for the home page."""

    articles: int
    claims: int
    sources: int
    evidence: int
    events: int
    entities: dict[str, int]
    months: int
    first: Optional[date]
    last: Optional[date]
    updated: Optional[date]
    article_statuses: dict[str, int]
    claim_statuses: dict[str, int]


@dataclass
class Catalogue:
    """Lookups over the published articles of an archive; build it with :func:`build_catalogue`."""

    gazetteer: Gazetteer
    #: Published articles by id, in timeline order (date, then id).
    articles: dict[str, Article]
    #: Article ids, oldest first.
    timeline: list[str]
    #: Article id → index in ``timeline``.
    position: dict[str, int]
    #: Entity id → ids of the articles that reference it, newest first. Holds every entity that
    #: gets a page: each one an article references, and the regions and countries containing
    #: referenced places and regions.
    entity_articles: dict[str, list[str]]
    #: Kind → ids of the entities of that kind that have a page, sorted by English name.
    kinds: dict[str, list[str]]
    #: ``YYYY-MM`` → article ids, oldest first; keys in order.
    months: dict[str, list[str]]
    #: Year → its ``YYYY-MM`` months that have articles, in order.
    years: dict[int, list[str]]
    #: Every claim, in timeline order (articles oldest first, claims in article order).
    claims: list[ClaimEntry]
    #: Claims grouped by article and event, in timeline order.
    claim_groups: list[ClaimGroup]
    #: The same groups by the year of their article, years in order.
    claim_groups_by_year: dict[int, list[ClaimGroup]]
    claims_by_claimant: dict[str, list[ClaimEntry]]
    #: Actor id → claims with a figure about it (``figures[].subject``).
    claims_by_subject: dict[str, list[ClaimEntry]]
    claims_by_quantity: dict[str, list[ClaimEntry]]
    claims_by_status: dict[str, list[ClaimEntry]]
    #: Actor id → claims it checked (``checks[].by``).
    claims_by_checker: dict[str, list[ClaimEntry]]
    #: ``article-id#claim-id`` → the claim (for ``disputed_by`` references across articles).
    claims_by_ref: dict[str, ClaimEntry]
    #: Entity id → the actors that appear alongside it most often, ``(id, articles)``.
    alongside_actors: dict[str, list[tuple[str, int]]]
    #: Entity id → the regions that appear alongside it most often, ``(id, articles)``.
    alongside_regions: dict[str, list[tuple[str, int]]]
    #: Article id → ids of related articles, best first.
    related: dict[str, list[str]]
    counts: Counts

    # -- lookups ---------------------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        return self.articles[article_id]

    def has_page(self, entity_id: Optional[str]) -> bool:
        return entity_id is not None and entity_id in self.entity_articles

    def articles_for(self, entity_id: str) -> list[str]:
        """Ids of the articles referencing ``entity_id`` (or a place inside it), newest first."""
        return self.entity_articles.get(entity_id, [])

    def previous(self, article_id: str) -> Optional[str]:
        """The article before ``article_id`` in the timeline."""
        index = self.position[article_id]
        return self.timeline[index - 1] if index > 0 else None

    def next(self, article_id: str) -> Optional[str]:
        """The article after ``article_id`` in the timeline."""
        index = self.position[article_id]
        return self.timeline[index + 1] if index + 1 < len(self.timeline) else None

    def latest(self, n: int) -> list[str]:
        """The ``n`` newest article ids, newest first."""
        return self.timeline[-n:][::-1] if n > 0 else []

    def claim_years(self) -> dict[int, list[ClaimGroup]]:
        """Claim groups by the year of their article, years in order."""
        return self.claim_groups_by_year

    def name(self, entity_id: str) -> str:
        return self.gazetteer.name(entity_id)


def claim_anchor(claim: Claim, index: int) -> str:
    return f"claim-{claim.id}" if claim.id else f"claim-{index + 1}"


# --------------------------------------------------------------------------------------------
# Building


def build_catalogue(
    gazetteer: Gazetteer,
    articles: Iterable[Article],
    *,
    related_limit: int = RELATED_LIMIT,
    alongside_limit: int = ALONGSIDE_LIMIT,
) -> Catalogue:
    """The catalogue of ``articles`` (already validated; drafts already filtered as wanted).

    Typical use: ``build_catalogue(archive.gazetteer, archive.published(include_drafts))``.
    """
    ordered = sorted(articles, key=lambda a: (a.date, a.id))
    by_id = {a.id: a for a in ordered}
    timeline = [a.id for a in ordered]
    position = {article_id: i for i, article_id in enumerate(timeline)}
    references = {a.id: article_references(a, gazetteer) for a in ordered}
    entity_articles = _entity_articles(ordered, references)
    months, years = _periods(ordered)
    claims, groups = _claims(ordered)
    alongside_actors, alongside_regions = cooccurrence(ordered, references, gazetteer, alongside_limit)

    return Catalogue(
        gazetteer=gazetteer,
        articles=by_id,
        timeline=timeline,
        position=position,
        entity_articles=entity_articles,
        kinds=_kinds(entity_articles, gazetteer),
        months=months,
        years=years,
        claims=claims,
        claim_groups=groups,
        claim_groups_by_year=_groups_by_year(groups, by_id),
        claims_by_claimant=_index_claims(claims, lambda c: [c.claimant]),
        claims_by_subject=_index_claims(claims, lambda c: [f.subject for f in c.figures if f.subject]),
        claims_by_quantity=_index_claims(claims, lambda c: [f.quantity for f in c.figures]),
        claims_by_status=_index_claims(claims, lambda c: [c.status]),
        claims_by_checker=_index_claims(claims, lambda c: [check.by for check in c.checks]),
        claims_by_ref={f"{e.article_id}#{e.claim.id}": e for e in claims if e.claim.id},
        alongside_actors=alongside_actors,
        alongside_regions=alongside_regions,
        related=related_articles(ordered, gazetteer, limit=related_limit),
        counts=_counts(ordered, claims, entity_articles, gazetteer, months),
    )


def article_references(article: Article, gazetteer: Gazetteer) -> list[str]:
    """Every entity id the article refers to, in first-mention order, without repeats.

    The article's own lists come first; then the regions and countries containing its places and
    regions; then ids named only inside claims, evidence and events (a claimant, a checker...),
    so that every id shown on the article's page has a page to link to. (The gazetteer keeps
    each entity's ancestors once computed, for every article.)
    """
    ancestors = gazetteer.ancestors
    found: dict[str, None] = {}
    for entity_id in (*article.regions, *article.places, *article.actors, *article.tags):
        found[entity_id] = None
    for entity_id in (*article.places, *article.regions):
        for parent in ancestors(entity_id):
            found[parent] = None
    for claim in article.claims:
        found[claim.claimant] = None
        for figure in claim.figures:
            if figure.subject:
                found[figure.subject] = None
        for check in claim.checks:
            found[check.by] = None
        for ref in claim.disputed_by:
            if "#" not in ref:
                found[ref] = None
    for item in article.evidence:
        if item.verification.by:
            found[item.verification.by] = None
    for event in article.events:
        if event.type:
            found[event.type] = None
        for entity_id in (*event.regions, *event.places, *event.actors):
            found[entity_id] = None
        for entity_id in (*event.places, *event.regions):
            for parent in ancestors(entity_id):
                found[parent] = None
    return [entity_id for entity_id in found if entity_id in gazetteer]


def _entity_articles(ordered: list[Article], references: dict[str, list[str]]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = defaultdict(list)
    for article in reversed(ordered):
        for entity_id in references[article.id]:
            result[entity_id].append(article.id)
    return dict(sorted(result.items()))


def _kinds(entity_articles: dict[str, list[str]], gazetteer: Gazetteer) -> dict[str, list[str]]:
    kinds: dict[str, list[str]] = {kind: [] for kind in PAGE_KINDS}
    for entity_id in entity_articles:
        entity = gazetteer[entity_id]
        if entity.kind in kinds:
            kinds[entity.kind].append(entity_id)
    for ids in kinds.values():
        ids.sort(key=lambda i: (gazetteer[i].name.casefold(), i))
    return kinds


def _periods(ordered: list[Article]) -> tuple[dict[str, list[str]], dict[int, list[str]]]:
    months: dict[str, list[str]] = {}
    years: dict[int, list[str]] = {}
    for article in ordered:
        month = article.month
        if month not in months:
            months[month] = []
            years.setdefault(article.date.year, []).append(month)
        months[month].append(article.id)
    return months, years


def _claims(ordered: list[Article]) -> tuple[list[ClaimEntry], list[ClaimGroup]]:
    claims: list[ClaimEntry] = []
    groups: list[ClaimGroup] = []
    for article in ordered:
        events = {event.id: event for event in article.events}
        by_event: dict[Optional[str], ClaimGroup] = {}
        for index, claim in enumerate(article.claims):
            entry = ClaimEntry(article.id, index, claim)
            claims.append(entry)
            about = claim.about if claim.about in events else None
            group = by_event.get(about)
            if group is None:
                group = by_event[about] = ClaimGroup(article.id, events.get(about) if about else None, [])
            group.claims.append(entry)
        # Groups in the order of the article's events, claims about no event last.
        order = {event_id: i for i, event_id in enumerate(events)}
        groups.extend(sorted(by_event.values(), key=lambda g: order.get(g.event.id, -1) if g.event else len(order)))
    return claims, groups


def _groups_by_year(groups: list[ClaimGroup], by_id: dict[str, Article]) -> dict[int, list[ClaimGroup]]:
    years: dict[int, list[ClaimGroup]] = {}
    for group in groups:
        years.setdefault(by_id[group.article_id].date.year, []).append(group)
    return years


def _index_claims(claims: list[ClaimEntry], keys) -> dict[str, list[ClaimEntry]]:
    index: dict[str, list[ClaimEntry]] = defaultdict(list)
    for entry in claims:
        for key in dict.fromkeys(keys(entry.claim)):
            index[key].append(entry)
    return dict(sorted(index.items()))


# --------------------------------------------------------------------------------------------
# Co-occurrence and related articles


def cooccurrence(
    ordered: list[Article], references: dict[str, list[str]], gazetteer: Gazetteer, limit: int
) -> tuple[dict[str, list[tuple[str, int]]], dict[str, list[tuple[str, int]]]]:
    """For each entity, the actors and regions most often referenced by the same articles.

    Counted per article over its own references (cost: the article's entities times its actors
    and regions), so the whole pass is linear in the number of articles.
    """
    actors: dict[str, Counter] = defaultdict(Counter)
    regions: dict[str, Counter] = defaultdict(Counter)
    for article in ordered:
        refs = references[article.id]
        article_actors = [i for i in refs if gazetteer[i].kind == "actor"]
        article_regions = [i for i in refs if gazetteer[i].kind == "region"]
        for entity_id in refs:
            if article_actors:
                actors[entity_id].update(a for a in article_actors if a != entity_id)
            if article_regions:
                regions[entity_id].update(r for r in article_regions if r != entity_id)
    return _top(actors, limit), _top(regions, limit)


def _top(counters: dict[str, Counter], limit: int) -> dict[str, list[tuple[str, int]]]:
    return {
        entity_id: sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:limit]
        for entity_id, counter in sorted(counters.items())
    }


#: Related articles: at most this many of an article's entities are looked at, rarest first...
RELATED_ENTITIES = 12
#: ...and in each entity's list of articles, this many neighbours in time on either side.
RELATED_NEIGHBOURS = 10


def related_articles(
    ordered: list[Article],
    gazetteer: Gazetteer,
    *,
    limit: int = RELATED_LIMIT,
    entities_per_article: int = RELATED_ENTITIES,
    neighbours: int = RELATED_NEIGHBOURS,
) -> dict[str, list[str]]:
    """Articles sharing actors, regions or places with each article, nearest in time first.

    Bounded work per article: its ``entities_per_article`` rarest entities are taken, and in
    each one's date-sorted list of articles only the ``neighbours`` nearest in time on either
    side (found by bisection) are scored. A candidate scores the rarity weight
    ``log(1 + N / df)`` of every entity it was found through; ties go to the nearer date, then
    to the id. An actor in half the archive thus costs as much as a rare place, and
    contributes less to the score.
    """
    total = len(ordered)
    if total < 2 or limit <= 0:
        return {a.id: [] for a in ordered}
    ordinals = [a.date.toordinal() for a in ordered]
    own: list[list[str]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for pos, article in enumerate(ordered):
        entities = [e for e in dict.fromkeys((*article.actors, *article.regions, *article.places)) if e in gazetteer]
        own.append(entities)
        for entity_id in entities:
            postings[entity_id].append(pos)
    # Integer weights (thousandths) keep sums exact, so ties break the same way on every machine.
    weights = {e: round(1000 * math.log(1.0 + total / len(p))) for e, p in postings.items()}

    related: dict[str, list[str]] = {}
    for pos, article in enumerate(ordered):
        day = ordinals[pos]
        chosen = sorted((e for e in own[pos] if len(postings[e]) > 1), key=lambda e: (len(postings[e]), e))
        scores: dict[int, int] = {}
        for entity_id in chosen[:entities_per_article]:
            plist = postings[entity_id]
            weight = weights[entity_id]
            here = bisect_left(plist, pos)
            low, high, size = here - 1, here + 1, len(plist)
            for _ in range(2 * neighbours):
                if low >= 0 and (high >= size or day - ordinals[plist[low]] <= ordinals[plist[high]] - day):
                    candidate = plist[low]
                    low -= 1
                elif high < size:
                    candidate = plist[high]
                    high += 1
                else:
                    break
                scores[candidate] = scores.get(candidate, 0) + weight
        best = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], abs(ordinals[item[0]] - day), item[0]))
        related[article.id] = [ordered[p].id for p, _ in best]
    return related


# --------------------------------------------------------------------------------------------
# Counts


def _counts(
    ordered: list[Article],
    claims: list[ClaimEntry],
    entity_articles: dict[str, list[str]],
    gazetteer: Gazetteer,
    months: dict[str, list[str]],
) -> Counts:
    entities: Counter = Counter(gazetteer[e].kind for e in entity_articles)
    updated = None
    for article in ordered:
        latest = max([article.date, *(c.date for c in article.corrections)])
        updated = latest if updated is None or latest > updated else updated
    return Counts(
        articles=len(ordered),
        claims=len(claims),
        sources=sum(len(a.sources) for a in ordered),
        evidence=sum(len(a.evidence) for a in ordered),
        events=sum(len(a.events) for a in ordered),
        entities={kind: entities.get(kind, 0) for kind in PAGE_KINDS},
        months=len(months),
        first=ordered[0].date if ordered else None,
        last=ordered[-1].date if ordered else None,
        updated=updated,
        article_statuses=dict(sorted(Counter(a.verification.status for a in ordered).items())),
        claim_statuses=dict(sorted(Counter(e.claim.status for e in claims).items())),
    )


def article_updated(article: Article) -> date:
    """The last day the record changed: its date, or its latest correction."""
    return max([article.date, *(c.date for c in article.corrections)])


__all__ = [
    "Catalogue",
    "ClaimEntry",
    "ClaimGroup",
    "Counts",
    "PAGE_KINDS",
    "article_references",
    "article_updated",
    "build_catalogue",
    "claim_anchor",
    "cooccurrence",
    "related_articles",
]
