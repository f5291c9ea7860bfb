"""The Content-Security-Policy in Chromium: every page type works under it with no violation, and
a script or an event handler injected into a page is reported and not run.

Violations are collected by a ``securitypolicyviolation`` listener that every document gets
before its own scripts run; every request of every page must stay on 127.0.0.1.
(Named ``test_csp_browser.py``: ``tests/site/test_csp.py`` has the other basename ``test_csp``,
and these folders are not packages.)
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browserkit import StaticServer
from playwright.sync_api import expect
from sitebuild import SAMPLE

from archive.catalogue import build_catalogue
from archive.format.layout import (
    CLAIMS,
    SECTION_ORDER,
    TIMELINE,
    article_uri,
    entity_uri,
    month_uri,
    section_uri,
    url_for,
    year_uri,
)
from archive.read.loader import load_archive
from plugins.csp import add_policy

pytestmark = pytest.mark.browser

#: Every document records the policy violations it sees, before any of its own scripts runs.
COLLECT = """
window.__csp = [];
document.addEventListener("securitypolicyviolation",
                          e => window.__csp.push(e.violatedDirective + " " + e.blockedURI), true);
"""
META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
#: A sanitiser bypass: an inline script and an inline event handler in the page body.
INJECTED = '<img src="x" onerror="window.__pwned=1"><script>window.__pwned2=1</script>'


@pytest.fixture(scope="module")
def sample():
    archive = load_archive(SAMPLE)
    return build_catalogue(archive.gazetteer, archive.published())


@pytest.fixture
def csp_page(chromium):
    """``csp_page()``: a page whose documents collect their policy violations; ``page.foreign``
    lists the requests that left 127.0.0.1, ``page.js_errors`` the uncaught errors."""
    contexts = []

    def opener(*, dark: bool = False):
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark" if dark else "light")
        contexts.append(context)
        context.add_init_script(COLLECT)
        page = context.new_page()
        page.foreign, page.js_errors, page.console_errors = [], [], []

        def request(req):
            url = urlsplit(req.url)
            if url.scheme not in ("data", "blob", "about") and url.hostname != "127.0.0.1":
                page.foreign.append(req.url)

        context.on("request", request)
        page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
        page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
        return page

    yield opener
    for context in contexts:
        context.close()


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def violations(page) -> list[str]:
    page.wait_for_timeout(100)  # violation events are queued as tasks
    return page.evaluate("window.__csp")


def assert_clean(page, where: str) -> None:
    assert violations(page) == [], where
    assert page.evaluate("typeof __md_get") == "function", f"{where}: Material's hashed inline script did not run"
    assert page.js_errors == [] and page.foreign == [], where
    assert [text for text in page.console_errors if "Content Security Policy" in text] == [], where


def page_types(catalogue) -> dict[str, str]:
    """One URL of each kind of page of the sample, by name."""
    article = max(catalogue.articles.values(), key=lambda a: (len(a.claims), a.id))
    urls = {
        "home": "",
        "article": url_for(article_uri(article.id)),
        "timeline": url_for(TIMELINE),
        "year": url_for(year_uri(article.date.year)),
        "month": url_for(month_uri(f"{article.date:%Y-%m}")),
        "claims": url_for(CLAIMS),
        "region": url_for(entity_uri("region", article.regions[0])),
        "place": url_for(entity_uri("place", article.places[0])),
        "actor": url_for(entity_uri("actor", article.actors[0])),
        "tag": url_for(entity_uri("tag", article.tags[0])),
        "methodology": "methodology/",
        "contribute": "contribute/",
        "search": "search/",
        "404": "404.html",
    }
    urls.update({f"{section} index": url_for(section_uri(section)) for section in SECTION_ORDER})
    return urls


def test_every_page_type_works_under_the_policy(sample_server, sample, csp_page):
    page = csp_page()
    for name, url in page_types(sample).items():
        visit(page, sample_server.url + url)
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, name
        assert page.locator("h1").first.is_visible(), name
        assert_clean(page, name)


def test_the_claims_filters_work_under_the_policy(sample_server, sample, csp_page):
    page = csp_page()
    visit(page, sample_server.url + url_for(CLAIMS))
    rows = page.locator("tr[data-status]")
    assert rows.count() == len(sample.claims)
    page.locator("button[data-status=disputed]").click()
    expect(page.locator("tr[data-status]:visible")).to_have_count(len(sample.claims_by_status.get("disputed", [])))
    assert "status=disputed" in page.url
    page.get_by_role("button", name="Show all").click()
    expect(page.locator("tr[data-status]:visible")).to_have_count(len(sample.claims))
    assert_clean(page, "claims filters")


def test_the_palette_toggle_works_under_the_policy(sample_server, csp_page):
    page = csp_page()
    visit(page, sample_server.url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    assert_clean(page, "palette toggle")
    visit(page, sample_server.url + "methodology/")  # the choice is kept: Material's inline palette script ran
    assert body.get_attribute("data-md-color-scheme") == "slate"
    assert_clean(page, "palette on the next page")


def test_the_search_works_under_the_policy(sample_server, csp_page):
    page = csp_page()
    visit(page, sample_server.url)
    box = page.locator("header .archive-searchbox__input")
    box.fill("belgorod")
    box.press("Enter")  # the header's GET form to the search page: form-action 'self'
    page.wait_for_url(re.compile(r"/search/\?q=belgorod$"))
    results = page.locator(".archive-search-result__title a")
    expect(results.first).to_be_visible(timeout=15_000)
    page.locator("#archive-search-input").fill("drone")  # typed: the Web Worker answers from the index
    page.wait_for_function(
        "() => document.querySelector('[data-archive-search]').dataset.searchShown === 'drone'"
        " && document.querySelector('[data-archive-search]').dataset.searchBusy === 'false'",
        timeout=15_000,
    )
    assert results.count() > 0
    page.wait_for_load_state("networkidle")
    assert_clean(page, "search")


def _served_copy(sample_server, tmp_path, article: str) -> tuple[Path, str]:
    """A copy of the served sample site and the HTML of one of its articles."""
    root = sample_server.httpd.RequestHandlerClass.keywords["directory"]  # the folder StaticServer serves
    site = tmp_path / "site"
    shutil.copytree(root, site)
    return site, (site / url_for(article_uri(article)) / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def injected_server(sample_server, sample, tmp_path):
    """The sample with two injected pages beside the article they copy (same folder depth, same assets):

    * ``after-build``: the built page, its policy unchanged, with :data:`INJECTED` in its body;
    * ``at-build``: :data:`INJECTED` in the body before the policy is computed, as the plugin
      computes it (``add_policy`` with the body untrusted), i.e. a bypass of the sanitiser.
    """
    article = max(sample.articles.values(), key=lambda a: (len(a.claims), a.id)).id
    site, html = _served_copy(sample_server, tmp_path, article)
    marker = '<article class="md-content__inner md-typeset">'
    assert html.count(marker) == 1
    folder = site / "articles" / article[:4]
    after = html.replace(marker, marker + INJECTED)
    body = INJECTED + "<p>The body.</p>"
    at = add_policy(META.sub("", html, count=1).replace(marker, marker + body), untrusted=[body])
    for name, text in (("after-build", after), ("at-build", at)):
        (folder / name).mkdir()
        (folder / name / "index.html").write_text(text, encoding="utf-8")
    server = StaticServer(site)
    yield server, f"articles/{article[:4]}/"
    server.close()


@pytest.mark.parametrize("name", ["after-build", "at-build"])
def test_an_injected_script_and_handler_are_reported_and_not_run(injected_server, csp_page, name):
    server, folder = injected_server
    page = csp_page()
    visit(page, server.url + folder + name + "/")
    page.wait_for_function("() => window.__csp.length >= 2", timeout=5_000)
    found = violations(page)
    assert sorted(found) == ["script-src-attr inline", "script-src-elem inline"], found
    assert page.evaluate("[typeof window.__pwned, typeof window.__pwned2]") == ["undefined", "undefined"]
    assert page.evaluate("typeof __md_get") == "function"  # the theme's own inline scripts still run
    assert page.foreign == []
