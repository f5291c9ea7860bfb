"""A real MkDocs build of the small fixture archive, read back as HTML."""

from __future__ import annotations

import filecmp
import gzip
import os
import re
from pathlib import Path

import pytest

from htmlcheck import broken_links, html_files, link_targets, parse
from sitebuild import build_fixture, copy_fixture, page

from archive.format import layout

RAIDS = "articles/2024/2024-03-12-raids-into-kursk-and-belgorod/"
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
REGENERATE = "ARCHIVE_REGENERATE_GOLDEN"


def test_every_article_and_referenced_entity_and_month_has_a_page(fixture_site, fixture_catalogue):
    expected = [layout.article_uri(i) for i in fixture_catalogue.articles]
    expected += [layout.entity_uri(fixture_catalogue.gazetteer[i].kind, i) for i in fixture_catalogue.entity_articles]
    expected += [layout.month_uri(m) for m in fixture_catalogue.months]
    expected += [layout.year_uri(y) for y in fixture_catalogue.years]
    expected += [layout.section_uri(s) for s in layout.SECTION_ORDER] + [layout.TIMELINE, layout.CLAIMS]
    missing = [uri for uri in expected if not page(fixture_site, layout.url_for(uri)).exists()]
    assert missing == []


def test_every_entity_the_articles_reference_has_a_page(fixture_site):
    for url in ("regions/ru-bel/", "regions/ru/", "places/ru-krs-tetkino/", "actors/legion/", "tags/drone-strike/"):
        assert page(fixture_site, url).exists(), url


def test_drafts_are_left_out(fixture_site):
    assert not (fixture_site / "articles" / "2024" / "2024-04-02-draft-report").exists()
    assert "A draft that is not ready" not in page(fixture_site, "timeline/2024-03/").read_text()


def test_archive_sources_are_not_published(fixture_site):
    assert not (fixture_site / "gazetteer").exists()
    assert not list(fixture_site.rglob("*.md")) and not list(fixture_site.rglob("*.yml"))


def test_no_internal_link_is_broken(fixture_site):
    assert broken_links(fixture_site) == []


def test_articles_are_not_in_the_navigation(fixture_site):
    doc = parse(page(fixture_site, "timeline/"))
    nav_links = {e.attrs["href"] for e in doc.elements if e.tag == "a" and "md-tabs__link" in e.attrs.get("class", "")}
    assert nav_links and not any("articles/" in href for href in nav_links)


def test_article_page_shows_the_record(fixture_site):
    doc = parse(page(fixture_site, RAIDS))
    text = doc.text
    assert "Armed groups claim raids into Kursk and Belgorod regions" in text
    assert "12 March 2024" in text and "partially verified" in text
    assert "Original headline: Вооружённые группы заявили о рейдах" in text
    for heading in ("Claims", "Evidence", "Events", "Sources", "Corrections", "Related articles", "Cite this"):
        assert doc.find("h2", id=f"article-{heading.split()[0].lower()}"), heading
    assert "more than 234 killed (Armed Forces of Ukraine)" in text
    assert "several tanks destroyed" in text and "20–25 drones intercepted" in text
    assert "archived copy" in text
    assert "2024-03-14: Added the ministry's drone figures." in text


def test_article_page_links_every_region_place_actor_and_tag(fixture_site):
    doc = parse(page(fixture_site, RAIDS))
    hrefs = {e.attrs.get("href") for e in doc.elements if e.tag == "a"}
    for target in ("regions/ru-krs/", "regions/ru-bel/", "places/ru-krs-tetkino/", "actors/ru-mod/",
                   "actors/legion/", "actors/bbc-news/", "tags/cross-border-raid/", "tags/drone-strike/"):
        assert f"../../../{target}" in hrefs, target


def test_claim_rows_link_disputes_to_their_claims(fixture_site):
    doc = parse(page(fixture_site, RAIDS))
    targets = link_targets(doc, fixture_site)
    assert RAIDS + "#claim-mod-thwarted" in targets
    assert "articles/2023/2023-05-22-raid-into-belgorod-region/#claim-mod-70-killed" in targets


def test_body_links_between_articles_resolve(fixture_site):
    doc = parse(page(fixture_site, RAIDS))
    assert doc.find("a", href="../../2023/2023-05-22-raid-into-belgorod-region/", rel="noopener noreferrer")


def test_body_markdown_is_converted_once_into_the_page(fixture_site):
    html = page(fixture_site, RAIDS).read_text()
    assert html.count("<strong>Kursk region</strong>") == 1
    assert '<h2 id="body-what-is-verified">' in html


def test_previous_and_next_link_the_timeline(fixture_site):
    doc = parse(page(fixture_site, RAIDS))
    nav = doc.path.read_text()
    nav = nav[nav.index('class="archive-prevnext"'):]
    assert "2023-05-30-drones-over-belgorod/" in nav and "2024-03-20-shelling-of-kharkiv/" in nav


def test_table_of_contents_lists_the_record_sections(fixture_site):
    doc = parse(page(fixture_site, RAIDS))
    toc = [e.attrs["href"] for e in doc.elements if e.tag == "a" and "md-nav__link" in e.attrs.get("class", "")
           and e.attrs.get("href", "").startswith("#")]
    assert "#body-what-is-verified" in toc and "#article-claims" in toc and "#article-cite" in toc


def test_entity_page_lists_names_articles_claims_and_company(fixture_site):
    doc = parse(page(fixture_site, "actors/ru-mod/"))
    text = doc.text
    assert "Министерство обороны России" in text and "Міністерство оборони Росії" in text and "MoD" in text
    assert "Articles (3)" in text and "Claims made (4)" in text
    links = link_targets(doc, fixture_site)
    assert links.index(RAIDS) < links.index("articles/2023/2023-05-22-raid-into-belgorod-region/")
    assert "Appears alongside" in text and "Freedom Legion" in text


def test_place_page_links_its_region_and_region_its_country(fixture_site):
    place = parse(page(fixture_site, "places/ru-krs-tetkino/"))
    assert "regions/ru-krs/" in link_targets(place, fixture_site)
    region = parse(page(fixture_site, "regions/ru-krs/"))
    assert "regions/ru/" in link_targets(region, fixture_site)


def test_claims_tracker_sets_competing_figures_side_by_side(fixture_site):
    doc = parse(page(fixture_site, "claims/"))
    rows = [e for e in doc.elements if e.tag == "tr" and "data-status" in e.attrs]
    assert len(rows) == 8
    assert {r.attrs["data-status"] for r in rows} == {"disputed", "inconclusive", "unverified", "verified", "false"}
    html = page(fixture_site, "claims/").read_text()
    raid_table = html[html.index("Armed groups said they crossed into Kursk region."):]
    raid_table = raid_table[: raid_table.index("</table>")]
    assert "<th>killed</th>" in raid_table
    assert "more than 234" in raid_table and "about 40" in raid_table


def test_claims_tracker_has_a_filter_for_status_claimant_and_quantity(fixture_site):
    doc = parse(page(fixture_site, "claims/"))
    assert doc.find("form", **{"data-archive-filter": ""})
    assert {e.attrs["data-status"] for e in doc.find("button")if "data-status" in e.attrs} >= {"disputed", "verified"}
    assert doc.find("select", name="claimant") and doc.find("select", name="quantity")
    assert doc.find("option", value="legion") and doc.find("option", value="killed")


def test_timeline_has_year_and_month_pages(fixture_site):
    month = parse(page(fixture_site, "timeline/2024-03/"))
    assert "March 2024" in month.text and "Russian shelling damaged apartment blocks" in month.text
    year = parse(page(fixture_site, "timeline/2023/"))
    assert "timeline/2023-05/" in link_targets(year, fixture_site)


def test_home_page_blocks_are_filled(fixture_site):
    doc = parse(page(fixture_site, ""))
    assert "4 articles" in doc.text and "8 claims" in doc.text
    assert "Shelling of Kharkiv damages apartment blocks" in doc.text
    assert "archive:" not in page(fixture_site, "").read_text()


def test_methodology_defines_every_status_with_an_anchor(fixture_site):
    from archive.format.vocabulary import ARTICLE_STATUSES, CLAIM_STATUSES

    doc = parse(page(fixture_site, "methodology/"))
    for status, definition in CLAIM_STATUSES.items():
        assert f"claim-status-{status}" in doc.ids
        assert definition in doc.text
    for status in ARTICLE_STATUSES:
        assert f"article-status-{status}" in doc.ids


def test_badges_link_to_their_definition(fixture_site):
    doc = parse(page(fixture_site, RAIDS))
    assert doc.find("a", href="../../../methodology/#article-status-partially-verified")


def test_sitemap_dates_pages_by_their_content(fixture_site):
    sitemap = (fixture_site / "sitemap.xml").read_text()
    assert "<loc>https://archive.example.org/articles/2024/2024-03-12-raids-into-kursk-and-belgorod/</loc>" in sitemap
    assert "<lastmod>2024-03-14</lastmod>" in sitemap  # the correction's date
    assert gzip.decompress((fixture_site / "sitemap.xml.gz").read_bytes()).decode() == sitemap


def test_strict_build_has_no_warnings_and_drafts_only_inform(fixture_build):
    _, result = fixture_build
    assert "WARNING" not in result.stderr
    assert "this article is a draft" in result.stderr  # logged at INFO level


def test_two_builds_are_byte_identical(fixture_site, tmp_path):
    again, result = build_fixture(tmp_path, site_url="https://archive.example.org/")
    assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(fixture_site, again)
    differing = []

    def walk(cmp, prefix=""):
        differing.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.diff_files + cmp.funny_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison)
    shallow_same = [p for p in html_files(fixture_site) + [fixture_site / "sitemap.xml.gz"]
                    if (again / p.relative_to(fixture_site)).read_bytes() != p.read_bytes()]
    assert differing == [] and shallow_same == []


def test_include_drafts_from_the_environment(tmp_path):
    from sitebuild import mkdocs_build, write_config

    docs = copy_fixture(tmp_path / "docs")
    site = tmp_path / "site"
    result = mkdocs_build(write_config(docs, site, tmp_path), env={"ARCHIVE_INCLUDE_DRAFTS": "1"})
    assert result.returncode == 0, result.stderr
    assert page(site, "articles/2024/2024-04-02-draft-report/").exists()


def _main_content(html: str) -> str:
    match = re.search(r'<article class="archive-article">.*?</article>', html, re.S)
    assert match, "no article element"
    return match.group(0).replace("><", ">\n<") + "\n"


def test_article_main_content_matches_the_golden_file(fixture_site):
    golden = GOLDEN / "article-2024-03-12-raids-into-kursk-and-belgorod.html"
    actual = _main_content(page(fixture_site, RAIDS).read_text(encoding="utf-8"))
    if os.environ.get(REGENERATE):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    if not golden.exists():
        pytest.fail(f"{golden} is missing: run the tests once with {REGENERATE}=1")
    assert actual == golden.read_text(encoding="utf-8"), f"the article page changed; if that is intended, run with {REGENERATE}=1"


def test_a_large_claims_tracker_is_split_by_year(tmp_path):
    site, result = build_fixture(tmp_path, plugins=[{"archive": {"claims_page_limit": 3}}])
    assert result.returncode == 0, result.stderr
    index = parse(page(site, "claims/"))
    assert {"claims/2023/", "claims/2024/"} <= set(link_targets(index, site))
    year = parse(page(site, "claims/2024/"))
    rows = [e for e in year.elements if e.tag == "tr" and "data-status" in e.attrs]
    assert len(rows) == 5 and all(r.attrs["data-year"] == "2024" for r in rows)
    article = parse(page(site, RAIDS))
    assert "claims/2024/" in link_targets(article, site)
    assert broken_links(site) == []
