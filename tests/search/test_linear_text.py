"""The search text extraction is linear in its input: the single-pass link scan and the trimmers
give the answers of the regular expressions they replaced, without their quadratic cost on runs
of ``[`` or of non-word characters."""

from __future__ import annotations

import random
import re
import time

import pytest

from archive.search.documents import _IMAGE_OR_LINK, _link_texts, plain_text
from archive.search.text import TermPipeline, trim_ascii, trim_unicode

#: Each of these took minutes before (a 256 KiB line of '[' about 9 minutes).
LIMIT = 0.5
SIZE = 256 * 1024


def test_the_link_scan_gives_what_the_expression_gives() -> None:
    rng = random.Random(3)
    for _ in range(60_000):
        text = "".join(rng.choice("[]()!\na ") for _ in range(rng.randint(0, 30)))
        assert _link_texts(text) == _IMAGE_OR_LINK.sub(r" \1 ", text), repr(text)


@pytest.mark.parametrize(
    "text, words",
    [
        ("See [the report](https://example.org/r) and ![a map](map.png).", "See  the report  and  a map ."),
        ("[ref][1] and [unclosed", " ref  and [unclosed"),
        ("a [b\nc] d", "a [b\nc] d"),
    ],
)
def test_link_texts_keep_their_words(text: str, words: str) -> None:
    assert _link_texts(text) == words


_TRIM = re.compile(r"^[^A-Za-z0-9_]+|[^A-Za-z0-9_]+\Z")


def test_the_trimmers_give_what_lunrs_expression_gives() -> None:
    rng = random.Random(4)
    for _ in range(60_000):
        token = "".join(rng.choice("ab_1!-. é²й") for _ in range(rng.randint(0, 12)))
        assert trim_ascii(token) == _TRIM.sub("", token), repr(token)
        if token.isascii():
            assert trim_unicode(token) == _TRIM.sub("", token), repr(token)


@pytest.mark.parametrize("unit", ["[", "![", "[a](", "[a][", "](", "<", "<a", "{", "{:", "&#1", "```\n", "a!"])
def test_plain_text_and_terms_of_a_long_run_are_quick(unit: str) -> None:
    text = (unit * (SIZE // len(unit) + 1))[:SIZE]
    pipeline = TermPipeline(cyrillic=True)
    started = time.process_time()
    pipeline.terms(plain_text(text))
    assert time.process_time() - started < LIMIT


@pytest.mark.parametrize("token", ["a" + "!" * SIZE + "a", "é" + "!" * SIZE + "é", "!" * SIZE])
def test_trimming_a_long_token_is_quick(token: str) -> None:
    started = time.process_time()
    trim_ascii(token)
    trim_unicode(token)
    assert time.process_time() - started < LIMIT
