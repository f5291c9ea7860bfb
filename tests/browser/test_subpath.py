"""The sample site deployed under a sub-path, as GitHub Pages serves a project site
(``https://user.github.io/repo/``): every page type, the 404 page included, works there.

The sample is built once for the module by the README's command (``mkdocs build --strict``) with
``SITE_URL`` set, as the deploy workflow sets it, to ``http://127.0.0.1:<port>/conflict-archive/``,
and served under ``/conflict-archive/`` only; any other path, and any missing file, is answered
with the site's ``404.html`` and status 404, as GitHub Pages answers. In Chromium every request of
every page is recorded: none may fail (but the missing page's own), none may leave 127.0.0.1, the
stylesheets must apply, the Content-Security-Policy must see no violation, and every link of the
page must resolve to a built file under the sub-path.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from sitebuild import REPO, mkdocs_build

pytestmark = pytest.mark.browser

PREFIX = "/conflict-archive/"
#: A URL that no build makes, deep under the sub-path.
MISSING = "articles/2030/nope/"
#: Every document records the policy violations it sees, before any of its own scripts runs.
COLLECT_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
                          e => window.__csp.push(e.violatedDirective + " " + e.blockedURI), true);
"""
#: The page's links, resolved by the browser (``a.href``), and what the stylesheets did.
INSPECT = """() => ({
  links: [...document.querySelectorAll("a[href]")].map(a => a.href),
  forms: [...document.querySelectorAll("form[action]")].map(f => f.action),
  sheets: [...document.styleSheets].map(s => {
    let rules = -1;
    try { rules = s.cssRules.length; } catch (e) {}
    return {href: s.href, rules};
  }),
  headerPosition: getComputedStyle(document.querySelector(".md-header")).position,
  archiveGreen: getComputedStyle(document.documentElement).getPropertyValue("--archive-green").trim(),
})"""


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """The site under :data:`PREFIX` only; anything else is the site's 404 page with status 404."""

    site: Path

    def log_message(self, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(PREFIX):
            return str(self.site.parent / "outside-the-subpath")  # no such file: the 404 page
        return super().translate_path("/" + path[len(PREFIX) :])

    def list_directory(self, path: Any) -> None:  # GitHub Pages lists no folder
        self.send_error(404)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (self.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class SubpathServer:
    """Bound before the build (the build needs the port); serves ``site`` once it is written."""

    def __init__(self, site: Path) -> None:
        handler = functools.partial(type("Handler", (_SubpathHandler,), {"site": site}), directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = self.origin + PREFIX
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@dataclass
class Subpath:
    site: Path
    server: SubpathServer

    @property
    def url(self) -> str:
        return self.server.url

    def file_for(self, url: str) -> Path | None:
        """The built file a same-origin URL under the sub-path serves, or None."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.server.origin or not parts.path.startswith(PREFIX):
            return None
        path = self.site / unquote(parts.path[len(PREFIX) :])
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None


@pytest.fixture(scope="module")
def subpath(tmp_path_factory) -> Iterator[Subpath]:
    site = tmp_path_factory.mktemp("subpath") / "site"
    server = SubpathServer(site)
    try:
        result = mkdocs_build(
            REPO / "mkdocs.yml",
            strict=True,
            cwd=REPO,
            site_dir=site,
            env={"SITE_URL": server.url, "NO_MKDOCS_2_WARNING": "1"},
        )
        assert result.returncode == 0, result.stdout + result.stderr
        yield Subpath(site, server)
    finally:
        server.close()


def page_types(site: Path) -> dict[str, str]:
    """One URL (relative to the site) of each kind of page, found among the built files."""
    kinds: list[tuple[str, re.Pattern[str]]] = [
        ("home", re.compile(r"")),
        ("article", re.compile(r"articles/\d{4}/[^/]+/")),
        ("region", re.compile(r"regions/[^/]+/")),
        ("place", re.compile(r"places/[^/]+/")),
        ("actor", re.compile(r"actors/[^/]+/")),
        ("tag", re.compile(r"tags/[^/]+/")),
        ("year", re.compile(r"timeline/\d{4}/")),
        ("month", re.compile(r"timeline/\d{4}-\d{2}/")),
        ("claims", re.compile(r"claims/")),
        ("search", re.compile(r"search/")),
        ("methodology", re.compile(r"methodology/")),
        ("timeline", re.compile(r"timeline/")),
    ]
    urls = sorted(str(index.parent.relative_to(site)) + "/" if index.parent != site else "" for index in site.rglob("index.html"))
    found = {}
    for kind, pattern in kinds:
        matching = [url for url in urls if pattern.fullmatch(url)]
        assert matching, f"no {kind} page in the built site"
        found[kind] = matching[0]
    return found


@dataclass
class Recorder:
    """Every request of a browser context: what failed, what left 127.0.0.1, what answered >= 400."""

    origin: str
    requests: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)

    def clear(self) -> None:
        for recorded in (self.requests, self.foreign, self.failed, self.errors, self.js_errors):
            recorded.clear()

    def request(self, request: Any) -> None:
        self.requests.append(request.url)
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about") and parts.hostname != "127.0.0.1":
            self.foreign.append(request.url)

    def response(self, response: Any) -> None:
        if response.status >= 400:
            self.errors.append((response.status, response.url))

    def request_failed(self, request: Any) -> None:
        self.failed.append(f"{request.url} ({request.failure})")


@pytest.fixture
def recorded_page(chromium) -> Iterator[Any]:
    """``recorded_page(origin, width=1280, height=900)``: a fresh page whose context records every request
    (``page.recorder``) and whose documents collect their policy violations (``window.__csp``)."""
    contexts = []

    def opener(origin: str, *, width: int = 1280, height: int = 900) -> Any:
        context = chromium.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        context.add_init_script(COLLECT_CSP)
        recorder = Recorder(origin)
        context.on("request", recorder.request)
        context.on("response", recorder.response)
        context.on("requestfailed", recorder.request_failed)
        page = context.new_page()
        page.on("pageerror", lambda exc: recorder.js_errors.append(str(exc)))
        page.recorder = recorder
        return page

    yield opener
    for context in contexts:
        context.close()


def visit(page: Any, url: str) -> int:
    """Open ``url`` and wait until the network is quiet; the document's status."""
    page.recorder.clear()
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    return response.status


def assert_works_under_the_subpath(page: Any, subpath: Subpath, where: str, *, missing: str | None = None) -> None:
    """The page just visited loaded everything from under the sub-path, styled, with links that resolve."""
    recorder = page.recorder
    assert recorder.foreign == [], f"{where}: requests left 127.0.0.1"
    assert recorder.failed == [], f"{where}: requests failed"
    assert [(status, url) for status, url in recorder.errors if url != missing] == [], f"{where}: requests answered >= 400"
    outside = [url for url in recorder.requests if url.startswith(subpath.server.origin) and not url.startswith(subpath.url)]
    assert outside == [], f"{where}: requests outside {PREFIX}"
    page.wait_for_timeout(100)  # violation events are queued as tasks
    assert page.evaluate("window.__csp") == [], f"{where}: Content-Security-Policy violations"
    assert recorder.js_errors == [], f"{where}: uncaught errors"

    seen = page.evaluate(INSPECT)
    sheets = {sheet["href"]: sheet["rules"] for sheet in seen["sheets"] if sheet["href"]}
    ours = [href for href in sheets if href.startswith(subpath.url + "assets/")]
    assert any(href.startswith(subpath.url + "assets/stylesheets/main.") for href in ours), f"{where}: {sorted(sheets)}"
    assert subpath.url + "assets/archive/archive.css" in ours, f"{where}: {sorted(sheets)}"
    assert all(sheets[href] > 0 for href in ours), f"{where}: a stylesheet without rules: {sheets}"
    assert seen["headerPosition"] == "sticky", f"{where}: Material's stylesheet is not applied"
    assert seen["archiveGreen"] == "#1b7f3b", f"{where}: the archive's stylesheet is not applied"

    local = [url for url in seen["links"] + seen["forms"] if url.startswith(subpath.server.origin)]
    assert local, f"{where}: no link"
    broken = sorted({url for url in local if subpath.file_for(url) is None})
    assert broken == [], f"{where}: links that do not resolve to a built page under {PREFIX}"


def follow_header_links(page: Any, subpath: Subpath, where: str) -> None:
    """The header's home link, then a navigation tab, open pages under the sub-path."""
    page.recorder.clear()
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_load_state("networkidle")
    assert page.url == subpath.url, f"{where}: the home link opened {page.url}"
    assert page.recorder.errors == [], f"{where}: home link"

    page.recorder.clear()
    tab = page.locator("a.md-tabs__link", has_text="Claims")
    tab.click()
    page.wait_for_load_state("networkidle")
    assert page.url == subpath.url + "claims/", f"{where}: the Claims tab opened {page.url}"
    assert page.locator("h1").first.is_visible(), where
    assert page.recorder.errors == [], f"{where}: Claims tab"


def test_every_page_type_works_under_a_subpath(subpath, recorded_page):
    page = recorded_page(subpath.server.origin)
    for kind, url in page_types(subpath.site).items():
        assert visit(page, subpath.url + url) == 200, kind
        assert page.locator("h1").first.is_visible(), kind
        assert_works_under_the_subpath(page, subpath, kind)
        follow_header_links(page, subpath, kind)


def test_a_missing_page_under_a_subpath_is_the_styled_404(subpath, recorded_page, screenshot):
    missing = subpath.url + MISSING
    for name, width, height in (("subpath-404", 1280, 900), ("subpath-404-phone", 390, 844)):
        page = recorded_page(subpath.server.origin, width=width, height=height)
        assert visit(page, missing) == 404
        assert page.url == missing
        assert page.locator("h1").first.inner_text().strip() == "404 - Not found"
        assert_works_under_the_subpath(page, subpath, name, missing=missing)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"
        screenshot(page, name)
        if width > 1000:  # the tabs are hidden on a phone
            follow_header_links(page, subpath, name)


def test_the_search_finds_and_links_under_a_subpath(subpath, recorded_page):
    page = recorded_page(subpath.server.origin)
    visit(page, subpath.url)
    box = page.locator("header .archive-searchbox__input")
    box.fill("belgorod")
    box.press("Enter")  # the header's GET form to the search page
    page.wait_for_url(re.compile(r"/search/\?q=belgorod$"))
    results = page.locator(".archive-search-result__title a")
    results.first.wait_for(timeout=15_000)
    page.wait_for_load_state("networkidle")
    assert page.url == subpath.url + "search/?q=belgorod"
    index = [url for url in page.recorder.requests if url.startswith(subpath.url + "search/index/")]
    assert index, "the search page fetched no index file under the sub-path"
    assert_works_under_the_subpath(page, subpath, "search results")

    first = results.first.evaluate("a => a.href")
    assert subpath.file_for(first) is not None, first
    results.first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == first
    assert page.recorder.errors == []


def test_the_server_answers_like_github_pages(subpath):
    """Outside the sub-path and for a missing file: the site's 404 page, status 404; a folder redirects to its slash."""
    not_found = (subpath.site / "404.html").read_bytes()
    for url in (subpath.server.origin + "/", subpath.server.origin + "/assets/archive/archive.css", subpath.url + MISSING):
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(url, timeout=10)
        assert caught.value.code == 404, url
        assert caught.value.read() == not_found, url
    with urllib.request.urlopen(subpath.url + "claims", timeout=10) as response:
        assert response.status == 200 and response.url == subpath.url + "claims/"


def test_the_sitemap_lists_absolute_urls_under_the_subpath(subpath):
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    raw = (subpath.site / "sitemap.xml").read_bytes()
    assert gzip.decompress((subpath.site / "sitemap.xml.gz").read_bytes()) == raw
    locations = [loc.text or "" for loc in ElementTree.fromstring(raw).iterfind("s:url/s:loc", namespace)]
    pages = page_types(subpath.site)
    assert len(locations) >= len(pages)
    assert [url for url in locations if not url.startswith(subpath.url)] == []
    assert [url for url in locations if subpath.file_for(url) is None] == []
    assert {subpath.url + pages[kind] for kind in ("home", "methodology", "claims")} <= set(locations)


class _References(HTMLParser):
    """The URLs a page loads (``<link href>``, ``<script src>``, ``<img src>``) and the ones it links to."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("href"):
            self.assets.append(values["href"] or "")
        elif tag in ("script", "img") and values.get("src"):
            self.assets.append(values["src"] or "")
        elif tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        elif tag == "form" and values.get("action"):
            self.links.append(values["action"] or "")


def test_the_404_page_refers_to_the_subpath(subpath):
    references = _References()
    references.feed((subpath.site / "404.html").read_text(encoding="utf-8"))
    assert references.assets, "the 404 page loads nothing"
    assert [url for url in references.assets if not url.startswith(PREFIX)] == []
    internal = [url for url in references.links if not re.match(r"[a-z]+:", url) and not url.startswith("#")]
    assert internal, "the 404 page links nowhere"
    assert [url for url in internal if not url.startswith(PREFIX)] == []
