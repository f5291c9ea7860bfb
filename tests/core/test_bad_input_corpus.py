"""The bad-input corpus: every faulty file is named with its fault; every good file passes.

Files live in tests/corpus/bad and tests/corpus/good. They are dropped into a copy of the
sample archive, as a reviewer would find them in a pull request, and checked in one run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import pytest

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


class Case(NamedTuple):
    file: str
    line: int
    field: str
    message: str


BAD = [
    Case("2024-03-12-malformed-yaml.md", 2, "", "quoted value is never closed"),
    Case("2024-03-12-tab-indentation.md", 11, "", "tab character"),
    Case("2024-03-12-no-front-matter.md", 1, "", "no front matter"),
    Case("2024-03-12-empty-file.md", 1, "", "the file is empty"),
    Case("2024-03-12-not-utf8.md", 2, "", "not valid UTF-8"),
    Case("2024-03-12-binary-file.md", 3, "", "looks binary"),
    Case("2024-03-12-twenty-megabytes.md", 1, "", "the file is 20,000,037 bytes; the limit is 1,048,576 bytes (1 MiB)"),
    Case("2024-03-12-alias-bomb.md", 2, "", "anchors and aliases expand to more than"),
    Case("2024-03-12-nested-too-deep.md", 2, "", "nested more than"),
    Case("2024-03-12-duplicate-keys.md", 10, "title", "duplicate key 'title'"),
    Case("2024-03-12-unknown-key.md", 10, "sumary", "did you mean 'summary'?"),
    Case("2024-03-12-title-is-a-mapping.md", 2, "title", "expected text, got a mapping"),
    Case("2024-03-12-title-too-long.md", 2, "title", "the limit is 300"),
    Case("2024-03-12-figure-value-is-a-word.md", 15, "claims[0].figures[0].value", "expected a number, got the text 'many'"),
    Case("2024-02-30-impossible-date.md", 3, "date", "'2024-02-30' is not a real date"),
    Case("2099-01-01-future-date.md", 3, "date", "is in the future"),
    Case("2024-03-12-unknown-region.md", 4, "regions[0]", "did you mean 'ru-bel'?"),
    Case("2024-03-12-actor-listed-as-region.md", 4, "regions[0]", "'ru-mod' is an actor, not a region"),
    Case("2024-03-12-claim-without-claimant.md", 11, "claims[0]", "'claimant' is required"),
    Case("2024-03-12-unknown-claim-status.md", 13, "claims[0].status", "'confirmed' is not an allowed value"),
    Case("2024-03-12-unknown-evidence-kind.md", 11, "evidence[0].kind", "did you mean 'video'?"),
    Case("2024-03-12-claim-about-unknown-event.md", 14, "claims[0].about", "no event with id 'no-such-event'"),
    Case("2024-03-12-javascript-url.md", 8, "sources[0].url", "is not an http(s) link"),
    Case("2024-03-12-missing-sources.md", 2, "", "'sources' is required"),
    Case("2024-03-12-sources-is-text.md", 6, "sources", "expected a list"),
    Case("2024-03-13-date-differs-from-file-name.md", 3, "date", "does not match the file name"),
    Case("2024-03-12-front-matter-is-a-list.md", 2, "", "expected a mapping of article fields"),
    Case("2024-03-12-front-matter-not-closed.md", 1, "", "front matter is not closed"),
    Case("2024-03-12-empty-front-matter.md", 1, "", "the front matter is empty"),
    Case("2024-03-12-front-matter-only-comments.md", 1, "", "the front matter is empty"),
    Case("Not A Valid Id.md", 1, "", "is not a valid article id"),
    # Values that make sense (tests/core/test_value_rules.py has the gazetteer's and the warnings).
    Case("2024-03-12-negative-figure.md", 15, "claims[0].figures[0].value", "-5 is below the minimum of 0"),
    Case("2024-03-12-figure-of-5000-digits.md", 15, "claims[0].figures[0].value", "written with 5,000 digits; at most 13"),
    Case("2024-03-12-figure-of-1e300.md", 15, "claims[0].figures[0].value", "1e+300 is above the maximum of 1,000,000,000,000"),
    Case("2024-03-12-figure-min-above-max.md", 15, "claims[0].figures[0].min", "min (30) is greater than max (20)"),
    Case("2024-03-12-title-of-5000-quoted-digits.md", 10, "title_original", "is 5,000 characters long"),
    Case("2024-03-12-source-accessed-in-1990.md", 9, "sources[0].accessed", "about 34 years before the report's date"),
    Case("2024-03-12-correction-before-the-report.md", 11, "corrections[0].date", "3 years before the report's date"),
    Case("2024-03-12-check-before-its-claim.md", 16, "claims[0].checks[0].date", "before the claim it checks was made"),
    Case("2024-03-12-zero-width-space-in-title.md", 2, "title", "contains U+200B ZERO WIDTH SPACE"),
    Case("2024-03-12-bidi-override-in-claim.md", 12, "claims[0].claim", "contains U+202E RIGHT-TO-LEFT OVERRIDE"),
    Case("2024-03-12-line-separator-in-summary.md", 10, "summary", "contains U+2028 LINE SEPARATOR"),
    Case("2024-03-12-raw-next-line-in-summary.md", 10, "", "U+0085 NEXT LINE (NEL), which YAML reads as a line break"),
]

GOOD = sorted(p.name for p in (CORPUS / "good").glob("*.md"))


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Run ``archive check --format json`` once over the sample plus the whole corpus."""
    root = tmp_path_factory.mktemp("corpus") / "content"
    sample = Path(__file__).resolve().parents[2] / "content"
    shutil.copytree(sample / "gazetteer", root / "gazetteer")
    shutil.copytree(sample / "articles", root / "articles")
    target = root / "articles" / "2024"
    for path in list((CORPUS / "bad").iterdir()) + list((CORPUS / "good").iterdir()):
        shutil.copyfile(path, target / path.name)
    # 20 MB, made here rather than kept in the repository.
    with open(target / "2024-03-12-twenty-megabytes.md", "w", encoding="utf-8") as handle:
        handle.write("---\ntitle: Huge\ndate: 2024-03-12\n---\n" + "A" * 20_000_000)
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "archive", "check", "--format", "json", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=root.parent,
    )
    report = json.loads(completed.stdout)
    report["exit_status"] = completed.returncode
    report["seconds"] = time.monotonic() - started
    report["by_file"] = {}
    for problem in report["problems"]:
        report["by_file"].setdefault(Path(problem["path"]).name, []).append(problem)
    return report


@pytest.mark.parametrize("case", BAD, ids=[c.file for c in BAD])
def test_bad_file_is_named_with_its_fault(checked: dict, case: Case) -> None:
    errors = [p for p in checked["by_file"].get(case.file, []) if p["severity"] == "error"]
    assert errors, f"{case.file} was not reported"
    matching = [p for p in errors if case.message in p["message"] + " (" + p["hint"] + ")"]
    assert matching, f"{case.file}: no error mentions {case.message!r}: {errors}"
    assert (matching[0]["line"], matching[0]["field"]) == (case.line, case.field)


@pytest.mark.parametrize("name", GOOD)
def test_good_file_passes(checked: dict, name: str) -> None:
    assert [p for p in checked["by_file"].get(name, []) if p["severity"] == "error"] == []


def test_sample_articles_are_not_blamed_for_their_neighbours(checked: dict) -> None:
    sample = {p.name for p in (Path(__file__).resolve().parents[2] / "content" / "articles").rglob("*.md")}
    assert sample and not sample & set(checked["by_file"])


def test_check_of_the_corpus_exits_1(checked: dict) -> None:
    assert checked["exit_status"] == 1


def test_check_of_the_corpus_is_quick_even_with_a_20_mb_file(checked: dict) -> None:
    # Generous: the point is that no file makes the check hang or read 20 MB into YAML.
    assert checked["seconds"] < 30
