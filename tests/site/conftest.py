"""Sites built once per test session: the small fixture archive and the shipped sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import FIXTURE, REPO, build_fixture, mkdocs_build

from archive.catalogue import build_catalogue
from archive.read.loader import load_archive


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory):
    """The fixture archive built with ``--strict`` (and a site_url, so the sitemap lists pages)."""
    site, result = build_fixture(tmp_path_factory.mktemp("fixture"), site_url="https://archive.example.org/")
    assert result.returncode == 0, result.stderr
    return site, result


@pytest.fixture(scope="session")
def fixture_site(fixture_build) -> Path:
    return fixture_build[0]


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The shipped sample, built by the README's command (``mkdocs build --strict``) into a temporary folder."""
    site = tmp_path_factory.mktemp("sample") / "site"
    result = mkdocs_build(REPO / "mkdocs.yml", strict=True, cwd=REPO, site_dir=site)
    return site, result


@pytest.fixture(scope="session")
def fixture_archive():
    return load_archive(FIXTURE)


@pytest.fixture(scope="session")
def fixture_catalogue(fixture_archive):
    return build_catalogue(fixture_archive.gazetteer, fixture_archive.published())
