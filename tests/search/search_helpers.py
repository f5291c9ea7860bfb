"""Shared helpers for the search-index tests (imported as ``search_helpers``).

The tests compare the Python builder with lunr.js 2.3.9 running in node
(``node_modules/lunr``, installed by ``npm ci``) through
``tests/js/lunr_harness.js``.  Nothing is skipped: without node or without
``node_modules`` the tests fail and say what to run.

Text comes from the generated corpus of ``tests/fixtures/corpus/make_corpus.py``
(multilingual reports made at test time from in-repo word lists, the same every
run), so the tests need no file outside the repository.  Where the larger real
corpus is on the machine (``../shared/realdata/articles.jsonl`` beside the
repository, ``$ARCHIVE_SHARED_DIR/realdata/articles.jsonl``, or the file named
by ``$ARCHIVE_REALDATA``), the tests that take a corpus run on it too, as extra
cases; it is read at test time and never copied into the project.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Optional

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


CORPUS_DIR = REPO / "tests" / "fixtures" / "corpus"


def corpus_module():
    """``tests/fixtures/corpus/make_corpus.py``, loaded once per process (the contrib tests share it)."""
    name = "archive_test_corpus"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, CORPUS_DIR / "make_corpus.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return module


def realdata_path() -> Optional[Path]:
    """The real corpus, if asked for (``$ARCHIVE_REALDATA``) or found beside the repository; else None."""
    env = os.environ.get("ARCHIVE_REALDATA")
    if env:
        return Path(env)
    shared = Path(os.environ.get("ARCHIVE_SHARED_DIR", REPO.parent / "shared"))
    path = shared / "realdata" / "articles.jsonl"
    return path if path.is_file() else None


#: The corpora a corpus-wide test runs on: always the generated one; the real one when present.
CORPORA = ["generated"] + (["realdata"] if realdata_path() is not None else [])

_REALDATA_CACHE: list = []


def corpus(name: str = "generated") -> list:
    """The records (title, date, body, url, publisher, language) of corpus ``name``; do not change them."""
    if name == "generated":
        return corpus_module().generate()
    assert name == "realdata", name
    if not _REALDATA_CACHE:
        path = realdata_path()
        if path is None or not path.is_file():
            pytest.fail(f"$ARCHIVE_REALDATA names {path}, which is not a file: unset it, or name the real corpus")
        with path.open(encoding="utf-8") as fh:
            _REALDATA_CACHE.extend(json.loads(line) for line in fh)
    return _REALDATA_CACHE


def assert_same_results(actual: list, expected: list, query: str, *, tol: float = 1e-9) -> None:
    """Same refs in the same order, scores within tol, same matched terms/fields."""
    assert [r["ref"] for r in actual] == [r["ref"] for r in expected], f"refs differ for {query!r}"
    for a, e in zip(actual, expected):
        assert abs(a["score"] - e["score"]) <= tol, f"score of {a['ref']} differs for {query!r}"
        assert a["matchData"] == e["matchData"], f"matchData of {a['ref']} differs for {query!r}"
