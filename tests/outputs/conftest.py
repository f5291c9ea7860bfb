"""Archives to export, each loaded and catalogued once per session (see exportkit.py)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from exportkit import FORMULAS, REPO, Loaded, generate_archive, load  # noqa: E402


@pytest.fixture(scope="session")
def sample() -> Loaded:
    return load(REPO / "content")


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> Loaded:
    root = tmp_path_factory.mktemp("hostile") / "archive"
    shutil.copytree(REPO / "tests" / "fixtures" / "site", root)
    for article in (REPO / "tests" / "fixtures" / "hostile").glob("*.md"):
        shutil.copy(article, root / "articles" / article.name[:4] / article.name)
    (root / "articles" / "2024" / "2024-03-16-formulas.md").write_text(FORMULAS, encoding="utf-8")
    return load(root)


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Loaded:
    """More articles than a feed holds (50), from the generator the benchmarks use."""
    return load(generate_archive(tmp_path_factory.mktemp("generated") / "archive", 80, seed=7, words=40))


@pytest.fixture(scope="session", params=["sample", "hostile", "generated"])
def loaded(request) -> Loaded:
    return request.getfixturevalue(request.param)
