"""Large archives are read by one process per core, with the same outcome as reading in one.

From ``PARALLEL_THRESHOLD`` files on, ``load_archive`` forks workers that send back problems
but not articles. Whatever the split, the problems must be the same, in the same order, as
when every file is read by the main process.
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from archive.read import loader
from archive.read.loader import PARALLEL_THRESHOLD, ArticleCache, load_archive

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests/corpus/bad"
SEED = REPO / "content/articles/2024/2024-03-12-russian-armed-groups-claim-raids-into-belgorod-and-kursk.md"
TODAY = date(2030, 1, 1)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Reading in parallel, even on a one-core runner; the list counts the parallel reads."""
    calls: list[int] = []
    read_in_parallel = loader._read_in_parallel

    def counted(files: list[str], *args: object) -> object:
        calls.append(len(files))
        return read_in_parallel(files, *args)

    monkeypatch.setattr(loader, "usable_cores", lambda: 2)
    monkeypatch.setattr(loader, "_read_in_parallel", counted)
    return calls


@pytest.fixture(scope="module")
def large_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough generated articles to be read in parallel, with the bad-input corpus among them."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import generate_archive

    root = generate_archive(tmp_path_factory.mktemp("large") / "archive", PARALLEL_THRESHOLD + 20, seed=11, words=20)
    for bad in BAD.iterdir():
        year = bad.name[:4] if bad.name[:4].isdigit() else "2024"
        (root / "articles" / year).mkdir(exist_ok=True)
        shutil.copy(bad, root / "articles" / year / bad.name)
    # Claims disputed by claims of another article: one that exists, one that does not.
    shutil.copy(SEED, root / "articles" / "2024" / SEED.name)
    disputes = "claims:\n" + "".join(
        f"  - {{claimant: ru-mod, claim: A denial., status: disputed, disputed_by: ['{SEED.stem}#{claim}']}}\n"
        for claim in ("mod-breakthrough-thwarted", "no-such-claim")
    )
    (root / "articles" / "2024" / "2024-03-13-a-later-denial.md").write_text(
        "---\ntitle: A later denial\ndate: 2024-03-13\nregions: [ru-bel]\nactors: [ru-mod]\n"
        "sources: [{publisher: TASS, url: 'https://tass.com/1', archived: 'https://web.archive.org/1'}]\n"
        + disputes
        + "---\nText.\n",
        encoding="utf-8",
    )
    return root


def test_reading_in_parallel_reports_what_reading_in_one_process_reports(large_archive: Path, forks: list[int]) -> None:
    parallel = load_archive(large_archive, today=TODAY, keep_articles=False)
    serial = load_archive(large_archive, today=TODAY, cache=ArticleCache())  # a cache reads serially
    assert len(forks) == 1
    assert parallel.files_checked == serial.files_checked > PARALLEL_THRESHOLD
    assert parallel.log.problems == serial.log.problems
    bad_files = {p.path.rsplit("/", 1)[-1] for p in parallel.log.errors}
    assert bad_files >= {f.name for f in BAD.iterdir()}
    denial = [p.message for p in parallel.log.problems if p.path.endswith("2024-03-13-a-later-denial.md")]
    assert denial == [f"article '{SEED.stem}' has no claim with id 'no-such-claim'"]


def test_reading_in_parallel_keeps_the_articles_when_asked(large_archive: Path, forks: list[int]) -> None:
    parallel = load_archive(large_archive, today=TODAY)
    serial = load_archive(large_archive, today=TODAY, cache=ArticleCache())
    assert len(forks) == 1
    assert [a.id for a in parallel.articles] == [a.id for a in serial.articles]
    assert parallel.articles == serial.articles
