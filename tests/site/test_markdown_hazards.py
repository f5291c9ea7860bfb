"""Markdown hazards in a real build: refused with a message at the line, never a traceback.

Lists nested 300 deep or 330 nested ``<div markdown="1">`` used to pass the check and crash the
build with RecursionError; 20,000 ``[`` took 49 s to build. The check and the build apply the
same limits (archive.read.markup), so a checked archive always builds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import build_fixture, copy_fixture

ARTICLE = """---
title: A hazard in the body
date: 2024-03-20
regions: [ru-bel]
actors: [ru-mod]
sources:
  - publisher: Example News
    url: https://example.org/hazard
    archived: https://web.archive.org/web/20240320000000/https://example.org/hazard
---
The first line of the text.

{body}
"""

HAZARDS = {
    # name: (body, words of the message, line of the file it is placed at)
    "2024-03-20-deep-list": ("- " * 300 + "deep", "nested 300 deep; the limit is 20", 13),
    "2024-03-20-deep-divs": ('<div markdown="1">\n' * 330 + "x\n" + "</div>\n" * 330, "nested more than 20 deep", 33),
    "2024-03-20-open-brackets": ("[" * 20_000, "never closed", 13),
}


@pytest.fixture(scope="module")
def hazard_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hazards")
    docs = copy_fixture(tmp / "docs")
    for name, (body, _, _) in HAZARDS.items():
        (docs / "articles" / "2024" / f"{name}.md").write_text(ARTICLE.format(body=body), encoding="utf-8")
    return build_fixture(tmp, docs=docs, strict=False)


def test_the_build_stops_with_a_message_per_hazard(hazard_build):
    _, result = hazard_build
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    for name, (_, words, line_number) in HAZARDS.items():
        line = next((line for line in result.stderr.splitlines() if f"{name}.md:" in line), "")
        assert words in line, (name, result.stderr[-3000:])
        assert f"{name}.md:{line_number}:" in line, line


def test_nothing_is_published(hazard_build):
    site, _ = hazard_build
    assert not site.exists() or not any(Path(site).rglob("*.html"))
