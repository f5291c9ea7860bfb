"""Tokenizer, lowercasing, trimmer and stemmers agree with lunr.js / the JS loader."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from search_helpers import CORPORA, corpus, run_node

from archive.search.text import (
    CYRILLIC_ENDINGS,
    JS_SEPARATOR_CHARS,
    TermPipeline,
    cyrillic_stem,
    porter_stem,
    tokenize,
    trim_ascii,
    trim_unicode,
)

SPECIAL_WORDS = [
    "day",
    "days",
    "way",
    "today",
    "monday",
    "attorney",
    "attorneys",
    "cry",
    "cries",
    "by",
    "say",
    "sky",
    "happy",
    "employ",
    "yelling",
    "yesterday",
    "y",
    "ya",
    "yyy",
    "café",
    "cafés",
    "naïve",
    "київ",
    "києві",
    "белгородской",
    "белгород",
    "well-known",
    "ukraine's",
    "ukraine’s",
    "don't",
    "o'clock",
    "rock'n'roll",
    "caresses",
    "ponies",
    "ties",
    "caress",
    "cats",
    "feed",
    "agreed",
    "plastered",
    "motoring",
    "sing",
    "conflated",
    "troubled",
    "sized",
    "hopping",
    "tanned",
    "falling",
    "hissing",
    "fizzed",
    "failing",
    "filing",
    "happy",
    "relational",
    "conditional",
    "rational",
    "valenci",
    "hesitanci",
    "digitizer",
    "conformabli",
    "radicalli",
    "differentli",
    "vileli",
    "analogousli",
    "vietnamization",
    "predication",
    "operator",
    "feudalism",
    "decisiveness",
    "hopefulness",
    "callousness",
    "formaliti",
    "sensitiviti",
    "sensibiliti",
    "triplicate",
    "formative",
    "formalize",
    "electriciti",
    "electrical",
    "hopeful",
    "goodness",
    "revival",
    "allowance",
    "inference",
    "airliner",
    "gyroscopic",
    "adjustable",
    "defensible",
    "irritant",
    "replacement",
    "adjustment",
    "dependent",
    "adoption",
    "homologou",
    "communism",
    "activate",
    "angulariti",
    "homologous",
    "effective",
    "bowdlerize",
    "probate",
    "rate",
    "cease",
    "controll",
    "roll",
    "2022",
    "covid-19",
    "x",
    "xy",
    "",
    # outside the Basic Multilingual Plane (JavaScript sees surrogate pairs)
    "𐐨𐐨ies",
    "y𐐨y",
    "𝐃ays",
    "😀ing",
]


def corpus_words(records: list, limit: int = 6000) -> list:
    """Distinct lowercased tokens of a corpus's articles, both trimmers' forms."""
    words = []
    seen = set()
    for rec in records:
        for tok in tokenize(rec["title"] + " " + rec["body"]):
            for w in (tok, trim_ascii(tok), trim_unicode(tok)):
                if w not in seen:
                    seen.add(w)
                    words.append(w)
        if len(words) >= limit:
            break
    return words


@pytest.mark.parametrize("name", CORPORA)
def test_porter_stemmer_matches_lunr_js_on_the_words_of_a_corpus(name):
    words = corpus_words(corpus(name)) + SPECIAL_WORDS
    assert len(words) > 5000
    [answer] = run_node([{"cmd": "stem", "words": words}])
    mismatches = [(w, p, j) for w, p, j in zip(words, map(porter_stem, words), answer["stems"]) if p != j]
    assert mismatches == []


def test_stemmer_step_1c_turns_y_into_i_only_after_a_consonant():
    got = {w: porter_stem(w) for w in ["day", "way", "today", "monday", "attorney", "cry", "happy", "by"]}
    assert got == {
        "day": "day",
        "way": "way",
        "today": "today",
        "monday": "monday",
        "attorney": "attorney",
        "cry": "cri",
        "happy": "happi",
        "by": "by",
    }


def cyrillic_words(records: list) -> list:
    """Distinct lowercased tokens of a corpus's titles and bodies with a Cyrillic letter."""
    words = {}
    for rec in records:
        for w in tokenize(rec["title"] + " " + rec["body"]):
            if any("\u0400" <= c <= "\u04ff" for c in w):
                words.setdefault(w, None)
    return list(words)


@pytest.mark.parametrize("name", CORPORA)
def test_cyrillic_stemmer_matches_the_js_loader(name):
    stems = ["белгород", "київ", "киев", "курск", "харків", "донецьк", "луганськ", "мар'їнк", "запоріж", "семён"]
    endings = [""] + sorted(set(CYRILLIC_ENDINGS)) + ["ской", "ская", "ського", "ської", "ськ"]
    words = [s + e for s in stems for e in endings]
    words += ["мар’їнка", "марʼїнка", "ёлка", "ab", "абв", "мир", "мы", "kyiv", "київ-2", "київ2", "зеленський"]
    words += cyrillic_words(corpus(name))
    [answer] = run_node([{"cmd": "cyrillic", "words": words}])
    assert [cyrillic_stem(w) for w in words] == answer["stems"]


def test_cyrillic_stemmer_folds_oblast_adjectives_onto_the_city():
    assert {cyrillic_stem(w) for w in ["белгород", "белгорода", "белгородской", "белгородская", "белгородский"]} == {"белгород"}
    assert cyrillic_stem("курской") == cyrillic_stem("курск")
    assert cyrillic_stem("kyiv") == "kyiv"


def test_separator_is_lunr_tokenizer_separator():
    [answer] = run_node([{"cmd": "separators"}])
    assert answer["codeUnits"] == sorted(ord(c) for c in JS_SEPARATOR_CHARS)


def test_tokenizer_splits_like_lunr_tokenizer():
    texts = [
        "Hello, World! well-known  e-mail\tTAB\nline",
        "odd\x1cspace\x1d\x1e\x1fand\x85nel\ufeffbom\u00a0nbsp\u2028ls\u3000ideo",
        "Київ — Белгородской; café's “quoted” 10:30 ½ x²",
        "ΣΊΣΥΦΟΣ İstanbul ǅemal ß Ǆ",
        "",
        "---",
    ]
    answers = run_node([{"cmd": "tokenize", "text": t} for t in texts])
    for text, answer in zip(texts, answers):
        assert tokenize(text) == answer["tokens"], text


@pytest.mark.parametrize("name", CORPORA)
def test_tokenizer_splits_the_texts_of_a_corpus_like_lunr_tokenizer(name):
    """Every title, and every fourth body: links, emoji, no-break spaces, tabs, NFD text and all."""
    records = corpus(name)
    texts = [rec["title"] for rec in records] + [rec["body"] for rec in records[::4]]
    answers = run_node([{"cmd": "tokenize", "text": unicodedata.normalize("NFC", t)} for t in texts])
    mismatches = [t[:80] for t, answer in zip(texts, answers) if tokenize(t) != answer["tokens"]]
    assert mismatches == []


def test_lowercase_matches_javascript_for_assigned_characters():
    chars = [
        chr(c)
        for c in range(0x110000)
        if not 0xD800 <= c <= 0xDFFF and unicodedata.category(chr(c)) != "Cn" and chr(c).lower() != chr(c)
    ]
    [answer] = run_node([{"cmd": "lower", "strings": chars}])
    assert [c.lower() for c in chars] == answer["strings"], (
        f"Unicode {unicodedata.unidata_version} (Python {sys.version_info[:2]})"
    )


def test_unicode_trimmer_equals_lunr_trimmer_on_ascii_tokens():
    tokens = ["(hello)", "'quoted'", "--", "...", "a_b", "_x_", "x.", "u.s.", "100%", "$5"]
    assert [trim_unicode(t) for t in tokens] == [trim_ascii(t) for t in tokens]


def test_unicode_trimmer_keeps_cyrillic_and_accented_words():
    assert trim_unicode("«Київ»,") == "Київ"
    assert trim_unicode("café") == "café"
    assert trim_ascii("café") == "caf"
    assert trim_ascii("Київ") == ""


def test_a_token_trimmed_to_nothing_is_kept_as_the_empty_term_like_lunr():
    pipeline = TermPipeline()
    counts, length = pipeline.count("war — peace")
    assert dict(counts) == {"war": 1, "": 1, "peac": 1}
    assert length == 3
