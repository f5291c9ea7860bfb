"""Blocks for the hand-written pages (home, methodology, contribute), filled from the catalogue.

A page asks for a block with an HTML comment on a line of its own, e.g. ``<!-- archive:latest -->``
(Markdown keeps comments as they are); the plugin replaces it after conversion. Only pages of
the site's editors are filled; article bodies never are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from archive.format import layout
from archive.format.vocabulary import (
    ACTOR_TYPES,
    ARTICLE_STATUSES,
    CHECK_RESULTS,
    CLAIM_STATUSES,
    EVIDENCE_KINDS,
    EVIDENCE_STATUSES,
    QUALIFIERS,
)
from archive.outputs.components import Helpers, SiteContext
from archive.outputs.html import Links

MARKER = re.compile(r"<!--\s*archive:([a-z0-9-]+)\s*-->")


def counts_block(ctx: SiteContext, links: Links) -> str:
    counts = ctx.catalogue.counts
    entities = counts.entities
    items = [
        (layout.TIMELINE, counts.articles, "articles"),
        (layout.CLAIMS, counts.claims, "claims"),
        (None, counts.sources, "sources"),
        (None, counts.evidence, "pieces of evidence"),
        (layout.section_uri("regions"), entities.get("region", 0) + entities.get("country", 0), "regions"),
        (layout.section_uri("places"), entities.get("place", 0), "places"),
        (layout.section_uri("actors"), entities.get("actor", 0), "actors"),
        (layout.section_uri("tags"), entities.get("tag", 0), "tags"),
    ]
    return str(Helpers(ctx, links).render("archive/blocks/counts.html", items=items, counts=counts))


def latest_block(ctx: SiteContext, links: Links, count: int) -> str:
    return str(Helpers(ctx, links).render("archive/blocks/latest.html", ids=ctx.catalogue.latest(count)))


def sections_block(ctx: SiteContext, links: Links) -> str:
    entries = [
        (layout.TIMELINE, "Timeline", "Every report by year and month."),
        (
            layout.CLAIMS,
            "Claims tracker",
            "Every claim, filterable by status, claimant and quantity; competing figures side by side.",
        ),
        (layout.section_uri("regions"), "Regions", "Countries and regions, with every report that concerns them."),
        (layout.section_uri("places"), "Places", "Cities, towns and villages, by region."),
        (
            layout.section_uri("actors"),
            "Actors",
            "Forces, officials, media and monitors: what they claimed and what was claimed about them.",
        ),
        (layout.section_uri("tags"), "Tags", "Event types and topics."),
    ]
    return str(Helpers(ctx, links).render("archive/blocks/sections.html", entries=entries))


def vocabulary_block(vocabulary: dict[str, str], family: str | None) -> Callable[[SiteContext, Links], str]:
    """A definition list of a controlled vocabulary; statuses get anchors badges link to."""

    def block(ctx: SiteContext, links: Links) -> str:
        return str(ctx.templates.render("archive/blocks/vocabulary.html", vocabulary=vocabulary, family=family or ""))

    return block


def contributing_block(repo_url: str) -> Callable[[SiteContext, Links], str]:
    def block(ctx: SiteContext, links: Links) -> str:
        return str(ctx.templates.render("archive/blocks/contributing.html", repo_url=repo_url))

    return block


def blocks(latest_count: int, repo_url: str = "") -> dict[str, Callable[[SiteContext, Links], str]]:
    """Every block a page may ask for, by marker name."""
    return {
        "counts": counts_block,
        "latest": lambda ctx, links: latest_block(ctx, links, latest_count),
        "sections": sections_block,
        "article-statuses": vocabulary_block(ARTICLE_STATUSES, "article"),
        "claim-statuses": vocabulary_block(CLAIM_STATUSES, "claim"),
        "evidence-statuses": vocabulary_block(EVIDENCE_STATUSES, "evidence"),
        "check-results": vocabulary_block(CHECK_RESULTS, "check"),
        "evidence-kinds": vocabulary_block(EVIDENCE_KINDS, None),
        "qualifiers": vocabulary_block(QUALIFIERS, None),
        "actor-types": vocabulary_block(ACTOR_TYPES, None),
        "sides": lambda ctx, links: vocabulary_block(ctx.catalogue.gazetteer.vocabulary.side_definitions, None)(ctx, links),
        "contributing": contributing_block(repo_url),
    }


def fill(html: str, ctx: SiteContext, links: Links, available: dict[str, Callable]) -> tuple[str, list[str]]:
    """``html`` with every marker replaced; also returns the names of unknown markers."""
    unknown: list[str] = []

    def replace(match: re.Match) -> str:
        block = available.get(match.group(1))
        if block is None:
            unknown.append(match.group(1))
            return ""
        return block(ctx, links)

    if "archive:" not in html:
        return html, unknown
    return MARKER.sub(replace, html), unknown
