"""Two pages at one address are an error naming both; an editorial page cannot sit where the site generates pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.read.loader import load_archive
from archive.read.problems import Severity


def _errors(root: Path) -> list[str]:
    return [p.text() for p in load_archive(root).log.problems if p.severity is Severity.ERROR]


@pytest.fixture
def archive(sample_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(sample_copy.parent)
    return sample_copy


def test_two_entities_at_one_address_are_both_named(archive):
    with open(archive / "gazetteer" / "tags.yml", "a", encoding="utf-8") as handle:
        handle.write("  - id: index\n    names: {en: Index}\n  - id: index-entity\n    names: {en: Index entity}\n")
    (error,) = [e for e in _errors(archive) if "same address" in e]
    assert error.startswith("content/gazetteer/tags.yml:")
    assert "'index-entity'" in error and "'index'" in error and "tags/index-entity/" in error


@pytest.mark.parametrize("page", ["claims/index.md", "timeline/2024.md", "regions/extra.md", "search/index.md"])
def test_an_editorial_page_where_the_site_generates_pages_is_refused(archive, page):
    path = archive / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# A page\n", encoding="utf-8")
    errors = _errors(archive)
    assert any(e.startswith(f"content/{page}:") for e in errors), errors


def test_two_editorial_pages_at_one_address_are_both_named(archive):
    (archive / "about.md").write_text("# About\n", encoding="utf-8")
    (archive / "about").mkdir()
    (archive / "about" / "index.md").write_text("# About too\n", encoding="utf-8")
    (error,) = [e for e in _errors(archive) if "same address" in e]
    assert "about/index.md" in error and "about.md" in error


def test_gazetteer_problems_are_shown_relative_to_the_working_folder(archive):
    with open(archive / "gazetteer" / "tags.yml", "a", encoding="utf-8") as handle:
        handle.write("  - id: Not An Id\n    names: {en: Bad}\n")
    errors = [e for e in _errors(archive) if "tags.yml" in e]
    assert errors and all(e.startswith("content/gazetteer/tags.yml:") for e in errors)
