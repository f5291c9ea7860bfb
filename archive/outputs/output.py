"""What the site publishes, declared once: the :class:`Output` and the registry of output families.

An output is a **page** (a Markdown source MkDocs converts and the theme wraps: every article,
entity, period and claims page, the search page) or a **file** published as it is (a
stylesheet, the search index, and any export: a dataset, a feed, map data). Either way it has a
path from the site root, a media type and one way to get its content, made when it is
published. The plugins turn each output into one ``File.generated`` (``plugins/files.py``): no
file of the site is written any other way.

The pages of the archive come from *families* (:mod:`archive.outputs.pages`, one per kind of
page, as in Pelican); :data:`FAMILIES` lists them in the order they are planned, and a site or a
plugin may plan with more (:func:`archive.outputs.site.plan`'s ``families``).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Optional, Union

from archive.outputs.pages import Generator, PageSpec

Content = Callable[[], Union[str, bytes]]


@dataclass(frozen=True)
class Output:
    """One page or file of the site."""

    #: Where it goes, from the site root, as MkDocs names sources (``actors/ru-mod.md``,
    #: ``search/index/manifest.json``); :func:`archive.format.layout.url_for` gives its URL.
    path: str
    media_type: str
    #: Its content, made when it is published (a page's is its Markdown).
    content: Optional[Content] = None
    #: Or a file on disk, copied as it is (an asset).
    source: Optional[str] = None
    #: A page: MkDocs converts it and the theme wraps it; it stays out of the navigation.
    page: bool = False
    #: For a page a family renders: the family, and what it planned.
    family: Optional[Generator] = None
    spec: Optional[PageSpec] = None

    @classmethod
    def generated_page(cls, family: Generator, spec: PageSpec) -> Output:
        """A page of a family: MkDocs converts its Markdown (an article body, else nothing)."""
        return cls(spec.uri, "text/html", content=lambda: page_markdown(spec), page=True, family=family, spec=spec)

    @classmethod
    def markdown_page(cls, path: str, markdown: str) -> Output:
        """A page made of Markdown (with front matter), such as the search page."""
        return cls(path, "text/html", content=lambda: markdown, page=True)

    @classmethod
    def file(cls, path: str, content: Content, media_type: Optional[str] = None) -> Output:
        return cls(path, media_type or guess_type(path), content=content)

    @classmethod
    def copy(cls, path: str, source: str, media_type: Optional[str] = None) -> Output:
        return cls(path, media_type or guess_type(path), source=source)


def guess_type(path: str) -> str:
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def page_markdown(spec: PageSpec) -> str:
    """What MkDocs converts for a generated page: the article body, or nothing.

    A leading blank line keeps MkDocs from reading the start of a body as front matter
    (``---`` blocks, or ``key: value`` lines in MultiMarkdown style).
    """
    return "\n" + spec.markdown if spec.markdown else ""


def default_families() -> list[Generator]:
    """The archive's page families, in the order they are planned."""
    from archive.outputs.pages.articles import ArticlePages
    from archive.outputs.pages.claims import ClaimPages
    from archive.outputs.pages.period import PeriodPages
    from archive.outputs.pages.taxonomy import TaxonomyPages

    return [ArticlePages(), TaxonomyPages(), PeriodPages(), ClaimPages()]


class Registry:
    """The site's outputs by path, in the order they were added (a later one replaces an earlier)."""

    def __init__(self, outputs: Iterable[Output] = ()) -> None:
        self.by_path: dict[str, Output] = {}
        self._pages: Optional[dict[str, tuple[Generator, PageSpec]]] = None
        self.extend(outputs)

    def add(self, output: Output) -> None:
        self.by_path[output.path] = output
        self._pages = None

    def extend(self, outputs: Iterable[Output]) -> None:
        for output in outputs:
            self.add(output)

    def __iter__(self):
        return iter(self.by_path.values())

    def __len__(self) -> int:
        return len(self.by_path)

    def get(self, path: str) -> Optional[Output]:
        return self.by_path.get(path)

    def generated_pages(self) -> dict[str, tuple[Generator, PageSpec]]:
        """The pages a family renders, by path."""
        if self._pages is None:
            self._pages = {o.path: (o.family, o.spec) for o in self if o.family is not None and o.spec is not None}
        return self._pages


__all__ = ["Output", "Content", "Registry", "default_families", "guess_type", "page_markdown"]
