"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "content"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped sample archive (gazetteer and articles), safe to change."""
    target = tmp_path / "content"
    shutil.copytree(SAMPLE / "gazetteer", target / "gazetteer")
    shutil.copytree(SAMPLE / "articles", target / "articles")
    return target


# Chromium, pages and screenshots for the browser tests of every folder.
from browserkit import chromium, open_page, screenshot  # noqa: E402,F401
