"""Words in any script are indexed so that the browser's query pipeline finds them."""

from __future__ import annotations

import json

import pytest
from search_helpers import run_node

from archive.search import build_index, dump_lunr_json, write_sharded_index

DOCS = [
    ("0", {"title": "Обстріл Києва", "body": "Київ і Белгород: удари по Белгородской области, Київ знову."}),
    ("1", {"title": "Kyiv and Belgorod", "body": "Shelling near Belgorod; Kyiv says the day was quiet."}),
    ("2", {"title": "Café culture", "body": "A café in Kraków reopened (café owners said)."}),
    ("3", {"title": "Белгородская область", "body": "Губернатор Белгородской области сообщил об атаке."}),
    ("4", {"title": "Курская область", "body": "В Курской области и в Курске сбиты дроны."}),
]
FIELDS = [("title", 10), ("body", 1)]
QUERIES = [
    "Київ",
    "київ",
    "Белгород",
    "Белгородской",
    "белгородская",
    "Курск",
    "café",
    "Kraków",
    "kyiv",
    "body:Київ",
    "title:Белгород",
]


def _refs(answer):
    return sorted(r["ref"] for r in answer["results"])


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cyrillic")
    index = build_index(DOCS, FIELDS, cyrillic=True)
    (tmp / "index.json").write_text(dump_lunr_json(index), encoding="utf-8")
    write_sharded_index(index, str(tmp / "shards"), shard_count=3)
    js_docs = [dict(ref=r, **d) for r, d in DOCS]
    out = run_node(
        [
            {"cmd": "search", "index": str(tmp / "index.json"), "queries": QUERIES},
            {"cmd": "shards", "dir": str(tmp / "shards"), "queries": QUERIES, "cold": True},
            {
                "cmd": "build",
                "fields": [{"name": "title", "boost": 10}, {"name": "body"}],
                "docs": js_docs,
                "out": str(tmp / "lunrjs.json"),
            },
            {"cmd": "search", "index": str(tmp / "lunrjs.json"), "queries": QUERIES},
        ]
    )
    return {q: (m, s, j) for q, m, s, j in zip(QUERIES, out[0]["answers"], out[1]["answers"], out[3]["answers"])}


def test_cyrillic_place_names_are_found_by_the_browser_query_pipeline(answers):
    mono, sharded, _ = answers["Київ"]
    assert _refs(mono) == ["0"]
    assert _refs(sharded) == ["0"]


def test_oblast_adjective_finds_the_city(answers):
    assert _refs(answers["Белгород"][0]) == ["0", "3"]
    assert _refs(answers["Белгородской"][0]) == ["0", "3"]
    assert _refs(answers["белгородская"][1]) == ["0", "3"]
    assert _refs(answers["Курск"][0]) == ["4"]


def test_accented_words_keep_their_letters(answers):
    assert _refs(answers["café"][0]) == ["2"]
    assert _refs(answers["Kraków"][1]) == ["2"]


def test_field_query_in_cyrillic(answers):
    assert _refs(answers["body:Київ"][0]) == ["0"]
    assert _refs(answers["title:Белгород"][1]) == ["3"]


def test_lunr_js_own_builder_loses_these_words(answers):
    # the point of building in Python: lunr.js's ASCII trimmer erases Cyrillic
    # words and cuts "café" to "caf", so its own index cannot find them
    lunrjs = {q: _refs(a[2]) for q, a in answers.items()}
    assert lunrjs["Київ"] == [] and lunrjs["Белгород"] == [] and lunrjs["café"] == []
    assert lunrjs["kyiv"] == ["1"]


def test_terms_outside_the_bmp_sort_like_javascript_and_load(tmp_path):
    # U+10428 (a surrogate pair in UTF-16) sorts before U+FF5A in JavaScript,
    # after it in Python; lunr's TokenSet builder throws on the wrong order
    docs = [("0", {"body": "\U00010428x ｚeta 𝐃ays plain"}), ("1", {"body": "ｚeta plain"})]
    index = build_index(docs, ["body"])
    (tmp_path / "index.json").write_text(dump_lunr_json(index), encoding="utf-8")
    write_sharded_index(index, str(tmp_path / "shards"), shard_count=2)
    queries = ["\U00010428x", "ｚeta", "𝐃ays", "𝐃a*", "plain"]
    mono, sharded = run_node(
        [
            {"cmd": "search", "index": str(tmp_path / "index.json"), "queries": queries},
            {"cmd": "shards", "dir": str(tmp_path / "shards"), "queries": queries},
        ]
    )
    got = [_refs(a) for a in mono["answers"]]
    assert got == [["0"], ["0", "1"], ["0"], ["0"], ["0", "1"]]
    assert [_refs(a) for a in sharded["answers"]] == got
    terms = [t for t, _ in json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))["invertedIndex"]]
    assert terms.index("\U00010428x") < terms.index("ｚeta")
