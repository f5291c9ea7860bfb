"""Shared fixtures of the contributor-kit tests: a small archive, the CLI, the test reports and corpora."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from archive.cli.main import main
from archive.read.gazetteer import Gazetteer, find_gazetteer_files, load_gazetteer
from archive.read.problems import ProblemLog

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "contrib"
REPORTS = FIXTURES / "reports"
CORPUS = REPO / "tests" / "fixtures" / "corpus"
#: The model report: a web page's text (title, boilerplate, the title again, a line holding a
#: space, the report) naming regions, places and groups in English, in the repository.
SEED = CORPUS / "raids-report.txt"
#: The larger real corpus some machines have beside the repository: extra cases where it is
#: present, never required (a fresh clone has no ``shared/``).
SHARED = Path(os.environ.get("ARCHIVE_SHARED_DIR", REPO.parent / "shared"))
REALDATA = Path(os.environ.get("ARCHIVE_REALDATA") or SHARED / "realdata" / "articles.jsonl")


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
    """``path``, a fixture of the repository: a missing one fails the test, on every machine."""
    if not path.is_file():
        pytest.fail(f"{path} is missing: it is part of the repository")
    return path
