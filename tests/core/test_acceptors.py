"""The acceptors (``archive.read.accept``) are a shortcut for plainly valid front matter.

What they accept, the reader accepts too, building an equal record; anything the reader would
report, they reject, so the reader can report it. Checked on the sample, on a generated archive
and on thousands of single mutations of the seed article.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from archive.format import spec
from archive.read.accept import REJECT, Acceptors
from archive.read.gazetteer import Gazetteer, find_gazetteer_files, load_gazetteer
from archive.read.loader import article_files
from archive.read.problems import ProblemLog
from archive.read.reader import RecordReader
from archive.read.source import YamlDocument, parse_yaml, read_text, split_front_matter

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "content/articles/2024/2024-03-12-russian-armed-groups-claim-raids-into-belgorod-and-kursk.md"
TODAY = date(2030, 1, 1)  # after every date of the sample
FIXED = {"id": "an-id", "path": "a/path.md", "body": "Text.\n", "body_line": 9}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer(find_gazetteer_files(REPO / "content/gazetteer"), ProblemLog(), today=TODAY)


def front_matter(path: Path) -> Any:
    return parse_yaml(split_front_matter(read_text(path)).yaml_text).data


def read_with_reader(data: Any, gazetteer: Gazetteer) -> tuple[Any, int]:
    """The record the reader builds, and how many errors it reports."""
    reader = RecordReader("a/path.md", YamlDocument(None, data, 2, []), ProblemLog(), gazetteer, TODAY)
    return reader.record(spec.ARTICLE, data, (), FIXED), reader.error_count


def assert_agrees(data: Any, gazetteer: Gazetteer) -> bool:
    """Accepted implies: the reader reports nothing and builds an equal record. True if accepted."""
    accepted = Acceptors(gazetteer, TODAY).record(spec.ARTICLE, data, FIXED)
    if accepted is REJECT:
        return False
    built, errors = read_with_reader(data, gazetteer)
    assert errors == 0, f"accepted what the reader refuses: {data!r:.300}"
    assert accepted == built
    return True


def test_every_sample_article_is_accepted_and_built_as_the_reader_builds_it(gazetteer: Gazetteer) -> None:
    for path in article_files(REPO / "content"):
        assert assert_agrees(front_matter(path), gazetteer), path.name


def test_generated_articles_are_accepted_and_built_as_the_reader_builds_them(tmp_path: Path, gazetteer: Gazetteer) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate_archive

    root = generate_archive(tmp_path / "archive", 60, seed=7, words=20)
    generated = load_gazetteer(find_gazetteer_files(root / "gazetteer"), ProblemLog(), today=TODAY)
    for path in article_files(root):
        assert assert_agrees(front_matter(path), generated), path.name


def _mutations(value: Any) -> Iterator[Any]:
    """Copies of ``value`` with one thing changed: a leaf replaced, a key dropped or added, a list item."""
    replacements = [
        None,
        "",
        "  ",
        12,
        -3,
        1.5,
        float("inf"),
        True,
        [],
        {},
        "unknown-id",
        "2099-01-01",
        "2024-02-30",
        "javascript:alert(1)",
        "https://",
        "x" * 2_100,
        "two\nlines",
        " ru-bel ",
        "false",
        10**12 + 1,
        1e300,
        1.12345678901234,
        10**400,
        "Bel\u200bgorod",
        "a\u202eb",
        "R\u0435uters",
        "Вʼячеслав",
        "trailing\u2028",
    ]
    if isinstance(value, dict):
        for key in value:
            dropped = dict(value)
            del dropped[key]
            yield dropped
            for changed in _mutations(value[key]):
                yield {**value, key: changed}
        yield {**value, "sumary": "a typo"}
    elif isinstance(value, list):
        yield []
        yield value + [None]
        if value:
            yield value + [copy.deepcopy(value[0])]
        for index, item in enumerate(value):
            for changed in _mutations(item):
                yield value[:index] + [changed] + value[index + 1 :]
    else:
        yield from (r for r in replacements if r != value or type(r) is not type(value))


def test_no_single_mutation_of_the_seed_is_accepted_unless_the_reader_accepts_it_too(gazetteer: Gazetteer) -> None:
    seed = front_matter(SEED)
    accepted = rejected = 0
    for mutated in _mutations(seed):
        if assert_agrees(mutated, gazetteer):
            accepted += 1
        else:
            rejected += 1
    # Both outcomes happen: valid changes (another figure, a dropped note) pass, faults do not.
    assert accepted > 100 and rejected > 1_000


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.pop("sources"), "a required list is missing"),
        (lambda d: d.update(regions=["ru-mod"]), "an actor listed as a region"),
        (lambda d: d.update(regions=["ru-bel", "ru-bel"]), "an id listed twice"),
        (lambda d: d["claims"][0].update(status="confrimed"), "a misspelt status"),
        (lambda d: d["claims"][0].pop("claimant"), "a claim without claimant"),
        (lambda d: d["claims"][0]["figures"][0].update(value="many"), "a word as a figure"),
        (lambda d: d["claims"][0]["figures"][0].update(value=-5), "a negative count"),
        (lambda d: d["claims"][0]["figures"][0].update(value=1e300), "a count above the maximum"),
        (lambda d: d["claims"][0]["figures"][0].update(value=10**400), "a count of 400 digits"),
        (lambda d: d["claims"][0]["figures"][0].update(value=2.12345678901234), "a count with too many digits"),
        (lambda d: d["sources"][0].update(url="javascript:alert(1)"), "a javascript: link"),
        (lambda d: d.update(title="Raids into Bel\u200bgorod"), "a zero-width space"),
        (lambda d: d["claims"][0].update(claim="a\u202eb"), "a right-to-left override"),
        (lambda d: d.update(summary="A summary.\u2028"), "a line separator, even where stripping would drop it"),
        (lambda d: d.update(date="2099-01-01"), "a future date"),
        (lambda d: d.update(title={"en": "x"}), "a mapping as title"),
        (lambda d: d.update(sumary="x"), "an unknown key"),
    ],
)
def test_faults_of_the_bad_input_corpus_are_rejected(gazetteer: Gazetteer, change: Any, reason: str) -> None:
    data = front_matter(SEED)
    change(data)
    assert Acceptors(gazetteer, TODAY).record(spec.ARTICLE, data, FIXED) is REJECT, reason
    assert read_with_reader(data, gazetteer)[1] > 0


def test_a_publisher_in_mixed_scripts_is_left_to_the_reader_for_its_warning(gazetteer: Gazetteer) -> None:
    data = front_matter(SEED)
    data["sources"][0]["publisher"] = "R\u0435uters"
    assert Acceptors(gazetteer, TODAY).record(spec.ARTICLE, data, FIXED) is REJECT
    reader = RecordReader("a/path.md", YamlDocument(None, data, 2, []), ProblemLog(), gazetteer, TODAY)
    assert reader.record(spec.ARTICLE, data, (), FIXED) is not None and reader.error_count == 0
    assert [p.severity.value for p in reader.log.problems] == ["warning"]


def test_a_draft_is_left_to_the_reader_when_a_required_field_is_missing(gazetteer: Gazetteer) -> None:
    data = front_matter(SEED)
    data["draft"] = True
    del data["actors"]
    assert Acceptors(gazetteer, TODAY).record(spec.ARTICLE, data, FIXED) is REJECT


@pytest.mark.parametrize("raw", ["2024-03", "2016", "2024-03-12/2024-03-14", "banana", "2099", 2016])
def test_a_gazetteer_date_kept_as_text_is_accepted_as_the_reader_keeps_it(gazetteer: Gazetteer, raw: Any) -> None:
    kind = spec.FuzzyDate(as_text=True)
    accepted = Acceptors(gazetteer, TODAY).for_type(kind)(raw)
    reader = RecordReader("a/path.md", YamlDocument(None, {}, 2, []), ProblemLog(), gazetteer, TODAY)
    ok, converted = reader.value(kind, raw, ("until",))
    if accepted is not REJECT:
        assert ok and accepted == converted and isinstance(accepted, str)
    assert ok == (raw in ("2024-03", "2016", "2024-03-12/2024-03-14", 2016))
