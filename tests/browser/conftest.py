"""Chromium (Debian's, through Playwright) on sites built for the session and served on 127.0.0.1.

These tests never skip: without /usr/bin/chromium they fail, as CI must notice.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site"))

from browserkit import StaticServer  # noqa: E402
from sitebuild import REPO, build_fixture, mkdocs_build  # noqa: E402


@pytest.fixture(scope="session")
def fixture_server(tmp_path_factory):
    site, result = build_fixture(tmp_path_factory.mktemp("browser-fixture"))
    assert result.returncode == 0, result.stderr
    server = StaticServer(site)
    yield server
    server.close()


@pytest.fixture(scope="session")
def sample_server(tmp_path_factory):
    site = tmp_path_factory.mktemp("browser-sample") / "site"
    result = mkdocs_build(REPO / "mkdocs.yml", strict=True, cwd=REPO, site_dir=site)
    assert result.returncode == 0, result.stdout + result.stderr
    server = StaticServer(site)
    yield server
    server.close()
