"""Real `mkdocs build` runs with the search on: the files it writes, their bytes, what they hold."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

import pytest
from htmlcheck import executable_content, html_files, parse, shipped_scripts
from searchsite import REPO, build_search_fixture
from sitebuild import FIXTURE, SAMPLE, copy_fixture, mkdocs_build, write_config

from archive.catalogue import build_catalogue
from archive.read.loader import load_archive
from archive.search import TermPipeline

ASSETS = ("lunr.min.js", "shard-loader.js", "search-engine.js", "search-worker.js", "search-ui.js", "search.css")


def index_dir(site: Path) -> Path:
    return site / "search" / "index"


def all_terms(site: Path) -> set[str]:
    return {t for p in (index_dir(site) / "terms").glob("*.txt") for t in p.read_text(encoding="utf-8").split("\n")}


def records(site: Path) -> list[dict]:
    manifest = json.loads((index_dir(site) / "manifest.json").read_text(encoding="utf-8"))
    per = manifest["docData"]["display"]["docsPerFile"]
    out = []
    for n in range((manifest["documentCount"] + per - 1) // per):
        out += json.loads((index_dir(site) / "docdata" / "display" / f"{n}.json").read_text(encoding="utf-8"))
    return out


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sample_catalogue():
    archive = load_archive(SAMPLE)
    return build_catalogue(archive.gazetteer, archive.published())


def test_the_sample_build_writes_the_page_its_scripts_and_the_index(sample_search_site, sample_catalogue):
    site = sample_search_site
    assert (site / "search" / "index.html").exists()
    for name in ASSETS:
        assert (site / "assets" / "search" / name).stat().st_size > 0, name
    assert (site / "assets" / "search" / "lunr.min.js").read_bytes() == (
        REPO / "node_modules" / "lunr" / "lunr.min.js"
    ).read_bytes()
    manifest = json.loads((index_dir(site) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documentCount"] == len(sample_catalogue.timeline)
    assert manifest["pipeline"] == ["stemmer", "archiveCyrillic"]
    assert [f["name"] for f in manifest["fields"]] == ["title", "summary", "body", "names", "claims", "sources"]
    facets = json.loads((index_dir(site) / "facets.json").read_text(encoding="utf-8"))
    assert facets["index"] == manifest["version"]
    assert [f["name"] for f in facets["facets"]] == ["year", "region", "actor", "tag", "status"]
    assert [r["t"] for r in records(site)] == [sample_catalogue.articles[i].title for i in sample_catalogue.timeline]


def test_every_result_and_chip_links_to_a_page_of_the_site(sample_search_site):
    for record in records(sample_search_site):
        assert (sample_search_site / record["u"] / "index.html").exists(), record["u"]
        for _, _, url in record["c"]:
            assert not url or (sample_search_site / url / "index.html").exists(), url


def test_the_index_holds_every_spelling_of_names(sample_search_site):
    terms = all_terms(sample_search_site)
    pipeline = TermPipeline(cyrillic=True)
    for spelling in (
        "Kiev",
        "Kyiv",
        "Київ",
        "Киев",
        "Belgorod",
        "Bilhorod",
        "Белгород",
        "Бєлгород",
        "Білгород",
        "Белгородской",
        "Moskva",
        "Вагнер",
        "Prigozhin",
        "Пригожин",
    ):
        assert pipeline.search_term(spelling.lower()) in terms, spelling


def test_two_builds_give_the_same_bytes(tmp_path):
    first, one = build_search_fixture(tmp_path / "one")
    second, two = build_search_fixture(tmp_path / "two")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    a = tree(first / "search") | tree(first / "assets" / "search")
    b = tree(second / "search") | tree(second / "assets" / "search")
    assert a.keys() == b.keys() and len(a) > 5
    assert [k for k in a if a[k] != b[k]] == []


def test_drafts_are_searched_only_when_the_site_shows_them(tmp_path):
    draft_title = "A draft that is not ready"
    site, result = build_search_fixture(tmp_path / "published")
    assert result.returncode == 0, result.stderr
    assert draft_title not in {r["t"] for r in records(site)}
    docs = copy_fixture(tmp_path / "drafts" / "docs")
    config = write_config(docs, tmp_path / "drafts" / "site", tmp_path / "drafts", plugins=["archive", "archive-search"])
    result = mkdocs_build(config, env={"ARCHIVE_INCLUDE_DRAFTS": "1"})
    assert result.returncode == 0, result.stderr
    assert draft_title in {r["t"] for r in records(tmp_path / "drafts" / "site")}


def test_urls_follow_the_sites_url_scheme(tmp_path):
    site, result = build_search_fixture(tmp_path, use_directory_urls=False)
    assert result.returncode == 0, result.stderr
    assert (site / "search" / "index.html").exists()
    for record in records(site):
        assert record["u"].endswith(".html") and (site / record["u"]).exists()
    form = re.search(r'<form class="archive-searchbox"[^>]*action="([^"]*)"', (site / "index.html").read_text(encoding="utf-8"))
    assert form and form.group(1) == "search/index.html"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    site, result = build_search_fixture(tmp_path_factory.mktemp("search-hostile"), hostile=True)
    assert result.returncode == 0, result.stderr
    return site


HOSTILE_VALUES = (
    "<script>alert('title')</script>",
    "<img src=x onerror=alert(1)>",
    "<script>alert('summary')</script>",
    "<script>alert('publisher')</script>",
    "\"><svg onload=alert('original')>",
)


def test_no_front_matter_value_reaches_the_search_page(hostile_site):
    page = (hostile_site / "search" / "index.html").read_text(encoding="utf-8")
    for value in HOSTILE_VALUES:
        assert value not in page
        assert value.replace("<", "&lt;").replace(">", "&gt;") not in page  # not even escaped: the page holds no data
    assert "alert(" not in page


def test_hostile_values_are_data_in_the_index_and_nothing_on_the_page_runs(hostile_site):
    titles = {r["t"] for r in records(hostile_site)}
    assert any("<script>alert('title')</script>" in t for t in titles)  # JSON data, shown with textContent
    allowed = shipped_scripts(parse(hostile_site / "search" / "index.html"), hostile_site)
    assert {k for k in allowed if k.startswith("src:")} >= {"src:assets/search/search-ui.js"}
    clean = shipped_scripts(parse(hostile_site / "methodology" / "index.html"), hostile_site)
    assert allowed - clean == {"src:assets/search/search-ui.js"}
    found = []
    for path in html_files(hostile_site):
        found += [f for f in executable_content(parse(path), hostile_site, allowed) if "<form>: forbidden element" not in f]
    assert found == []


def test_the_header_box_is_a_plain_get_form_to_the_search_page(sample_search_site):
    article = next((sample_search_site / "articles").glob("*/*/index.html"))
    html = article.read_text(encoding="utf-8")
    form = re.search(r'<form class="archive-searchbox"[^>]*>', html).group(0)
    assert 'method="get"' in form and 'action="../../../search/"' in form
    assert re.search(r'<input class="archive-searchbox__input"[^>]*name="q"', html)
    assert "<script" not in html.split('<form class="archive-searchbox"')[1].split("</form>")[0]


def test_the_header_copy_follows_materials_own():
    """plugins/templates/partials/header.html is Material's header with one block swapped:
    when Material changes its header, this test says the copy must follow."""
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (REPO / "plugins" / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    removed = [line for line in difflib.ndiff(theirs.splitlines(), ours.splitlines()) if line.startswith("- ")]
    added = [line for line in difflib.ndiff(theirs.splitlines(), ours.splitlines()) if line.startswith("+ ")]
    assert removed == [
        "-   This file was automatically generated - do not edit",
        '-     {% if "material/search" in config.plugins %}',
    ]
    assert '+     {% elif "material/search" in config.plugins %}' in added
    assert '+       {% include "partials/archive-search.html" %}' in added and len(added) == 7


def test_the_search_plugin_needs_the_archive_plugin(tmp_path):
    docs = copy_fixture(tmp_path / "docs")
    config = write_config(docs, tmp_path / "site", tmp_path, plugins=["archive-search"])
    result = mkdocs_build(config)
    assert result.returncode != 0
    assert "add '- archive' to plugins" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_the_fixture_has_what_the_other_tests_expect():
    archive = load_archive(FIXTURE)
    assert any(a.draft for a in archive.articles)
