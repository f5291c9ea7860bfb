#!/usr/bin/env python3
"""Benchmark the search index: build cost, bytes on disk, bytes a query fetches.

    .venv/bin/python benchmarks/search_index_bench.py            # N = 1000 and 10000
    .venv/bin/python benchmarks/search_index_bench.py -n 1000 --no-node

Generates N articles of about 850 words (seeded, deterministic) from the word
frequencies of the real test data (``../shared/realdata/articles.jsonl``
beside the repository, ``$ARCHIVE_SHARED_DIR/realdata/articles.jsonl`` or
``$ARCHIVE_REALDATA``), with a synthetic Zipf
vocabulary as fallback when that file is absent, a sprinkling of place
names in Latin and Cyrillic spellings, and (``--novel``, default 10) a few
rare names per article from a pool that grows with N, so that the term count
keeps growing with the archive as in real text (Heaps' law) instead of
saturating at the vocabulary of the sample.  Then it builds:

* the monolithic lunr index (one JSON file, what lunr.js would load), and
* the sharded index (archive.search.shards),

and prints build CPU seconds, total bytes raw and gzip for both, and for a
fixed list of queries the compressed bytes a browser fetches before the
first results (cold cache: manifest + term chunks + shards for the sharded
index, the whole file for the monolithic one), median and p95.  With node
available it also checks that the sharded loader's top 10 (refs and scores)
equals lunr.js's own search on the monolithic index for every query.

Output files go to ``benchmarks/out/search-<N>/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from archive.search import build_index, dump_lunr_json, write_sharded_index  # noqa: E402

HARNESS = os.path.join(REPO, "tests", "js", "lunr_harness.js")

QUERIES = [
    "russia",
    "ukraine",
    "kyiv",
    "zelensky",
    "putin",
    "sanctions",
    "grain exports",
    "nuclear power plant",
    "drone attack",
    "ceasefire talks",
    "day",
    "today",
    "monday",
    "energy prices",
    "+ukraine +counteroffensive",
    "+russia -sanctions",
    "title:kyiv",
    "title:war",
    "belg*",
    "kurs*",
    "zapor*",
    "kursk~1",
    "kharkov~1",
    "Белгород",
    "Белгородской",
    "Київ",
    "bakhmut^5 soledar",
    "wagner group",
    "missile strikes",
    "refugees poland",
]

PLACES = [
    ("Belgorod", "Белгород", "Белгородской"),
    ("Bilhorod", "Бєлгород", "Бєлгородщина"),
    ("Kyiv", "Київ", "Києві"),
    ("Kiev", "Киев", "Киева"),
    ("Kursk", "Курск", "Курской"),
    ("Kharkiv", "Харків", "Харківської"),
    ("Zaporizhzhia", "Запоріжжя", "Запорізької"),
    ("Bakhmut", "Бахмут", "Бахмута"),
    ("Donetsk", "Донецьк", "Донецької"),
    ("Mariupol", "Маріуполь", "Маріуполя"),
]


def realdata_path() -> str | None:
    env = os.environ.get("ARCHIVE_REALDATA")
    if env:
        return env if os.path.exists(env) else None
    shared = os.environ.get("ARCHIVE_SHARED_DIR", os.path.join(os.path.dirname(REPO), "shared"))
    p = os.path.join(shared, "realdata", "articles.jsonl")
    return p if os.path.exists(p) else None


def word_model(seed: int):
    """(words, cumulative weights) of a unigram model."""
    path = realdata_path()
    counts: Counter = Counter()
    if path:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                counts.update((rec["title"] + " " + rec["body"]).split())
        source = os.path.relpath(path, REPO)
    else:
        rnd = random.Random(seed)
        letters = "abcdefghijklmnoprstuvwy"
        for rank in range(1, 40001):
            w = "".join(rnd.choice(letters) for _ in range(rnd.randint(2, 11)))
            counts[w] += max(1, int(200000 / rank))
        source = "synthetic Zipf vocabulary"
    words = list(counts)
    cum = []
    total = 0
    for w in words:
        total += counts[w]
        cum.append(total)
    return words, cum, source


_CONSONANTS = "bcdfghklmnprstvz"
_VOWELS = "aeiou"


def rare_name(k: int) -> str:
    """A pronounceable name for number k (distinct numbers, distinct names)."""
    out = []
    k += 7
    while k:
        k, r = divmod(k, len(_CONSONANTS) * len(_VOWELS))
        out.append(_CONSONANTS[r // len(_VOWELS)] + _VOWELS[r % len(_VOWELS)])
    return "".join(out).capitalize() + "v"


QUERIES.append(rare_name(4321))  # a rare name (in the archive when --novel > 0)


def generate(n: int, seed: int = 20220224, novel: int = 10):
    """n articles {"title", "body"} of ~850 body words, deterministic for (n, seed)."""
    words, cum, source = word_model(seed)
    rnd = random.Random(seed)
    pool = max(1, 8 * n)
    docs = []
    for _ in range(n):
        body_len = max(200, int(rnd.gauss(850, 150)))
        body = rnd.choices(words, cum_weights=cum, k=body_len - novel)
        for _ in range(novel):
            body.insert(rnd.randrange(len(body) + 1), rare_name(rnd.randrange(pool)))
        title = rnd.choices(words, cum_weights=cum, k=rnd.randint(6, 12))
        # names of places in any script, as the catalogue's aliases would add
        for _ in range(rnd.randint(0, 3)):
            place = rnd.choice(PLACES)
            body.insert(rnd.randrange(len(body) + 1), rnd.choice(place))
        if rnd.random() < 0.2:
            title.insert(rnd.randrange(len(title) + 1), rnd.choice(rnd.choice(PLACES)))
        docs.append({"title": " ".join(title), "body": " ".join(body)})
    return docs, source


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def run_node(jobs, heap_mb=8192):
    if not os.path.isdir(os.path.join(REPO, "node_modules", "lunr")):
        raise SystemExit("node_modules/lunr is missing: run `npm ci` in " + REPO)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(jobs, fh)
    try:
        out = subprocess.run(
            ["node", f"--max-old-space-size={heap_mb}", HARNESS, fh.name],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(fh.name)
    return json.loads(out.stdout)


def pct(values, p):
    values = sorted(values)
    if not values:
        return 0
    k = (len(values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def kb(n):
    return f"{n / 1024:,.1f} KB"


def mb(n):
    return f"{n / 1024 / 1024:,.2f} MB"


def bench(n: int, seed: int, use_node: bool, cyrillic: bool = True, novel: int = 10, repeat: int = 3) -> dict:
    out_dir = os.path.join(REPO, "benchmarks", "out", f"search-{n}")
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    docs, source = generate(n, seed, novel)
    n_words = sum(len(d["body"].split()) + len(d["title"].split()) for d in docs)

    fields = [("title", 10), ("body", 1)]
    # CPU time, best of `repeat` builds (the machine may be shared)
    build_cpu = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.process_time()
        index = build_index(((str(i), d) for i, d in enumerate(docs)), fields, cyrillic=cyrillic)
        build_cpu = min(build_cpu, time.process_time() - t0)

    t0 = time.process_time()
    mono = dump_lunr_json(index).encode("utf-8")
    mono_cpu = time.process_time() - t0
    mono_path = os.path.join(out_dir, "lunr-index.json")
    with open(mono_path, "wb") as fh:
        fh.write(mono)
    mono_gz = gz(mono)

    t0 = time.process_time()
    shard_dir = os.path.join(out_dir, "sharded")
    manifest = write_sharded_index(index, shard_dir)
    shard_cpu = time.process_time() - t0

    file_raw = {}
    file_gz = {}
    for rel in manifest["files"]:
        with open(os.path.join(shard_dir, rel), "rb") as fh:
            data = fh.read()
        file_raw[rel] = len(data)
        file_gz[rel] = gz(data)
    shard_files = [p for p in file_gz if p.startswith("shards/")]
    chunk_files = [p for p in file_gz if p.startswith("terms/")]

    report = {
        "n": n,
        "source": source,
        "novel": novel,
        "words": n_words,
        "terms": len(index.terms),
        "build_cpu": build_cpu,
        "repeat": repeat,
        "mono_serialize_cpu": mono_cpu,
        "shard_write_cpu": shard_cpu,
        "mono_raw": len(mono),
        "mono_gz": mono_gz,
        "sharded_raw": sum(file_raw.values()),
        "sharded_gz": sum(file_gz.values()),
        "shard_count": manifest["shards"]["count"],
        "shard_gz_median": pct([file_gz[p] for p in shard_files], 50),
        "shard_gz_max": max(file_gz[p] for p in shard_files),
        "chunk_count": len(chunk_files),
        "chunks_gz": sum(file_gz[p] for p in chunk_files),
        "manifest_gz": file_gz["manifest.json"],
    }

    if use_node:
        t0 = time.time()
        js_docs = [dict(ref=str(i), **d) for i, d in enumerate(docs)]
        answers = run_node(
            [
                {"cmd": "shards", "dir": shard_dir, "queries": QUERIES, "limit": 10, "cold": True},
                {"cmd": "search", "index": mono_path, "queries": QUERIES, "limit": 10},
                {"cmd": "build", "fields": [{"name": "title", "boost": 10}, {"name": "body"}], "docs": js_docs},
            ]
        )
        report["node_seconds"] = time.time() - t0
        report["lunrjs_build_cpu"] = answers[2]["cpuSeconds"]
        sharded, monolithic = answers[0]["answers"], answers[1]["answers"]
        per_query = []
        all_equal = True
        for q, s, m in zip(QUERIES, sharded, monolithic):
            fetched = sum(file_gz[f] for f in s["stats"]["files"])
            same_refs = [r["ref"] for r in s["results"]] == [r["ref"] for r in m["results"]]
            same_scores = all(abs(a["score"] - b["score"]) <= 1e-9 for a, b in zip(s["results"], m["results"]))
            equal = same_refs and same_scores and s["error"] is None and m["error"] is None
            all_equal &= equal
            per_query.append(
                {
                    "query": q,
                    "gz": fetched,
                    "files": len(s["stats"]["files"]),
                    "hits_top10": len(s["results"]),
                    "top10_equal": equal,
                }
            )
        report["queries"] = per_query
        report["fetch_median"] = statistics.median(p["gz"] for p in per_query)
        report["fetch_p95"] = pct([p["gz"] for p in per_query], 95)
        report["all_top10_equal"] = all_equal
    return report


def print_report(r: dict) -> None:
    print(
        f"\n=== N = {r['n']:,} articles ({r['words']:,} words, {r['terms']:,} terms; vocabulary: {r['source']}, {r['novel']} rare names per article) ==="
    )
    print(
        f"build CPU (tokenise, count, BM25):   {r['build_cpu']:.2f} s   ({r['build_cpu'] / r['n'] * 1000:.2f} s per 1,000 articles; best of {r['repeat']})"
    )
    if "lunrjs_build_cpu" in r:
        print(f"  (lunr.js building the same index in node: {r['lunrjs_build_cpu']:.2f} s CPU)")
    print(f"write monolithic JSON CPU:           {r['mono_serialize_cpu']:.2f} s")
    print(f"write sharded files CPU:             {r['shard_write_cpu']:.2f} s")
    print(f"monolithic index:  {mb(r['mono_raw'])} raw, {mb(r['mono_gz'])} gzip")
    print(
        f"sharded index:     {mb(r['sharded_raw'])} raw, {mb(r['sharded_gz'])} gzip in all "
        f"({r['shard_count']} shards, median {kb(r['shard_gz_median'])}, max {kb(r['shard_gz_max'])} gzip; "
        f"{r['chunk_count']} term chunks, {kb(r['chunks_gz'])} gzip; manifest {kb(r['manifest_gz'])})"
    )
    if "queries" in r:
        print(f"bytes fetched before first results (gzip), {len(r['queries'])} queries, cold cache:")
        print(f"  sharded:     median {kb(r['fetch_median'])}, p95 {kb(r['fetch_p95'])}")
        print(f"  monolithic:  median {kb(r['mono_gz'])}, p95 {kb(r['mono_gz'])} (the whole index, every query)")
        print(f"  top 10 of sharded == monolithic lunr.js for every query: {r['all_top10_equal']}")
        print("  per query (gzip KB fetched, files, results in top 10, equal):")
        for q in r["queries"]:
            print(f"    {q['query']:<30} {q['gz'] / 1024:8.1f} {q['files']:4d} {q['hits_top10']:4d}  {q['top10_equal']}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, action="append", help="articles (repeatable; default 1000 and 10000)")
    ap.add_argument("--seed", type=int, default=20220224)
    ap.add_argument("--repeat", type=int, default=3, help="builds to time (the best counts)")
    ap.add_argument("--novel", type=int, default=10, help="rare names per article (0: plain unigram model)")
    ap.add_argument("--no-node", action="store_true", help="skip the query measurements (needs node + npm ci)")
    ap.add_argument("--json", help="also write the reports to this JSON file")
    args = ap.parse_args(argv)
    os.makedirs(os.path.join(REPO, "benchmarks", "out"), exist_ok=True)
    reports = []
    for n in args.n or [1000, 10000]:
        r = bench(n, args.seed, not args.no_node, novel=args.novel, repeat=args.repeat)
        print_report(r)
        reports.append(r)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(reports, fh, indent=1)
    ok = all(r.get("all_top10_equal", True) for r in reports)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
