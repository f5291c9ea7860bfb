"""How long ``archive check`` takes as the archive grows.

Generates archives of the given sizes (default 1,000 and 10,000 articles) with
``benchmarks/generate.py`` and times the real command, as a pull request's CI runs it, in a
fresh process: wall-clock seconds, CPU seconds of the command and its workers, peak memory.
Target (issue 2): 10,000 articles checked in under 3 seconds on a 2-core machine.

``--drafts`` marks every article a draft (each then has a warning) and times the check with
the fast YAML loader and without it: warnings must not cost a second parse, so the fast path
must be no slower (issue 11).

    python benchmarks/check_bench.py            # 1000 and 10000
    python benchmarks/check_bench.py 500 2000   # other sizes
    python benchmarks/check_bench.py --drafts 2000
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_archive  # noqa: E402

TARGET_ARTICLES = 10_000
TARGET_SECONDS = 3.0


#: ``archive check`` with the fast YAML loader switched off, as if rapidyaml were not installed.
_WITHOUT_FAST_PATH = "import sys, archive.read.fastyaml as f; f.ryml = None; from archive.cli.main import main; sys.exit(main())"


def time_check(root: Path, runs: int = 3, *, strict: bool = True, fast_path: bool = True) -> dict[str, float]:
    """Best of ``runs`` (wall, cpu) of ``archive check [--strict] root`` in a child process."""
    best: dict[str, float] = {}
    command = [sys.executable, "-m", "archive"] if fast_path else [sys.executable, "-c", _WITHOUT_FAST_PATH]
    command += ["check", *(["--strict"] if strict else []), str(root)]
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if completed.returncode != 0:
            raise SystemExit(f"archive check failed on the generated archive:\n{completed.stdout[-2000:]}")
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if not best or wall < best["wall"]:
            best = {"wall": wall, "cpu": cpu, "peak_mib": after.ru_maxrss / 1024}
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--drafts", action="store_true", help="every article a draft: fast path vs positioned parse only")
    args = parser.parse_args()
    if args.drafts:
        return drafts(args.sizes, args.seed)
    print(f"{'articles':>9} {'wall s':>8} {'cpu s':>8} {'ms/article (cpu)':>17} {'peak MiB':>9}   ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            root = generate_archive(Path(scratch) / f"archive-{size}", size, seed=args.seed)
            result = time_check(root)
            print(
                f"{size:>9} {result['wall']:>8.2f} {result['cpu']:>8.2f} {1000 * result['cpu'] / size:>17.3f} {result['peak_mib']:>9.0f}"
            )
            if size == TARGET_ARTICLES:
                verdict = "met" if result["wall"] < TARGET_SECONDS else "MISSED"
                print(f"target ({TARGET_ARTICLES:,} articles in < {TARGET_SECONDS} s wall): {verdict}")


def _mark_drafts(root: Path) -> None:
    for path in (root / "articles").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")


def drafts(sizes: list[int], seed: int) -> None:
    """An archive of drafts (a warning each), checked with and without the fast YAML loader."""
    print(f"{'drafts':>9} {'fast cpu s':>11} {'positioned cpu s':>17} {'fast/positioned':>16}")
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            root = generate_archive(Path(scratch) / f"drafts-{size}", size, seed=seed)
            _mark_drafts(root)
            fast = time_check(root, strict=False)
            positioned = time_check(root, strict=False, fast_path=False)
            print(f"{size:>9} {fast['cpu']:>11.2f} {positioned['cpu']:>17.2f} {fast['cpu'] / positioned['cpu']:>16.2f}")


if __name__ == "__main__":
    main()
