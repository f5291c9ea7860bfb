"""A broken archive stops the build with the messages of `archive check`; warnings fail --strict."""

from __future__ import annotations

import subprocess
import sys

from sitebuild import build_fixture, copy_fixture, mkdocs_build, page, write_config

BROKEN = """---
title: A broken article
date: 2024-03-13
sumary: misspelt
regions: [Belgrod]
actors: [ru-mod]
---
No sources either.
"""

NO_ARCHIVED_COPY = """---
title: A source without an archived copy
date: 2024-03-13
regions: [ru-bel]
actors: [ru-mod]
sources:
  - {publisher: Example, url: "https://example.org/a"}
---
Text.
"""


def _add(docs, name: str, text: str):
    path = docs / "articles" / name[:4] / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_invalid_article_fails_the_build_naming_its_file(tmp_path):
    docs = copy_fixture(tmp_path / "docs")
    _add(docs, "2024-03-13-broken.md", BROKEN)
    site, result = build_fixture(tmp_path, strict=False, docs=docs)
    assert result.returncode != 0
    assert "2024-03-13-broken.md:4:1: error: sumary: unknown field 'sumary' in an article (did you mean 'summary'?)" in result.stderr
    assert "2024-03-13-broken.md" in result.stderr and "regions[0]" in result.stderr and "sources" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_build_prints_what_archive_check_prints(tmp_path):
    docs = copy_fixture(tmp_path / "docs")
    _add(docs, "2024-03-13-broken.md", BROKEN)
    _, result = build_fixture(tmp_path, strict=False, docs=docs)
    check = subprocess.run([sys.executable, "-m", "archive", "check", str(docs)], capture_output=True, text=True,
                           cwd=tmp_path)
    error_lines = [line for line in check.stdout.splitlines() if ": error: " in line]
    assert error_lines
    for line in error_lines:
        assert line.split(": ", 1)[1] in result.stderr  # same message (paths are shown from each one's folder)


def test_a_failed_build_leaves_the_last_good_site(tmp_path):
    docs = copy_fixture(tmp_path / "docs")
    site, first = build_fixture(tmp_path, strict=False, docs=docs)
    assert first.returncode == 0, first.stderr
    _add(docs, "2024-03-13-broken.md", BROKEN)
    again = mkdocs_build(write_config(docs, site, tmp_path))
    assert again.returncode != 0
    # The archive is checked before MkDocs empties the site folder, as `mkdocs serve` relies on.
    assert page(site, "articles/2024/2024-03-12-raids-into-kursk-and-belgorod/").exists()


def test_warnings_are_warnings_and_fail_strict_builds(tmp_path):
    docs = copy_fixture(tmp_path / "docs")
    _add(docs, "2024-03-13-no-archived-copy.md", NO_ARCHIVED_COPY)
    _, relaxed = build_fixture(tmp_path / "relaxed", strict=False, docs=docs)
    assert relaxed.returncode == 0, relaxed.stderr
    assert "WARNING" in relaxed.stderr and "has no archived copy" in relaxed.stderr
    _, strict = build_fixture(tmp_path / "strict", strict=True, docs=docs)
    assert strict.returncode != 0
    assert "in strict mode" in strict.stdout + strict.stderr
