#!/usr/bin/env python3
"""The site's search at scale: build cost, index bytes, bytes a first query fetches.

For each size (default 1,000 and 10,000 articles) an archive is generated with
``benchmarks/generate.py`` and built by ``mkdocs build`` in fresh processes:

* **plain**: mkdocs-material over the same Markdown files (``build_bench.write_configs``);
* **archive**: the ``archive`` plugin alone;
* **archive + search**: the ``archive`` and ``archive-search`` plugins (this project's site).

Reported:

* index build CPU: :func:`archive.search.documents.write_site_index` timed in this process on
  the loaded catalogue (documents, mentions, lunr index, shards, facets, display records),
  best of ``--runs``, and as a fraction of the plain build's CPU (target: at most 1/4); the
  whole site build (archive + search) against the plain build (target: at most 1.5x);
* the index's files, raw and gzip, by kind (shards, term lists, display records, facets);
* for a fixed list of queries, the gzip bytes the search page fetches before it shows the
  first results, cold cache: its scripts (lunr.min.js, shard-loader.js, search-engine.js,
  search-worker.js, search-ui.js) plus everything the engine reads (manifest, facets, the
  shards of the query's terms or the term list for ~ and leading *, and the display records
  of the first page), measured by running the page's engine in node on the built files
  (median, p95; target at 10,000: median at most 300 KB);
* the same for one monolithic lunr index of the same documents (lunr.min.js + the index;
  display records not counted, so this is its lower bound), and whether the sharded index's
  top 10 equals lunr.js's own search on the monolithic index for every query.

    .venv/bin/python benchmarks/search_bench.py                  # 1000 and 10000
    .venv/bin/python benchmarks/search_bench.py 1000 --runs 3 --keep /tmp/search-bench

Writes benchmarks/out/search-bench.json (git-ignored). Needs node and ``npm ci`` (lunr.js).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from build_bench import measure, write_configs  # noqa: E402
from generate import generate_archive  # noqa: E402
from search_index_bench import gz, kb, pct  # noqa: E402 - the same measures as the index benchmark

from archive.catalogue import build_catalogue  # noqa: E402
from archive.read.loader import load_archive  # noqa: E402
from archive.search import IndexBuilder, TermPipeline, asset_path, dump_lunr_json  # noqa: E402
from archive.search.documents import FIELDS, build_documents, write_site_index  # noqa: E402

ENGINE_HARNESS = REPO / "tests" / "search_site" / "engine_harness.js"
LUNR_HARNESS = REPO / "tests" / "js" / "lunr_harness.js"
PAGE_SCRIPTS = ("lunr.min.js", "shard-loader.js", "search-engine.js", "search-worker.js", "search-ui.js")
PER_PAGE = 10

QUERIES = [
    "drone",
    "attack",
    "border village",
    "military officials",
    "governor said",
    "civilians injured",
    "air defence",
    "verified footage",
    "artillery units",
    "shelling near",
    "Ministry of Defence",
    "Kyiv",
    "Kiev",
    "Київ",
    "Belgorod",
    "Белгородской",
    "Bilhorod",
    "Wagner",
    "Пригожин",
    "title:footage",
    "+drone +strike",
    "strike -missile",
    "belg*",
    "kursk~1",
]


def node(script: Path, jobs: list, heap_mb: int = 8192) -> list:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(jobs, fh)
    try:
        out = subprocess.run(
            ["node", f"--max-old-space-size={heap_mb}", str(script), fh.name], capture_output=True, text=True, cwd=REPO
        )
    finally:
        os.unlink(fh.name)
    if out.returncode != 0:
        raise SystemExit(f"{script.name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout)


def search_config(configs: dict, folder: Path) -> Path:
    """The archive configuration with the search plugin added after the archive plugin."""
    config = json.loads(configs["archive"].read_text(encoding="utf-8"))
    config["plugins"] = ["archive", "archive-search"]
    path = folder / "mkdocs-search.yml"
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    return path


def best(config: Path, site: Path, runs: int) -> dict:
    return min((measure(config, site) for _ in range(runs)), key=lambda r: r["cpu"])


def index_cpu(docs: Path, runs: int) -> dict:
    """write_site_index on the loaded catalogue, timed in this process (best of ``runs``)."""
    archive = load_archive(docs)
    catalogue = build_catalogue(archive.gazetteer, archive.published())
    times, parts = [], {}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            started = time.process_time()
            write_site_index(catalogue, out)
            times.append(time.process_time() - started)
    # where it goes (one more run, by part), and the index itself (as the site has it)
    started = time.process_time()
    build_documents(catalogue, pipeline=TermPipeline(cyrillic=True), mentions=False)
    parts["documents"] = time.process_time() - started
    pipeline = TermPipeline(cyrillic=True)
    started = time.process_time()
    documents = build_documents(catalogue, pipeline=pipeline)
    parts["documents_with_mentions"] = time.process_time() - started
    started = time.process_time()
    builder = IndexBuilder(FIELDS, pipeline=pipeline)
    builder.add_many(documents.pairs())
    index = builder.build()
    parts["lunr_index"] = time.process_time() - started
    return {"cpu": min(times), "runs": times, "parts": parts, "index": index}


def ranked(refs_scores: list, tol: float = 1e-9) -> list:
    """Refs in order with ties (scores within ``tol``) as sets: lunr orders equal scores by
    insertion, which differs between a whole index and one rebuilt from shards."""
    groups: list = []
    for ref, score in refs_scores:
        if groups and abs(groups[-1][0] - score) <= tol:
            groups[-1][1].add(ref)
        else:
            groups.append([score, {ref}])
    return [refs for _, refs in groups]


def same_top(a: list, b: list, n: int) -> bool:
    """The same top ``n``: equal scores at every rank and the same refs for every score (the
    group of equal scores cut by the limit may hold different members)."""
    a, b = a[:n], b[:n]
    if len(a) != len(b) or any(abs(x[1] - y[1]) > 1e-9 for x, y in zip(a, b)):
        return False
    return ranked(a)[:-1] == ranked(b)[:-1]


def file_sizes(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, gz(p.read_bytes())) for p in sorted(folder.rglob("*")) if p.is_file()}


def kind_of(path: str) -> str:
    return path.split("/")[0] if "/" in path else path.split(".")[0]


def bench(size: int, folder: Path, seed: int, runs: int) -> dict:
    docs = generate_archive(folder / "docs", size, seed=seed)
    configs = write_configs(docs, folder)
    configs["search"] = search_config(configs, folder)
    report: dict = {"articles": size}

    report["plain"] = best(configs["plain"], folder / "site-plain", runs)
    report["archive"] = best(configs["archive"], folder / "site-archive", runs)
    site = folder / "site-search"
    report["archive_search"] = best(configs["search"], site, runs)
    shutil.rmtree(folder / "site-plain", ignore_errors=True)
    shutil.rmtree(folder / "site-archive", ignore_errors=True)

    timing = index_cpu(docs, runs)
    index = timing.pop("index")
    report["index"] = timing
    report["index_fraction_of_plain"] = timing["cpu"] / report["plain"]["cpu"]
    report["site_ratio_to_plain"] = report["archive_search"]["cpu"] / report["plain"]["cpu"]

    folder_index = site / "search" / "index"
    sizes = file_sizes(folder_index)
    by_kind: dict[str, list[int]] = {}
    for path, (raw, packed) in sizes.items():
        entry = by_kind.setdefault(kind_of(path), [0, 0, 0])
        entry[0] += raw
        entry[1] += packed
        entry[2] += 1
    report["files"] = {k: {"raw": v[0], "gzip": v[1], "count": v[2]} for k, v in sorted(by_kind.items())}
    report["total_raw"] = sum(raw for raw, _ in sizes.values())
    report["total_gzip"] = sum(packed for _, packed in sizes.values())
    report["terms"] = len(index.terms)
    scripts = {name: gz(Path(asset_path(name)).read_bytes()) for name in PAGE_SCRIPTS}
    report["scripts_gzip"] = scripts

    # the search page's engine, cold cache, one query at a time
    requests = [{"q": q, "filters": {}, "limit": PER_PAGE} for q in QUERIES]
    (engine,) = node(ENGINE_HARNESS, [{"cmd": "search", "dir": str(folder_index), "requests": requests, "cold": True}])
    monolithic = folder / "lunr-index.json"
    monolithic.write_text(dump_lunr_json(index), encoding="utf-8")
    mono_gzip = gz(monolithic.read_bytes())
    sharded, whole = node(
        LUNR_HARNESS,
        [
            {"cmd": "shards", "dir": str(folder_index), "queries": QUERIES, "limit": 10, "cold": True},
            {"cmd": "search", "index": str(monolithic), "queries": QUERIES, "limit": 10},
        ],
    )
    per_query = []
    for q, answer, s, m in zip(QUERIES, engine["answers"], sharded["answers"], whole["answers"]):
        files = answer["stats"]["files"]
        fetched = {kind_of(f): 0 for f in files}
        for f in files:
            fetched[kind_of(f)] += sizes[f][1]
        lunr_top = [(r["ref"], r["score"]) for r in m["results"]]
        same = same_top([(r["ref"], r["score"]) for r in s["results"]], lunr_top, 10) and same_top(
            [(str(r["doc"]), r["score"]) for r in answer["results"]], lunr_top, PER_PAGE
        )
        per_query.append(
            {
                "query": q,
                "error": answer["error"],
                "total": answer["total"],
                "gzip": sum(fetched.values()) + sum(scripts.values()),
                "index_gzip": sum(fetched.values()),
                "by_kind": fetched,
                "requests": len(files),
                "top10_equal": same,
            }
        )
    report["queries"] = per_query
    first = [q["gzip"] for q in per_query]
    report["first_query_gzip"] = {"median": statistics.median(first), "p95": pct(first, 95), "max": max(first)}
    report["monolithic"] = {
        "raw": monolithic.stat().st_size,
        "gzip": mono_gzip,
        "first_query_gzip": mono_gzip + scripts["lunr.min.js"],
    }
    report["all_top10_equal"] = all(q["top10_equal"] for q in per_query)
    monolithic.unlink()
    return report


def show(r: dict) -> None:
    n = r["articles"]
    print(f"\n=== {n:,} articles ({r['terms']:,} terms) ===")
    plain, arch, site = r["plain"]["cpu"], r["archive"]["cpu"], r["archive_search"]["cpu"]
    print(
        f"mkdocs build CPU: plain {plain:.1f} s, archive {arch:.1f} s, archive + search {site:.1f} s "
        f"({r['site_ratio_to_plain']:.2f}x plain; target <= 1.5x); peak {r['archive_search']['peak_mib']:.0f} MiB"
    )
    parts = r["index"]["parts"]
    print(
        f"index build CPU (write_site_index, best of {len(r['index']['runs'])}): {r['index']['cpu']:.2f} s "
        f"= {r['index_fraction_of_plain']:.3f} of the plain build (target <= 0.25); "
        f"{r['index']['cpu'] / n * 1000:.2f} ms per article"
    )
    print(
        f"  documents {parts['documents']:.2f} s (+ mentions: {parts['documents_with_mentions']:.2f} s), "
        f"lunr index {parts['lunr_index']:.2f} s, the rest is writing shards, records and facets"
    )
    print(f"index files: {r['total_raw'] / 1e6:.1f} MB raw, {r['total_gzip'] / 1e6:.2f} MB gzip")
    for kind, v in r["files"].items():
        print(f"  {kind:<14} {v['count']:>6} files {v['raw'] / 1e6:>9.2f} MB raw {kb(v['gzip']):>12} gzip")
    print(
        f"page scripts: {kb(sum(r['scripts_gzip'].values()))} gzip ({', '.join(f'{k} {kb(v)}' for k, v in r['scripts_gzip'].items())})"
    )
    q = r["first_query_gzip"]
    print(f"first query, bytes fetched before the first results (gzip, cold cache, {len(r['queries'])} queries):")
    print(f"  sharded:    median {kb(q['median'])}, p95 {kb(q['p95'])}, max {kb(q['max'])}  (target at 10k: median <= 300 KB)")
    print(
        f"  monolithic: {kb(r['monolithic']['first_query_gzip'])} every query (index {r['monolithic']['raw'] / 1e6:.1f} MB raw, "
        f"{kb(r['monolithic']['gzip'])} gzip, + lunr.min.js; display data not counted)"
    )
    print(f"  top 10 equal to lunr.js on the monolithic index for every query (ties as sets): {r['all_top10_equal']}")
    print(
        f"  {'query':<22} {'KB':>7} {'index':>7} {'facets':>7} {'shards':>7} {'terms':>7} {'records':>7} {'req':>4} {'hits':>6}"
    )
    for x in r["queries"]:
        k = x["by_kind"]
        print(
            f"  {x['query']:<22} {x['gzip'] / 1024:7.1f} {x['index_gzip'] / 1024:7.1f} {k.get('facets', 0) / 1024:7.1f} "
            f"{k.get('shards', 0) / 1024:7.1f} {k.get('terms', 0) / 1024:7.1f} {k.get('docdata', 0) / 1024:7.1f} "
            f"{x['requests']:>4} {x['total']:>6}{'' if x['top10_equal'] else '  DIFFERENT'}{'  ' + x['error']['type'] if x['error'] else ''}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=1, help="builds and index runs per measure; the fastest counts")
    parser.add_argument("--keep", type=Path, help="keep the generated archives and sites in this folder")
    parser.add_argument("--json", type=Path, default=HERE / "out" / "search-bench.json")
    args = parser.parse_args()
    if not shutil.which("node") or not (REPO / "node_modules" / "lunr").is_dir():
        raise SystemExit("needs node and lunr.js: run `npm ci` in " + str(REPO))
    print(f"({os.cpu_count()} cores; CPU = user + system of each process)")
    reports = []
    with tempfile.TemporaryDirectory() as scratch:
        base = args.keep or Path(scratch)
        for size in args.sizes:
            report = bench(size, base / f"search-{size}", args.seed, args.runs)
            show(report)
            reports.append(report)
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(reports, indent=1), encoding="utf-8")
    print(f"\nwritten: {args.json}")


if __name__ == "__main__":
    main()
