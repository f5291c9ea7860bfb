"""A home page for an archive whose docs folder has none: counts, the latest articles, the indexes.

A site that ships its own ``index.md`` asks for the same blocks with ``<!-- archive:... -->``
markers (see :mod:`archive.outputs.editorial`); this page is only the fallback.
"""

from __future__ import annotations

from archive.format import layout
from archive.outputs import editorial
from archive.outputs.components import Helpers, SiteContext
from archive.outputs.html import Html, Links, Rendered
from archive.outputs.pages import PageSpec


class HomePage:
    name = "home"

    def __init__(self, latest_count: int = 10) -> None:
        self.latest_count = latest_count

    def pages(self, ctx: SiteContext) -> list[PageSpec]:
        return [
            PageSpec(
                layout.HOME,
                ctx.site_name,
                self.name,
                "home",
                f"{ctx.site_name}: the archive's latest reports.",
                ctx.catalogue.counts.updated,
            )
        ]

    def render(self, ctx: SiteContext, spec: PageSpec, links: Links, body_html: str) -> Rendered:
        h = Helpers(ctx, links)
        html = h.render(
            "archive/home.html",
            counts=Html(editorial.counts_block(ctx, links)),
            latest=Html(editorial.latest_block(ctx, links, self.latest_count)),
            sections=Html(editorial.sections_block(ctx, links)),
        )
        return Rendered(html, h.toc)
