"""The sample site's index, queried in node as the page queries it, gives lunr.js's own answers.

* The sharded files the build wrote give exactly what one monolithic lunr index of the same
  documents gives (lunr.js ``Index.load`` + ``search``): refs, order, scores, matched terms,
  for English, Cyrillic, field, wildcard, fuzzy and negated queries.
* On English queries they also give what lunr.js *builds* itself from the same field texts
  (its own tokenizer, trimmer, stemmer, BM25): the same articles in the same order.
* The page's engine (search-engine.js) keeps lunr's order and counts facets right.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from search_helpers import assert_same_results, run_node
from searchsite import SAMPLE, run_engine

from archive.catalogue import build_catalogue
from archive.read.loader import load_archive
from archive.search import IndexBuilder, TermPipeline, dump_lunr_json, write_sharded_index
from archive.search.documents import FIELDS, build_documents
from archive.search.facets import delta_decode

QUERIES = [
    "drone",
    "drones",
    "Moskva",
    "wagner",
    "title:wagner",
    "belgorod",
    "Belgorod",
    "Bilhorod",
    "Белгород",
    "Белгородской",
    "Kiev",
    "Kyiv",
    "Київ",
    "Киев",
    "belg*",
    "belgorot~1",
    "kursk~1",
    "+belgorod -kursk",
    "-kursk",
    "missile^5 drone",
    "names:kharkov",
    "claims:killed",
    "sources:reuters",
    "governor said",
    "prisoners of war",
    "day",
    "today",
    "cluster munitions",
    "*grad",
]
ENGLISH = [q for q in QUERIES if q.isascii() and q != "*grad"]


@pytest.fixture(scope="module")
def documents():
    archive = load_archive(SAMPLE)
    return build_documents(build_catalogue(archive.gazetteer, archive.published()))


@pytest.fixture(scope="module")
def monolithic(documents, sample_search_site, tmp_path_factory) -> Path:
    """The same documents in one lunr JSON index, built by the same Python builder."""
    builder = IndexBuilder(FIELDS, pipeline=TermPipeline(cyrillic=True))
    builder.add_many(documents.pairs())
    index = builder.build()
    folder = tmp_path_factory.mktemp("monolithic")
    rebuilt = write_sharded_index(index, str(folder / "sharded"))
    site = sample_search_site / "search" / "index"
    for rel in rebuilt["files"]:  # the same shards and term lists: the same index
        if rel != "manifest.json":
            assert (folder / "sharded" / rel).read_bytes() == (site / rel).read_bytes(), rel
    path = folder / "lunr-index.json"
    path.write_text(dump_lunr_json(index), encoding="utf-8")
    return path


def test_sharded_site_index_gives_the_monolithic_results(sample_search_site, monolithic):
    sharded, whole = run_node(
        [
            {"cmd": "shards", "dir": str(sample_search_site / "search" / "index"), "queries": QUERIES},
            {"cmd": "search", "index": str(monolithic), "queries": QUERIES},
        ]
    )
    for query, a, b in zip(QUERIES, sharded["answers"], whole["answers"]):
        assert a["error"] is None and b["error"] is None, query
        assert_same_results(a["results"], b["results"], query)
    found = {q: len(a["results"]) for q, a in zip(QUERIES, sharded["answers"])}
    assert all(found[q] for q in ("drone", "Moskva", "Київ", "Белгородской", "belg*", "belgorot~1")), found


def _ranked(results: list, tol: float = 1e-9) -> list:
    """Refs in order, ties (scores within ``tol``) as sets: float sums may round differently."""
    groups: list = []
    for r in results:
        if groups and abs(groups[-1][0] - r["score"]) <= tol:
            groups[-1][1].add(r["ref"])
        else:
            groups.append([r["score"], {r["ref"]}])
    return [refs for _, refs in groups]


def test_english_queries_match_an_index_lunr_js_builds_itself(documents, sample_search_site, tmp_path):
    out = tmp_path / "lunrjs-index.json"
    docs = [{"ref": ref, **fields} for ref, fields in documents.pairs()]
    fields = [{"name": name, "boost": boost} for name, boost in FIELDS]
    built, sharded = run_node(
        [
            {"cmd": "build", "fields": fields, "docs": docs, "out": str(out)},
            {"cmd": "shards", "dir": str(sample_search_site / "search" / "index"), "queries": ENGLISH},
        ]
    )
    (lunrjs,) = run_node([{"cmd": "search", "index": str(out), "queries": ENGLISH}])
    for query, ours, theirs in zip(ENGLISH, sharded["answers"], lunrjs["answers"]):
        assert theirs["error"] is None, query
        assert _ranked(ours["results"]) == _ranked(theirs["results"]), query
        for a, b in zip(ours["results"], theirs["results"]):
            assert abs(a["score"] - b["score"]) <= 1e-9, query


def test_the_page_engine_keeps_lunrs_order_and_counts_facets(sample_search_site):
    folder = sample_search_site / "search" / "index"
    facets = {f["name"]: f for f in json.loads((folder / "facets.json").read_text(encoding="utf-8"))["facets"]}
    region = {v[0]: set(delta_decode(d)) for v, d in zip(facets["region"]["values"], facets["region"]["docs"])}
    year = {v[0]: set(delta_decode(d)) for v, d in zip(facets["year"]["values"], facets["year"]["docs"])}
    requests = [
        {"q": "belgorod", "filters": {}, "limit": 50},
        {"q": "belgorod", "filters": {"region": ["ru-krs"]}, "limit": 50},
        {"q": "", "filters": {"year": ["2023"]}, "limit": 50},
        {"q": "", "filters": {}, "limit": 10},
        {"q": "title:", "filters": {}, "limit": 10},
    ]
    (engine,) = run_engine([{"cmd": "search", "dir": str(folder), "requests": requests}])
    (shards,) = run_node([{"cmd": "shards", "dir": str(folder), "queries": ["belgorod"]}])
    plain, narrowed, by_year, idle, broken = engine["answers"]

    lunr_order = [int(r["ref"]) for r in shards["answers"][0]["results"]]
    assert [r["doc"] for r in plain["results"]] == lunr_order and plain["total"] == len(lunr_order)
    assert [r["doc"] for r in narrowed["results"]] == [d for d in lunr_order if d in region["ru-krs"]]
    counts = {f["name"]: {v["id"]: v for v in f["values"]} for f in narrowed["facets"]}
    for value_id, docs in year.items():  # other facets: counted within query and filters
        assert counts["year"][value_id]["count"] == len(docs & region["ru-krs"] & set(lunr_order))
    for value_id, docs in region.items():  # its own facet: counted within the query only
        assert counts["region"][value_id]["count"] == len(docs & set(lunr_order))
    assert counts["region"]["ru-krs"]["selected"] is True

    assert [r["doc"] for r in by_year["results"]] == sorted(year["2023"], reverse=True)  # newest first
    assert idle["idle"] is True and idle["results"] == [] and idle["error"] is None
    assert broken["error"]["type"] == "QueryParseError" and broken["results"] == []


def test_highlights_cover_the_words_whose_terms_matched(sample_search_site):
    (answer,) = run_engine(
        [
            {
                "cmd": "marks",
                "dir": str(sample_search_site / "search" / "index"),
                "text": "Strikes on Belgorod's centre — «Белгородской» drone-strike, Kursk.",
                "terms": ["belgorod", "белгород", "drone", "strike"],
            }
        ]
    )
    text = "Strikes on Belgorod's centre — «Белгородской» drone-strike, Kursk."
    # lunr indexes "Belgorod's" as "belgorod'"; the page still marks it for "belgorod"
    assert [text[a:b] for a, b in answer["marks"]] == ["Strikes", "Belgorod's", "Белгородской", "drone", "strike"]
