"""What the archive's plugins cost: the site build against plain mkdocs-material on the same files.

For each size (default 1,000 and 5,000 articles) an archive is generated with
``benchmarks/generate.py`` and built twice, each time by ``mkdocs build`` in a fresh process:

* **archive**: this project's ``archive`` plugin (every article, entity, timeline and claims page);
* **plain**: mkdocs-material over the same Markdown files, front matter left in place, articles
  out of the nav (``not_in_nav``), the gazetteer excluded.

Material's search is off in both. CPU time (user + system) and peak memory come from
``os.wait4`` on the build process. Target (issue 3): at 5,000 articles the archive build takes at
most 1.25 times the CPU of the plain build, and the ratio does not grow from 1,000 to 5,000.

    python benchmarks/build_bench.py                 # 1000 and 5000
    python benchmarks/build_bench.py 500 2000 --runs 3
    python benchmarks/build_bench.py 5000 --profile  # also writes a cProfile of the archive build
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate_archive  # noqa: E402

THEME = {
    "name": "material",
    "font": False,
    "features": ["navigation.tabs"],
    "palette": [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"},
        },
    ],
}
MARKDOWN = [{"toc": {"permalink": True}}, "tables", "attr_list", "md_in_html", "admonition"]


def write_configs(docs: Path, where: Path) -> dict[str, Path]:
    """The two mkdocs.yml files (JSON is YAML) building ``docs``."""
    (docs / "index.md").write_text("# Archive\n\nA generated archive for the benchmark.\n", encoding="utf-8")
    common = {"site_name": "Benchmark", "docs_dir": str(docs), "use_directory_urls": True, "markdown_extensions": MARKDOWN}
    plain = {
        **common,
        "theme": THEME,
        "plugins": [],
        "nav": [{"Home": "index.md"}],
        "not_in_nav": "/articles/\n",
        "exclude_docs": "/gazetteer/\n",
    }
    archive = {
        **common,
        "theme": {**THEME, "custom_dir": str(REPO / "plugins" / "templates")},
        "plugins": ["archive"],
        "nav": [
            {"Home": "index.md"},
            {"Timeline": "timeline/index.md"},
            {"Claims": "claims/index.md"},
            {"Regions": "regions/index.md"},
            {"Places": "places/index.md"},
            {"Actors": "actors/index.md"},
            {"Tags": "tags/index.md"},
        ],
    }
    paths = {}
    for name, config in (("plain", plain), ("archive", archive)):
        path = where / f"mkdocs-{name}.yml"
        path.write_text(json.dumps(config, indent=2), encoding="utf-8")
        paths[name] = path
    return paths


def measure(config: Path, site: Path, profile: Path | None = None) -> dict[str, float]:
    """CPU seconds and peak MiB of one ``mkdocs build`` in a fresh process."""
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
    command += ["-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(config), "-d", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("ARCHIVE_INCLUDE_DRAFTS", None)
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=log, cwd=config.parent)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            raise SystemExit(f"{config.name} failed:\n{log.read().decode(errors='replace')[-3000:]}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024}


def best(config: Path, site: Path, runs: int) -> dict[str, float]:
    results = [measure(config, site) for _ in range(runs)]
    return min(results, key=lambda r: r["cpu"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1, help="builds per variant; the fastest counts")
    parser.add_argument("--profile", action="store_true", help="write archive-<n>.prof (cProfile) next to the script's output")
    parser.add_argument("--keep", type=Path, help="keep the generated archives and sites in this folder")
    args = parser.parse_args()

    print(
        f"{'articles':>8} {'plain cpu s':>11} {'archive cpu s':>13} {'cpu ratio':>9} "
        f"{'plain MiB':>9} {'archive MiB':>11} {'mem ratio':>9}   ({os.cpu_count()} cores)"
    )
    with tempfile.TemporaryDirectory() as scratch:
        base = args.keep or Path(scratch)
        ratios = []
        for size in args.sizes:
            folder = base / f"build-{size}"
            docs = generate_archive(folder / "docs", size, seed=args.seed)
            configs = write_configs(docs, folder)
            plain = best(configs["plain"], folder / "site-plain", args.runs)
            ours = best(configs["archive"], folder / "site-archive", args.runs)
            if args.profile:
                profile = (args.keep or HERE / "out") / f"archive-{size}.prof"
                profile.parent.mkdir(parents=True, exist_ok=True)
                measure(configs["archive"], folder / "site-profile", profile)
                print(f"{'':>8} profile: {profile}")
            ratio = ours["cpu"] / plain["cpu"]
            ratios.append(ratio)
            print(
                f"{size:>8} {plain['cpu']:>11.2f} {ours['cpu']:>13.2f} {ratio:>9.3f} "
                f"{plain['peak_mib']:>9.0f} {ours['peak_mib']:>11.0f} {ours['peak_mib'] / plain['peak_mib']:>9.2f}",
                flush=True,
            )
        verdict = "met" if ratios[-1] <= 1.25 and (len(ratios) < 2 or ratios[-1] <= ratios[0] * 1.02) else "NOT met"
        print(f"target (<= 1.25x plain CPU at the largest size, ratio not growing): {verdict}")


if __name__ == "__main__":
    main()
