"""The search page in Chromium, on the built sample served from a sub-path (/archive/).

Queries a reader would type (English words, typos with ~1, names in other scripts and
transliterations, fields, wildcards), facet clicks, the URL and the back button, a malformed
query, the header's box, keyboard use, and the page without Web Workers.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from browserkit import StaticServer
from searchsite import SAMPLE, build_search_fixture

from archive.catalogue import build_catalogue
from archive.format.layout import article_uri, url_for
from archive.read.loader import load_archive

pytestmark = pytest.mark.browser

ROOT = "[data-archive-search]"
BOX = "#archive-search-input"
RESULT_LINKS = ".archive-search-result__title a"


@pytest.fixture(scope="module")
def sample():
    archive = load_archive(SAMPLE)
    return build_catalogue(archive.gazetteer, archive.published())


def settled(page, query: str) -> None:
    """Wait until the page shows the answer to ``query``."""
    page.wait_for_function(
        "([sel, q]) => { const r = document.querySelector(sel);"
        " return r && r.dataset.searchBusy === 'false' && r.dataset.searchShown === q }",
        arg=[ROOT, query.strip()],
        timeout=15_000,
    )


def search(page, query: str) -> list[str]:
    """Type ``query`` into the page's box; return the result links as paths from the site root."""
    page.locator(BOX).fill(query)
    settled(page, query)
    return shown(page)


def shown(page) -> list[str]:
    base = page.evaluate("() => new URL(document.querySelector('[data-archive-search]').dataset.root, document.baseURI).href")
    return [href[len(base) :] for href in page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.href)")]


def open_search(open_page, server, query: str = "", **options):
    page = open_page(server.url + "search/" + (f"?q={query}" if query else ""), **options)
    settled(page, query)
    return page


def article(article_id: str) -> str:
    return url_for(article_uri(article_id))


BELGOROD = {
    "2023-05-23-graivoron-district-incursion-belgorod",
    "2024-01-01-belgorod-city-centre-strike-death-toll",
    "2024-01-26-il-76-crash-yablonovo-prisoners-claim",
    "2024-03-12-russian-armed-groups-claim-raids-into-belgorod-and-kursk",
}


def test_words_names_in_any_script_and_query_syntax_find_the_expected_articles(search_server, open_page, screenshot):
    page = open_search(open_page, search_server)
    assert page.locator(BOX).evaluate("el => el === document.activeElement")  # ready to type

    drone = search(page, "drone")
    assert {
        article("2024-03-12-russian-armed-groups-claim-raids-into-belgorod-and-kursk"),
        article("2024-01-01-belgorod-city-centre-strike-death-toll"),
    } <= set(drone)
    assert page.locator(".archive-search-result mark", has_text=re.compile("^drone$", re.I)).count() >= 1

    assert search(page, "Moskva")[0] == article("2022-04-22-russia-reports-moskva-crew-losses-after-cruiser-sinks")
    assert set(search(page, "Belgorot~1")) == {article(i) for i in BELGOROD}  # a typo
    for spelling in ("Bilhorod", "Белгород", "Белгородской", "belg*"):  # other scripts, a wildcard
        assert set(search(page, spelling)) == {article(i) for i in BELGOROD}, spelling
    kiev = search(page, "Kiev")
    assert kiev and set(search(page, "Київ")) == set(kiev) == set(search(page, "Киев"))
    assert search(page, "title:wagner") == [article("2023-06-25-wagner-mutiny-rostov-march-on-moscow")]
    assert search(page, "Вагнер") == [article("2023-06-25-wagner-mutiny-rostov-march-on-moscow")]
    assert "+belgorod -kursk" and set(search(page, "+belgorod -kursk")) < {article(i) for i in BELGOROD}

    search(page, "belgorod")
    assert page.locator("[role=status]").inner_text() == "4 articles found for “belgorod”."
    marks = page.locator(".archive-search-result__title mark").all_inner_texts()
    assert marks and all(m.lower() == "belgorod" for m in marks)
    screenshot(page, "search-results", full_page=True)
    assert page.js_errors == []


def test_a_result_leads_to_its_article(search_server, open_page):
    page = open_search(open_page, search_server, "title:wagner")
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_load_state()
    assert page.url == search_server.url + article("2023-06-25-wagner-mutiny-rostov-march-on-moscow")
    assert "Wagner" in page.locator("h1").first.inner_text()


def test_facets_narrow_the_results_keep_the_url_and_the_back_button_restores(search_server, sample, open_page, screenshot):
    page = open_search(open_page, search_server, "belgorod")
    before = shown(page)
    assert len(before) == 4
    kursk = page.get_by_role("group", name="Region").get_by_role("checkbox", name=re.compile("^Kursk Oblast"))
    kursk.check()
    settled(page, "belgorod")
    after = shown(page)
    with_kursk = {article(i) for i in sample.entity_articles["ru-krs"]}
    assert after and set(after) < set(before) and set(after) <= with_kursk
    assert parse_qs(urlsplit(page.url).query) == {"q": ["belgorod"], "region": ["ru-krs"]}
    assert page.locator(".archive-search__remove", has_text="Kursk Oblast").is_visible()
    screenshot(page, "search-facet", full_page=True)

    year = page.get_by_role("group", name="Year").get_by_role("checkbox", name=re.compile("^2024"))
    year.check()
    settled(page, "belgorod")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["belgorod"], "region": ["ru-krs"], "year": ["2024"]}

    page.go_back()
    settled(page, "belgorod")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["belgorod"], "region": ["ru-krs"]}
    assert shown(page) == after and not year.is_checked() and kursk.is_checked()
    page.go_back()
    settled(page, "belgorod")
    assert shown(page) == before and not kursk.is_checked()
    assert page.locator(BOX).input_value() == "belgorod"
    assert page.js_errors == []


def test_a_filter_without_words_lists_every_matching_article_newest_first(search_server, sample, open_page):
    page = open_search(open_page, search_server)
    assert shown(page) == [] and "type words" in page.locator("[role=status]").inner_text()
    actors = page.get_by_role("group", name="Actor")
    wagner = actors.get_by_role("checkbox", name=re.compile("^Wagner Group"))
    assert not wagner.is_visible()  # folded: the most frequent actors come first
    actors.get_by_role("button", name=re.compile("^Show all")).click()
    assert actors.get_by_role("button", name="Show fewer").get_attribute("aria-expanded") == "true"
    wagner.check()
    settled(page, "")
    ids = sample.entity_articles["wagner-group"]
    assert shown(page) == [article(i) for i in ids]  # the catalogue lists them newest first too
    assert "actor=wagner-group" in page.url
    assert page.locator("[role=status]").inner_text().startswith(f"{len(ids)} article")


def test_a_malformed_query_explains_itself_and_keeps_the_page(search_server, open_page, screenshot):
    page = open_search(open_page, search_server, "drone")
    for query, message in (
        ("title:", "needs a word after the colon"),
        ("+", "needs a word right after it"),
        ("nosuchfield:x", "no field called"),
        ("kursk~x", "needs a number"),
        ("*", "at least two letters"),
    ):
        page.locator(BOX).fill(query)
        settled(page, query)
        alert = page.get_by_role("alert")
        assert message in alert.inner_text(), query
        assert page.locator(RESULT_LINKS).count() == 0
        assert page.get_by_role("heading", name="Search", exact=True).is_visible()
        assert page.get_by_role("group", name="Year").is_visible()
    screenshot(page, "search-error")
    search(page, "title:wagner")
    assert page.get_by_role("alert").inner_text() == ""
    assert page.js_errors == []


def test_the_header_box_leads_to_the_search_page(search_server, open_page):
    page = open_page(search_server.url + article("2024-01-01-belgorod-city-centre-strike-death-toll"))
    header_box = page.locator("header .archive-searchbox__input")
    header_box.fill("Белгородской")
    header_box.press("Enter")
    page.wait_for_url(re.compile(r"/archive/search/\?q="))
    settled(page, "Белгородской")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["Белгородской"]}
    assert page.locator(BOX).input_value() == "Белгородской"
    assert len(shown(page)) == 4


def test_on_a_phone_the_header_box_is_a_button_and_filters_fold(search_server, open_page, screenshot):
    page = open_page(search_server.url, width=390, height=800)
    assert not page.locator("header .archive-searchbox__input").is_visible()
    page.locator("header .archive-searchbox__button").click()
    page.wait_for_url(re.compile(r"/archive/search/"))
    settled(page, "")
    filters = page.locator("details.archive-search__filters")
    assert filters.is_visible() and not filters.evaluate("d => d.open")
    search(page, "drone")
    screenshot(page, "search-phone", full_page=True)
    page.locator("summary.archive-search__filters-summary").click()
    assert page.get_by_role("group", name="Tag").is_visible()
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390


def test_dark_palette(search_server, open_page, screenshot):
    page = open_search(open_page, search_server, "Київ", dark=True)
    assert len(shown(page)) == 4
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    screenshot(page, "search-dark", full_page=True)


def test_without_web_workers_the_page_searches_on_its_own_thread(search_server, open_page):
    page = open_search(open_page, search_server, "Moskva", workers=False)
    assert page.get_attribute(ROOT, "data-search-mode") == "page"
    assert shown(page)[0] == article("2022-04-22-russia-reports-moskva-crew-losses-after-cruiser-sinks")
    assert page.js_errors == []


def test_keyboard_and_screen_reader(search_server, open_page):
    page = open_search(open_page, search_server)
    box = page.get_by_label("Search the archive").last
    assert box.get_attribute("type") == "search"
    assert page.locator("[role=status]").get_attribute("aria-live") == "polite"
    page.keyboard.type("belgorod")
    settled(page, "belgorod")
    assert page.locator("[role=status]").inner_text().startswith("4 articles")
    # Tab reaches the filters; Space ticks one; the focus stays on it and it is visibly outlined
    first = page.get_by_role("group", name="Year").get_by_role("checkbox").first
    first.focus()
    page.keyboard.press("Space")
    settled(page, "belgorod")
    assert first.is_checked() and first.evaluate("el => el === document.activeElement")
    outline = first.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"


@pytest.fixture(scope="module")
def paged_server(tmp_path_factory):
    """The fixture archive (with the hostile article) and two results per page."""
    site, result = build_search_fixture(
        tmp_path_factory.mktemp("search-paged"),
        hostile=True,
        plugins=["archive", {"archive-search": {"results_per_page": 2, "records_per_file": 2}}],
    )
    assert result.returncode == 0, result.stderr
    server = StaticServer(site)
    yield server
    server.close()


def test_more_results_moves_the_focus_to_the_first_new_one(paged_server, open_page):
    page = open_search(open_page, paged_server, "-zzzz")
    assert page.locator(RESULT_LINKS).count() == 2
    more = page.get_by_role("button", name="More results")
    more.click()
    page.wait_for_function("() => document.querySelectorAll('.archive-search-result').length === 4")
    focused = page.evaluate("() => document.activeElement.href")
    assert focused == page.locator(RESULT_LINKS).nth(2).evaluate("a => a.href")


def test_hostile_values_show_as_text(paged_server, open_page):
    dialogs = []
    page = open_search(open_page, paged_server, "")
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    search(page, "raid report")
    title = page.locator(".archive-search-result__title", has_text="<script>")
    assert title.count() == 1
    assert "<script>alert('title')</script> Raid report <img src=x onerror=alert(1)>" in title.inner_text()
    assert page.locator(".archive-search-result img, .archive-search-result script").count() == 0
    assert dialogs == [] and page.js_errors == []
