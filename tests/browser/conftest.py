"""Chromium (Debian's, through Playwright) on sites built for the session and served on 127.0.0.1.

These tests never skip: without /usr/bin/chromium they fail, as CI must notice.
"""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "site"))

from sitebuild import REPO, build_fixture, mkdocs_build  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class StaticServer:
    """A site folder served by http.server on a free port of 127.0.0.1, in a thread."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


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
    """``open_page(url, width=1280)``: a fresh page in its own context; closed after the test."""
    contexts = []

    def opener(url: str, *, width: int = 1280, height: int = 900, dark: bool = False):
        context = chromium.new_context(viewport={"width": width, "height": height},
                                       color_scheme="dark" if dark else "light")
        contexts.append(context)
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
