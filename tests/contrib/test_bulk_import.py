"""Bulk import of a news corpus: every valid line becomes a draft, and the drafts have no errors.

Always on a sample of the generated corpus of ``tests/fixtures/corpus`` (five languages, long
full-text articles without links, titles over 300 characters, repeated titles, links, emoji,
Markdown-significant and invisible characters, decomposed letters); also on the 3,000 real news
items of ``shared/realdata`` where a machine has them beside the repository.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from .conftest import CORPUS, REALDATA, REPO, run

#: Seconds the import may take per report (3,000 real items were given a minute).
SECONDS_PER_REPORT = 60 / 3000


def corpus_module():
    """``tests/fixtures/corpus/make_corpus.py``, loaded once per process (the search tests share it)."""
    name = "archive_test_corpus"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, CORPUS / "make_corpus.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return module


def generated_sample() -> list:
    """Every fifth report of the generated corpus, and every report with something rare in it."""
    records = corpus_module().generate()
    rare = [
        rec
        for rec in records
        if len(rec["title"]) > 300
        or "\u200b" in rec["body"]
        or "\t" in rec["body"]
        or not unicodedata.is_normalized("NFC", rec["body"])
    ]
    return records[::5] + [rec for rec in rare if rec not in records[::5]]


def test_the_generated_sample_holds_what_the_import_must_cope_with():
    sample = generated_sample()
    assert 600 <= len(sample) <= 700
    assert {rec["language"] for rec in sample} == {"en", "pl", "uk", "ru", "de"}
    assert any(len(rec["title"]) > 300 for rec in sample)
    assert sum(1 for rec in sample if not rec["url"]) >= 50
    assert len({rec["title"] for rec in sample}) < len(sample)  # a title repeated under another link
    assert any(len(rec["body"]) > 20_000 for rec in sample)
    for char in ("\u200b", "\t", "<", "#", "|", "[", "*", "_", "\u00a0", "😢"):
        assert any(char in rec["body"] for rec in sample), repr(char)
    assert any(not unicodedata.is_normalized("NFC", rec["body"]) for rec in sample)


#: The generated corpus always; the real one where it is present (or named by $ARCHIVE_REALDATA).
CORPORA = ["generated"] + (["realdata"] if os.environ.get("ARCHIVE_REALDATA") or REALDATA.is_file() else [])


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPORA)
def test_a_corpus_is_all_imported_and_passes_the_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str):
    if name == "generated":
        data = corpus_module().write_jsonl(generated_sample(), tmp_path / "generated.jsonl")
    else:
        data = REALDATA
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
    assert elapsed < SECONDS_PER_REPORT * lines, f"the import of {lines:,} reports took {elapsed:.1f} s"

    check = run("check", "--format", "json", "content")
    report = json.loads(check.stdout)
    assert report["errors"] == 0, [p for p in report["problems"] if p["severity"] == "error"][:5]
    assert check.exit_code == 0
