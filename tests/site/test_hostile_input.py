"""Articles carrying scripts, event handlers and javascript: links in every field and in the body.

The archive accepts them as text (a title may contain "<script>"; markup in a body is refused by
the check, see tests/security/); the site must show the text and let nothing executable
through, on any page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from htmlcheck import executable_content, html_files, parse, shipped_scripts
from sitebuild import REPO, build_fixture, copy_fixture, page

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
ARTICLE = "articles/2024/2024-03-15-hostile-markup-everywhere/"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    docs = copy_fixture(tmp / "docs")
    for article in HOSTILE.glob("*.md"):
        shutil.copy(article, docs / "articles" / article.name[:4] / article.name)
    site, result = build_fixture(tmp, strict=False, docs=docs)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def allowed_scripts(fixture_site) -> set[str]:
    """The scripts of a page built from clean input: Material's and the archive's own."""
    return shipped_scripts(parse(page(fixture_site, "articles/2024/2024-03-20-shelling-of-kharkiv/")), fixture_site)


def test_nothing_executable_on_any_page(hostile_site, allowed_scripts):
    found = []
    for path in html_files(hostile_site):
        found += executable_content(parse(path), hostile_site, allowed_scripts)
    assert found == []


def test_no_alert_survives_as_markup(hostile_site):
    for path in html_files(hostile_site):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "onerror=" not in html.replace("onerror=alert", ""), path


def test_the_title_is_shown_as_text(hostile_site):
    doc = parse(page(hostile_site, ARTICLE))
    assert "<script>alert('title')</script> Raid report <img src=x onerror=alert(1)> & \"quotes\"" in doc.text
    assert doc.find("title")  # the <title> element holds the escaped title, not markup


def test_front_matter_values_are_shown_as_text(hostile_site):
    text = parse(page(hostile_site, ARTICLE)).text
    for value in ("<script>alert('publisher')</script>Evil Times", "<iframe src=javascript:alert('claim')></iframe>",
                  "<script>alert('correction')</script>", "</div><script>alert('notes')</script>",
                  "<b onmouseover=alert(1)>Evil</b> & Co"):
        assert value in text, value


def test_the_body_cannot_set_page_metadata(hostile_site):
    html = page(hostile_site, ARTICLE).read_text(encoding="utf-8")
    assert "multimarkdown meta" not in html.split("<body", 1)[0]
    assert "Hostile body text" in html


def test_the_body_text_is_published(hostile_site):
    assert "Hostile body text" in parse(page(hostile_site, ARTICLE)).text


def test_markup_after_the_body_is_the_archives_own(hostile_site):
    doc = parse(page(hostile_site, ARTICLE))
    assert doc.find("h2", id="article-claims") and doc.find("h2", id="article-cite")
    assert len(doc.find("article", **{"class": "archive-article"})) == 1
    assert not doc.find("base")


def test_the_hostile_article_is_listed_safely_on_other_pages(hostile_site, allowed_scripts):
    for url in ("", "claims/", "timeline/2024-03/", "actors/evil-corp/", "regions/ru-bel/"):
        doc = parse(page(hostile_site, url))
        assert executable_content(doc, hostile_site, allowed_scripts) == [], url
        assert "<script>alert('title')</script>" in doc.text or url in ("actors/evil-corp/",), url
