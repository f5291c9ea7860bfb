"""A malformed query gives an error object, not an exception."""

from __future__ import annotations

import pytest
from search_helpers import run_node

from archive.search import build_index, dump_lunr_json, write_sharded_index

BAD = ["title:", "+", "-", "nosuchfield:war", "war~x", "war^x", "title:+war"]


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("errors")
    index = build_index([("0", {"title": "War and peace", "body": "A long book about war."})], [("title", 10), "body"])
    (tmp / "index.json").write_text(dump_lunr_json(index), encoding="utf-8")
    write_sharded_index(index, str(tmp / "shards"))
    mono, sharded = run_node(
        [
            {"cmd": "search", "index": str(tmp / "index.json"), "queries": BAD + ["war"]},
            {"cmd": "shards", "dir": str(tmp / "shards"), "queries": BAD + ["war"]},
        ]
    )
    return dict(zip(BAD + ["war"], sharded["answers"])), dict(zip(BAD + ["war"], mono["answers"]))


@pytest.mark.parametrize("query", BAD)
def test_malformed_query_returns_a_query_parse_error_object(answers, query):
    sharded, mono = answers
    error = sharded[query]["error"]
    assert error["type"] == "QueryParseError"
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["start"], int) and isinstance(error["end"], int)
    assert sharded[query]["results"] == []
    assert mono[query]["error"] == error


def test_the_loader_still_answers_after_a_malformed_query(answers):
    sharded, _ = answers
    assert sharded["war"]["error"] is None
    assert [r["ref"] for r in sharded["war"]["results"]] == ["0"]


def test_a_missing_index_gives_a_load_error_object(tmp_path):
    [answer] = run_node([{"cmd": "shards", "dir": str(tmp_path / "nothing"), "queries": ["war"]}])
    error = answer["answers"][0]["error"]
    assert error["type"] == "LoadError"
    assert "manifest.json" in error["message"]
