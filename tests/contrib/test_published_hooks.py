"""The pre-commit hooks this repository publishes (``.pre-commit-hooks.yaml``), used as another
archive would use them.

As ``pre-commit try-repo`` does, the repository's files as they are in the working tree are
committed to a throwaway repository, which a ``.pre-commit-config.yaml`` in a copy of the fixture
archive names by path and commit. pre-commit installs the hooks from it with pip into an
environment of its own (``language: python``), once per test run, shared by the xdist workers:
about half a minute, with PyPI or a warm pip cache. Each test then runs pre-commit in the copy as
a commit would.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import FIXTURES, REPO

ARTICLE = "articles/2024/2024-03-12-armed-groups-claim-raids-into-kursk-region.md"
#: Git run with no user or system configuration (no hooks, signing or templates of this machine),
#: and a fixed identity and date, for the throwaway commits.
GIT_ENV = {
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_NAME": "test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
}


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True)
    return done.stdout


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` across processes (the xdist workers)."""
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this test run that every xdist worker sees (the workers' base folders' parent)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def hooks_repo(shared: Path) -> tuple[Path, str]:
    """This repository's working tree (tracked files and new ones git does not ignore), committed
    to a throwaway repository, made once per run: its path and commit."""
    snapshot = shared / "published-hooks-repo"
    with locked(shared / "published-hooks.lock"):
        if not (snapshot / ".git").is_dir():
            listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO)
            for name in filter(None, listed.split("\0")):
                source = REPO / name
                if source.is_file() or source.is_symlink():  # a file deleted but not yet staged is left out
                    (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, snapshot / name, follow_symlinks=False)
            git("init", "-q", cwd=snapshot)
            git("add", "-A", cwd=snapshot)
            git("commit", "-q", "--no-verify", "-m", "snapshot of the working tree", cwd=snapshot)
        return snapshot, git("rev-parse", "HEAD", cwd=snapshot).strip()


@pytest.fixture
def archive_repo(
    tmp_path: Path, hooks_repo: tuple[Path, str], shared: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Path]:
    """``make(folder, hook, *args)``: a git repository holding a copy of the fixture archive in
    ``folder`` and a ``.pre-commit-config.yaml`` that uses the published ``hook`` with ``args``."""

    def make(folder: str, hook: str, *args: str) -> Path:
        shutil.copytree(FIXTURES / "archive", tmp_path / folder)
        config = f"repos:\n  - repo: {hooks_repo[0]}\n    rev: {hooks_repo[1]}\n    hooks:\n      - id: {hook}\n"
        if args:
            config += f"        args: [{', '.join(args)}]\n"
        (tmp_path / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
        git("init", "-q", cwd=tmp_path)
        return tmp_path

    # The hooks' environment is made once per run, in a pre-commit home every worker shares
    # (pre-commit locks it while it installs). The pip cache of the user is kept.
    monkeypatch.setenv("PRE_COMMIT_HOME", str(shared / "pre-commit-home"))
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    return make


def pre_commit(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit run`` in ``repo``: on ``files``, or on what is staged (everything) as before a commit."""
    if files:
        selection = ["--files", *files]
    else:
        git("add", "-A", cwd=repo)
        selection = []
    command = [sys.executable, "-m", "pre_commit", "run", "--color", "never", *selection]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, timeout=900)


def test_the_hooks_manifest_is_valid() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(REPO / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_archive_check_passes_a_valid_archive(archive_repo: Callable[..., Path]) -> None:
    repo = archive_repo("content", "archive-check")
    done = pre_commit(repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "archive check" in done.stdout and "Passed" in done.stdout


def test_archive_check_fails_on_a_broken_article_and_prints_its_problem(archive_repo: Callable[..., Path]) -> None:
    repo = archive_repo("content", "archive-check")
    article = repo / "content" / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("[ru-krs]", "[Kursk]"), encoding="utf-8")
    done = pre_commit(repo)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert (
        f"content/{ARTICLE}:4:11: error: regions[0]: unknown region or country id 'Kursk' (did you mean 'ru-krs'?)" in done.stdout
    )


def test_archive_check_checks_every_article_when_only_the_gazetteer_changes(archive_repo: Callable[..., Path]) -> None:
    repo = archive_repo("content", "archive-check")
    actors = repo / "content" / "gazetteer" / "actors.yml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace("- id: ru-mod\n", "- id: ru-defence-ministry\n"), encoding="utf-8"
    )
    done = pre_commit(repo, "content/gazetteer/actors.yml")
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"content/{ARTICLE}:6:36: error: actors[1]: unknown actor id 'ru-mod'" in done.stdout


def test_archive_check_takes_the_archive_folder_and_strict_as_arguments(archive_repo: Callable[..., Path]) -> None:
    repo = archive_repo("records", "archive-check", "--strict", "records")
    article = repo / "records" / ARTICLE
    text = article.read_text(encoding="utf-8")
    article.write_text("".join(line for line in text.splitlines(keepends=True) if "archived:" not in line), encoding="utf-8")
    done = pre_commit(repo)
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"records/{ARTICLE}:9:5: warning: sources[0]: the source from Example News has no archived copy" in done.stdout


def test_archive_check_articles_finds_the_archive_from_the_staged_articles(archive_repo: Callable[..., Path]) -> None:
    repo = archive_repo("records", "archive-check-articles")
    assert pre_commit(repo).returncode == 0
    article = repo / "records" / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("[ru-krs]", "[Kursk]"), encoding="utf-8")
    done = pre_commit(repo)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "archive check (staged articles)" in done.stdout
    assert f"records/{ARTICLE}:4:11: error: regions[0]: unknown region or country id 'Kursk'" in done.stdout
    # A gazetteer file is no article: this hook leaves it to archive-check.
    skipped = pre_commit(repo, "records/gazetteer/actors.yml")
    assert skipped.returncode == 0 and "no files to check" in skipped.stdout, skipped.stdout + skipped.stderr
