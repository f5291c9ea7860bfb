"""Formatting and linking helpers, called directly (the sanitiser is tested in tests/core/test_markup.py)."""

from __future__ import annotations

from datetime import date

import pytest

from archive.format.layout import article_uri, entity_uri, month_uri, url_for
from archive.format.model import Article, Figure
from archive.outputs.display import bibtex, citation, format_figure, format_figure_value, format_number
from archive.outputs.html import Links, esc


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


def test_files_keep_their_url():
    assert url_for("actors/ru-mod.json") == "actors/ru-mod.json"
    assert url_for("data/archive.csv", directory_urls=False) == "data/archive.csv"
    assert url_for("downloads/index.html") == "downloads/"
    assert url_for("downloads/index.html", directory_urls=False) == "downloads/index.html"


def test_links_to_files_are_links():
    links = Links("actors/ru-mod/", known={"actors/ru-mod.json"})
    assert links.a("actors/ru-mod.json", "JSON") == '<a href="../../actors/ru-mod.json">JSON</a>'
    assert links.a("actors/ru-mod.csv", "CSV") == "CSV"
