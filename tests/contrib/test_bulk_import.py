"""Bulk import of the 3,000 real news items of ``shared/realdata``: every valid line, no errors."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest

from .conftest import REALDATA, REPO, needs, run


@pytest.mark.slow
def test_the_real_items_are_all_imported_and_pass_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = needs(REALDATA)
    shutil.copytree(REPO / "content" / "gazetteer", tmp_path / "content" / "gazetteer")
    monkeypatch.chdir(tmp_path)
    lines = sum(1 for line in data.open(encoding="utf-8") if line.strip())

    started = time.perf_counter()
    result = run("import", str(data))
    elapsed = time.perf_counter() - started

    assert result.exit_code == 0, result.output[-3000:]
    assert f"imported {lines:,} of {lines:,} reports as drafts" in result.output
    assert "detected (drafts mentioning each, most first):" in result.output
    assert len(list((tmp_path / "content" / "articles").rglob("*.md"))) == lines
    assert elapsed < 60, f"the import took {elapsed:.1f} s"

    check = run("check", "--format", "json", "content")
    report = json.loads(check.stdout)
    assert report["errors"] == 0, [p for p in report["problems"] if p["severity"] == "error"][:5]
    assert check.exit_code == 0
