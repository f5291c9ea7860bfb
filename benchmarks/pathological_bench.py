"""Pathological text: does every input the limits allow cost linear time to check and build?

For each class of pathological text (runs of one character or pattern that make a naive
scanner restart at every position, deep nesting, many keys, many unknown ids...), one article
file of 64, 128, 256, 512 KiB and 1 MiB (the file limit) is put in a copy of the test fixture
archive (``tests/fixtures/site``) and

- checked: ``archive.read.loader.load_archive`` in a worker process, CPU seconds of the call (best
  of ``--runs``);
- built, when the check accepts the article: a real ``mkdocs build`` (the ``archive`` and
  ``archive-search`` plugins, the project's Markdown extensions) in a subprocess, wall seconds.
  An article the check refuses is never built (the build stops at the check): "refused".

Targets (the robustness issue): a file of up to 1 MiB checks in at most 0.5 s and builds in at
most 5 s, and no class grows faster than linearly. Targets and growth apply to the file's own
cost ("file s"): the CPU time of reading the file alone, the archive loaded around it (see
``file_cpu``; the archive's fixed costs vary more than that on a busy machine). Builds count
the wall time minus that of the same archive without the file (the baselines are printed
first; beside the big gazetteer the baseline names one unknown place, so that it pays the
one-off did-you-mean index). Growth is the ratio per doubling of the size, the costs floored
at a noise level: about 2 is linear, 4
quadratic. The script prints the table and exits 1 when a target is missed.

    python benchmarks/pathological_bench.py             # every class, 64 KiB to 1 MiB
    python benchmarks/pathological_bench.py --quick     # 64 and 256 KiB
    python benchmarks/pathological_bench.py --only body --no-build   # body classes, check only
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURE = ROOT / "tests" / "fixtures" / "site"
KIB = 1024
SIZES_KIB = (64, 128, 256, 512, 1024)
QUICK_SIZES_KIB = (64, 256)
#: The file limit of ``archive.read.source.MAX_FILE_BYTES``: the 1 MiB file is exactly that large.
MAX_FILE_BYTES = 1024 * KIB

CHECK_LIMIT = 0.5
BUILD_LIMIT = 5.0
#: Ratio per doubling above which a class counts as growing faster than linearly (2 is linear).
GROWTH_LIMIT = 2.5
#: One doubling may look worse (noise on a shared machine), but not two in a row when the
#: times are not tiny: quadratic work shows as about 4 at every step.
STEP_GROWTH_LIMIT = 3.0
#: Times below these floors are noise: growth is computed on max(cost, floor).
CHECK_FLOOR = 0.005
BUILD_FLOOR = 0.1

ARTICLE_NAME = "2024-03-21-pathological-text.md"

# --------------------------------------------------------------------------------------------
# The article files

_SUMMARY = "summary: A test article.\n"
_PLACES = "places: [ua-63-kharkiv]\n"
_TAGS = "tags: [shelling]\n"

_FRONT = """---
title: Pathological text
date: 2024-03-21
{summary}regions: [ua-63]
{places}actors: [ru-armed-forces, ua-armed-forces]
{tags}sources:
  - publisher: Kyiv Independent
    url: https://kyivindependent.com/kharkiv-shelling-2024-03-20
    archived: https://web.archive.org/web/2024/https://kyivindependent.com/kharkiv-shelling-2024-03-20
verification:
  status: unverified
{extra}---
"""
_BODY = "Residents described the night as the worst in months.\n\n"


def _repeat(unit: str, size: int) -> str:
    """``unit`` repeated to exactly ``size`` characters (the last repeat cut short)."""
    return (unit * (size // len(unit) + 1))[:size]


def _article(*, summary: str = _SUMMARY, places: str = _PLACES, tags: str = _TAGS, extra: str = "", body: str = _BODY) -> str:
    return _FRONT.format(summary=summary, places=places, tags=tags, extra=extra) + body


def _room(size: int, **fixed: str) -> int:
    """How many characters of payload fit in a file of ``size`` bytes besides ``fixed`` parts."""
    return size - len(_article(**fixed).encode("utf-8")) - 8


def _front_line(field: str, prefix: str, unit: str, suffix: str = "\n") -> Callable[[int], str]:
    """A front-matter line ``prefix + unit * n + suffix`` that replaces ``field``'s line."""

    def make(size: int) -> str:
        fixed = {field: prefix + suffix}
        return _article(**{field: prefix + _repeat(unit, _room(size, **fixed)) + suffix})

    return make


def _front_lines(field: str, head: str, line: Callable[[int], str]) -> Callable[[int], str]:
    """``head`` and then numbered lines ``line(i)`` until the file is full, in place of ``field``."""

    def make(size: int) -> str:
        room = _room(size, **{field: head})
        parts, used, i = [head], 0, 0
        while True:
            text = line(i)
            if used + len(text.encode("utf-8")) > room:
                break
            parts.append(text)
            used += len(text.encode("utf-8"))
            i += 1
        return _article(**{field: "".join(parts)})

    return make


def _deep_flow(size: int) -> str:
    """Flow lists nested 20 deep (the limit is 24 levels), one after another on one line."""
    item = "[" * 20 + "a" + "]" * 20
    head, tail = "tags: [", "]\n"
    room = _room(size, tags=head + tail)
    count = max(1, room // (len(item) + 2))
    return _article(tags=head + ", ".join([item] * count) + tail)


def _body(unit: str, tail: str = "") -> Callable[[int], str]:
    def make(size: int) -> str:
        return _article(body=_repeat(unit, _room(size, body=tail)) + tail)

    return make


def _body_lines(line: Callable[[int], str]) -> Callable[[int], str]:
    def make(size: int) -> str:
        room = _room(size, body="")
        parts, used, i = [], 0, 0
        while True:
            text = line(i)
            if used + len(text.encode("utf-8")) > room:
                break
            parts.append(text)
            used += len(text.encode("utf-8"))
            i += 1
        return _article(body="".join(parts))

    return make


def _div_nesting(size: int) -> str:
    opening, closing = '<div markdown="1">\n\n', "</div>\n\n"
    room = _room(size, body="Inside.\n\n")
    depth = room // (len(opening) + len(closing))
    return _article(body=opening * depth + "Inside.\n\n" + closing * depth)


_WORDS = (
    "the shelling of the city damaged apartment blocks according to the regional governor "
    "who said that drones had been intercepted over the border overnight "
).split()


#: How many marks of one kind the "within the limits" classes hold at most: the body check
#: refuses more than 20,000 of ``<``, ``[``, ``](``, ``{`` and `````.
MARKS_BUDGET = 19_000


def _within_limits(
    head: Callable[[int], str], tail: str = "", per_paragraph: int = 10, budget: int = MARKS_BUDGET
) -> Callable[[int], str]:
    """Paragraphs that each start with ``head(k)`` (``k`` pathological units) and go on with
    prose, until ``budget`` units are spent; then prose only. What the body check accepts at
    most, for the build to be measured."""
    prose = " ".join(_WORDS)

    def make(size: int) -> str:
        room = _room(size, body="")
        parts, used, marks = [], 0, 0
        while True:
            k = per_paragraph if marks + per_paragraph <= budget else 0
            paragraph = (head(k) + prose + tail if k else prose) + "\n\n"
            if used + len(paragraph.encode("utf-8")) > room:
                break
            parts.append(paragraph)
            used += len(paragraph.encode("utf-8"))
            marks += k
        return _article(body="".join(parts))

    return make


def _long_line(size: int) -> str:
    return _article(body=_repeat(" ".join(_WORDS) + " ", _room(size, body="\n")) + "\n")


# -- the gazetteer of the unknown-ids class: 3,000 places, and ids one letter off theirs -----

GAZETTEER_PLACES = 3_000
#: Syllables and endings of village names, in Latin letters and in Cyrillic.
_SYLLABLES = (
    ("no", "но"),
    ("vo", "во"),
    ("ka", "ка"),
    ("mi", "мі"),
    ("ro", "ро"),
    ("ly", "ли"),
    ("pe", "пе"),
    ("tro", "тро"),
    ("ser", "сер"),
    ("hi", "гі"),
    ("dub", "дуб"),
    ("ba", "ба"),
    ("zo", "зо"),
    ("ki", "кі"),
    ("lu", "лу"),
    ("sha", "ша"),
    ("chy", "чи"),
    ("ho", "хо"),
    ("myr", "мир"),
    ("stav", "став"),
)
_ENDINGS = (
    ("ivka", "івка", "овка"),
    ("ove", "ове", "ово"),
    ("ne", "не", "ное"),
    ("ske", "ське", "ское"),
    ("yn", "ин", "ин"),
    ("ets", "ець", "ец"),
    ("ychi", "ичі", "ичи"),
)


def _place_names(count: int = GAZETTEER_PLACES) -> list[tuple[str, str, str]]:
    """Distinct village names (Latin, Ukrainian, Russian), the same on every run."""
    rng = random.Random(7)
    names: dict[str, tuple[str, str, str]] = {}
    while len(names) < count:
        syllables = [rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 3))]
        ending = rng.choice(_ENDINGS)
        latin = "".join(s[0] for s in syllables) + ending[0]
        cyrillic = "".join(s[1] for s in syllables)
        names.setdefault(latin, (latin.capitalize(), (cyrillic + ending[1]).capitalize(), (cyrillic + ending[2]).capitalize()))
    return list(names.values())


def _place_ids() -> list[str]:
    return [f"{('ua-63', 'ru-bel', 'ru-krs')[i % 3]}-{en.lower()}" for i, (en, _, _) in enumerate(_place_names())]


def big_gazetteer() -> dict[str, str]:
    """Gazetteer files (name → text) of :data:`GAZETTEER_PLACES` villages in the fixture's
    regions, 500 a file (a gazetteer file, like a front matter, holds at most 20,000 values)."""
    files: dict[str, str] = {}
    names, ids = _place_names(), _place_ids()
    for start in range(0, len(names), 500):
        lines = ["places:\n"]
        for i in range(start, min(start + 500, len(names))):
            en, uk, ru = names[i]
            lines.append(
                f"  - id: {ids[i]}\n    type: village\n    parent: {ids[i][: -len(en) - 1]}\n"
                f"    names: {{en: {en}, uk: {uk}, ru: {ru}}}\n"
            )
        files[f"bench-places-{start // 500}.yml"] = "".join(lines)
    return files


def _typos():
    """Distinct ids, each one letter off a place of the big gazetteer (one left out, then one
    changed), as many as asked for."""
    ids, seen = _place_ids(), set()
    for change in ("", *"aeiouyxzq"):
        for cut in range(6, max(map(len, ids))):
            for place in ids:
                typo = place[:cut] + change + place[cut + 1 :]
                if cut < len(place) and typo != place and typo not in seen:
                    seen.add(typo)
                    yield typo
    raise AssertionError("no more typos")


def _unknown_ids(size: int) -> str:
    """``places`` and then the places of as many events as fit: 500 unknown ids each (the
    most a list may hold), each id one letter off a place of the big gazetteer."""
    typos = _typos()

    def listing(count: int) -> str:
        return "[" + ", ".join(next(typos) for _ in range(count)) + "]"

    places = f"places: {listing(500)}\n"
    room = _room(size, places=places, extra="events:\n")
    events: list[str] = []
    while True:
        event = f"  - id: e{len(events)}\n    places: {listing(500)}\n"
        if len(event) > room:
            break
        events.append(event)
        room -= len(event)
    return _article(places=places, extra="events:\n" + "".join(events) if events else "")


def _500_unknown_ids(size: int) -> str:
    """``places`` listing 500 unknown ids (the most one list may hold), the body prose: the
    did-you-mean of the issue (500 unknown ids against 3,000 places took 30 s)."""
    typos = _typos()
    places = "places: [" + ", ".join(next(typos) for _ in range(500)) + "]\n"
    prose = " ".join(_WORDS) + "\n\n"
    return _article(places=places, body=_repeat(prose, _room(size, places=places, body="")))


@dataclass(frozen=True)
class Case:
    name: str
    where: str  # "front" or "body"
    make: Callable[[int], str]
    big_gazetteer: bool = False


CASES: tuple[Case, ...] = (
    # front matter
    Case("' #'", "front", _front_line("summary", "summary: A test article.", " #")),
    Case("' | #'", "front", _front_line("summary", "summary: A test article.", " | #")),
    Case("'['", "front", _front_line("tags", "tags: ", "[")),
    Case("'{'", "front", _front_line("tags", "tags: ", "{")),
    Case("'\"'", "front", _front_line("summary", "summary: A test", '"')),
    Case('"\'"', "front", _front_line("summary", "summary: A test", "'")),
    Case("'[ #'", "front", _front_line("tags", "tags: [shelling", ", a #", "]\n")),
    Case("deep flow", "front", _deep_flow),
    Case("long plain scalar", "front", _front_lines("summary", "summary: A test\n", lambda i: "  " + " ".join(_WORDS) + "\n")),
    Case("many keys", "front", _front_lines("summary", _SUMMARY, lambda i: f"k{i:07d}: v\n")),
    Case("many list items", "front", _front_lines("tags", "tags:\n", lambda i: "  - shelling\n")),
    Case("'...x' lines", "front", _front_lines("summary", _SUMMARY, lambda i: "...x\n")),
    Case("500 unknown ids", "front", _500_unknown_ids, big_gazetteer=True),
    Case("unknown ids", "front", _unknown_ids, big_gazetteer=True),
    # body
    Case("'<'", "body", _body("<")),
    Case("'<a'", "body", _body("<a")),
    Case("'['", "body", _body("[")),
    Case("'!['", "body", _body("![")),
    Case("']('", "body", _body("](")),
    Case("'[a]('", "body", _body("[a](")),
    Case("'*'", "body", _body("*")),
    Case("'_'", "body", _body("_")),
    Case("'`'", "body", _body("`")),
    Case("'{'", "body", _body("{")),
    Case("'&'", "body", _body("&")),
    Case("'&#1'", "body", _body("&#1")),
    Case("'&amp;'", "body", _body("&amp;")),
    Case("'*a* '", "body", _body("*a* ")),
    Case("'\\*'", "body", _body("\\*")),
    Case("'>' nesting", "body", _body(">", " quoted\n")),
    Case("'- ' nested lists", "body", _body("- ", "item\n")),
    Case("<div> nesting", "body", _div_nesting),
    Case("long line", "body", _long_line),
    Case("long word", "body", _body("ab!", "\n")),
    Case("many headings", "body", _body_lines(lambda i: "## Heading\n\n")),
    # body, at most what the check accepts: the build sees it
    # (an unclosed '[' costs Markdown the rest of its paragraph: the check allows 2,000,000 such steps)
    Case("'[' in limits", "body", _within_limits(lambda k: "[" * k + " ", budget=10_000)),
    Case("'![' in limits", "body", _within_limits(lambda k: "![" * k + " ", budget=10_000)),
    Case("'](' in limits", "body", _within_limits(lambda k: "](" * k + " ")),
    Case("'<' in limits", "body", _within_limits(lambda k: "<" * k + " ")),
    Case("'{' in limits", "body", _within_limits(lambda k: "{" * k + " ")),
    Case("'`' in limits", "body", _within_limits(lambda k: "`" * k + " ")),
    Case("links in limits", "body", _within_limits(lambda k: "[a link](https://example.org/a) " * k, per_paragraph=5)),
    Case("'>' 20 deep", "body", _within_limits(lambda k: "> " * 20, per_paragraph=1)),
    Case("'- ' 20 deep", "body", _within_limits(lambda k: "- " * 20, per_paragraph=1)),
    Case(
        "<div> 20 deep",
        "body",
        _within_limits(lambda k: '<div markdown="1">\n\n' * 20, "\n\n" + "</div>\n\n" * 20, per_paragraph=20, budget=9_000),
    ),  # (two '<' a level)
)


def _baseline_article(big_gazetteer: bool) -> Callable[[int], str]:
    """The baseline's article: plain, or, beside the big gazetteer, naming one unknown place, so
    that the baseline pays the did-you-mean index (built once per gazetteer, at the first
    unknown id of any file: about 0.3 s for 3,000 places) and "file s" is what the file adds."""
    if not big_gazetteer:
        return lambda size: _article()
    return lambda size: _article(places=f"places: [{next(_typos())}]\n")


def article_text(case: Case, size: int) -> str:
    text = case.make(size)
    assert len(text.encode("utf-8")) <= min(size, MAX_FILE_BYTES), (case.name, size, len(text.encode("utf-8")))
    return text


def make_archive(target: Path, case: Optional[Case], size: int = 0) -> Path:
    """A copy of the fixture archive, holding the article of ``case`` at ``size`` bytes (if any)."""
    shutil.copytree(FIXTURE, target)
    if case is not None and case.big_gazetteer:
        for name, text in big_gazetteer().items():
            (target / "gazetteer" / name).write_text(text, encoding="utf-8")
    if case is not None and size:
        (target / "articles" / "2024" / ARTICLE_NAME).write_text(article_text(case, size), encoding="utf-8")
    return target


# --------------------------------------------------------------------------------------------
# Measuring


def check_cpu(root: Path) -> tuple[float, bool]:
    """CPU seconds of ``load_archive(root)`` in this process, and whether the article passed."""
    from archive.read.loader import load_archive

    started = time.process_time()
    archive = load_archive(root)
    spent = time.process_time() - started
    refused = any(p.path.endswith(ARTICLE_NAME) for p in archive.log.errors)
    return spent, not refused


def file_cpu(root: Path) -> Optional[float]:
    """CPU seconds of reading the pathological article alone, the archive loaded around it.

    What the target is about ("a file checks in at most 0.5 s"), measured apart from the
    archive's fixed costs, which on a busy machine vary more than the file costs: the gazetteer
    is loaded and its did-you-mean index built (once per gazetteer, whatever the files), the
    suggestions already made are forgotten, and the file is read as the check reads it.
    """
    from datetime import date

    from archive.read.article import read_article
    from archive.read.loader import load_archive
    from archive.read.problems import ProblemLog

    path = next(iter((root / "articles").rglob(ARTICLE_NAME)), None)
    if path is None:
        return None
    archive = load_archive(root)
    archive.gazetteer.suggest("x", ("place",))  # (the index of the kinds ids are suggested from)
    archive.gazetteer._suggest.cache_clear()
    started = time.process_time()
    read_article(path, ARTICLE_NAME, archive.gazetteer, date.today(), ProblemLog())
    return time.process_time() - started


def _check_worker(root: str, runs: int, queue) -> None:
    best, accepted, own = math.inf, True, math.inf
    for _ in range(runs):
        spent, accepted = check_cpu(Path(root))
        best = min(best, spent)
        file_spent = file_cpu(Path(root))
        own = min(own, file_spent if file_spent is not None else math.inf)
    queue.put((best, accepted, None if own == math.inf else own))


def timed_check(root: Path, runs: int, timeout: float) -> tuple[Optional[float], bool, Optional[float]]:
    """Best CPU seconds of ``runs`` checks in a forked worker (None after ``timeout`` s), whether
    the article passed, and the best CPU seconds of reading the article alone (:func:`file_cpu`)."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_check_worker, args=(str(root), runs, queue))
    worker.start()
    try:
        best, accepted, own = queue.get(timeout=timeout)
    except Exception:  # noqa: BLE001 - queue.Empty: too slow
        worker.kill()
        worker.join()
        return None, True, None
    worker.join()
    return best, accepted, own


def site_config(docs: Path, site: Path, where: Path) -> Path:
    """The test suite's site configuration with the project's plugins and Markdown extensions."""
    sys.path.insert(0, str(ROOT / "tests" / "site"))
    from sitebuild import write_config

    extensions = [{"toc": {"permalink": True}}, "tables", "attr_list", "md_in_html", "admonition", "footnotes", "def_list"]
    return write_config(docs, site, where, plugins=["archive", "archive-search"], markdown_extensions=extensions)


def timed_build(docs: Path, where: Path, timeout: float) -> tuple[Optional[float], str]:
    """Wall seconds of ``mkdocs build`` of ``docs`` (None after ``timeout`` s), and an error if it failed."""
    config = site_config(docs, where / "site", where)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ARCHIVE_INCLUDE_DRAFTS", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(config)]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=where, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, ""
    spent = time.perf_counter() - started
    if done.returncode != 0:
        return spent, (done.stderr.strip().splitlines() or ["failed"])[-1][:200]
    if not (where / "site" / "articles" / ARTICLE_NAME[:4] / ARTICLE_NAME[:-3] / "index.html").exists():
        return spent, "the article page is missing"
    return spent, ""


@dataclass
class Row:
    case: Case
    size_kib: int
    check: Optional[float]
    accepted: bool
    build: Optional[float] = None
    build_error: str = ""
    skipped_build: bool = False
    skipped_check: bool = False
    #: CPU seconds of reading the file alone (file_cpu); else the check minus the baseline.
    own: Optional[float] = None

    def file_cost(self, base_check: float) -> Optional[float]:
        if self.own is not None:
            return self.own
        return None if self.check is None else max(0.0, self.check - base_check)


def _ratio(costs: list[tuple[int, float]], floor: float) -> list[Optional[float]]:
    """Growth per doubling of size from each measured size to the next."""
    out: list[Optional[float]] = [None]
    for (size_a, a), (size_b, b) in zip(costs, costs[1:]):
        doublings = math.log2(size_b / size_a)
        out.append((max(b, floor) / max(a, floor)) ** (1 / doublings))
    return out


def _overall(costs: list[tuple[int, float]], floor: float) -> Optional[float]:
    if len(costs) < 2:
        return None
    (size_a, a), (size_b, b) = costs[0], costs[-1]
    return (max(b, floor) / max(a, floor)) ** (1 / math.log2(size_b / size_a))


def _too_fast_growth(costs: list[tuple[int, float]], floor: float) -> bool:
    """Faster than linear: over the whole range, or at two doublings in a row."""
    overall = _overall(costs, floor)
    if overall is not None and overall > GROWTH_LIMIT:
        return True
    steep = [
        ratio is not None and ratio > STEP_GROWTH_LIMIT and cost > 20 * floor
        for ratio, (_, cost) in zip(_ratio(costs, floor), costs)
    ]
    return any(a and b for a, b in zip(steep, steep[1:]))


def _fmt(value: Optional[float], width: int = 8, digits: int = 3) -> str:
    return f"{'-':>{width}}" if value is None else f"{value:>{width}.{digits}f}"


def run(
    sizes: tuple[int, ...],
    cases: list[Case],
    *,
    build: bool,
    runs: int,
    check_timeout: float,
    build_timeout: float,
    scratch: Path,
    out=sys.stdout,
) -> bool:
    """Measure ``cases`` at ``sizes`` (KiB), print the table; True when every target is met."""
    plain = make_archive(scratch / "plain" / "docs", Case("plain", "body", lambda size: _article()), 4 * KIB)
    if not check_cpu(plain)[1]:
        from archive.read.loader import load_archive

        problems = [p for p in load_archive(plain).log.errors if p.path.endswith(ARTICLE_NAME)]
        raise SystemExit(f"the plain article is refused, so every class would be: {problems}")
    baselines: dict[bool, tuple[float, Optional[float]]] = {}
    for big in sorted({c.big_gazetteer for c in cases}):
        root = make_archive(
            scratch / f"baseline-{int(big)}" / "docs", Case("baseline", "front", _baseline_article(big), big), 4 * KIB
        )
        check, _, _ = timed_check(root, max(runs, 3), check_timeout)
        built = timed_build(root, root.parent, build_timeout)[0] if build else None
        baselines[big] = (check or 0.0, built)
        label = "3,000 more places" if big else "fixture gazetteer"
        print(
            f"baseline ({label}, no pathological article): check {check:.3f} s CPU"
            + (f", build {built:.2f} s wall" if built is not None else ""),
            file=out,
        )
    print(
        f"{'where':<6} {'class':<18} {'KiB':>5} {'check s':>8} {'file s':>7} {'x/2':>5} {'build s':>9} {'x/2':>5}  note", file=out
    )
    ok = True
    for case in cases:
        rows: list[Row] = []
        check_dead = build_dead = False
        for size_kib in sizes:
            size = min(size_kib * KIB, MAX_FILE_BYTES)
            if check_dead:
                rows.append(Row(case, size_kib, None, True, skipped_build=True, skipped_check=True))
                continue
            work = scratch / f"{case.where}-{abs(hash(case.name))}-{size_kib}"
            root = make_archive(work / "docs", case, size)
            check, accepted, own = timed_check(root, runs, check_timeout)
            row = Row(case, size_kib, check, accepted, own=own)
            if check is None:
                check_dead = True
            elif build and accepted and not build_dead:
                row.build, row.build_error = timed_build(root, work, build_timeout)
                build_dead = row.build is None
            elif build and accepted:
                row.skipped_build = True
            rows.append(row)
            shutil.rmtree(work, ignore_errors=True)
        base_check, base_build = baselines[case.big_gazetteer]
        check_costs = [(r.size_kib, cost) for r in rows if (cost := r.file_cost(base_check)) is not None]
        build_costs = [(r.size_kib, r.build - (base_build or 0.0)) for r in rows if r.build is not None and not r.build_error]
        check_ratios = dict(zip([s for s, _ in check_costs], _ratio(check_costs, CHECK_FLOOR)))
        build_ratios = dict(zip([s for s, _ in build_costs], _ratio(build_costs, BUILD_FLOOR)))
        notes_for_class = []
        if _too_fast_growth(check_costs, CHECK_FLOOR):
            notes_for_class.append("check grows faster than linearly")
        if _too_fast_growth(build_costs, BUILD_FLOOR):
            notes_for_class.append("build grows faster than linearly")
        for row in rows:
            notes = []
            if row.skipped_check:
                notes.append("not run: a smaller file took too long")
            elif row.check is None:
                notes.append(f"check > {check_timeout:.0f} s")
            elif (row.file_cost(base_check) or 0.0) > CHECK_LIMIT:
                notes.append(f"check > {CHECK_LIMIT} s")
            if not row.accepted:
                build_text = f"{'refused':>9}"
            elif row.build is not None:
                build_text = _fmt(row.build, 9, 2)
                if row.build_error:
                    notes.append(f"build failed: {row.build_error}")
                elif row.build - (base_build or 0.0) > BUILD_LIMIT:
                    notes.append(f"build > {BUILD_LIMIT} s more than without the file")
            elif build and row.check is not None and not row.skipped_build:
                build_text = f"{'>' + format(build_timeout, '.0f'):>9}"
                notes.append(f"build > {build_timeout:.0f} s")
            else:
                build_text = f"{'-':>9}"
            ok = ok and not notes
            own = row.file_cost(base_check)
            print(
                f"{case.where:<6} {case.name:<18} {row.size_kib:>5} {_fmt(row.check)} {_fmt(own, 7)} {_fmt(check_ratios.get(row.size_kib), 5, 2)} "
                f"{build_text} {_fmt(build_ratios.get(row.size_kib), 5, 2)}  {'; '.join(notes)}",
                file=out,
            )
            out.flush()
        if notes_for_class:
            ok = False
            print(f"{'':<6} {case.name:<18} ** {'; '.join(notes_for_class)}", file=out)
    return ok


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only 64 and 256 KiB")
    parser.add_argument("--sizes", type=int, nargs="*", help="sizes in KiB (default 64 128 256 512 1024)")
    parser.add_argument("--only", help="classes whose 'where' or name contains this text")
    parser.add_argument("--no-build", action="store_true", help="check only")
    parser.add_argument("--runs", type=int, default=3, help="checks per file; the fastest counts")
    parser.add_argument("--check-timeout", type=float, default=60.0)
    parser.add_argument("--build-timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    sizes = tuple(args.sizes) if args.sizes else (QUICK_SIZES_KIB if args.quick else SIZES_KIB)
    cases = [c for c in CASES if not args.only or args.only in c.where or args.only in c.name]
    print(
        f"pathological text: {len(cases)} classes x {', '.join(map(str, sizes))} KiB; check = CPU s of load_archive "
        f"(best of {args.runs}), build = wall s of mkdocs build; {os.cpu_count()} cores"
    )
    with tempfile.TemporaryDirectory(prefix="pathological-") as scratch:
        ok = run(
            sizes,
            cases,
            build=not args.no_build,
            runs=args.runs,
            check_timeout=args.check_timeout,
            build_timeout=args.build_timeout,
            scratch=Path(scratch),
        )
    print(
        "targets met"
        if ok
        else f"TARGET MISSED: a check over {CHECK_LIMIT} s, a build over {BUILD_LIMIT} s, a failed build or faster than linear growth"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
