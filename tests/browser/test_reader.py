"""What a reader sees in Chromium: an article, an actor, the claims tracker and its filter."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sitebuild import SAMPLE

from archive.catalogue import build_catalogue
from archive.format.layout import article_uri, entity_uri, url_for
from archive.read.loader import load_archive

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample():
    archive = load_archive(SAMPLE)
    return build_catalogue(archive.gazetteer, archive.published())


def _article_with_most_claims(catalogue) -> str:
    return max(catalogue.articles.values(), key=lambda a: (len(a.claims), a.id)).id


def _actor_with_most_claims(catalogue) -> str:
    return max(catalogue.claims_by_claimant, key=lambda i: (len(catalogue.claims_by_claimant[i]), i))


def test_article_page_shows_its_record_and_links_work(sample_server, sample, open_page, screenshot):
    article = sample.articles[_article_with_most_claims(sample)]
    page = open_page(sample_server.url + url_for(article_uri(article.id)))
    assert page.locator("article h1").inner_text() == article.title
    assert page.locator(".archive-meta .archive-badge").first.is_visible()
    rows = page.locator("h2#article-claims ~ .archive-table table.archive-claims tbody tr")
    assert rows.count() == len(article.claims)
    for heading in ("Claims", "Sources", "Cite this"):
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
    screenshot(page, "article")
    page.locator("#article-claims").scroll_into_view_if_needed()
    screenshot(page, "article-claims")

    actor = article.actors[0]
    page.locator(".archive-refs a.archive-chip--actor").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(url_for(entity_uri("actor", actor)))
    assert page.locator("h1").first.inner_text() == sample.name(actor)
    assert page.js_errors == []


def test_actor_page_lists_articles_and_claims(sample_server, sample, open_page, screenshot):
    actor = _actor_with_most_claims(sample)
    page = open_page(sample_server.url + url_for(entity_uri("actor", actor)))
    assert page.locator("h1").first.inner_text() == sample.name(actor)
    made = len(sample.claims_by_claimant[actor])
    assert page.get_by_role("heading", name=f"Claims made ({made})").is_visible()
    assert page.locator("ul.archive-list li.archive-item").count() >= len(sample.articles_for(actor))
    screenshot(page, "actor")

    page.get_by_role("link", name=re.compile("in the claims tracker")).click()
    page.wait_for_load_state()
    visible = page.locator("tr[data-status]:visible")
    expect(visible).to_have_count(made)
    assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.claimant)")) == {actor}
    assert page.js_errors == []


def test_claims_tracker_filters_by_clicking(fixture_server, open_page):
    page = open_page(fixture_server.url + "claims/")
    rows = page.locator("tr[data-status]")
    assert rows.count() == 8 and page.locator("tr[data-status]:visible").count() == 8
    count = page.locator("[data-archive-count]")
    assert count.inner_text() == "8 claims"

    page.locator("button[data-status=disputed]").click()
    expect(page.locator("tr[data-status]:visible")).to_have_count(2)
    assert count.inner_text() == "2 of 8 claims"
    assert "status=disputed" in page.url

    page.select_option("select[name=claimant]", "legion")
    expect(page.locator("tr[data-status]:visible")).to_have_count(1)
    assert (
        page.locator("tr[data-status]:visible td[data-label=Claim]")
        .inner_text()
        .startswith("Our forces have full control of Tetkino")
    )

    page.locator("button[data-status=disputed]").click()  # un-press: every status of the Legion
    expect(page.locator("tr[data-status]:visible")).to_have_count(2)

    page.select_option("select[name=claimant]", "")
    page.select_option("select[name=quantity]", "killed")
    expect(page.locator("tr[data-status]:visible")).to_have_count(3)
    # Groups with no visible claim are hidden, so the competing figures stay together.
    expect(page.locator("[data-archive-group]:visible")).to_have_count(2)

    page.get_by_role("button", name="Show all").click()
    expect(page.locator("tr[data-status]:visible")).to_have_count(8)
    assert page.js_errors == []


def test_claims_tracker_filter_survives_a_reload(fixture_server, open_page):
    page = open_page(fixture_server.url + "claims/?status=verified&status=false")
    expect(page.locator("tr[data-status]:visible")).to_have_count(2)
    assert page.locator("button[data-status=verified]").get_attribute("aria-pressed") == "true"


def test_claims_tracker_of_the_sample(sample_server, sample, open_page, screenshot):
    page = open_page(sample_server.url + "claims/")
    assert page.locator("tr[data-status]").count() == len(sample.claims)
    assert page.locator("form[data-archive-filter]").is_visible()
    screenshot(page, "claims-tracker")
    page.locator("button[data-status=disputed]").click()
    disputed = len(sample.claims_by_status.get("disputed", []))
    expect(page.locator("tr[data-status]:visible")).to_have_count(disputed)
    screenshot(page, "claims-tracker-disputed")


def test_pages_fit_a_phone_screen(sample_server, sample, open_page, screenshot):
    article = _article_with_most_claims(sample)
    for name, url in (
        ("phone-article", url_for(article_uri(article))),
        ("phone-claims", "claims/"),
        ("phone-actor", url_for(entity_uri("actor", _actor_with_most_claims(sample)))),
    ):
        page = open_page(sample_server.url + url, width=390, height=844)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px on a phone"
        if name == "phone-article":
            page.locator("#article-claims").scroll_into_view_if_needed()
        screenshot(page, name)


def test_palette_toggle_switches_to_dark(fixture_server, open_page, screenshot):
    page = open_page(fixture_server.url + "articles/2024/2024-03-12-raids-into-kursk-and-belgorod/")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label.md-header__button[for^=__palette]:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") == "slate"
    screenshot(page, "article-dark")
