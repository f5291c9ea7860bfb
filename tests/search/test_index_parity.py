"""The Python-built index is lunr.js's index: same JSON, same search results,
and the sharded loader returns exactly the monolithic results."""

from __future__ import annotations

import json
import unicodedata

import pytest
from search_helpers import CORPORA, assert_same_results, corpus, run_node

from archive.search import build_index, dump_lunr_json, to_lunr_json, write_sharded_index
from archive.search.text import tokenize, trim_ascii, trim_unicode

FIELDS = [("title", 10), ("body", 1)]
JS_FIELDS = [{"name": "title", "boost": 10}, {"name": "body"}]

QUERIES = [
    "russia",
    "ukraine",
    "putin",
    "kyiv",
    "war",
    "sanctions",
    "nato",
    "gas",
    "military",
    "attack",
    "day",
    "today",
    "monday",
    "way",
    "country",
    "military aid",
    "russian troops",
    "energy prices",
    "grain exports",
    "president zelensky",
    "+russia +ukraine",
    "+putin -biden",
    "russia -ukraine",
    "-russia",
    "+sanctions oil",
    "title:ukraine",
    "title:russia body:putin",
    "title:war^5 peace",
    "body:today",
    "putin^10 biden",
    "belg*",
    "ukr*",
    "*grad",
    "k*v",
    "s*ion",
    "sanction*",
    "kursk~1",
    "ukrane~1",
    "russa~1 gas",
    "kiev~1",
    "zelenskyy~2",
    "moscow~1 +kremlin",
    "Ukraine's",
    "",
]


def _doc(rec):
    return {"title": rec["title"], "body": rec["body"]}


def english_docs(records: list, n: int = 200, *, trimmers_agree: bool) -> list:
    """n English articles of ``records``, about a fifth of them long, chosen deterministically.

    With ``trimmers_agree`` only articles in which lunr.js's ASCII trimmer and
    the Unicode trimmer cut every token the same way (the two builders can
    then only differ by a bug).
    """
    short, long = [], []
    for rec in records:
        if rec["language"] != "en":
            continue
        tokens = tokenize(rec["title"] + " " + rec["body"])
        if trimmers_agree and any(trim_ascii(t) != trim_unicode(t) for t in tokens):
            continue
        (long if len(tokens) > 500 else short).append(rec)
    n_long = n // 5
    picked = short[:: max(1, len(short) // (n - n_long))][: n - n_long] + long[:: max(1, len(long) // n_long)][:n_long]
    assert len(picked) == n
    return [(str(i), _doc(rec)) for i, rec in enumerate(picked)]


@pytest.fixture(scope="module", params=CORPORA)
def parity(request, tmp_path_factory):
    """Both indexes built, both searched, the sharded loader run: once per module and corpus."""
    tmp = tmp_path_factory.mktemp("parity")
    docs = english_docs(corpus(request.param), trimmers_agree=True)
    index = build_index(docs, FIELDS)
    py_json = tmp / "python.json"
    py_json.write_text(dump_lunr_json(index), encoding="utf-8")
    shard_dir = tmp / "shards"
    manifest = write_sharded_index(index, str(shard_dir), target_shard_gzip_bytes=3000, target_chunk_gzip_bytes=800)
    js_json = tmp / "lunrjs.json"
    js_docs = [dict(ref=ref, **doc) for ref, doc in docs]
    answers = run_node(
        [
            {"cmd": "build", "fields": JS_FIELDS, "docs": js_docs, "out": str(js_json)},
            {"cmd": "search", "index": str(js_json), "queries": QUERIES},
            {"cmd": "search", "index": str(py_json), "queries": QUERIES},
            {"cmd": "shards", "dir": str(shard_dir), "queries": QUERIES, "cold": True},
            {"cmd": "shards", "dir": str(shard_dir), "queries": QUERIES + QUERIES[::-1]},
        ]
    )
    return {
        "docs": docs,
        "index": index,
        "manifest": manifest,
        "py_json": json.loads(py_json.read_text(encoding="utf-8")),
        "js_json": json.loads(js_json.read_text(encoding="utf-8")),
        "js": answers[1]["answers"],
        "py": answers[2]["answers"],
        "sharded_cold": answers[3]["answers"],
        "sharded_warm": answers[4]["answers"],
    }


def test_python_index_json_equals_lunr_js_index_json(parity):
    assert parity["py_json"] == parity["js_json"]


def test_cyrillic_option_leaves_english_text_alone(parity):
    with_cyrillic = to_lunr_json(build_index(parity["docs"], FIELDS, cyrillic=True))
    assert with_cyrillic.pop("pipeline") == ["stemmer", "archiveCyrillic"]
    expected = dict(parity["js_json"])
    expected.pop("pipeline")
    assert with_cyrillic == expected


def test_to_lunr_json_equals_dump_lunr_json(parity):
    assert to_lunr_json(parity["index"]) == parity["py_json"]


@pytest.mark.parametrize("name", CORPORA)
def test_ascii_trimmer_mode_reproduces_lunr_js_on_any_english_text(tmp_path, name):
    docs = english_docs(corpus(name), 120, trimmers_agree=False)
    index = build_index(docs, FIELDS, trimmer="ascii")
    out = tmp_path / "lunrjs.json"
    run_node([{"cmd": "build", "fields": JS_FIELDS, "docs": [dict(ref=r, **d) for r, d in docs], "out": str(out)}])
    assert dump_lunr_json(index) == out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CORPORA)
def test_ascii_trimmer_mode_reproduces_lunr_js_on_text_in_every_language(tmp_path, name):
    """Every tenth article, whatever its language, in NFC (the form browsers send and the builder reads)."""
    docs = [
        (str(n), {field: unicodedata.normalize("NFC", rec[field]) for field in ("title", "body")})
        for n, rec in enumerate(corpus(name)[::10])
    ]
    assert len({rec["language"] for rec in corpus(name)[::10]}) >= 2
    index = build_index(docs, FIELDS, trimmer="ascii")
    out = tmp_path / "lunrjs.json"
    run_node([{"cmd": "build", "fields": JS_FIELDS, "docs": [dict(ref=r, **d) for r, d in docs], "out": str(out)}])
    assert dump_lunr_json(index) == out.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CORPORA)
def test_document_boosts_match_lunr_js(tmp_path, name):
    from archive.search import IndexBuilder

    docs = english_docs(corpus(name), 40, trimmers_agree=True)
    builder = IndexBuilder(FIELDS)
    js_docs = []
    for n, (ref, doc) in enumerate(docs):
        boost = 1 + (n % 4) * 0.5
        builder.add(ref, doc, boost=boost)
        js_docs.append(dict(ref=ref, __boost=boost, **doc))
    out = tmp_path / "lunrjs.json"
    run_node([{"cmd": "build", "fields": JS_FIELDS, "docs": js_docs, "out": str(out)}])
    assert to_lunr_json(builder.build()) == json.loads(out.read_text(encoding="utf-8"))


def test_queries_exercise_the_index(parity):
    found = [q for q, a in zip(QUERIES, parity["js"]) if a["results"]]
    assert len(found) >= 37, f"too few queries find anything: {found}"


@pytest.mark.parametrize("n", range(len(QUERIES)), ids=[q or "<empty>" for q in QUERIES])
def test_python_index_in_lunr_js_gives_lunr_js_results(parity, n):
    py, js = parity["py"][n], parity["js"][n]
    assert py["error"] is None and js["error"] is None
    assert_same_results(py["results"], js["results"], QUERIES[n])


@pytest.mark.parametrize("n", range(len(QUERIES)), ids=[q or "<empty>" for q in QUERIES])
def test_sharded_loader_gives_monolithic_results(parity, n):
    sharded, mono = parity["sharded_cold"][n], parity["py"][n]
    assert sharded["error"] is None
    assert_same_results(sharded["results"], mono["results"], QUERIES[n], tol=0.0)


def test_sharded_loader_with_warm_cache_gives_monolithic_results(parity):
    expected = parity["py"] + parity["py"][::-1]
    queries = QUERIES + QUERIES[::-1]
    for q, got, want in zip(queries, parity["sharded_warm"], expected):
        assert_same_results(got["results"], want["results"], q, tol=0.0)


def test_exact_query_fetches_the_manifest_and_one_shard(parity):
    stats = parity["sharded_cold"][QUERIES.index("russia")]["stats"]
    assert stats["files"][0] == "manifest.json"
    assert [f.split("/")[0] for f in stats["files"][1:]] == ["shards"]


def test_narrow_prefix_wildcard_fetches_only_the_shards_of_its_prefix(parity):
    files = parity["sharded_cold"][QUERIES.index("belg*")]["stats"]["files"]
    assert files[0] == "manifest.json"
    assert all(f.startswith("shards/") for f in files[1:]) and 1 <= len(files[1:]) <= 2


def test_broad_prefix_wildcard_reads_only_the_term_chunks_of_its_prefix(parity):
    assert parity["manifest"]["termChunks"]["count"] >= 10
    first = parity["manifest"]["shards"]["first"]
    assert sum(f.startswith("s") for f in first) > 2
    files = parity["sharded_cold"][QUERIES.index("s*ion")]["stats"]["files"]
    assert 1 <= sum(f.startswith("terms/") for f in files) <= 2


def test_fuzzy_query_reads_the_whole_term_list(parity):
    files = parity["sharded_cold"][QUERIES.index("kursk~1")]["stats"]["files"]
    assert sum(f.startswith("terms/") for f in files) == parity["manifest"]["termChunks"]["count"]


def test_sharded_files_are_smaller_than_the_monolithic_index(parity):
    sharded = sum(parity["manifest"]["files"].values())
    mono = len(json.dumps(parity["py_json"], separators=(",", ":")).encode("utf-8"))
    assert sharded < mono
