"""The fast path (rapidyaml, then the acceptors) never changes what ``archive check`` says.

Every sample article is mutated many times (characters and lines inserted, deleted, moved,
values swapped for YAML's traps) and checked twice: as ``archive check`` does, and with the
fast loader switched off so that libyaml's positioned loader and the reporting reader do all
the work. The problems found and the article built must be the same.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from archive.read import article
from archive.read.fastyaml import fast_load
from archive.read.gazetteer import Gazetteer, find_gazetteer_files, load_gazetteer
from archive.read.problems import ProblemLog
from archive.read.source import PositionedOnDemand, parse_yaml, read_text, split_front_matter

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2030, 1, 1)
MUTATIONS_PER_ARTICLE = 200
INSERTS = [
    ":",
    ": ",
    "- ",
    "#",
    " #",
    "'",
    '"',
    "[",
    "]",
    "{",
    "}",
    ",",
    "?",
    "&",
    "*",
    "!",
    "|",
    ">",
    "%",
    "@",
    "\n",
    "\n  ",
    "\n- ",
    "---\n",
    "...\n",
    "\t",
    "\r",
    "\x85",
    "\u2028",
    "\ufeff",
    "\x07",
    "é",
    "Київ",
    "\u200b",
    "\u202e",
    "\u2066",
    "\u0435",
    "\\u200b",
    "\\L",
]
TRAPS = [
    "yes",
    "no",
    "on",
    "True",
    "NULL",
    "~",
    "007",
    "0o17",
    "0x1F",
    "1_000",
    "1:30",
    ".NaN",
    "-.inf",
    "1e3",
    "2024-03-12",
    "'007'",
    '"yes"',
    "!!str 5",
    "&a x",
    "*a",
    "[x, y]",
    "{a: 1}",
    "|",
    ">-",
    "x:",
    ":x",
    "- x",
    "}x",
    "a #b",
    "false",
    # Numbers out of range or too long to convert, quoted or not (the fast loader once raised on these).
    "-5",
    "1e300",
    "9" * 120,
    "1" * 5_000,
    "'" + "1" * 5_000 + "'",
    "-" + "1" * 5_000,
    "0x" + "f" * 200,
]


def mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.choice((1, 1, 2, 3))):
        lines = text.split("\n")
        where, line = rng.randrange(len(text) + 1), rng.randrange(len(lines))
        choice = rng.randrange(8)
        if choice == 0:
            text = text[:where] + text[where + 1 :]
        elif choice in (1, 2):
            text = text[:where] + rng.choice(INSERTS) + text[where:]
        elif choice == 3:
            lines.insert(line, lines[line])  # a duplicate key, a repeated item
            text = "\n".join(lines)
        elif choice == 4:
            lines[line] = " " * rng.choice((1, 2)) + lines[line]
            text = "\n".join(lines)
        elif choice == 5:
            del lines[line]
            text = "\n".join(lines)
        elif ": " in lines[line]:
            key = lines[line].split(": ", 1)[0]
            lines[line] = f"{key}: {rng.choice(TRAPS)}"
            text = "\n".join(lines)
    return text


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer(find_gazetteer_files(REPO / "content/gazetteer"), ProblemLog(), today=TODAY)


def check(text: str, name: str, gazetteer: Gazetteer, *, fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple:
    monkeypatch.setattr(article, "fast_load", fast_load if fast else (lambda _text: None))
    log = ProblemLog()
    path = REPO / "content/articles" / name[:4] / name
    result = article.check_article_text(text, path, name, gazetteer, TODAY, log)
    return [(p.line, p.column, p.severity, p.field, p.message) for p in log.problems], result.article


@pytest.mark.parametrize("path", sorted((REPO / "content/articles").rglob("*.md")), ids=lambda p: p.stem[:40])
def test_mutated_articles_get_the_same_verdict_with_and_without_the_fast_path(
    path: Path, gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = read_text(path)
    front = split_front_matter(original)
    rng = random.Random(path.name)
    fast_and_valid = 0
    for _ in range(MUTATIONS_PER_ARTICLE):
        text = "---\n" + mutate(rng, front.yaml_text) + "---\n" + front.body
        with_fast_path = check(text, path.name, gazetteer, fast=True, monkeypatch=monkeypatch)
        assert with_fast_path == check(text, path.name, gazetteer, fast=False, monkeypatch=monkeypatch), text
        fast_and_valid += with_fast_path[1] is not None and fast_load(split_front_matter(text).yaml_text) is not None
    assert fast_and_valid > MUTATIONS_PER_ARTICLE // 10  # the fast path was really taken


def _paths(value: object, path: tuple = ()) -> list[tuple]:
    """Every path into ``value``: its keys and list positions, at every depth."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, path + (index,))
    return found


@pytest.mark.parametrize("path", sorted((REPO / "content/articles").rglob("*.md")), ids=lambda p: p.stem[:40])
def test_positions_on_demand_are_the_positioned_loaders(path: Path) -> None:
    """A fast-path file's problems are placed where the positioned loader would place them,
    whether found by composing or by the top-level shortcut, for every value and key."""
    front = split_front_matter(read_text(path))
    rng = random.Random(path.name)
    compared = 0
    for attempt in range(MUTATIONS_PER_ARTICLE // 4):
        text = front.yaml_text if attempt == 0 else mutate(rng, front.yaml_text)
        data = fast_load(text)
        if data is None:
            continue
        positioned, on_demand = parse_yaml(text, line_offset=2), PositionedOnDemand(data, text, 2)
        for value_path in _paths(data):
            for key in (False, True):
                assert on_demand.position(value_path, key=key) == positioned.position(value_path, key=key), (value_path, text)
                compared += 1
    assert compared > 100


def test_a_drafts_warning_is_placed_without_composing_the_yaml() -> None:
    text = "title: A report\ndraft: true\nregions: [ua-63]\n"
    document = PositionedOnDemand(fast_load(text), text, 2)
    assert document.position(("draft",)) == (3, 8)
    assert document.root is None  # (composing would have set the nodes)
