"""The sharded format: shard lookup, layout, refs, per-document data, versions."""

from __future__ import annotations

import json

import pytest
from search_helpers import CORPORA, corpus, run_node

from archive.search import build_index, write_sharded_index
from archive.search.shards import shard_of

DOCS = [
    ("a/1", {"title": "Kyiv", "body": "drones over kyiv at night"}),
    ("b/2", {"title": "Belgorod", "body": "shelling of belgorod and kursk"}),
    ("c/3", {"title": "Grain", "body": "grain exports from odesa"}),
]


@pytest.mark.parametrize("name", CORPORA)
def test_shard_lookup_matches_the_js_loader(tmp_path, name):
    index = build_index([(str(n), {"body": rec["body"]}) for n, rec in enumerate(corpus(name)[:300])], ["body"])
    manifest = write_sharded_index(index, str(tmp_path), target_shard_gzip_bytes=2000)
    first = manifest["shards"]["first"]
    assert len(first) > 20
    probes = sorted(index.terms)[::7] + ["", "a", "zzzz", "київ", "\U00010428x", "ｚ", "é", "belg", "~"]
    [answer] = run_node([{"cmd": "shardFor", "first": first, "terms": probes}])
    assert [shard_of(t, first) for t in probes] == answer["shards"]


def test_every_term_is_in_exactly_its_own_shard(tmp_path):
    index = build_index(DOCS, ["title", "body"])
    manifest = write_sharded_index(index, str(tmp_path), shard_count=4)
    first = manifest["shards"]["first"]
    assert manifest["shards"]["count"] == len(first) > 1
    seen = {}
    for n in range(manifest["shards"]["count"]):
        shard = json.loads((tmp_path / "shards" / f"{n}.json").read_text(encoding="utf-8"))
        for term in shard:
            assert shard_of(term, first) == n
            seen[term] = shard[term]
    assert sorted(seen) == sorted(index.terms)
    assert manifest["termCount"] == len(index.terms)


def test_shard_boundaries_are_shortest_separating_prefixes(tmp_path):
    index = build_index(DOCS, ["title", "body"])
    manifest = write_sharded_index(index, str(tmp_path), shard_count=len(index.terms))
    terms = sorted(index.terms)
    first = manifest["shards"]["first"]
    assert first[0] == "" and len(first) == len(terms)
    for prev, term, sep in zip(terms, terms[1:], first[1:]):
        assert term.startswith(sep) and prev < sep
        assert not prev < sep[:-1] or sep[:-1] == ""  # one letter shorter would not separate


def test_shard_entry_holds_term_index_and_per_field_postings(tmp_path):
    index = build_index(DOCS, ["title", "body"])
    write_sharded_index(index, str(tmp_path), shard_count=1)
    shard = json.loads((tmp_path / "shards" / "0.json").read_text(encoding="utf-8"))
    i = index.term_number("belgorod")
    title_docs, title_scores = index.postings[i][0]
    assert shard["belgorod"] == [i, [1], title_scores, [1], index.postings[i][1][1]]
    assert title_docs == [1]


def test_document_numbers_are_delta_encoded(tmp_path):
    docs = [(str(n), {"body": "war" if n in (0, 2, 5) else "peace"}) for n in range(7)]
    index = build_index(docs, ["body"])
    write_sharded_index(index, str(tmp_path), shard_count=1)
    shard = json.loads((tmp_path / "shards" / "0.json").read_text(encoding="utf-8"))
    assert shard["war"][1] == [0, 2, 3]
    assert shard["peac"][1] == [1, 2, 1, 2]


@pytest.mark.parametrize("name", CORPORA)
def test_term_chunks_list_every_term_sorted(tmp_path, name):
    index = build_index([(str(n), {"body": rec["body"]}) for n, rec in enumerate(corpus(name)[:200])], ["body"])
    manifest = write_sharded_index(index, str(tmp_path), target_chunk_gzip_bytes=400)
    terms = []
    for n in range(manifest["termChunks"]["count"]):
        chunk = (tmp_path / "terms" / f"{n}.txt").read_text(encoding="utf-8").split("\n")
        assert chunk[0] == manifest["termChunks"]["first"][n]
        terms += chunk
    assert terms == sorted(index.terms)
    assert manifest["termChunks"]["count"] > 1


def test_refs_file_maps_document_numbers_back_to_refs(tmp_path):
    index = build_index(DOCS, ["title", "body"])
    manifest = write_sharded_index(index, str(tmp_path))
    assert manifest["refs"] == "refs.json"
    assert json.loads((tmp_path / "refs.json").read_text(encoding="utf-8")) == ["a/1", "b/2", "c/3"]
    [answer] = run_node([{"cmd": "shards", "dir": str(tmp_path), "queries": ["belgorod", "-kyiv"]}])
    assert [r["ref"] for r in answer["answers"][0]["results"]] == ["b/2"]
    assert [r["ref"] for r in answer["answers"][1]["results"]] == ["b/2", "c/3"]


def test_integer_refs_need_no_refs_file(tmp_path):
    index = build_index([(str(n), doc) for n, (_, doc) in enumerate(DOCS)], ["title", "body"])
    manifest = write_sharded_index(index, str(tmp_path))
    assert manifest["refs"] == "identity"
    assert not (tmp_path / "refs.json").exists()


def test_doc_data_is_written_in_files_and_read_back_by_number(tmp_path):
    index = build_index(DOCS, ["title", "body"])
    records = [{"title": doc["title"], "n": n} for n, (_, doc) in enumerate(DOCS)]
    manifest = write_sharded_index(index, str(tmp_path), doc_data={"display": records}, docs_per_data_file=2)
    assert manifest["docData"]["display"] == {"path": "docdata/display/{n}.json", "docsPerFile": 2}
    assert json.loads((tmp_path / "docdata" / "display" / "1.json").read_text(encoding="utf-8")) == records[2:]
    [answer] = run_node([{"cmd": "docData", "dir": str(tmp_path), "name": "display", "docs": [2, 0]}])
    assert answer["values"] == [records[2], records[0]]


def test_manifest_version_changes_with_the_content(tmp_path):
    index = build_index(DOCS, ["title", "body"])
    first = write_sharded_index(index, str(tmp_path / "a"))["version"]
    again = write_sharded_index(index, str(tmp_path / "b"))["version"]
    changed = write_sharded_index(build_index(DOCS[:2], ["title", "body"]), str(tmp_path / "c"))["version"]
    assert first == again
    assert changed != first


@pytest.mark.parametrize("name", CORPORA)
def test_shard_count_follows_the_size_target(tmp_path, name):
    docs = [(str(n), {"body": rec["body"]}) for n, rec in enumerate(corpus(name)[:600])]
    index = build_index(docs, ["body"])
    small = write_sharded_index(index, str(tmp_path / "small"), target_shard_gzip_bytes=5_000)
    large = write_sharded_index(index, str(tmp_path / "large"), target_shard_gzip_bytes=50_000)
    assert small["shards"]["count"] > 5 * large["shards"]["count"] >= 5
