"""``archive check --changed-since REF`` and ``--format github``: a pull request's check."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .conftest import run

GOOD = """---
title: {title}
date: 2024-03-13
regions: [ru-krs]
actors: [ru-mod]
sources:
  - publisher: Example News
    url: https://example.org/{slug}
    archived: https://web.archive.org/web/2024/https://example.org/{slug}
---
The ministry said the attack was repelled.
"""
BAD = GOOD.replace("regions: [ru-krs]", "regions: [Kursk Oblast]")


def git(*args: str) -> None:
    subprocess.run(["git", *args], check=True, capture_output=True)


def write(path: str, text: str) -> Path:
    file = Path(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return file


def article(slug: str, bad: bool = False, archived: bool = True) -> str:
    text = (BAD if bad else GOOD).format(title=slug.replace("-", " ").capitalize(), slug=slug)
    return text if archived else "\n".join(line for line in text.split("\n") if "archived:" not in line)


@pytest.fixture
def repo(archive_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture archive in a git repository: main holds one bad article; HEAD is a new branch."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for key in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{key}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{key}_EMAIL", "test@example.org")
    git("init", "-q", "-b", "main")
    write("content/articles/2024/2024-03-13-old-bad-article.md", article("old-bad-article", bad=True))
    git("add", "-A")
    git("commit", "-q", "-m", "main")
    git("checkout", "-q", "-b", "branch")
    return archive_dir


def test_only_the_articles_a_branch_changes_are_checked(repo):
    write("content/articles/2024/2024-03-13-new-article.md", article("new-article"))
    git("add", "-A")
    git("commit", "-q", "-m", "new")
    result = run("check", "--changed-since", "main")
    assert result.exit_code == 0, result.output
    assert "checked 1 article: no problems" in result.output
    assert "old-bad-article" not in result.output


def test_a_changed_article_is_checked_against_the_whole_gazetteer(repo):
    write("content/articles/2024/2024-03-13-new-article.md", article("new-article", bad=True))
    git("add", "-A")
    git("commit", "-q", "-m", "new")
    result = run("check", "--changed-since", "main")
    assert result.exit_code == 1
    assert "2024-03-13-new-article.md:4:11: error: regions[0]: unknown region or country id 'Kursk Oblast'" in result.output
    assert "did you mean 'ru-krs'?" in result.output


def test_staged_modified_and_untracked_articles_count_as_changed(repo):
    write("content/articles/2024/2024-03-13-staged.md", article("staged", bad=True))
    git("add", "-A")
    write("content/articles/2024/2024-03-13-untracked.md", article("untracked", bad=True))
    existing = Path("content/articles/2024/2024-03-12-armed-groups-claim-raids-into-kursk-region.md")
    existing.write_text(existing.read_text(encoding="utf-8").replace("[ru-krs]", "[Kursk]"), encoding="utf-8")
    result = run("check", "--changed-since", "main")
    assert "checked 3 articles: 3 errors" in result.output


def test_a_changed_gazetteer_means_every_article_is_checked(repo):
    gazetteer = Path("content/gazetteer/actors.yml")
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = run("check", "--changed-since", "main")
    assert "the gazetteer changed since main: checking every article" in result.output
    assert "old-bad-article" in result.output
    assert result.exit_code == 1


def test_an_unknown_ref_is_a_usage_error_that_says_how_to_fetch_it(repo):
    result = run("check", "--changed-since", "origin/main")
    assert result.exit_code == 2
    assert "unknown git revision 'origin/main'" in result.output
    assert "fetch-depth: 0" in result.output


def test_outside_a_git_repository_it_is_a_usage_error(archive_dir):
    result = run("check", "--changed-since", "main")
    assert result.exit_code == 2
    assert "not inside a git repository" in result.output


def test_github_format_makes_each_problem_an_annotation(archive_dir):
    write("content/articles/2024/2024-03-13-new-article.md", article("new-article", bad=True, archived=False))
    result = run("check", "--format", "github", "content")
    annotations = result.stdout.strip().splitlines()
    assert annotations == [
        "::error file=content/articles/2024/2024-03-13-new-article.md,line=4,col=11,title=regions[0]"
        "::unknown region or country id 'Kursk Oblast' (did you mean 'ru-krs'?)",
    ]
    assert result.exit_code == 1


def test_github_format_escapes_what_would_break_a_workflow_command(archive_dir):
    write("content/articles/2024/2024-03-13-new-article.md", article("new-article", archived=False))
    result = run("check", "--format", "github", "content")
    line = result.stdout.strip()
    assert re.fullmatch(r"::warning file=[^,:]+,line=\d+,col=\d+,title=sources\[0\]::[^\n]+", line), line
    assert "%0A" not in line and "the source from Example News has no archived copy" in line
