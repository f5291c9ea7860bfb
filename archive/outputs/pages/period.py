"""Period archives: the timeline (years and months), one page per year and per month with articles."""

from __future__ import annotations

from bisect import bisect_left

from archive.format import layout
from archive.outputs.components import SiteContext, article_list
from archive.outputs.display import format_month, format_number, month_name
from archive.outputs.html import Links, Rendered, esc, heading
from archive.outputs.pages import PageSpec


class PeriodPages:
    name = "period"

    def pages(self, ctx: SiteContext) -> list[PageSpec]:
        catalogue = ctx.catalogue
        last = catalogue.counts.last
        specs = [PageSpec(layout.TIMELINE, "Timeline", self.name, "timeline", "Every archived report, by year and month.", last)]
        for year, months in catalogue.years.items():
            newest = catalogue.articles[catalogue.months[months[-1]][-1]].date
            specs.append(
                PageSpec(
                    layout.year_uri(year), str(year), self.name, f"year:{year}", f"Archived reports of {year}, by month.", newest
                )
            )
            for month in months:
                newest = catalogue.articles[catalogue.months[month][-1]].date
                specs.append(
                    PageSpec(
                        layout.month_uri(month),
                        format_month(month),
                        self.name,
                        f"month:{month}",
                        f"Archived reports of {format_month(month)}.",
                        newest,
                    )
                )
        return specs

    def render(self, ctx: SiteContext, spec: PageSpec, links: Links, body_html: str) -> Rendered:
        kind, _, value = spec.key.partition(":")
        if kind == "year":
            return year_page(ctx, links, int(value))
        if kind == "month":
            return month_page(ctx, links, value)
        return timeline_page(ctx, links)


def _month_grid(ctx: SiteContext, links: Links, months: list[str]) -> str:
    items = "".join(
        f"<li>{links.a(layout.month_uri(m), month_name(m))} "
        f'<span class="archive-count">{format_number(len(ctx.catalogue.months[m]))}</span></li>'
        for m in months
    )
    return f'<ul class="archive-months">{items}</ul>'


def timeline_page(ctx: SiteContext, links: Links) -> Rendered:
    catalogue = ctx.catalogue
    toc: list = []
    parts = ["<h1>Timeline</h1>"]
    if not catalogue.years:
        parts.append('<p class="archive-empty">No articles yet.</p>')
    else:
        first, last = catalogue.counts.first, catalogue.counts.last
        assert first is not None and last is not None  # the years and the dates come from the same articles
        parts.append(
            f"<p>{format_number(catalogue.counts.articles)} archived reports, "
            f"{esc(first.isoformat())} to {esc(last.isoformat())}, "
            "by the date of the report.</p>"
        )
    for year in reversed(catalogue.years):
        months = catalogue.years[year]
        count = sum(len(catalogue.months[m]) for m in months)
        parts.append(heading(2, f"year-{year}", str(year), toc))
        parts.append(
            f'<p>{links.a(layout.year_uri(year), f"All of {year}")} <span class="archive-count">{format_number(count)}</span></p>'
        )
        parts.append(_month_grid(ctx, links, months))
    return Rendered("".join(parts), toc)


def year_page(ctx: SiteContext, links: Links, year: int) -> Rendered:
    catalogue = ctx.catalogue
    toc: list = []
    months = catalogue.years[year]
    years = list(catalogue.years)
    parts = [f"<h1>{year}</h1>", _month_grid(ctx, links, months)]
    for month in months:
        parts.append(heading(2, f"month-{month}", format_month(month), toc))
        parts.append(f'<p class="archive-note">{links.a(layout.month_uri(month), "Month page, with summaries")}</p>')
        parts.append(article_list(ctx, links, catalogue.months[month]))
    index = _position(years, year)
    parts.append(
        _pager(
            links,
            (layout.year_uri(years[index - 1]), str(years[index - 1])) if index > 0 else None,
            (layout.year_uri(years[index + 1]), str(years[index + 1])) if index + 1 < len(years) else None,
        )
    )
    return Rendered("".join(parts), toc)


def month_page(ctx: SiteContext, links: Links, month: str) -> Rendered:
    catalogue = ctx.catalogue
    ids = catalogue.months[month]
    year = int(month[:4])
    parts = [
        f"<h1>{esc(format_month(month))}</h1>",
        f'<p class="archive-meta">{format_number(len(ids))} article{"s" if len(ids) != 1 else ""} &middot; '
        f"{links.a(layout.year_uri(year), str(year))} &middot; {links.a(layout.TIMELINE, 'Timeline')}</p>",
        article_list(ctx, links, ids, summary=True),
    ]
    months = list(catalogue.months)
    index = _position(months, month)
    parts.append(
        _pager(
            links,
            (layout.month_uri(months[index - 1]), format_month(months[index - 1])) if index > 0 else None,
            (layout.month_uri(months[index + 1]), format_month(months[index + 1])) if index + 1 < len(months) else None,
        )
    )
    return Rendered("".join(parts))


def _position(ordered: list, value) -> int:
    """Index of ``value`` in a sorted list, by bisection."""
    return bisect_left(ordered, value)


def _pager(links: Links, previous, following) -> str:
    parts = []
    if previous:
        parts.append(
            f'<div class="archive-prevnext__prev"><span class="archive-note">&larr; Earlier</span> {links.a(*previous)}</div>'
        )
    if following:
        parts.append(
            f'<div class="archive-prevnext__next"><span class="archive-note">Later &rarr;</span> {links.a(*following)}</div>'
        )
    return f'<nav class="archive-prevnext" aria-label="Period">{"".join(parts)}</nav>' if parts else ""
