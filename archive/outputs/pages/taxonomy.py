"""Taxonomy pages: one page per region, place, actor and tag that articles reference, and an
index page per kind (regions with their countries, places by region, actors by side, tags as
a tree)."""

from __future__ import annotations

from collections import defaultdict

from archive.format import layout
from archive.format.model import Entity
from archive.outputs.components import (
    KIND_LABELS,
    Helpers,
    SiteContext,
    entity_names,
)
from archive.outputs.html import Links, Rendered, join
from archive.outputs.pages import PageSpec

SECTION_TITLES = {"regions": "Regions", "places": "Places", "actors": "Actors", "tags": "Tags"}
SECTION_INTROS = {
    "regions": "Countries and their first-level regions (oblasts, krais, federal cities) that the archive's articles concern. An article about a place counts for the region and the country that contain it.",
    "places": "Cities, towns, villages and sites named in the archive's articles, by the region they lie in.",
    "actors": "Forces, services, official bodies, offices, media, monitors and people that act, claim or check in the archive's articles, by the side they belong to as reported.",
    "tags": "Event types and topics, broader tags first.",
}


def side_titles(ctx: SiteContext) -> dict[str, str]:
    """The heading of each side's actors (the archive's vocabulary), and of actors with none."""
    return {**ctx.catalogue.gazetteer.vocabulary.side_labels, "": "Side not recorded"}


class TaxonomyPages:
    name = "taxonomy"

    def pages(self, ctx: SiteContext) -> list[PageSpec]:
        catalogue = ctx.catalogue
        specs = []
        for section in layout.SECTION_ORDER:
            specs.append(
                PageSpec(
                    uri=layout.section_uri(section),
                    title=SECTION_TITLES[section],
                    generator=self.name,
                    key=f"section:{section}",
                    description=SECTION_INTROS[section],
                    updated=catalogue.counts.last,
                )
            )
        for kind in catalogue.kinds:
            for entity_id in catalogue.kinds[kind]:
                entity = catalogue.gazetteer[entity_id]
                newest = catalogue.articles_for(entity_id)
                specs.append(
                    PageSpec(
                        uri=ctx.entity_uri(entity_id),
                        title=entity.name,
                        generator=self.name,
                        key=entity_id,
                        description=f"{KIND_LABELS[kind]}: articles, claims and sources in the archive about {entity.name}.",
                        updated=catalogue.articles[newest[0]].date if newest else None,
                    )
                )
        return specs

    def render(self, ctx: SiteContext, spec: PageSpec, links: Links, body_html: str) -> Rendered:
        if spec.key.startswith("section:"):
            return _SECTIONS[spec.key.partition(":")[2]](ctx, links)
        return entity_page(ctx, links, ctx.catalogue.gazetteer[spec.key])


# --------------------------------------------------------------------------------------------
# Entity pages


def entity_page(ctx: SiteContext, links: Links, entity: Entity) -> Rendered:
    catalogue = ctx.catalogue
    article_ids = catalogue.articles_for(entity.id)
    by_year: dict[int, list[str]] = {}
    for article_id in article_ids:
        by_year.setdefault(catalogue.articles[article_id].date.year, []).append(article_id)
    sections = []
    if entity.kind == "actor":
        for anchor, title, entries, filter_key, claimant in (
            ("entity-claims-made", "Claims made", catalogue.claims_by_claimant.get(entity.id, []), "claimant", False),
            ("entity-claims-about", "Claims about it", catalogue.claims_by_subject.get(entity.id, []), None, True),
            ("entity-claims-checked", "Claims it checked", catalogue.claims_by_checker.get(entity.id, []), None, True),
        ):
            shown = entries[-ctx.entity_claims_limit :][::-1]
            sections.append(
                {
                    "anchor": anchor,
                    "title": title,
                    "entries": entries,
                    "shown": shown,
                    "filter_key": filter_key,
                    "claimant": claimant,
                }
            )
    h = Helpers(ctx, links)
    html = h.render(
        "archive/entity.html",
        entity=entity,
        facts=_facts(ctx, entity),
        article_ids=article_ids,
        by_year=by_year,
        claim_sections=sections,
        limit=ctx.entity_claims_limit,
        KIND_LABELS=KIND_LABELS,
    )
    return Rendered(html, h.toc)


def _facts(ctx: SiteContext, entity: Entity) -> dict:
    """The gazetteer's values of ``entity`` that a template shows as they are prepared here."""
    holders = []
    for holder in entity.holders:
        others = " / ".join(n for n in (holder.name_uk, holder.name_ru) if n)
        when = join(
            [
                f"in office on {holder.in_office_on}" if holder.in_office_on else "",
                f"until {holder.until}" if holder.until else "",
            ],
            ", ",
        )
        holders.append((holder.name_en, others, when))
    coordinates = ""
    if entity.lat is not None and entity.lon is not None:
        coordinates = f"{entity.lat:.2f}, {entity.lon:.2f} (approximate"
        coordinates += ", to be checked)" if entity.verify else ")"
    return {
        "names": entity_names(entity),
        "aliases": [a for a in entity.aliases if a not in entity.names.values()],
        "side_title": side_titles(ctx).get(entity.side or "", entity.side),
        "holders": holders,
        "coordinates": coordinates,
        "children": [c for c in ctx.catalogue.gazetteer.children(entity.id) if ctx.catalogue.has_page(c)],
    }


# --------------------------------------------------------------------------------------------
# Section index pages


def _section(ctx: SiteContext, links: Links, section: str, groups: dict[str, list[str]], titles: dict[str, str]) -> Rendered:
    h = Helpers(ctx, links)
    html = h.render(
        "archive/section.html",
        section=section,
        title=SECTION_TITLES[section],
        intro=SECTION_INTROS[section],
        groups=groups,
        titles=titles,
    )
    return Rendered(html, h.toc)


def _first_ancestor(ctx: SiteContext, entity_id: str, kinds: tuple[str, ...]) -> str:
    gazetteer = ctx.catalogue.gazetteer
    for ancestor in gazetteer.ancestors(entity_id):
        if gazetteer[ancestor].kind in kinds:
            return ancestor
    return ""


def regions_index(ctx: SiteContext, links: Links) -> Rendered:
    catalogue = ctx.catalogue
    groups: dict[str, list[str]] = {c: [] for c in catalogue.kinds["country"]}
    for region in catalogue.kinds["region"]:
        groups.setdefault(_first_ancestor(ctx, region, ("country",)), []).append(region)
    titles = {c: catalogue.gazetteer.name(c) for c in groups if c}
    titles[""] = "Other regions"
    return _section(ctx, links, "regions", groups, titles)


def places_index(ctx: SiteContext, links: Links) -> Rendered:
    catalogue = ctx.catalogue
    groups: dict[str, list[str]] = defaultdict(list)
    for place in catalogue.kinds["place"]:
        groups[_first_ancestor(ctx, place, ("region", "country"))].append(place)
    ordered = dict(
        sorted(groups.items(), key=lambda kv: (kv[0] == "", catalogue.gazetteer.name(kv[0]).casefold() if kv[0] else ""))
    )
    titles = {r: catalogue.gazetteer.name(r) for r in ordered if r}
    titles[""] = "Other places"
    return _section(ctx, links, "places", ordered, titles)


def actors_index(ctx: SiteContext, links: Links) -> Rendered:
    catalogue = ctx.catalogue
    titles = side_titles(ctx)
    groups: dict[str, list[str]] = {side: [] for side in titles}
    for actor in catalogue.kinds["actor"]:
        groups.setdefault(catalogue.gazetteer[actor].side or "", []).append(actor)
    return _section(ctx, links, "actors", groups, titles)


def tags_index(ctx: SiteContext, links: Links) -> Rendered:
    catalogue = ctx.catalogue
    tags = catalogue.kinds["tag"]
    shown = set(tags)
    children: dict[str, list[str]] = defaultdict(list)
    roots = []
    for tag in tags:
        parent = next((a for a in catalogue.gazetteer.ancestors(tag) if a in shown), None)
        if parent:
            children[parent].append(tag)
        else:
            roots.append(tag)
    h = Helpers(ctx, links)
    html = h.render(
        "archive/tags.html", title=SECTION_TITLES["tags"], intro=SECTION_INTROS["tags"], roots=roots, children=children
    )
    return Rendered(html)


_SECTIONS = {"regions": regions_index, "places": places_index, "actors": actors_index, "tags": tags_index}
