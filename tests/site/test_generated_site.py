"""A larger archive from benchmarks/generate.py, built for real: the site holds at scale."""

from __future__ import annotations

import sys

import pytest

from htmlcheck import broken_links, link_targets, parse
from sitebuild import REPO, build_fixture, page

from archive.format import layout
from archive.catalogue import build_catalogue
from archive.read.loader import load_archive

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate_archive  # noqa: E402

pytestmark = pytest.mark.slow
SIZE = 300


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("generated")
    docs = generate_archive(tmp / "docs", SIZE, seed=3)
    site, result = build_fixture(tmp, docs=docs, plugins=[{"archive": {"claims_page_limit": 200}}])
    assert result.returncode == 0, result.stdout + result.stderr
    archive = load_archive(docs)
    return site, build_catalogue(archive.gazetteer, archive.published())


def test_every_article_entity_and_month_has_a_page(generated):
    site, catalogue = generated
    uris = [layout.article_uri(i) for i in catalogue.articles]
    uris += [layout.entity_uri(catalogue.gazetteer[i].kind, i) for i in catalogue.entity_articles]
    uris += [layout.month_uri(m) for m in catalogue.months]
    assert len(catalogue.articles) == SIZE
    assert [u for u in uris if not page(site, layout.url_for(u)).exists()] == []


def test_no_internal_link_is_broken(generated):
    site, _ = generated
    assert broken_links(site) == []


def test_the_busiest_actor_lists_every_article_newest_first(generated):
    site, catalogue = generated
    actor = max(catalogue.kinds["actor"], key=lambda i: (len(catalogue.articles_for(i)), i))
    doc = parse(page(site, layout.url_for(layout.entity_uri("actor", actor))))
    listed = [t for t in link_targets(doc, site) if t.startswith("articles/") and "#" not in t]
    expected = [layout.url_for(layout.article_uri(i)) for i in catalogue.articles_for(actor)]
    assert list(dict.fromkeys(listed))[: len(expected)] == expected


def test_the_tracker_is_split_by_year_and_keeps_every_claim(generated):
    site, catalogue = generated
    assert len(catalogue.claims) > 200
    rows = 0
    for year in catalogue.claim_years():
        doc = parse(page(site, layout.url_for(layout.claims_uri(year))))
        rows += len([e for e in doc.elements if e.tag == "tr" and "data-status" in e.attrs])
    assert rows == len(catalogue.claims)
