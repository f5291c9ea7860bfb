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

from searchsite import (  # noqa: E402
    CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, StaticServer, build_sample, build_search_fixture,
)


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


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (the browser tests must not skip)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium):
    """``open_page(url, width=1280, dark=False, workers=True)``: a fresh page in its own context."""
    contexts = []

    def opener(url: str, *, width: int = 1280, height: int = 900, dark: bool = False, workers: bool = True):
        context = chromium.new_context(viewport={"width": width, "height": height},
                                       color_scheme="dark" if dark else "light")
        contexts.append(context)
        if not workers:
            context.add_init_script("delete window.Worker")
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.js_errors = errors
        page.goto(url)
        return page

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot():
    """``screenshot(page, name)``: saved as test-artifacts/screenshots/<name>.png (git-ignored)."""

    def save(page, name: str, *, full_page: bool = False) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save

