"""The search benchmark runs end to end on a small generated archive."""

from __future__ import annotations

import importlib.util

from search_helpers import REPO, realdata_path


def _load_bench():
    spec = importlib.util.spec_from_file_location("search_index_bench", REPO / "benchmarks" / "search_index_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_top10_of_sharded_equals_monolithic_on_a_small_archive(monkeypatch):
    monkeypatch.setenv("ARCHIVE_REALDATA", str(realdata_path()))
    bench = _load_bench()
    report = bench.bench(60, seed=7, use_node=True, repeat=1)
    assert report["all_top10_equal"] is True
    assert report["sharded_gz"] < report["mono_gz"]
    assert len(report["queries"]) == len(bench.QUERIES) >= 30
