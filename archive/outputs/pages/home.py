"""A home page for an archive whose docs folder has none: counts, the latest articles, the indexes.

A site that ships its own ``index.md`` asks for the same blocks with ``<!-- archive:... -->``
markers (see :mod:`archive.outputs.editorial`); this page is only the fallback.
"""

from __future__ import annotations

from archive.format import layout
from archive.outputs import editorial
from archive.outputs.components import SiteContext
from archive.outputs.html import Links, Rendered, esc, heading
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
        toc: list = []
        html = (
            f"<h1>{esc(ctx.site_name)}</h1>"
            + editorial.counts_block(ctx, links)
            + heading(2, "latest", "Latest reports", toc)
            + editorial.latest_block(ctx, links, self.latest_count)
            + heading(2, "browse", "Browse the archive", toc)
            + editorial.sections_block(ctx, links)
        )
        return Rendered(html, toc)
