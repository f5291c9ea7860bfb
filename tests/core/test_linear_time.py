"""Linear work for every input the limits allow: the pathological classes of
``benchmarks/pathological_bench.py`` are checked quickly, and the single-pass scans that replaced
quadratic ones give the answers of the straightforward definitions they replaced.

The full table (64 KiB to 1 MiB, check and build) is the benchmark's:
``python benchmarks/pathological_bench.py``.
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
import time
from pathlib import Path

import pytest

from archive.read import fastyaml
from archive.read.loader import load_archive

REPO = Path(__file__).resolve().parents[2]

#: A file of this size must check in well under a second (CPU time); before the fixes the
#: front-matter classes took minutes at this size.
SIZE = 256 * 1024
LIMIT = 0.5


def _bench():
    spec = importlib.util.spec_from_file_location("pathological_bench", REPO / "benchmarks" / "pathological_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["pathological_bench"] = module  # (its dataclasses look themselves up there)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()

#: The classes that were quadratic in the check (or are the heaviest of the linear ones).
WORST = [
    ("front", "' #'"),
    ("front", "' | #'"),
    ("front", "'['"),
    ("front", "'\"'"),
    ("front", "long plain scalar"),
    ("front", "many list items"),
    ("body", "'['"),
    ("body", "'[a]('"),
    ("body", "'>' nesting"),
    ("body", "<div> nesting"),
    ("body", "long word"),
    ("body", "links in limits"),
]


def _case(where: str, name: str):
    return next(c for c in BENCH.CASES if c.where == where and c.name == name)


@pytest.mark.parametrize(("where", "name"), WORST, ids=[f"{w} {n}" for w, n in WORST])
def test_a_256_kib_file_of_pathological_text_checks_well_under_a_second(tmp_path: Path, where: str, name: str) -> None:
    root = BENCH.make_archive(tmp_path / "docs", _case(where, name), SIZE)
    load_archive(root)  # (imports and first-use caches are not the file's cost)
    started = time.process_time()
    archive = load_archive(root)
    spent = time.process_time() - started
    assert archive.files_checked == 6
    assert spent < LIMIT, f"{where} {name}: {spent:.2f} s CPU for a 256 KiB file"


def test_the_benchmark_files_are_as_large_as_asked_and_within_the_file_limit() -> None:
    for case in BENCH.CASES:
        if case.big_gazetteer:
            continue
        text = BENCH.article_text(case, SIZE)
        assert SIZE - 4096 < len(text.encode("utf-8")) <= SIZE, case.name


# --------------------------------------------------------------------------------------------
# The fast path's pre-scans: one pass each, the verdicts of the definitions they replaced


def _comment_in_flow_by_definition(text: str) -> bool:
    at = text.find(" #")
    while at >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        if "[" in text[line_start:at] or "{" in text[line_start:at]:
            return True
        opened = text.count("[", 0, at) + text.count("{", 0, at)
        if opened and opened != text.count("]", 0, at) + text.count("}", 0, at):
            return True
        at = text.find(" #", at + 2)
    return False


_START = re.compile(rb"(?:^|(?<=[ \n]))[|>]")
_HEADER = re.compile(rb"[|>](?:[-+][1-9]?|[1-9][-+]?)?[ ]*(?:#[^\n]*)?\n")


def _block_scalar_with_text_by_definition(encoded: bytes) -> bool:
    return any(not _HEADER.match(encoded, m.start()) for m in _START.finditer(encoded))


def test_the_fast_path_pre_scans_agree_with_their_definitions() -> None:
    rng = random.Random(5)
    for _ in range(40_000):
        text = "".join(rng.choice("ab #[]{}|>-+1\n") for _ in range(rng.randint(0, 24))) + "\n"
        assert fastyaml._comment_in_flow(text) == _comment_in_flow_by_definition(text), repr(text)
        encoded = text.encode()
        assert fastyaml._block_scalar_with_text(encoded) == _block_scalar_with_text_by_definition(encoded), repr(text)


def test_very_many_comment_marks_are_declined_without_a_look() -> None:
    text = "summary: a" + " #" * (fastyaml._MOST_COMMENT_MARKS + 1) + "\n"
    assert fastyaml._comment_in_flow(text)
    assert fastyaml.fast_load(text) is None


@pytest.mark.skipif(not fastyaml.available(), reason="rapidyaml is not installed")
def test_the_fast_path_declines_more_values_than_the_positioned_loader_builds() -> None:
    from archive.read.source import MAX_VALUES

    assert fastyaml.fast_load("tags: [" + ", ".join(["a"] * 100) + "]\n") == {"tags": ["a"] * 100}
    assert fastyaml.fast_load("tags: [" + ", ".join(["a"] * MAX_VALUES) + "]\n") is None


@pytest.mark.parametrize("unit", [" #", " | #", " > #", "[ #", "{", "|", "'", '"', "- "])
def test_the_fast_path_scans_a_mebibyte_of_one_pattern_quickly(unit: str) -> None:
    text = "title: x\nsummary: a" + unit * (1024 * 1024 // len(unit)) + "\n"
    encoded = text.encode()
    started = time.process_time()
    fastyaml._unusual(text, encoded)
    assert time.process_time() - started < LIMIT


@pytest.mark.parametrize("unit, closing", [("...x\n", "---\n"), ("---x\n", "...\n")])
def test_front_matter_with_many_almost_closing_lines_splits_in_linear_time(unit, closing):
    from archive.read.source import split_front_matter

    text = "---\ntitle: x\n" + unit * (1024 * 1024 // len(unit)) + closing + "body\n"
    started = time.process_time()
    front = split_front_matter(text)
    assert time.process_time() - started < 0.5 and front.body == "body\n"


def test_a_file_lists_at_most_a_hundred_problems_and_says_so(tmp_path):
    """Thousands of unknown fields (each with a did-you-mean) are counted past the first hundred."""
    import shutil
    from datetime import date

    from archive.read.loader import load_archive

    root = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[2] / "content" / "gazetteer", root / "gazetteer")
    keys = "".join(f"unknown-{n}: x\n" for n in range(5000))
    (root / "articles" / "2024").mkdir(parents=True)
    (root / "articles" / "2024" / "2024-03-12-many-unknown.md").write_text(
        f"---\ntitle: T\ndate: 2024-03-12\nregions: [ru-bel]\nactors: [ru-mod]\n{keys}---\nText.\n", encoding="utf-8"
    )
    started = time.process_time()
    problems = load_archive(root, today=date(2024, 12, 31)).log.problems
    assert time.process_time() - started < 2.0
    assert len(problems) <= 102 and any("more than 100 problems" in p.message for p in problems)


def test_yaml_that_must_exceed_the_value_budget_is_refused_before_it_is_composed():
    from archive.read.source import SourceError, parse_yaml

    started = time.process_time()
    with pytest.raises(SourceError, match="lists or mappings; at most 20,000 values are read"):
        parse_yaml("x: [" + "[], " * 30_000 + "]\n")
    with pytest.raises(SourceError, match="lines long; at most 20,000 values are read"):
        parse_yaml("".join(f"k{n}: x\n" for n in range(90_000)))
    assert time.process_time() - started < 0.5
