"""The claims tracker: every claim, grouped by the event it concerns, competing figures side by side.

Rows carry ``data-status``, ``data-claimant`` and ``data-quantity`` attributes; a small script
(``assets/archive.js``) filters them in the browser. Without the script every claim is shown.
When the archive holds more claims than ``claims_page_limit``, the tracker is split into one
page per year, each with its own filter, and ``claims/`` lists the years.
"""

from __future__ import annotations

from collections import Counter

from archive.catalogue import ClaimEntry, ClaimGroup
from archive.format import layout
from archive.format.vocabulary import CLAIM_STATUSES
from archive.outputs.components import (
    SiteContext,
    article_link,
    badge,
    chips,
    claim_data,
    entity_link,
    figure_for,
    figures,
    label,
)
from archive.outputs.display import format_date, format_number, format_quantity
from archive.outputs.html import Links, Rendered, esc
from archive.outputs.pages import PageSpec

INTRO = (
    "Every claim in the archive, in the claimant's own framing, with its verification status. "
    "Claims about the same event sit in one table, so that competing figures can be read side by side."
)


class ClaimPages:
    name = "claims"

    def pages(self, ctx: SiteContext) -> list[PageSpec]:
        last = ctx.catalogue.counts.last
        specs = [PageSpec(layout.CLAIMS, "Claims tracker", self.name, "claims", INTRO, last)]
        years = ctx.catalogue.claim_years() if ctx.claim_years else {}
        for year, groups in years.items():
            newest = ctx.catalogue.articles[groups[-1].article_id].date
            specs.append(
                PageSpec(
                    layout.claims_uri(year),
                    f"Claims tracker: {year}",
                    self.name,
                    f"year:{year}",
                    f"Claims in the archive's reports of {year}.",
                    newest,
                )
            )
        return specs

    def render(self, ctx: SiteContext, spec: PageSpec, links: Links, body_html: str) -> Rendered:
        catalogue = ctx.catalogue
        if spec.key.startswith("year:"):
            year = int(spec.key.partition(":")[2])
            groups = catalogue.claim_years()[year]
            return Rendered(
                f"<h1>Claims tracker: {year}</h1><p>{esc(INTRO)}</p>" + _years_nav(ctx, links, year) + tracker(ctx, links, groups)
            )
        if ctx.claim_years:
            return Rendered(f"<h1>Claims tracker</h1><p>{esc(INTRO)}</p>" + _years_overview(ctx, links))
        return Rendered(f"<h1>Claims tracker</h1><p>{esc(INTRO)}</p>" + tracker(ctx, links, catalogue.claim_groups))


def _years_overview(ctx: SiteContext, links: Links) -> str:
    rows = []
    for year, groups in reversed(list(ctx.catalogue.claim_years().items())):
        statuses = Counter(entry.claim.status for group in groups for entry in group.claims)
        total = sum(statuses.values())
        cells = "".join(f'<td data-label="{esc(label(s))}">{format_number(statuses.get(s, 0))}</td>' for s in CLAIM_STATUSES)
        rows.append(
            f'<tr><td data-label="Year">{links.a(layout.claims_uri(year), str(year))}</td>'
            f'<td data-label="Claims">{format_number(total)}</td>{cells}</tr>'
        )
    head = "".join(f"<th>{badge(ctx, links, 'claim', s)}</th>" for s in CLAIM_STATUSES)
    return (
        '<div class="archive-table"><table class="archive-claims"><thead><tr><th>Year</th><th>Claims</th>'
        f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


def _years_nav(ctx: SiteContext, links: Links, current: int) -> str:
    items = []
    for year in ctx.catalogue.claim_years():
        if year == current:
            items.append(f'<li><strong aria-current="page">{year}</strong></li>')
        else:
            items.append(f"<li>{links.a(layout.claims_uri(year), str(year))}</li>")
    return f'<nav class="archive-years" aria-label="Years"><ul class="archive-months">{"".join(items)}</ul></nav>'


def tracker(ctx: SiteContext, links: Links, groups: list[ClaimGroup]) -> str:
    """The filter form and every group of claims, newest article first."""
    if not groups:
        return '<p class="archive-empty">No claims yet.</p>'
    entries = [entry for group in groups for entry in group.claims]
    return _filter_form(ctx, links, entries) + _groups(ctx, links, groups)


def _filter_form(ctx: SiteContext, links: Links, entries: list[ClaimEntry]) -> str:
    statuses = Counter(e.claim.status for e in entries)
    claimants = Counter(e.claim.claimant for e in entries)
    quantities = Counter(q for e in entries for q in e.quantities)
    name = ctx.catalogue.name
    buttons = "".join(
        f'<button type="button" class="archive-filter__status" data-status="{esc(s)}" aria-pressed="false" '
        f'title="{esc(CLAIM_STATUSES[s])}">{esc(label(s))} <span class="archive-count">{statuses[s]}</span></button>'
        for s in CLAIM_STATUSES
        if statuses.get(s)
    )
    claimant_options = "".join(
        f'<option value="{esc(c)}">{esc(name(c))} ({n})</option>'
        for c, n in sorted(claimants.items(), key=lambda item: (name(item[0]).casefold(), item[0]))
    )
    quantity_options = "".join(
        f'<option value="{esc(q)}">{esc(format_quantity(q))} ({n})</option>' for q, n in sorted(quantities.items())
    )
    total = len(entries)
    return (
        '<form class="archive-filter" data-archive-filter hidden aria-label="Filter claims">'
        f'<fieldset class="archive-filter__statuses"><legend>Status</legend>{buttons}</fieldset>'
        '<div class="archive-filter__selects">'
        f'<label>Claimant <select name="claimant"><option value="">All claimants</option>{claimant_options}</select></label>'
        f'<label>Quantity <select name="quantity"><option value="">Any quantity</option>{quantity_options}</select></label>'
        '<button type="reset" class="archive-filter__reset">Show all</button>'
        "</div>"
        f'<p class="archive-filter__count" role="status" data-archive-count data-total="{total}">'
        f"{format_number(total)} claims</p>"
        "</form>"
    )


def _groups(ctx: SiteContext, links: Links, groups: list[ClaimGroup]) -> str:
    """Groups newest article first; the groups of one article share a section."""
    catalogue = ctx.catalogue
    sections: dict[str, list[ClaimGroup]] = {}
    for group in groups:
        sections.setdefault(group.article_id, []).append(group)
    out = []
    for article_id in reversed(list(sections)):
        article = catalogue.articles[article_id]
        inner = "".join(_group(ctx, links, group) for group in sections[article_id])
        out.append(
            f'<section class="archive-group" data-archive-section>'
            f'<h2 class="archive-group__title">{article_link(ctx, links, article_id)}</h2>'
            f'<p class="archive-meta">{esc(format_date(article.date))} &middot; {badge(ctx, links, "article", article.verification.status)}</p>'
            f"{inner}</section>"
        )
    return f'<div class="archive-tracker">{"".join(out)}</div>'


def _group(ctx: SiteContext, links: Links, group: ClaimGroup) -> str:
    event = group.event
    if event is not None:
        meta = [f"<strong>{esc(event.date.text)}</strong>" if event.date else ""]
        if event.type:
            meta.append(entity_link(ctx, links, event.type))
        place = chips(ctx, links, event.places or event.regions)
        title = f'<p class="archive-group__event">{" ".join(m for m in meta if m)} {esc(event.summary or event.id)} {place}</p>'
    else:
        title = '<p class="archive-group__event"><strong>Claims about no recorded event</strong></p>'
    quantities = group.quantities
    compare = len(group.claims) > 1 and bool(quantities) and len(quantities) <= 6
    head = "<th>Claimant</th><th>Claim</th>"
    head += "".join(f"<th>{esc(format_quantity(q))}</th>" for q in quantities) if compare else "<th>Figures</th>"
    head += "<th>Status</th>"
    rows = []
    for entry in group.claims:
        claim = entry.claim
        cells = [
            f'<td data-label="Claimant">{entity_link(ctx, links, claim.claimant, chip=False)}</td>',
            f'<td data-label="Claim">{links.a(layout.article_uri(entry.article_id), claim.claim, fragment=entry.anchor)}</td>',
        ]
        if compare:
            cells += [f'<td data-label="{esc(format_quantity(q))}">{figure_for(ctx, claim, q)}</td>' for q in quantities]
        else:
            cells.append(f'<td data-label="Figures">{figures(ctx, claim)}</td>')
        cells.append(f'<td data-label="Status">{badge(ctx, links, "claim", claim.status)}</td>')
        rows.append(f"<tr{claim_data(ctx, entry)}>{''.join(cells)}</tr>")
    cls = "archive-claims archive-claims--compare" if compare else "archive-claims"
    return (
        f'<div class="archive-event-group" data-archive-group>{title}'
        f'<div class="archive-table"><table class="{cls}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></div>"
    )
