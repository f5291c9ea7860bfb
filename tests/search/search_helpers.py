"""Shared helpers for the search-index tests (imported as ``search_helpers``).

The tests compare the Python builder with lunr.js 2.3.9 running in node
(``node_modules/lunr``, installed by ``npm ci``) through
``tests/js/lunr_harness.js``.  Nothing is skipped: without node or without
``node_modules`` the tests fail and say what to run.

Real text comes from ``../shared/realdata/articles.jsonl`` beside the
repository (or ``$ARCHIVE_SHARED_DIR/realdata/articles.jsonl``, or the file
named by ``$ARCHIVE_REALDATA``); it is read at test time and never copied
into the project.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HARNESS = REPO / "tests" / "js" / "lunr_harness.js"


def node_binary() -> str:
    node = shutil.which("node")
    if not node:
        pytest.fail("node is not on PATH: the search tests run lunr.js in node (Debian: apt-get install nodejs)")
    return node


def run_node(jobs: list, *, heap_mb: int = 4096) -> list:
    """Run harness jobs in one node process; returns one answer per job."""
    node = node_binary()
    if not (REPO / "node_modules" / "lunr" / "lunr.js").exists():
        pytest.fail(f"node_modules/lunr is missing: run `npm ci` in {REPO}")
    proc = subprocess.run(
        [node, f"--max-old-space-size={heap_mb}", str(HARNESS)],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        cwd=str(REPO),
    )
    if proc.returncode != 0:
        pytest.fail(f"node harness failed ({proc.returncode}):\n{proc.stderr}")
    return json.loads(proc.stdout)


def realdata_path() -> Path:
    env = os.environ.get("ARCHIVE_REALDATA")
    shared = Path(os.environ.get("ARCHIVE_SHARED_DIR", REPO.parent / "shared"))
    path = Path(env) if env else shared / "realdata" / "articles.jsonl"
    if not path.exists():
        pytest.fail(
            f"real test data not found at {path}: set ARCHIVE_REALDATA to shared/realdata/articles.jsonl"
        )
    return path


_REALDATA_CACHE: list = []


def realdata() -> list:
    """All records of the real test data (read once per session)."""
    if not _REALDATA_CACHE:
        with realdata_path().open(encoding="utf-8") as fh:
            _REALDATA_CACHE.extend(json.loads(line) for line in fh)
    return _REALDATA_CACHE


def assert_same_results(actual: list, expected: list, query: str, *, tol: float = 1e-9) -> None:
    """Same refs in the same order, scores within tol, same matched terms/fields."""
    assert [r["ref"] for r in actual] == [r["ref"] for r in expected], f"refs differ for {query!r}"
    for a, e in zip(actual, expected):
        assert abs(a["score"] - e["score"]) <= tol, f"score of {a['ref']} differs for {query!r}"
        assert a["matchData"] == e["matchData"], f"matchData of {a['ref']} differs for {query!r}"

