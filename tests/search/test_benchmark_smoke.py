"""The search benchmark runs end to end on a small generated archive.

Its word model comes from a corpus (the generated one, and the real one where present), handed
to the benchmark as a JSON Lines file through ``$ARCHIVE_REALDATA``.
"""

from __future__ import annotations

import importlib.util

import pytest
from search_helpers import CORPORA, REPO, corpus, corpus_module


def _load_bench():
    spec = importlib.util.spec_from_file_location("search_index_bench", REPO / "benchmarks" / "search_index_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", CORPORA)
def test_benchmark_top10_of_sharded_equals_monolithic_on_a_small_archive(monkeypatch, tmp_path, name):
    data = corpus_module().write_jsonl(corpus(name), tmp_path / f"{name}.jsonl")
    monkeypatch.setenv("ARCHIVE_REALDATA", str(data))
    bench = _load_bench()
    report = bench.bench(60, seed=7, use_node=True, repeat=1)
    assert report["source"].endswith(f"{name}.jsonl")  # the corpus's words, not the synthetic fallback
    assert report["all_top10_equal"] is True
    assert report["sharded_gz"] < report["mono_gz"]
    assert len(report["queries"]) == len(bench.QUERIES) >= 30
