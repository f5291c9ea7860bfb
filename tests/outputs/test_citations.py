"""Citations: BibTeX, RIS and CSL-JSON of every article, made from one record, read back by real
parsers with the record's values."""

from __future__ import annotations

import json
import re

import bibtexparser
import rispy
from exportkit import HAZARDS, NAME, SITE, Loaded, with_hazards

from archive.format import layout
from archive.outputs.citations import citation_files, citation_record, to_bibtex, to_csl_json, to_ris, to_text
from archive.outputs.display import citation
from archive.outputs.records import article_url

#: LaTeX commands back to their characters: what a reader of the BibTeX sees.
_UNLATEX = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciicircum{}": "^",
    r"\textasciitilde{}": "~",
    r"\$": "$",
    r"\&": "&",
    r"\%": "%",
    r"\#": "#",
    r"\_": "_",
}
_COMMAND = re.compile("|".join(re.escape(k) for k in _UNLATEX))
_ONE_LINE = re.compile(r"[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]+")


def _one_line(text: str) -> str:
    return _ONE_LINE.sub(" ", text)


def _articles(loaded: Loaded):
    catalogue = with_hazards(loaded)
    return catalogue, [catalogue.articles[i] for i in catalogue.timeline]


def test_bibtex_parses_with_the_records_values(loaded: Loaded):
    _, articles = _articles(loaded)
    for article in articles:
        url = article_url(article.id, site_url=SITE)
        text = to_bibtex(citation_record(article, site_name=NAME, url=url))
        library = bibtexparser.parse_string(text)
        assert library.failed_blocks == [] and len(library.entries) == 1, text
        entry = library.entries[0]
        assert entry.key == article.id and entry.entry_type == "misc"
        assert _COMMAND.sub(lambda m: _UNLATEX[m.group()], entry["title"]) == _one_line(article.title)
        assert _COMMAND.sub(lambda m: _UNLATEX[m.group()], entry["author"]) == "{" + NAME + "}"
        assert entry["url"] == url and entry["year"] == str(article.date.year)


def test_ris_parses_with_the_records_values(loaded: Loaded):
    _, articles = _articles(loaded)
    for article in articles:
        url = article_url(article.id, site_url=SITE)
        (entry,) = rispy.loads(to_ris(citation_record(article, site_name=NAME, url=url)))
        assert entry["id"] == article.id and entry["type_of_reference"] == "ELEC"
        assert entry["title"] == _one_line(article.title).strip()
        assert entry["urls"] == [url] and entry["authors"] == [NAME]
        assert entry.get("abstract", "") == _one_line(article.summary or "").strip()


def test_csl_json_is_the_record(loaded: Loaded):
    _, articles = _articles(loaded)
    for article in articles:
        record = citation_record(article, site_name=NAME, url=article_url(article.id, site_url=SITE))
        assert json.loads(to_csl_json([record])) == [record]
        assert record["title"] == article.title
        assert record["issued"] == {"date-parts": [[article.date.year, article.date.month, article.date.day]]}


def test_the_plain_reference_is_the_pages(hostile: Loaded):
    _, articles = _articles(hostile)
    for article in articles:
        url = article_url(article.id, site_url=SITE)
        assert to_text(citation_record(article, site_name=NAME, url=url)) == citation(article, NAME, url)


def test_hazards_do_not_end_an_entry(hostile: Loaded):
    catalogue, _ = _articles(hostile)
    article = catalogue.articles["2024-03-16-formulas"]
    record = citation_record(article, site_name=NAME, url="")
    assert "\nER  -" not in to_ris(record).replace("\r\n", "\n").rstrip("\n").rsplit("\n", 1)[0]
    assert len(rispy.loads(to_ris(record))) == 1
    assert HAZARDS  # the hazard article is among those parsed above


def test_three_files_beside_every_article(sample: Loaded):
    files = citation_files(sample.catalogue, site_name=NAME, site_url=SITE)
    for article_id in sample.catalogue.timeline:
        stem = layout.article_uri(article_id)[:-3]
        assert {f"{stem}.bib", f"{stem}.ris", f"{stem}.csl.json"} <= set(files)
    assert len(files) == 3 * len(sample.catalogue.timeline)
    assert files == citation_files(sample.catalogue, site_name=NAME, site_url=SITE)
