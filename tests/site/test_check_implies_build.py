"""Property: every article ``archive check`` accepts builds, whatever its body holds.

Hypothesis draws bodies from the pieces that have broken Markdown and the sanitiser before;
those the check accepts are put into one archive, which must build (a real ``mkdocs build``),
with no traceback, and show each body's page.
"""

from __future__ import annotations

import os
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.read.article import check_article_text
from archive.read.gazetteer import find_gazetteer_files, load_gazetteer
from archive.read.problems import ProblemLog
from sitebuild import FIXTURE, build_fixture, copy_fixture, page

BUILDS = max(1, int(os.environ.get("ARCHIVE_HYPOTHESIS_EXAMPLES", "150")) // 50)
PIECES = ["<", ">", "[", "](", "![", "`", "```\n", "{#a}", "{: .note}", "- ", "> ", "    ", "\n", "\n\n", "*", "_",
          "&lt;", '<div markdown="1">', "</div>", "[x](../y/)", "[x](https://example.org/)", "#", "|", "---", "\\",
          "<!--", "-->", "<details>", "<summary>", "<table><tr><td>", "1. ", "[^1]", "[^1]: note", "Київ", "<b>", "</b>",
          "<img src=\"../../media/x.png\" alt=\"x\">", "<abbr title=\"t\">", "*" * 30, "[" * 40, "- " * 15]
ARTICLE = """---
title: Generated report {n}
date: 2024-03-{day:02d}
regions: [ru-bel]
actors: [ru-mod]
sources:
  - publisher: Example News
    url: https://example.org/{n}
    archived: https://web.archive.org/web/20240301000000/https://example.org/{n}
---
{body}
"""


@settings(max_examples=BUILDS, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(PIECES) | st.text(max_size=5), min_size=1, max_size=40), min_size=10, max_size=10))
def test_what_the_check_accepts_builds(tmp_path_factory, bodies):
    log = ProblemLog()
    gazetteer = load_gazetteer(find_gazetteer_files(FIXTURE / "gazetteer"), log)
    tmp = tmp_path_factory.mktemp("property")
    docs = copy_fixture(tmp / "docs")
    accepted = []
    for n, pieces in enumerate(bodies):
        name = f"2024-03-{n + 1:02d}-generated-{n}"
        text = ARTICLE.format(n=n, day=n + 1, body="".join(pieces))
        problems = ProblemLog()
        check_article_text(text, f"{name}.md", name, gazetteer, date(2024, 12, 31), problems)
        if not problems.errors:
            (docs / "articles" / "2024" / f"{name}.md").write_text(text, encoding="utf-8")
            accepted.append(name)
    if not accepted:
        return
    site, result = build_fixture(tmp, docs=docs, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    for name in accepted:
        assert page(site, f"articles/2024/{name}/").exists(), name
