"""The claims tracker: every claim, grouped by the event it concerns, competing figures side by side.

Rows carry ``data-status``, ``data-claimant`` and ``data-quantity`` attributes; a small script
(``assets/archive.js``) filters them in the browser. Without the script every claim is shown.
When the archive holds more claims than ``claims_page_limit``, the tracker is split into one
page per year, each with its own filter, and ``claims/`` lists the years.
"""

from __future__ import annotations

from collections import Counter
from typing import Optional

from archive.catalogue import ClaimGroup
from archive.format import layout
from archive.outputs.components import (
    Helpers,
    SiteContext,
)
from archive.outputs.html import Links, Rendered
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
            return Rendered(_render(ctx, links, catalogue.claim_years()[year], year))
        if ctx.claim_years:
            return Rendered(_render(ctx, links, None))
        return Rendered(_render(ctx, links, catalogue.claim_groups))


def _render(ctx: SiteContext, links: Links, groups: Optional[list[ClaimGroup]], year: Optional[int] = None) -> str:
    """The tracker's page: the years' overview (``groups`` None), or the filter and the groups."""
    values: dict = {"intro": INTRO, "year": year, "groups": groups}
    if groups is None:
        values["years"] = [
            (y, statuses, sum(statuses.values()))
            for y, statuses in (
                (y, Counter(entry.claim.status for group in gs for entry in group.claims))
                for y, gs in reversed(list(ctx.catalogue.claim_years().items()))
            )
        ]
    elif groups:
        entries = [entry for group in groups for entry in group.claims]
        name = ctx.catalogue.name
        claimants = Counter(e.claim.claimant for e in entries)
        sections: dict[str, list[ClaimGroup]] = {}
        for group in groups:
            sections.setdefault(group.article_id, []).append(group)
        values.update(
            statuses=Counter(e.claim.status for e in entries),
            claimants=[
                (c, name(c), n) for c, n in sorted(claimants.items(), key=lambda item: (name(item[0]).casefold(), item[0]))
            ],
            quantities=sorted(Counter(q for e in entries for q in e.quantities).items()),
            total=len(entries),
            sections=list(reversed(list(sections.items()))),
        )
    return str(Helpers(ctx, links).render("archive/claims.html", **values))
