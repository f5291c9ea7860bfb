"""``archive new``: a new contributor gets a complete, commented file and a list of what to fill in."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from archive.cli import new as new_command

from .conftest import REPO, run

FLAGS = [
    "--title",
    "Drone strike on the Belgorod region",
    "--date",
    "2024-03-20",
    "--url",
    "https://example.org/strike",
    "--publisher",
    "Example News",
]
NEW_FILE = Path("content/articles/2024/2024-03-20-drone-strike-on-the-belgorod-region.md")


def test_it_writes_the_article_at_the_path_its_date_and_title_give(archive_dir):
    result = run("new", *FLAGS)
    assert result.exit_code == 0, result.output
    assert NEW_FILE.is_file()
    assert f"wrote {NEW_FILE}" in result.output


def test_the_new_file_lists_what_to_fill_in_when_checked(archive_dir):
    run("new", *FLAGS)
    result = run("check", str(NEW_FILE))
    assert result.exit_code == 1
    assert re.search(r":\d+:\d+: error: regions: 'regions' is empty", result.output)
    assert re.search(r":\d+:\d+: error: actors: 'actors' is empty", result.output)


def test_it_prints_that_list_itself(archive_dir):
    result = run("new", *FLAGS)
    assert "Still to do" in result.output
    assert "regions: 'regions' is empty" in result.output


def test_filled_in_the_new_article_passes_the_check(archive_dir):
    run("new", *FLAGS)
    text = NEW_FILE.read_text(encoding="utf-8")
    text = text.replace("\nregions:\n", "\nregions: [ru-bel]\n").replace("\nactors:\n", "\nactors: [ru-mod]\n")
    NEW_FILE.write_text(text + "A drone hit a building in the Belgorod region, officials said.\n", encoding="utf-8")
    result = run("check", "--strict", str(NEW_FILE))
    assert "error" not in result.output
    assert "has no archived copy" in result.output  # the one warning left: a human task


def test_regions_and_actors_may_be_given_by_name(archive_dir):
    result = run("new", *FLAGS, "--region", "Bilhorod Oblast", "--actor", "Russian Defence Ministry")
    assert result.exit_code == 0, result.output
    text = NEW_FILE.read_text(encoding="utf-8")
    assert "\nregions: [ru-bel]\n" in text and "\nactors: [ru-mod]\n" in text


def test_an_unknown_region_is_a_usage_error_with_a_suggestion(archive_dir):
    result = run("new", *FLAGS, "--region", "Belgrod")
    assert result.exit_code == 2
    assert "--region 'Belgrod': did you mean 'ru-bel'?" in result.output
    assert not NEW_FILE.exists()


def test_missing_flags_without_a_terminal_are_one_usage_error(archive_dir):
    result = run("new", "--title", "A title")
    assert result.exit_code == 2
    assert "missing --date, --url, --publisher" in result.output


def test_a_bad_date_is_a_usage_error(archive_dir):
    result = run("new", *FLAGS[:2], "--date", "2024-02-30", *FLAGS[4:])
    assert result.exit_code == 2
    assert "'2024-02-30' is not a date" in result.output


def test_a_link_that_is_not_http_is_a_usage_error(archive_dir):
    result = run("new", *FLAGS[:4], "--url", "javascript:alert(1)", *FLAGS[6:])
    assert result.exit_code == 2
    assert "is not an http(s) link" in result.output


def test_it_never_overwrites_an_existing_file(archive_dir):
    run("new", *FLAGS)
    NEW_FILE.write_text("mine", encoding="utf-8")
    result = run("new", *FLAGS)
    assert result.exit_code == 1
    assert "already exists" in result.output
    assert NEW_FILE.read_text(encoding="utf-8") == "mine"


def test_in_a_terminal_it_asks_for_what_is_missing(archive_dir, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(new_command, "_interactive", lambda: True)
    answers = "\n".join(
        [
            "Drone strike on the Belgorod region",
            "2024-03-20",
            "example.org/strike",
            "https://example.org/strike",
            "Example News",
            "Belgorod region",
            "Russian Defence Ministry",
        ]
    )
    result = run("new", input=answers + "\n")
    assert result.exit_code == 0, result.output
    assert "is not an http(s) link" in result.output  # asked again
    text = NEW_FILE.read_text(encoding="utf-8")
    assert "\nregions: [ru-bel]\n" in text and "\nactors: [ru-mod]\n" in text


def test_a_draft_flag_writes_draft_true(archive_dir):
    run("new", *FLAGS, "--draft")
    assert "\ndraft: true\n" in NEW_FILE.read_text(encoding="utf-8")


def test_regions_found_in_the_title_are_suggested_in_a_comment(archive_dir):
    run("new", *FLAGS)
    assert "# Suggested from the title: ru-bel (Belgorod Oblast)" in NEW_FILE.read_text(encoding="utf-8")


def test_an_archived_copy_may_be_given(archive_dir):
    run("new", *FLAGS, "--archived", "https://web.archive.org/web/2024/https://example.org/strike")
    assert "    archived: https://web.archive.org/web/2024/https://example.org/strike  #" in NEW_FILE.read_text(encoding="utf-8")


def test_filled_in_the_new_article_builds_into_the_site(archive_dir, tmp_path: Path):
    run(
        "new",
        *FLAGS,
        "--region",
        "ru-bel",
        "--actor",
        "ru-mod",
        "--archived",
        "https://web.archive.org/web/2024/https://example.org/strike",
    )
    with NEW_FILE.open("a", encoding="utf-8") as handle:
        handle.write("A drone hit a building in the Belgorod region, officials said.\n")
    assert run("check", "--strict", "content").exit_code == 0
    config = {
        "site_name": "Test",
        "docs_dir": "content",
        "site_dir": "site",
        "plugins": ["archive"],
        "theme": {"name": "material", "custom_dir": str(REPO / "plugins" / "templates"), "font": False},
    }
    (tmp_path / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / "site" / "articles" / "2024" / NEW_FILE.stem / "index.html").is_file()
