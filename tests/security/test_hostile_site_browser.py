"""The hostile corpus in Chromium: what the check accepts from a stranger runs nothing and calls no one.

The site is built from the fixture archive plus the hostile article (script-like text in every
front-matter field) and an editorial page whose headings, ids and links try to reach the
theme's own elements and the page title. Every page is opened in Chromium: no dialog opens, no
planted global is set, no request leaves the local server, and the Content-Security-Policy
reports no violation.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from browserkit import StaticServer
from sitebuild import REPO, build_fixture, copy_fixture

pytestmark = pytest.mark.browser

HOSTILE = REPO / "tests" / "fixtures" / "hostile"

#: An editorial page that the check accepts (no raw markup), written to break out anyway.
EDITORIAL = """---
title: "</title><script>window.__pwned = 'meta title'</script>"
description: "\\"><script>window.__pwned = 'description'</script>"
---

# &lt;/title&gt;&lt;script&gt;window.__pwned = 'heading title'&lt;/script&gt;

## &lt;img src=x onerror="window.__pwned = 'toc'"&gt; Section {#__config}

A link to [the theme's configuration](#__config) and one [elsewhere](https://example.org/report).

Text with `<script>window.__pwned = 'code'</script>` shown as code.
"""

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.alert = window.confirm = window.prompt = () => { window.__pwned = 'dialog'; };
"""


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-browser")
    docs = copy_fixture(tmp / "docs")
    for article in HOSTILE.glob("*.md"):
        shutil.copy(article, docs / "articles" / article.name[:4] / article.name)
    (docs / "hostile-page.md").write_text(EDITORIAL, encoding="utf-8")
    site, result = build_fixture(
        tmp, strict=False, docs=docs, markdown_extensions=[{"toc": {"permalink": True}}, "tables", "attr_list", "md_in_html"]
    )
    assert result.returncode == 0, result.stderr
    server = StaticServer(site)
    yield server, site
    server.close()


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_no_page_runs_anything_or_calls_anyone(hostile_server, chromium):
    server, site = hostile_server
    context = chromium.new_context()
    context.add_init_script(WATCH)
    outside: list[str] = []
    context.on("request", lambda request: outside.append(request.url) if not request.url.startswith(server.url) else None)
    dialogs: list[str] = []
    failures = []
    try:
        for path in _pages(site):
            page = context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(server.url + path)
            page.wait_for_load_state("load")
            pwned, violations = page.evaluate("[window.__pwned || null, window.__violations]")
            if pwned or violations:
                failures.append((path, pwned, violations))
            page.close()
    finally:
        context.close()
    assert failures == [] and dialogs == [] and outside == []


def test_the_editorial_page_title_is_text(hostile_server, open_page):
    server, _ = hostile_server
    page = open_page(server.url + "hostile-page/")
    assert "</title><script>" in page.title()
    assert (
        page.locator("script:not([src]):not([type='application/json'])").evaluate_all(
            "nodes => nodes.filter(n => n.textContent.includes('__pwned')).length"
        )
        == 0
    )


def test_an_author_id_cannot_replace_the_themes_configuration(hostile_server, open_page):
    server, _ = hostile_server
    page = open_page(server.url + "hostile-page/")
    assert page.evaluate("document.querySelector('#__config').tagName") == "SCRIPT"
    assert page.locator("#body-__config").count() == 1
    assert page.locator("a[href='#__config']").count() == 0  # the body's link, its heading's and the TOC's
    assert page.locator("a[href='#body-__config']").count() == 3
