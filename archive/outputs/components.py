"""Pieces shared by the page generators: entity chips, status badges, article lists, claim rows.

Each function returns escaped HTML built from catalogue records; see :mod:`archive.outputs.html`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from archive.catalogue import Catalogue, ClaimEntry
from archive.format import layout
from archive.format.model import Claim, Entity
from archive.format.vocabulary import ARTICLE_STATUSES, CHECK_RESULTS, CLAIM_STATUSES, EVIDENCE_STATUSES
from archive.outputs.display import LANGUAGE_NAMES, format_figure, format_figure_value, label, language_name
from archive.outputs.html import Html, Links, attrs, esc, heading, join, time_tag
from archive.outputs.render import Templates

#: Status vocabularies by the family a badge belongs to, and the anchor prefix on the methodology page.
STATUS_FAMILIES = {
    "article": ARTICLE_STATUSES,
    "claim": CLAIM_STATUSES,
    "evidence": EVIDENCE_STATUSES,
    "check": CHECK_RESULTS,
}

KIND_LABELS = {"country": "Country", "region": "Region", "place": "Place", "actor": "Actor", "tag": "Tag"}


@dataclass
class SiteContext:
    """What every generator needs: the catalogue and a few site settings."""

    catalogue: Catalogue
    #: The page templates (:mod:`archive.outputs.render`), compiled once per build.
    templates: Templates = field(default_factory=Templates, repr=False)
    site_name: str = "Archive"
    site_url: str = ""
    directory_urls: bool = True
    #: Source path of the methodology page, when the site has one (badges link to it).
    methodology: Optional[str] = None
    #: Claims listed on an entity page before "see them all in the tracker".
    entity_claims_limit: int = 50
    #: Years with their own tracker page; empty when the whole tracker fits on one page.
    claim_years: tuple[int, ...] = ()
    #: Snippets already rendered, by what they show and the page depth they link from: an
    #: actor's chip or an article's list line is built once per folder depth, not once per use.
    memo: dict = field(default_factory=dict, repr=False)

    def entity_uri(self, entity_id: str) -> str:
        return layout.entity_uri(self.catalogue.gazetteer[entity_id].kind, entity_id)

    def absolute_url(self, uri: str) -> str:
        """The page's full URL when ``site_url`` is set, else its path from the site root."""
        url = layout.url_for(uri, self.directory_urls)
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + url
        return "/" + url

    def tracker_uri(self, year: Optional[int] = None) -> str:
        return layout.claims_uri(year if self.claim_years else None)


def status_anchor(family: str, status: str) -> str:
    return f"{family}-status-{status}"


def _cached(ctx: SiteContext, key: tuple, make: Callable[[], str]) -> Html:
    """The snippet for ``key``, made once per build: the same chip or badge recurs on thousands
    of pages, and pages at one folder depth share their relative links (``links.prefix``)."""
    found = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = Html(make())
    return found


def badge(ctx: SiteContext, links: Links, family: str, status: str) -> Html:
    """A coloured status label; its title gives the definition, its link the methodology."""
    return _cached(ctx, ("badge", links.prefix, family, status), lambda: _badge(ctx, links, family, status))


def _badge(ctx: SiteContext, links: Links, family: str, status: str) -> str:
    href = None
    if ctx.methodology and links.exists(ctx.methodology):
        href = Html(links.href(ctx.methodology, status_anchor(family, status)))
    definition = STATUS_FAMILIES[family].get(status, "")
    return str(
        ctx.templates.render("archive/partials/badge.html", family=family, status=status, definition=definition, href=href)
    )


def entity_link(ctx: SiteContext, links: Links, entity_id: str, *, chip: bool = True, text: Optional[str] = None) -> Html:
    """The entity's name, linked to its page (a chip by default); plain text if it has no page."""
    return _cached(ctx, ("entity", links.prefix, entity_id, chip, text), lambda: _entity_link(ctx, links, entity_id, chip, text))


def _entity_link(ctx: SiteContext, links: Links, entity_id: str, chip: bool, text: Optional[str]) -> str:
    gazetteer = ctx.catalogue.gazetteer
    entity = gazetteer.get(entity_id)
    name = text or (entity.name if entity else entity_id)
    href, cls = None, "archive-chip" if chip else ""
    if entity is not None and ctx.catalogue.has_page(entity_id):
        uri = ctx.entity_uri(entity_id)
        href = Html(links.href(uri)) if links.exists(uri) else None
        cls = f"archive-chip archive-chip--{entity.kind}" if chip else ""
    return str(ctx.templates.render("archive/partials/chip.html", entity=entity, name=name, chip=chip, cls=cls, href=href))


def chips(ctx: SiteContext, links: Links, ids: Iterable[str]) -> str:
    return join((entity_link(ctx, links, i) for i in ids), " ")


def article_link(ctx: SiteContext, links: Links, article_id: str, fragment: str = "") -> str:
    article = ctx.catalogue.articles[article_id]
    return links.a(layout.article_uri(article_id), article.title, fragment=fragment)


def article_item(ctx: SiteContext, links: Links, article_id: str, *, summary: bool = False) -> Html:
    """One line of an article list: date, linked title, status; optionally the summary."""
    return _cached(ctx, ("item", links.prefix, article_id, summary), lambda: _article_item(ctx, links, article_id, summary))


def _article_item(ctx: SiteContext, links: Links, article_id: str, summary: bool) -> str:
    h = Helpers(ctx, links)
    return str(h.render("archive/partials/article-item.html", article=ctx.catalogue.articles[article_id], summary=summary))


def article_list(ctx: SiteContext, links: Links, ids: Iterable[str], *, summary: bool = False) -> str:
    items = Html("".join(article_item(ctx, links, i, summary=summary) for i in ids))
    return str(ctx.templates.render("archive/partials/article-list.html", items=items, summary=summary))


def figures(ctx: SiteContext, claim: Claim) -> str:
    """The claim's figures as a list of plain-text items, escaped."""
    if not claim.figures:
        return ""
    name = ctx.catalogue.name
    items = "".join(f"<li>{esc(format_figure(f, name))}</li>" for f in claim.figures)
    return f'<ul class="archive-figures">{items}</ul>'


def figure_for(ctx: SiteContext, claim: Claim, quantity: str) -> str:
    """Every figure of ``claim`` for ``quantity``: value, and whose losses it counts."""
    parts = []
    for figure in claim.figures:
        if figure.quantity != quantity:
            continue
        text = esc(format_figure_value(figure))
        if figure.subject:
            text += f' <span class="archive-figure__subject">({esc(ctx.catalogue.name(figure.subject))})</span>'
        parts.append(f'<span class="archive-figure">{text}</span>')
    return "<br>".join(parts)


def checks(ctx: SiteContext, links: Links, claim: Claim) -> str:
    if not claim.checks:
        return ""
    items = []
    for check in claim.checks:
        text = f"{entity_link(ctx, links, check.by, chip=False)}: {badge(ctx, links, 'check', check.result)}"
        if check.note:
            text += f' <span class="archive-note">{esc(check.note)}</span>'
        items.append(f"<li>{text}</li>")
    return f'<ul class="archive-checks">{"".join(items)}</ul>'


def claim_data(ctx: SiteContext, entry: ClaimEntry) -> str:
    """``data-*`` attributes the claims filter reads."""
    claim = entry.claim
    return attrs(
        data_status=claim.status,
        data_claimant=claim.claimant,
        data_quantity=" ".join(entry.quantities),
        data_year=ctx.catalogue.articles[entry.article_id].date.year,
    )


def claims_rows_table(ctx: SiteContext, links: Links, entries: Iterable[ClaimEntry], *, claimant: bool = True) -> str:
    """A compact table of claims from many articles: date, claimant, claim (linked), figures, status."""
    h = Helpers(ctx, links)
    return str(h.render("archive/partials/claims-table.html", entries=list(entries), claimant=claimant))


def entity_names(entity: Entity) -> list[tuple[str, str]]:
    """``(language, name)`` pairs for every language the entity is named in, English first."""
    order = {"en": 0, "uk": 1, "ru": 2}
    return sorted(entity.names.items(), key=lambda item: (order.get(item[0], 9), item[0]))


class Helpers:
    """What a page template calls to print the pieces of records, bound to one page: its links
    (relative to its URL) and its table of contents. Every method returns escaped markup."""

    def __init__(self, ctx: SiteContext, links: Links, toc: Optional[list[tuple[int, str, str]]] = None) -> None:
        self.ctx, self.links = ctx, links
        self.toc: list[tuple[int, str, str]] = [] if toc is None else toc

    def a(self, uri: str, text: str, fragment: str = "", cls: str = "", title: str = "") -> Html:
        """A link to the page or file at ``uri``; plain text when it does not exist."""
        return Html(self.links.a(uri, text, fragment=fragment, cls=cls, title=title))

    def href(self, uri: str, fragment: str = "") -> Html:
        return Html(self.links.href(uri, fragment))

    def exists(self, uri: str) -> bool:
        return self.links.exists(uri)

    def heading(self, level: int, anchor: str, text: str) -> Html:
        """``<hN id=...>``, recorded in the page's table of contents."""
        return Html(heading(level, anchor, text, self.toc))

    def time(self, value: date, text: str) -> Html:
        return Html(time_tag(value, text))

    def chip(self, entity_id: str) -> Html:
        return entity_link(self.ctx, self.links, entity_id)

    def entity(self, entity_id: str, text: Optional[str] = None) -> Html:
        """The entity's name linked to its page, without the chip."""
        return entity_link(self.ctx, self.links, entity_id, chip=False, text=text)

    def chips(self, ids: Iterable[str]) -> Html:
        return Html(chips(self.ctx, self.links, ids))

    def badge(self, family: str, status: str) -> Html:
        return badge(self.ctx, self.links, family, status)

    def article_link(self, article_id: str, fragment: str = "") -> Html:
        return Html(article_link(self.ctx, self.links, article_id, fragment))

    def article_list(self, ids: Iterable[str], summary: bool = False) -> Html:
        return Html(article_list(self.ctx, self.links, ids, summary=summary))

    def figures(self, claim: Claim) -> Html:
        return Html(figures(self.ctx, claim))

    def figure_for(self, claim: Claim, quantity: str) -> Html:
        return Html(figure_for(self.ctx, claim, quantity))

    def checks(self, claim: Claim) -> Html:
        return Html(checks(self.ctx, self.links, claim))

    def claims_table(self, entries: Iterable[ClaimEntry], claimant: bool = True) -> Html:
        return Html(claims_rows_table(self.ctx, self.links, entries, claimant=claimant))

    def article_item(self, article_id: str, summary: bool = False) -> Html:
        return article_item(self.ctx, self.links, article_id, summary=summary)

    def claim_data(self, entry: ClaimEntry) -> Html:
        return Html(claim_data(self.ctx, entry))

    def render(self, template: str, /, **values) -> Html:
        """A template, with this page's helpers and context."""
        return self.ctx.templates.render(template, h=self, ctx=self.ctx, catalogue=self.ctx.catalogue, **values)


__all__ = [
    "Helpers",
    "SiteContext",
    "KIND_LABELS",
    "STATUS_FAMILIES",
    "label",
    "status_anchor",
    "badge",
    "entity_link",
    "chips",
    "article_link",
    "article_item",
    "article_list",
    "figures",
    "figure_for",
    "checks",
    "claim_data",
    "claims_rows_table",
    "entity_names",
    "language_name",
    "LANGUAGE_NAMES",
]
