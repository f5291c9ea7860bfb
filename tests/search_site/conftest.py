"""The site's search, built for real: the sample and a small fixture built by `mkdocs build` with
the ``archive`` and ``archive-search`` plugins, served on 127.0.0.1 for Chromium.

Browser tests never skip: without /usr/bin/chromium (or node for the parity tests) they fail.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_HERE = Path(__file__).resolve().parent
if str(_HERE) not in sys.path:
    sys.path.insert(0, str(_HERE))

from browserkit import StaticServer  # noqa: E402
from searchsite import build_sample, build_search_fixture  # noqa: E402


@pytest.fixture(scope="session")
def sample_search_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("search-sample") / "site"
    result = build_sample(site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def fixture_search_site(tmp_path_factory) -> Path:
    site, result = build_search_fixture(tmp_path_factory.mktemp("search-fixture"))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def search_server(sample_search_site):
    """The sample site served under a sub-path (/archive/), as on a project page of a static host."""
    holder = sample_search_site.parent / "served"
    holder.mkdir(exist_ok=True)
    link = holder / "archive"
    if not link.exists():
        link.symlink_to(sample_search_site, target_is_directory=True)
    server = StaticServer(holder, "archive/")
    yield server
    server.close()
