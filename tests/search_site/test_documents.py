"""What the index holds for each article, read from the catalogue alone (no MkDocs)."""

from __future__ import annotations

import json

import pytest
from searchsite import SAMPLE
from sitebuild import FIXTURE

from archive.catalogue import build_catalogue
from archive.format.layout import article_uri, url_for
from archive.read.loader import load_archive
from archive.search import TermPipeline
from archive.search.documents import FIELDS, MentionFinder, build_documents, plain_text, write_site_index
from archive.search.facets import FACETS, build_facets, delta_decode


@pytest.fixture(scope="module")
def sample():
    archive = load_archive(SAMPLE)
    return build_catalogue(archive.gazetteer, archive.published())


@pytest.fixture(scope="module")
def sample_docs(sample):
    return build_documents(sample)


def terms_of(text: str) -> set[str]:
    return set(TermPipeline(cyrillic=True).terms(text))


def doc_of(catalogue, docs, article_id: str) -> dict:
    return docs.fields[docs.article_ids.index(article_id)]


def test_documents_are_the_published_articles_in_timeline_order(sample, sample_docs):
    assert sample_docs.article_ids == sample.timeline
    assert [name for name, _ in FIELDS] == ["title", "summary", "body", "names", "claims", "sources"]
    assert dict(FIELDS)["title"] == 10 and dict(FIELDS)["summary"] == 4 and dict(FIELDS)["names"] == 5


def test_drafts_are_left_out_as_the_site_leaves_them_out():
    archive = load_archive(FIXTURE)
    drafts = {a.id for a in archive.articles if a.draft}
    assert drafts, "the fixture archive has a draft"
    published = build_documents(build_catalogue(archive.gazetteer, archive.published()))
    assert drafts.isdisjoint(published.article_ids)
    everything = build_documents(build_catalogue(archive.gazetteer, archive.published(include_drafts=True)))
    assert drafts <= set(everything.article_ids)


def test_names_hold_every_spelling_of_the_articles_places_regions_and_actors(sample, sample_docs):
    article = sample.articles["2024-01-01-belgorod-city-centre-strike-death-toll"]
    names = doc_of(sample, sample_docs, article.id)["names"].split()
    # the place, in every script and alias
    for spelling in ("Belgorod", "Бєлгород", "Белгород", "Bilhorod", "Білгород"):
        assert spelling.lower() in names
    # the region containing it, and its aliases
    assert {"белгородская", "область", "bilhorod", "oblast"} <= set(names)
    # an actor's names and office holder
    assert {"губернатор", "белгородской", "gladkov", "гладков"} <= set(names)
    # a tag in another language
    assert "cluster" in names
    # a set of names: each word once
    assert len(names) == len(set(names))


def test_mentioned_places_are_found_in_any_spelling(sample, sample_docs):
    """A report that names Kyiv in passing (without listing it) gets all of Kyiv's spellings."""
    for article_id, mentioned in zip(sample_docs.article_ids, sample_docs.mentions):
        doc = doc_of(sample, sample_docs, article_id)
        text = " ".join(doc[f] for f in ("title", "summary", "body", "claims", "sources")).lower()
        if "kyiv" in text.split() or "kiev" in text.replace('"', " ").split():
            assert "ua-30" in mentioned or "ua-30" in sample.articles[article_id].regions, article_id
    some = [i for i, m in zip(sample_docs.article_ids, sample_docs.mentions) if "ua-30" in m]
    assert some
    body = doc_of(sample, sample_docs, some[0])["body"]
    assert {"kyiv", "kiev", "київ", "киев"} <= terms_of(body)


def test_mention_finder_takes_the_longest_name_and_inflected_forms(sample):
    finder = MentionFinder(sample.gazetteer, TermPipeline(cyrillic=True))
    assert finder.find("Strikes on Bilhorod-Dnistrovskyi harbour") == ["ua-51-bilhorod-dnistrovskyi"]
    assert finder.find("Взрывы в Белгородской области") == ["ru-bel"]
    assert "ru-bel-belgorod" in finder.find("В Белгороде и Белгород")
    # Abbreviations are names when written in capitals (the one matcher's rule, as import has it)
    assert finder.find("the UK and the RF") == ["gb", "ru"]
    assert finder.find("the uk and the rf") == []
    assert finder.find("") == []


def test_plain_text_keeps_words_and_drops_markup():
    text = plain_text(
        "## Heading\n\nSee [the report](https://example.org/x) and ![a photo](p.png){: .wide }.\n"
        "<script>alert('x')</script> **bold** _it_ `code` https://bare.example/url &amp; [ref]: https://x\n"
    )
    words = text.split()
    assert {"Heading", "the", "report", "photo", "bold", "it", "code", "alert('x')"} <= set(words)
    assert not any("http" in w or "<" in w or "{" in w or "#" in w or "*" in w for w in words)


def test_display_records_link_to_the_article_pages(sample, sample_docs):
    for article_id, record in zip(sample_docs.article_ids, sample_docs.display):
        article = sample.articles[article_id]
        assert record["u"] == url_for(article_uri(article_id))
        assert record["t"] == article.title and record["d"] == article.date.isoformat()
        assert record["v"] == article.verification.status
        assert list(record) == sorted(record)
        kinds = [kind for kind, _, _ in record["c"]]
        assert kinds and set(kinds) <= {"country", "region", "actor"} and len(kinds) <= 6
        assert all(url.endswith("/") for _, _, url in record["c"] if url)
    flat = build_documents(sample, directory_urls=False)
    assert flat.display[0]["u"].endswith(".html")


def test_facets_count_what_the_entity_pages_list(sample, sample_docs):
    facets = {f["name"]: f for f in build_facets(sample, sample_docs.article_ids)}
    assert list(facets) == [name for name, _, _ in FACETS]
    number = {article_id: d for d, article_id in enumerate(sample_docs.article_ids)}
    for name in ("region", "actor", "tag"):
        for (value_id, value_name, count), deltas in zip(facets[name]["values"], facets[name]["docs"]):
            docs = delta_decode(deltas)
            assert docs == sorted(number[i] for i in sample.entity_articles[value_id])
            assert count == len(docs) and value_name == sample.name(value_id)
    years = {v[0]: delta_decode(d) for v, d in zip(facets["year"]["values"], facets["year"]["docs"])}
    assert [v[0] for v in facets["year"]["values"]] == sorted(years, reverse=True)
    for year, docs in years.items():
        assert all(sample.articles[sample_docs.article_ids[d]].date.year == int(year) for d in docs)
    statuses = sum(v[2] for v in facets["status"]["values"])
    assert statuses == len(sample_docs.article_ids)


def test_the_same_catalogue_gives_the_same_bytes(sample, tmp_path):
    first = write_site_index(sample, tmp_path / "a")
    second = write_site_index(sample, tmp_path / "b", pipeline=TermPipeline(cyrillic=True))
    assert first == second
    for rel in first["files"]:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    facets = json.loads((tmp_path / "a" / "facets.json").read_text(encoding="utf-8"))
    assert facets["index"] == first["version"] and facets["documentCount"] == len(sample.timeline)


def test_the_site_index_needs_the_cyrillic_pipeline(sample, tmp_path):
    with pytest.raises(ValueError, match="cyrillic"):
        write_site_index(sample, tmp_path, pipeline=TermPipeline(cyrillic=False))
