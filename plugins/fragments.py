"""Material's navigation and tabs, rendered once per folder for the archive's generated pages.

Every page embeds the navigation. The generated pages (articles, entities, months...) are
outside the nav, so nothing in it is active for them and its relative links depend only on
the folder the page sits in: the HTML is the same for every article of a year. The overrides
``partials/nav.html`` and ``partials/tabs.html`` ask :class:`FragmentCache` for a key, and
include Material's own partial (through the ``theme/`` prefix) only on the first page of each
folder. Pages in the nav are always rendered in full.
"""

from __future__ import annotations

from typing import Any, Optional

import jinja2


class FragmentCache:
    def __init__(self, cacheable: set[str]) -> None:
        #: Source paths of the pages whose nav may be shared (generated, not in the nav).
        self.cacheable = cacheable
        self.fragments: dict[str, str] = {}

    def key(self, name: str, page: Any) -> Optional[str]:
        file = getattr(page, "file", None)
        if file is None or file.src_uri not in self.cacheable:
            return None
        folder = page.url.rstrip("/").rpartition("/")[0]
        return f"{name}:{folder}"

    def remember(self, key: Optional[str], html: str) -> str:
        if key is not None:
            self.fragments[key] = html
        return html


def install(env: jinja2.Environment, own: list[str], cache: FragmentCache) -> None:
    """Make the theme's own partials (in the folders ``own``) reachable as ``theme/...`` and give
    templates the cache."""
    assert env.loader is not None  # MkDocs' theme environment always loads from the theme's folders
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(own)})])
    env.globals["archive_fragment_key"] = cache.key
    env.globals["archive_fragments"] = cache.fragments
    env.globals["archive_remember"] = cache.remember
