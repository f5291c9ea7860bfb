"""The generated corpus (tests/fixtures/corpus) holds what the parity and scale tests rely on.

The search tests run on it on every machine, so what they check is only as broad as the corpus:
these tests keep it from shrinking into something easy (one language, no long articles, no
awkward characters) when the generator is changed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date

import pytest
from search_helpers import corpus, corpus_module

from archive.format.rules import url_problem
from archive.search.text import tokenize, trim_ascii, trim_unicode


@pytest.fixture(scope="module")
def records() -> list:
    return corpus("generated")


def test_the_same_seed_gives_the_same_records_and_another_seed_others():
    make = corpus_module()
    first = make.Corpus(11).records(150)
    assert make.Corpus(11).records(150) == first
    other = make.Corpus(12).records(150)
    assert [r["body"] for r in other] != [r["body"] for r in first]


def test_records_have_the_fields_of_the_real_corpus_and_of_archive_import(records):
    make = corpus_module()
    assert len(records) == make.DEFAULT_SIZE
    for rec in records:
        assert tuple(rec) == make.FIELDS
        assert all(isinstance(v, str) for v in rec.values())
        assert rec["title"].strip() and rec["body"].strip() and rec["publisher"].strip()
        assert date(2022, 1, 1) <= date.fromisoformat(rec["date"]) <= date(2023, 12, 31)
        assert rec["url"] == "" or url_problem(rec["url"]) == "", rec["url"]
    assert [r["date"] for r in records] == sorted(r["date"] for r in records)


def test_the_corpus_mixes_languages_long_articles_and_short_items(records):
    languages = {}
    for rec in records:
        languages[rec["language"]] = languages.get(rec["language"], 0) + 1
    assert set(languages) == {"en", "pl", "uk", "ru", "de"}
    assert languages["en"] > len(records) / 2 and min(languages.values()) >= 50
    lengths = sorted(len(rec["body"]) for rec in records)
    assert lengths[0] < 100 and lengths[len(lengths) // 2] < 1000 and lengths[-1] > 20_000
    assert sum(1 for rec in records if not rec["url"]) >= 300  # full-text articles have no link


def test_there_are_enough_english_articles_for_the_index_parity_tests(records):
    """test_index_parity picks 200 English articles, a fifth of them long, all trimmers agreeing."""
    agree_short = agree_long = differ = 0
    for rec in records:
        if rec["language"] != "en":
            continue
        tokens = tokenize(rec["title"] + " " + rec["body"])
        if any(trim_ascii(t) != trim_unicode(t) for t in tokens):
            differ += 1
        elif len(tokens) > 500:
            agree_long += 1
        else:
            agree_short += 1
    assert agree_short >= 2 * 160 and agree_long >= 2 * 40
    assert differ >= 100  # the ASCII-trimmer test also sees accented and Cyrillic words in English text


def test_the_first_six_hundred_reports_are_big_enough_for_the_shard_tests(records):
    assert sum(len(rec["body"]) for rec in records[:600]) > 500_000
    assert len({t for rec in records[:300] for t in tokenize(rec["body"])}) > 3000


FEATURES = {
    "a Ukrainian apostrophe U+0027": re.compile(r"[а-яіїєґ]'[а-яіїєґ]", re.I),
    "a Ukrainian apostrophe U+2019": re.compile(r"[а-яіїєґ]’[а-яіїєґ]", re.I),
    "a Ukrainian apostrophe U+02BC": re.compile(r"[а-яіїєґ]ʼ[а-яіїєґ]", re.I),
    "Ukrainian letters": re.compile(r"[їєґ]"),
    "Russian ё and ъ": re.compile(r"ё.*ъ|ъ.*ё", re.S),
    "Polish letters": re.compile(r"[ąćęłńśźż]"),
    "German letters": re.compile(r"ß.*[äöü]|[äöü].*ß", re.S),
    "an emoji outside the BMP": re.compile(r"[\U0001F300-\U0001FAFF]"),
    "a variation selector": re.compile("\ufe0f"),
    "mathematical bold letters": re.compile(r"[\U0001D400-\U0001D433]"),
    "a no-break space": re.compile("\u00a0"),
    "a narrow no-break space": re.compile("\u202f"),
    "a zero-width space": re.compile("\u200b"),
    "a tab": re.compile("\t"),
    "a link": re.compile(r"https://[\w.]+/\S+"),
    "a link with a query string": re.compile(r"\?utm_source="),
    "an e-mail address": re.compile(r"\w@[\w.]+"),
    "a hashtag": re.compile(r"#\w"),
    "a Markdown heading": re.compile(r"(?m)^## "),
    "a Markdown list": re.compile(r"(?m)^[*-] "),
    "a table row": re.compile(r"(?m)^\| .* \|$"),
    "an HTML-like tag": re.compile(r"<b>|<br>"),
    "curly quotes": re.compile(r"“[^”]+”"),
    "guillemets": re.compile(r"«[^»]+»"),
    "Polish quotes": re.compile(r"„[^”]+”"),
    "an em dash": re.compile("—"),
    "an ellipsis": re.compile("…"),
    "a hyphenated word": re.compile(r"\w-\w"),
    "a possessive": re.compile(r"\w['’]s\b"),
    "a number with thousands separators": re.compile(r"\d,\d{3}\b"),
    "a decimal comma": re.compile(r"\d,\d\b"),
    "a percentage": re.compile(r"\d%"),
    "a time": re.compile(r"\b\d{2}:\d{2}\b"),
    "an ISO date": re.compile(r"\b20\d\d-\d\d-\d\d\b"),
    "a model name": re.compile(r"\b(Su|Kh|Il|S|F|T)-\d+"),
}


@pytest.mark.parametrize("feature", FEATURES, ids=list(FEATURES))
def test_the_corpus_holds_the_characters_real_feeds_carry(records, feature):
    pattern = FEATURES[feature]
    assert sum(1 for rec in records if pattern.search(rec["title"] + "\n" + rec["body"])) >= 3, feature


def test_some_texts_are_decomposed_like_text_pasted_from_some_systems(records):
    decomposed = [rec for rec in records if not unicodedata.is_normalized("NFC", rec["body"])]
    assert len(decomposed) >= 3
    assert all(rec["language"] != "en" for rec in decomposed)  # English texts stay comparable with lunr.js


def test_titles_are_sometimes_long_or_repeated_under_another_link(records):
    assert sum(1 for rec in records if len(rec["title"]) > 150) >= 10
    assert sum(1 for rec in records if len(rec["title"]) > 300) >= 1  # archive import shortens these
    by_title: dict = {}
    for rec in records:
        by_title.setdefault(rec["title"], set()).add(rec["url"])
    assert sum(1 for urls in by_title.values() if len(urls) > 1) >= 10


def test_the_command_line_writes_json_lines(tmp_path):
    out = tmp_path / "corpus.jsonl"
    assert corpus_module().main(["-n", "40", "--seed", "3", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == corpus_module().generate(40, 3)
