"""Page generators, one per family of pages (as in Pelican): articles, taxonomy, periods, claims.

A generator lists its pages (:class:`PageSpec`) from the catalogue, once per build, and renders
one page's HTML when MkDocs reaches it. Generators know nothing of MkDocs: the plugin turns
specs into ``File.generated`` files and calls ``render`` from ``on_page_content``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional, Protocol

from archive.outputs.components import SiteContext
from archive.outputs.html import Links, Rendered


@dataclass(frozen=True)
class PageSpec:
    """A page to generate: where it goes, its title (plain text) and who renders it."""

    uri: str
    title: str
    generator: str
    key: str = ""
    description: str = ""
    #: The day the page's content last changed (the sitemap's ``lastmod``).
    updated: Optional[date] = None
    #: Markdown for MkDocs to convert (an article's body); generated pages have none.
    markdown: str = ""


class Generator(Protocol):
    name: str

    def pages(self, ctx: SiteContext) -> list[PageSpec]: ...

    def render(self, ctx: SiteContext, spec: PageSpec, links: Links, body_html: str) -> Rendered: ...


__all__ = ["PageSpec", "Generator"]
