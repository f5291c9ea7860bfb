"""Sanitising, formatting and linking helpers, called directly."""

from __future__ import annotations

from datetime import date

import pytest

from archive.layout import article_uri, entity_uri, month_uri, url_for
from archive.model import Article, Figure
from archive.render import bibtex, citation, format_figure, format_figure_value, format_number, sanitize_html
from plugins.html import Links, esc


@pytest.mark.parametrize("dirty", [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" &#106;avascript:alert(1)">x</a>',
    '<iframe src="https://example.org"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<svg onload="alert(1)"></svg>',
    '<form action="javascript:alert(1)"><input></form>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
])
def test_sanitizer_removes_executable_content(dirty):
    clean = sanitize_html(dirty).lower()
    for needle in ("<script", "onerror", "onload", "javascript:", "<iframe", "<object", "<embed", "<form", "style=", "data:"):
        assert needle not in clean


def test_sanitizer_keeps_ordinary_formatting():
    html = ('<h2 id="what">What</h2><p><strong>b</strong> <em>i</em> <a href="../x/" title="t">link</a></p>'
            "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>")
    clean = sanitize_html(html)
    assert '<h2 id="what">' in clean and "<strong>b</strong>" in clean and "<table>" in clean
    assert 'href="../x/"' in clean


def test_sanitizer_drops_script_text_with_the_tag():
    assert sanitize_html("<p>a</p><script>var secret = 1;</script>") == "<p>a</p>"


@pytest.mark.parametrize("figure, text", [
    (Figure("killed", 234, qualifier="more-than", subject="ua"), "more than 234 killed (Ukraine)"),
    (Figure("injured", 1200), "1,200 injured"),
    (Figure("drones-intercepted", None, min=20, max=25), "20–25 drones intercepted"),
    (Figure("tanks-destroyed", None, qualifier="several"), "several tanks destroyed"),
    (Figure("killed", 40, min=30, max=50, qualifier="approximately"), "about 40 (30–50) killed"),
])
def test_figures_read_as_the_claimant_gave_them(figure, text):
    assert format_figure(figure, {"ua": "Ukraine"}.get) == text


def test_numbers_drop_a_zero_fraction():
    assert format_number(234.0) == "234"
    assert format_number(2.5) == "2.5"


def test_a_figure_with_nothing_to_show_says_so():
    assert format_figure_value(Figure("killed")) == "unstated"


def test_citations_name_the_record():
    article = Article(id="2024-03-12-x", path="", title="A {title}", date=date(2024, 3, 12), regions=[], actors=[], sources=[])
    assert citation(article, "Archive", "https://a.example/x/") == (
        "Archive. \"A {title}\". Archived report, 12 March 2024. Record 2024-03-12-x. https://a.example/x/")
    assert "title = {A \\{title\\}}" in bibtex(article, "Archive", "https://a.example/x/")


def test_page_paths_follow_ids():
    assert article_uri("2024-03-12-x") == "articles/2024/2024-03-12-x.md"
    assert entity_uri("country", "ua") == "regions/ua.md"
    assert entity_uri("tag", "index") == "tags/index-entity.md"
    assert url_for(month_uri("2024-03")) == "timeline/2024-03/"
    assert url_for("index.md") == ""
    assert url_for("regions/index.md") == "regions/"
    assert url_for("regions/ua.md", directory_urls=False) == "regions/ua.html"


def test_links_are_relative_to_the_page():
    links = Links("articles/2024/2024-03-12-x/")
    assert links.href("actors/ru-mod.md") == "../../../actors/ru-mod/"
    assert Links("").href("index.md") == "./"
    assert Links("regions/ua.html", directory_urls=False).href("actors/x.md", "y") == "../actors/x.html#y"


def test_links_to_missing_pages_become_text():
    links = Links("", known={"a.md"})
    assert links.a("b.md", "<B>") == "&lt;B&gt;"
    assert links.a("a.md", "A") == '<a href="a/">A</a>'


def test_esc_escapes_quotes_for_attributes():
    assert esc('"><script>') == "&quot;&gt;&lt;script&gt;"
