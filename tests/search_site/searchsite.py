"""Helpers of the site-search tests (imported as ``searchsite``): real `mkdocs build` runs with the
``archive`` and ``archive-search`` plugins, the page's engine in node, a static server.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent / "site", HERE.parent / "search"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from sitebuild import REPO, SAMPLE, build_fixture, copy_fixture, mkdocs_build  # noqa: E402, F401 - SAMPLE is re-exported

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
ENGINE_HARNESS = HERE / "engine_harness.js"
PLUGINS = ["archive", "archive-search"]


def build_sample(site: Path) -> subprocess.CompletedProcess:
    """The shipped sample, built by the README's command (its mkdocs.yml lists archive-search)."""
    return mkdocs_build(REPO / "mkdocs.yml", strict=True, cwd=REPO, site_dir=site)


def build_search_fixture(tmp: Path, *, hostile: bool = False, **extra) -> tuple[Path, subprocess.CompletedProcess]:
    """The small fixture archive (optionally with the hostile article) built with the search on."""
    tmp.mkdir(parents=True, exist_ok=True)
    docs = copy_fixture(tmp / "docs")
    if hostile:
        for article in HOSTILE.glob("*.md"):
            shutil.copy(article, docs / "articles" / article.name[:4] / article.name)
    extra.setdefault("plugins", PLUGINS)
    return build_fixture(tmp, strict=not hostile, docs=docs, **extra)


def run_engine(jobs: list) -> list:
    """Run jobs of engine_harness.js (the page's search engine in node) and return the answers."""
    node = shutil.which("node")
    if not node:
        pytest.fail("node is not on PATH: the search tests run the page's engine in node (apt-get install nodejs)")
    if not (REPO / "node_modules" / "lunr" / "lunr.js").exists():
        pytest.fail(f"node_modules/lunr is missing: run `npm ci` in {REPO}")
    proc = subprocess.run([node, str(ENGINE_HARNESS)], input=json.dumps(jobs), capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        pytest.fail(f"engine harness failed ({proc.returncode}):\n{proc.stderr}")
    return json.loads(proc.stdout)
