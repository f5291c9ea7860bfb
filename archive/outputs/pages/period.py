"""Period archives: the timeline (years and months), one page per year and per month with articles."""

from __future__ import annotations

from bisect import bisect_left

from archive.format import layout
from archive.outputs.components import Helpers, SiteContext
from archive.outputs.display import format_month
from archive.outputs.html import Links, Rendered
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


def timeline_page(ctx: SiteContext, links: Links) -> Rendered:
    catalogue = ctx.catalogue
    years = [
        (y, catalogue.years[y], sum(len(catalogue.months[m]) for m in catalogue.years[y])) for y in reversed(catalogue.years)
    ]
    h = Helpers(ctx, links)
    return Rendered(h.render("archive/timeline.html", years=years), h.toc)


def year_page(ctx: SiteContext, links: Links, year: int) -> Rendered:
    years = list(ctx.catalogue.years)
    index = _position(years, year)
    h = Helpers(ctx, links)
    html = h.render(
        "archive/year.html",
        year=year,
        months=ctx.catalogue.years[year],
        previous=(layout.year_uri(years[index - 1]), str(years[index - 1])) if index > 0 else None,
        following=(layout.year_uri(years[index + 1]), str(years[index + 1])) if index + 1 < len(years) else None,
    )
    return Rendered(html, h.toc)


def month_page(ctx: SiteContext, links: Links, month: str) -> Rendered:
    months = list(ctx.catalogue.months)
    index = _position(months, month)
    h = Helpers(ctx, links)
    html = h.render(
        "archive/month.html",
        month=month,
        year=int(month[:4]),
        ids=ctx.catalogue.months[month],
        previous=(layout.month_uri(months[index - 1]), format_month(months[index - 1])) if index > 0 else None,
        following=(layout.month_uri(months[index + 1]), format_month(months[index + 1])) if index + 1 < len(months) else None,
    )
    return Rendered(html, h.toc)


def _position(ordered: list, value) -> int:
    """Index of ``value`` in a sorted list, by bisection."""
    return bisect_left(ordered, value)
