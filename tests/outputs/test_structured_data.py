"""JSON-LD: every block is script-safe, expands with pyld, and says what schema.org and Google's
ClaimReview guidelines ask, whatever the records hold."""

from __future__ import annotations

import json
import re

import pytest
from exportkit import HAZARDS, NAME, SITE, Loaded, with_hazards
from pyld import jsonld

from archive.format.model import Entity
from archive.outputs.display import label
from archive.outputs.structured_data import article_jsonld, dataset_jsonld, place_jsonld, script_json

SCHEMA = "https://schema.org/"


def _loader(url, options=None):
    """schema.org's context, offline: every term is a schema.org IRI (the tests need no network)."""
    assert url.rstrip("/") == SCHEMA.rstrip("/"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}


def _expand(body: str) -> list:
    return jsonld.expand(json.loads(body), {"documentLoader": _loader})


def _safe(body: str) -> None:
    assert not re.search("[<>&\u2028\u2029]", body), body
    assert "</script" not in body.lower() and "<!--" not in body


def _nodes(expanded: list, kind: str) -> list[dict]:
    return [node for node in expanded if SCHEMA + kind in node.get("@type", [])]


def _value(node: dict, name: str):
    (first, *_) = node[SCHEMA + name]
    return first.get("@value", first)


@pytest.mark.parametrize("value", ["</script><script>alert(1)</script>", "<!--", "a & b", "\u2028\u2029", {"k</script>": ["<"]}])
def test_script_json_escapes_and_parses_back(value):
    body = script_json(value)
    _safe(body)
    assert json.loads(body) == value


def _catalogues(loaded: Loaded):
    return [loaded.catalogue, with_hazards(loaded)]


def test_every_article_block_is_safe_and_expands(loaded: Loaded):
    for catalogue in _catalogues(loaded):
        for article_id in catalogue.timeline:
            article = catalogue.articles[article_id]
            body = article_jsonld(article, catalogue, site_name=NAME, site_url=SITE)
            _safe(body)
            expanded = _expand(body)
            (report,) = _nodes(expanded, "Report")
            assert _value(report, "headline") == article.title
            assert _value(report, "datePublished") == article.date.isoformat()
            about = {_value(n, "name") for n in report.get(SCHEMA + "about", [])}
            assert about == {catalogue.name(i) for i in (*article.places, *article.regions, *article.actors)}
            cited = [_value(n, "url") for n in report.get(SCHEMA + "citation", [])]
            assert cited == [s.url for s in article.sources]
            copies = [n.get("@value", n.get("@id")) for n in report.get(SCHEMA + "isBasedOn", [])]
            assert copies == [s.archived for s in article.sources if s.archived]


def test_a_claim_review_for_every_checked_claim(loaded: Loaded):
    """Google's required properties: claimReviewed, reviewRating.alternateName, url, author (with a
    name), itemReviewed (a Claim, whose author is the claimant)."""
    reviews = 0
    for catalogue in _catalogues(loaded):
        for article_id in catalogue.timeline:
            article = catalogue.articles[article_id]
            expanded = _expand(article_jsonld(article, catalogue, site_name=NAME, site_url=SITE))
            found = _nodes(expanded, "ClaimReview")
            checked = [c for c in article.claims if c.checks]
            assert len(found) == len(checked)
            for node, claim in zip(found, checked):
                reviews += 1
                assert _value(node, "claimReviewed") == claim.claim
                assert _value(node, "url").startswith(SITE + "articles/")
                assert "#claim-" in _value(node, "url")
                rating = node[SCHEMA + "reviewRating"][0]
                assert _value(rating, "alternateName") == label(claim.status)
                authors = [_value(a, "name") for a in node[SCHEMA + "author"]]
                assert authors == list(dict.fromkeys(catalogue.name(c.by) for c in claim.checks))
                item = node[SCHEMA + "itemReviewed"][0]
                assert SCHEMA + "Claim" in item["@type"]
                assert _value(item[SCHEMA + "author"][0], "name") == catalogue.name(claim.claimant)
                assert _value(node, "datePublished")
    assert reviews > 0


def test_hazards_come_back_as_the_same_text(hostile: Loaded):
    catalogue = with_hazards(hostile)
    article = catalogue.articles["2024-03-30-hazards"]
    graph = json.loads(article_jsonld(article, catalogue, site_name=NAME, site_url=SITE))["@graph"]
    assert graph[0]["headline"] == "Title " + HAZARDS
    assert graph[1]["claimReviewed"] == "Claim " + HAZARDS
    assert graph[0]["publisher"]["name"] == NAME


def _places(loaded: Loaded) -> list[Entity]:
    gazetteer = loaded.catalogue.gazetteer
    return [gazetteer[i] for kind in ("place", "region", "country") for i in loaded.catalogue.kinds[kind]]


def test_place_blocks_carry_their_coordinates(loaded: Loaded):
    places = _places(loaded)
    assert places
    for entity in places:
        body = place_jsonld(entity, loaded.catalogue, site_name=NAME, site_url=SITE)
        _safe(body)
        (node,) = _expand(body)
        assert _value(node, "name") == entity.name
        if entity.lat is not None and entity.lon is not None:
            geo = node[SCHEMA + "geo"][0]
            assert (_value(geo, "latitude"), _value(geo, "longitude")) == (entity.lat, entity.lon)


def test_the_dataset_block(sample: Loaded):
    files = ["data/datapackage.json", "data/articles.csv", "data/archive.jsonl"]
    types = {".json": "application/json", ".csv": "text/csv", ".jsonl": "application/jsonl"}
    body = dataset_jsonld(
        sample.catalogue, files, site_name=NAME, site_url=SITE, version="1.0", licence="CC-BY-4.0", media_types=types
    )
    _safe(body)
    (node,) = _expand(body)
    assert SCHEMA + "Dataset" in node["@type"]
    downloads = node[SCHEMA + "distribution"]
    assert [_value(d, "contentUrl") for d in downloads] == [SITE + f for f in files]
    assert [_value(d, "encodingFormat") for d in downloads] == ["application/json", "text/csv", "application/jsonl"]
    assert _value(node, "license") == "https://spdx.org/licenses/CC-BY-4.0.html"
