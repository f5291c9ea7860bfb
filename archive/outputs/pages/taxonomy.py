"""Taxonomy pages: one page per region, place, actor and tag that articles reference, and an
index page per kind (regions with their countries, places by region, actors by side, tags as
a tree)."""

from __future__ import annotations

from collections import defaultdict
from typing import Optional

from archive.catalogue import ClaimEntry
from archive.format import layout
from archive.format.model import Entity
from archive.format.vocabulary import ACTOR_TYPES, SIDES
from archive.outputs.components import (
    KIND_LABELS,
    SiteContext,
    article_list,
    chips,
    claims_rows_table,
    entity_link,
    entity_names,
    label,
    language_name,
)
from archive.outputs.display import format_number
from archive.outputs.html import Links, Rendered, esc, heading, join
from archive.outputs.pages import PageSpec

SECTION_TITLES = {"regions": "Regions", "places": "Places", "actors": "Actors", "tags": "Tags"}
SECTION_INTROS = {
    "regions": "Countries and their first-level regions (oblasts, krais, federal cities) that the archive's articles concern. An article about a place counts for the region and the country that contain it.",
    "places": "Cities, towns, villages and sites named in the archive's articles, by the region they lie in.",
    "actors": "Forces, services, official bodies, offices, media, monitors and people that act, claim or check in the archive's articles, by the side they belong to as reported.",
    "tags": "Event types and topics, broader tags first.",
}
SIDE_TITLES = {"ru": "Russian side", "ua": "Ukrainian side", "none": "Neither side", "": "Side not recorded"}


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
    toc: list[tuple[int, str, str]] = []
    article_ids = catalogue.articles_for(entity.id)
    parts = [
        f"<h1>{esc(entity.name)}</h1>",
        _facts(ctx, links, entity),
        heading(2, "entity-articles", f"Articles ({format_number(len(article_ids))})", toc),
        _articles_by_year(ctx, links, article_ids),
    ]
    if entity.kind == "actor":
        made = catalogue.claims_by_claimant.get(entity.id, [])
        parts.append(
            _claims_section(ctx, links, toc, "entity-claims-made", "Claims made", made, entity, "claimant", claimant=False)
        )
        parts.append(
            _claims_section(
                ctx, links, toc, "entity-claims-about", "Claims about it", catalogue.claims_by_subject.get(entity.id, []), entity
            )
        )
        parts.append(
            _claims_section(
                ctx,
                links,
                toc,
                "entity-claims-checked",
                "Claims it checked",
                catalogue.claims_by_checker.get(entity.id, []),
                entity,
            )
        )
    parts.append(_alongside(ctx, links, entity, toc))
    return Rendered(f'<div class="archive-entity archive-entity--{esc(entity.kind)}">{join(parts)}</div>', toc)


def _facts(ctx: SiteContext, links: Links, entity: Entity) -> str:
    catalogue = ctx.catalogue
    gazetteer = catalogue.gazetteer
    rows: list[tuple[str, str]] = []
    kind = KIND_LABELS[entity.kind]
    if entity.type:
        kind += f" &middot; {esc(label(entity.type))}"
        if entity.kind == "actor" and entity.type in ACTOR_TYPES:
            kind += f' <span class="archive-note">({esc(ACTOR_TYPES[entity.type])})</span>'
    rows.append(("Kind", kind))
    ancestors = gazetteer.ancestors(entity.id)
    if ancestors:
        rows.append(("Part of", " &rsaquo; ".join(entity_link(ctx, links, a, chip=False) for a in ancestors)))
    names = [
        f'<span lang="{esc(lang)}">{esc(name)}</span> <span class="archive-note">({esc(language_name(lang))})</span>'
        for lang, name in entity_names(entity)
    ]
    rows.append(("Names", "<br>".join(names)))
    aliases = [a for a in entity.aliases if a not in entity.names.values()]
    if aliases:
        rows.append(("Also written", ", ".join(esc(a) for a in aliases)))
    if entity.former_names:
        rows.append(
            (
                "Former names",
                ", ".join(
                    esc(f.name) + (f' <span class="archive-note">(until {esc(f.until)})</span>' if f.until else "")
                    for f in entity.former_names
                ),
            )
        )
    if entity.side:
        rows.append(
            (
                "Side",
                f"{esc(SIDE_TITLES.get(entity.side, entity.side))} "
                f'<span class="archive-note">({esc(SIDES.get(entity.side, ""))})</span>',
            )
        )
    if entity.country:
        rows.append(("Country", entity_link(ctx, links, entity.country, chip=False)))
    if entity.region:
        rows.append(("Region", entity_link(ctx, links, entity.region, chip=False)))
    if entity.holders:
        holders = []
        for holder in entity.holders:
            text = esc(holder.name_en)
            others = [n for n in (holder.name_uk, holder.name_ru) if n]
            if others:
                text += f' <span class="archive-note">({esc(" / ".join(others))})</span>'
            when = join(
                [
                    f"in office on {holder.in_office_on}" if holder.in_office_on else "",
                    f"until {holder.until}" if holder.until else "",
                ],
                ", ",
            )
            if when:
                text += f' <span class="archive-note">&mdash; {esc(when)}</span>'
            holders.append(text)
        rows.append(("Held by", "<br>".join(holders)))
    if entity.lat is not None and entity.lon is not None:
        coords = f"{entity.lat:.2f}, {entity.lon:.2f} (approximate"
        coords += ", to be checked)" if entity.verify else ")"
        rows.append(("Coordinates", esc(coords)))
    children = [c for c in gazetteer.children(entity.id) if catalogue.has_page(c)]
    if children:
        rows.append(({"actor": "Units", "tag": "Narrower tags"}.get(entity.kind, "Inside it"), chips(ctx, links, children)))
    text = "".join(f"<dt>{title}</dt><dd>{value}</dd>" for title, value in rows)
    extra = f'<p class="archive-summary">{esc(entity.description)}</p>' if entity.description else ""
    if entity.note:
        extra += f'<p class="archive-note">Note: {esc(entity.note)}</p>'
    return f'{extra}<dl class="archive-facts">{text}</dl>'


def _articles_by_year(ctx: SiteContext, links: Links, article_ids: list[str]) -> str:
    if not article_ids:
        return '<p class="archive-empty">No article references it directly; see the entries above.</p>'
    by_year: dict[int, list[str]] = {}
    for article_id in article_ids:
        by_year.setdefault(ctx.catalogue.articles[article_id].date.year, []).append(article_id)
    if len(by_year) == 1:
        return article_list(ctx, links, article_ids)
    return "".join(f'<h3 class="archive-year">{year}</h3>{article_list(ctx, links, ids)}' for year, ids in by_year.items())


def _claims_section(
    ctx: SiteContext,
    links: Links,
    toc: list,
    anchor: str,
    title: str,
    entries: list[ClaimEntry],
    entity: Entity,
    filter_key: Optional[str] = None,
    *,
    claimant: bool = True,
) -> str:
    if not entries:
        return ""
    limit = ctx.entity_claims_limit
    shown = entries[-limit:][::-1]
    out = heading(2, anchor, f"{title} ({format_number(len(entries))})", toc)
    out += claims_rows_table(ctx, links, shown, claimant=claimant)
    if filter_key and not ctx.claim_years:
        tracker = ctx.tracker_uri()
        if links.exists(tracker):
            href = links.href(tracker) + f"?{filter_key}={esc(entity.id)}"
            more = f"all {format_number(len(entries))}" if len(entries) > limit else "these"
            out += f'<p class="archive-more"><a href="{href}">See {more} in the claims tracker</a></p>'
    elif len(entries) > limit:
        out += f'<p class="archive-more">Showing the {limit} newest of {format_number(len(entries))}.</p>'
    return out


def _alongside(ctx: SiteContext, links: Links, entity: Entity, toc: list) -> str:
    catalogue = ctx.catalogue
    columns = []
    for title, pairs in (
        ("Actors", catalogue.alongside_actors.get(entity.id, [])),
        ("Regions", catalogue.alongside_regions.get(entity.id, [])),
    ):
        if pairs:
            items = "".join(
                f'<li>{entity_link(ctx, links, other, chip=False)} <span class="archive-count">{count}</span></li>'
                for other, count in pairs
            )
            columns.append(f'<div><h3>{title}</h3><ol class="archive-ranking">{items}</ol></div>')
    if not columns:
        return ""
    return (
        heading(2, "entity-alongside", "Appears alongside", toc)
        + '<p class="archive-note">Referenced by the same articles most often (number of articles).</p>'
        + f'<div class="archive-columns">{"".join(columns)}</div>'
    )


# --------------------------------------------------------------------------------------------
# Section index pages


def _entry(ctx: SiteContext, links: Links, entity_id: str, extra: str = "") -> str:
    count = len(ctx.catalogue.articles_for(entity_id))
    return (
        f"<li>{entity_link(ctx, links, entity_id, chip=False)}{extra} "
        f'<span class="archive-count" title="articles">{format_number(count)}</span></li>'
    )


def _index_head(section: str) -> str:
    return f"<h1>{esc(SECTION_TITLES[section])}</h1><p>{esc(SECTION_INTROS[section])}</p>"


def _grouped(
    ctx: SiteContext, links: Links, groups: dict[str, list[str]], titles: dict[str, str], heads: dict[str, str], toc: list
) -> str:
    out = []
    for key, ids in groups.items():
        if not ids:
            continue
        anchor = f"group-{key or 'other'}"
        out.append(heading(2, anchor, titles.get(key, key), toc))
        if heads.get(key):
            out.append(heads[key])
        out.append(f'<ul class="archive-index">{"".join(_entry(ctx, links, i) for i in ids)}</ul>')
    return "".join(out)


def _first_ancestor(ctx: SiteContext, entity_id: str, kinds: tuple[str, ...]) -> str:
    gazetteer = ctx.catalogue.gazetteer
    for ancestor in gazetteer.ancestors(entity_id):
        if gazetteer[ancestor].kind in kinds:
            return ancestor
    return ""


def regions_index(ctx: SiteContext, links: Links) -> Rendered:
    catalogue = ctx.catalogue
    gazetteer = catalogue.gazetteer
    toc: list = []
    groups: dict[str, list[str]] = {c: [] for c in catalogue.kinds["country"]}
    for region in catalogue.kinds["region"]:
        groups.setdefault(_first_ancestor(ctx, region, ("country",)), []).append(region)
    titles = {c: gazetteer.name(c) for c in groups if c}
    titles[""] = "Other regions"
    heads = {c: f'<p class="archive-note">The whole country: {_country_line(ctx, links, c)}</p>' for c in groups if c}
    body = _index_head("regions") + _grouped(ctx, links, groups, titles, heads, toc)
    return Rendered(body, toc)


def _country_line(ctx: SiteContext, links: Links, country: str) -> str:
    count = len(ctx.catalogue.articles_for(country))
    return f'{entity_link(ctx, links, country, chip=False)} <span class="archive-count">{format_number(count)}</span>'


def places_index(ctx: SiteContext, links: Links) -> Rendered:
    catalogue = ctx.catalogue
    toc: list = []
    groups: dict[str, list[str]] = defaultdict(list)
    for place in catalogue.kinds["place"]:
        groups[_first_ancestor(ctx, place, ("region", "country"))].append(place)
    ordered = dict(
        sorted(groups.items(), key=lambda kv: (kv[0] == "", catalogue.gazetteer.name(kv[0]).casefold() if kv[0] else ""))
    )
    titles = {r: catalogue.gazetteer.name(r) for r in ordered if r}
    titles[""] = "Other places"
    heads = {r: f'<p class="archive-note">In {entity_link(ctx, links, r, chip=False)}</p>' for r in ordered if r}
    return Rendered(_index_head("places") + _grouped(ctx, links, ordered, titles, heads, toc), toc)


def actors_index(ctx: SiteContext, links: Links) -> Rendered:
    catalogue = ctx.catalogue
    toc: list = []
    groups: dict[str, list[str]] = {side: [] for side in (*SIDES, "")}
    for actor in catalogue.kinds["actor"]:
        groups.setdefault(catalogue.gazetteer[actor].side or "", []).append(actor)
    heads = {side: f'<p class="archive-note">{esc(text)}</p>' for side, text in SIDES.items()}
    return Rendered(_index_head("actors") + _grouped(ctx, links, groups, SIDE_TITLES, heads, toc), toc)


def tags_index(ctx: SiteContext, links: Links) -> Rendered:
    catalogue = ctx.catalogue
    gazetteer = catalogue.gazetteer
    tags = catalogue.kinds["tag"]
    shown = set(tags)
    children: dict[str, list[str]] = defaultdict(list)
    roots = []
    for tag in tags:
        parent = next((a for a in gazetteer.ancestors(tag) if a in shown), None)
        if parent:
            children[parent].append(tag)
        else:
            roots.append(tag)

    def tree(ids: list[str]) -> str:
        items = []
        for tag in ids:
            description = gazetteer[tag].description
            extra = f' <span class="archive-note">{esc(description)}</span>' if description else ""
            item = _entry(ctx, links, tag, extra)
            if children.get(tag):
                item = item[: -len("</li>")] + tree(children[tag]) + "</li>"
            items.append(item)
        return f'<ul class="archive-index archive-index--tree">{"".join(items)}</ul>'

    return Rendered(_index_head("tags") + (tree(roots) if roots else '<p class="archive-empty">No tags yet.</p>'))


_SECTIONS = {"regions": regions_index, "places": places_index, "actors": actors_index, "tags": tags_index}
