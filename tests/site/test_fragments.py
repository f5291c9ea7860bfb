"""The shared navigation of generated pages: one rendering per folder, never for pages in the nav."""

from __future__ import annotations

import posixpath
from types import SimpleNamespace

from htmlcheck import parse
from sitebuild import page

from plugins.fragments import FragmentCache


def _page(src_uri: str, url: str):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)


def test_generated_pages_of_one_folder_share_a_key():
    cache = FragmentCache({"articles/2024/a.md", "articles/2024/b.md", "actors/x.md"})
    a = cache.key("nav", _page("articles/2024/a.md", "articles/2024/a/"))
    b = cache.key("nav", _page("articles/2024/b.md", "articles/2024/b/"))
    assert a == b == "nav:articles/2024"
    assert cache.key("nav", _page("actors/x.md", "actors/x/")) != a


def test_pages_in_the_nav_are_never_shared():
    cache = FragmentCache({"articles/2024/a.md"})
    assert cache.key("nav", _page("regions/index.md", "regions/")) is None
    assert cache.key("tabs", None) is None


def test_shared_navigation_matches_the_page_folder(fixture_site):
    for url in ("articles/2024/2024-03-12-raids-into-kursk-and-belgorod/", "actors/ru-mod/", "timeline/2024-03/"):
        doc = parse(page(fixture_site, url))
        tabs = [e.attrs["href"] for e in doc.elements if e.tag == "a" and "md-tabs__link" in e.attrs.get("class", "")]
        assert tabs[0].rstrip("/") == posixpath.relpath(".", url), url
        assert tabs[1] == posixpath.relpath("timeline", url) + "/", url
