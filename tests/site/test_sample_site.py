"""The shipped sample archive, built by the README's command: `mkdocs build --strict`."""

from __future__ import annotations

import pytest

from htmlcheck import asset_scripts, broken_links, executable_content, html_files, parse, shipped_scripts
from sitebuild import SAMPLE, page

from archive.format import layout
from archive.catalogue import build_catalogue
from archive.read.loader import load_archive


@pytest.fixture(scope="module")
def sample_site(sample_build):
    site, result = sample_build
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def sample_catalogue():
    archive = load_archive(SAMPLE)
    return build_catalogue(archive.gazetteer, archive.published())


def test_strict_build_succeeds(sample_site):
    assert (sample_site / "index.html").exists()


def test_every_article_has_a_page(sample_site, sample_catalogue):
    missing = [i for i in sample_catalogue.articles if not page(sample_site, layout.url_for(layout.article_uri(i))).exists()]
    assert sample_catalogue.articles and missing == []


def test_every_referenced_region_place_actor_and_tag_has_a_page(sample_site, sample_catalogue):
    gazetteer = sample_catalogue.gazetteer
    missing = [i for i in sample_catalogue.entity_articles
               if not page(sample_site, layout.url_for(layout.entity_uri(gazetteer[i].kind, i))).exists()]
    assert missing == []
    for article in sample_catalogue.articles.values():
        for entity_id in (*article.regions, *article.places, *article.actors, *article.tags):
            assert page(sample_site, layout.url_for(layout.entity_uri(gazetteer[entity_id].kind, entity_id))).exists()


def test_every_month_with_articles_has_a_page(sample_site, sample_catalogue):
    missing = [m for m in sample_catalogue.months if not page(sample_site, layout.url_for(layout.month_uri(m))).exists()]
    assert missing == []


def test_no_internal_link_is_broken(sample_site):
    assert broken_links(sample_site) == []


def test_nothing_executable_beyond_the_theme(sample_site):
    # The theme's inline scripts (as on a page of prose), and script files shipped under assets/.
    allowed = shipped_scripts(parse(page(sample_site, "methodology/")), sample_site) | asset_scripts(sample_site)
    found = []
    for path in html_files(sample_site):
        found += executable_content(parse(path), sample_site, allowed)
    assert found == []


def test_methodology_prints_every_status(sample_site):
    from archive.format.vocabulary import ARTICLE_STATUSES, CLAIM_STATUSES, EVIDENCE_STATUSES

    text = parse(page(sample_site, "methodology/")).text
    for vocabulary in (ARTICLE_STATUSES, CLAIM_STATUSES, EVIDENCE_STATUSES):
        for definition in vocabulary.values():
            assert definition in text
