"""How long ``archive check`` takes as the archive grows.

Generates archives of the given sizes (default 1,000 and 10,000 articles) with
``benchmarks/generate.py`` and times the real command, as a pull request's CI runs it, in a
fresh process: wall-clock seconds, CPU seconds of the command and its workers, peak memory.
Target (issue 2): 10,000 articles checked in under 3 seconds on a 2-core machine.

    python benchmarks/check_bench.py            # 1000 and 10000
    python benchmarks/check_bench.py 500 2000   # other sizes
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


def time_check(root: Path, runs: int = 3) -> dict[str, float]:
    """Best of ``runs`` (wall, cpu) of ``archive check --strict root`` in a child process."""
    best: dict[str, float] = {}
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-m", "archive", "check", "--strict", str(root)], capture_output=True, text=True
        )
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
    args = parser.parse_args()
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


if __name__ == "__main__":
    main()
