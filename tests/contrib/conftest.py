"""Shared fixtures of the contributor-kit tests: a small archive, the CLI, the shared test data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from archive.cli import main
from archive.gazetteer import Gazetteer, find_gazetteer_files, load_gazetteer
from archive.problems import ProblemLog

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "contrib"
REPORTS = FIXTURES / "reports"
#: ``shared/`` lies beside the repository, on developers' machines and in CI.
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_a1177dfb8dc12fab.txt"
REALDATA = SHARED / "realdata" / "articles.jsonl"


@pytest.fixture
def archive_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture archive at ``tmp_path/content``, with the working folder at ``tmp_path``."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "archive", content)
    monkeypatch.chdir(tmp_path)
    return content


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    log = ProblemLog()
    loaded = load_gazetteer(find_gazetteer_files(FIXTURES / "archive" / "gazetteer"), log)
    assert not log.errors, log.errors
    return loaded


def run(*args: str, input: str | None = None) -> Result:
    """``archive ARGS`` in-process, stdin not a terminal (as in CI and pipes)."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def needs(path: Path) -> Path:
    """``path`` from ``shared/``; skipped only outside CI, where a checkout may have no copy of it."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI runs with shared/ beside the checkout")
        pytest.skip(f"{path} is not on this machine")
    return path
