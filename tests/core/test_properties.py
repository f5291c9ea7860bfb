"""Properties over generated input: no input ever gives a traceback, and what the check accepts builds.

A bounded number of examples runs with the suite; ``nox -s properties`` (or
``ARCHIVE_HYPOTHESIS_EXAMPLES=2000``) runs many more.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.contrib.importer import ImportOptions, read_reports
from archive.read.article import check_article_text
from archive.read.gazetteer import find_gazetteer_files, load_gazetteer
from archive.read.problems import ProblemLog

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "site"
EXAMPLES = int(os.environ.get("ARCHIVE_HYPOTHESIS_EXAMPLES", "150"))
TODAY = date(2024, 12, 31)

SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def gazetteer():
    log = ProblemLog()
    loaded = load_gazetteer(find_gazetteer_files(FIXTURE / "gazetteer"), log, today=TODAY)
    assert not log.errors
    return loaded


#: Pieces of YAML and Markdown that have broken parsers before, to be shuffled together.
YAML_PIECES = [
    "title: ",
    "date: ",
    "2024-03-12",
    "regions: ",
    "[ru-bel]",
    "actors: ",
    "[ru-mod]",
    "claims:",
    "sources:",
    "\n",
    "\n  - ",
    "\n    ",
    "value: ",
    "9" * 5000,
    "1e300",
    "-5",
    "0x1F",
    ".inf",
    "{",
    "}",
    "[",
    "]",
    ": ",
    '"',
    "'",
    "\\ud800",
    "&a",
    "*a",
    "!!python/object",
    "<<: ",
    "#",
    " | ",
    "|",
    ">",
    "\t",
    "\u2028",
    "\u202e",
    "\u200b",
    "\x00",
    "\x85",
    "---",
    "...",
    "ü",
    "Київ",
    "?",
    "- ",
    "~",
    "null",
    "yes",
    "%YAML 1.1",
]
BODY_PIECES = [
    "<",
    ">",
    "<script>",
    "<img src=x onerror=alert(1)>",
    "[",
    "](",
    "![",
    "`",
    "```",
    "{#",
    "{: .x}",
    "- ",
    "> ",
    "    ",
    "\n",
    "\n\n",
    "*",
    "_",
    "&lt;",
    '<div markdown="1">',
    "</div>",
    "[x](javascript:1)",
    "https://example.org/",
    "#",
    "|",
    "---",
    "\\",
    "\u202e",
    "<!--",
    "-->",
]

HEAD = "---\ntitle: A report\ndate: 2024-03-12\nregions: [ru-bel]\nactors: [ru-mod]\nsources:\n  - publisher: X\n    url: https://example.org/a\n"


@SETTINGS
@given(st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=8), max_size=40), st.text(max_size=200))
def test_no_front_matter_gives_a_traceback(gazetteer, pieces, body):
    text = "---\n" + "".join(pieces) + "\n---\n" + body
    check_article_text(text, "2024-03-12-a-report.md", "2024-03-12-a-report.md", gazetteer, TODAY, ProblemLog())


@SETTINGS
@given(st.lists(st.sampled_from(BODY_PIECES) | st.text(max_size=6), max_size=60))
def test_no_body_gives_a_traceback(gazetteer, pieces):
    text = HEAD + "---\n" + "".join(pieces)
    check_article_text(text, "2024-03-12-a-report.md", "2024-03-12-a-report.md", gazetteer, TODAY, ProblemLog())


@SETTINGS
@given(st.text(max_size=300))
def test_no_text_at_all_gives_a_traceback(gazetteer, text):
    check_article_text(text, "2024-03-12-a-report.md", "2024-03-12-a-report.md", gazetteer, TODAY, ProblemLog())


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            YAML_PIECES
            + ["places:", "actors:", "tags:", "id: x", "names: {en: X}", "parent: ", "lat: ", "lon: ", "in_office_on: ", "banana"]
        )
        | st.text(max_size=8),
        max_size=40,
    )
)
def test_no_gazetteer_file_gives_a_traceback(tmp_path_factory, pieces):
    folder = tmp_path_factory.mktemp("gazetteer")
    (folder / "places.yml").write_text("".join(pieces), encoding="utf-8", errors="surrogatepass")
    load_gazetteer(find_gazetteer_files(folder), ProblemLog(), today=TODAY)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=10,
)


@SETTINGS
@given(
    st.lists(
        st.dictionaries(st.sampled_from(["title", "date", "body", "url", "publisher", "language", "x"]), JSON_VALUES)
        | st.binary(max_size=60),
        max_size=5,
    )
)
def test_no_import_line_gives_a_traceback(tmp_path_factory, records):
    folder = tmp_path_factory.mktemp("import")
    lines = [json.dumps(r).encode() if isinstance(r, dict) else r.replace(b"\n", b" ") for r in records]
    path = folder / "reports.jsonl"
    path.write_bytes(b"\n".join(lines))
    list(read_reports(path, "reports.jsonl", ImportOptions(today=TODAY)))


@SETTINGS
@given(st.binary(max_size=300))
def test_no_text_report_gives_a_traceback(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("import") / "report.txt"
    path.write_bytes(data)
    list(read_reports(path, "report.txt", ImportOptions(today=TODAY)))
