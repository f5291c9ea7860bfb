"""Citations of an article's record: one citation record, and every format made from it.

:func:`citation_record` is the one description of what is cited (a CSL-JSON item, the format
Zotero, Pandoc and citeproc read); BibTeX (:func:`to_bibtex`), RIS (:func:`to_ris`),
CSL-JSON (:func:`to_csl_json`) and the plain-text reference shown on the page
(:func:`to_text`) are all derived from it, so they cannot disagree.

What is cited is the archive's record of a report (not the report itself, whose publishers are
the record's sources): its author is the archive, its date the report's, its URL the record's
page. Values are data in every format: BibTeX's special characters are written as LaTeX
commands (braces always balanced), RIS values are kept on one line (a value cannot start a tag).
"""

from __future__ import annotations

import json
import re
from typing import Any

from archive.catalogue import Catalogue
from archive.format import layout
from archive.format.model import Article
from archive.outputs.display import format_date
from archive.outputs.records import article_url, beside

#: Media types of the three downloads.
MEDIA_TYPES = {".bib": "application/x-bibtex", ".ris": "application/x-research-info-systems", ".csl.json": "application/vnd.citationstyles.csl+json"}  # fmt: skip


def citation_record(article: Article, *, site_name: str, url: str) -> dict[str, Any]:
    """The CSL-JSON item citing the article's record at ``url``."""
    day = article.date
    record: dict[str, Any] = {
        "id": article.id,
        "type": "webpage",
        "title": article.title,
        "author": [{"literal": site_name}],
        "container-title": site_name,
        "publisher": site_name,
        "issued": {"date-parts": [[day.year, day.month, day.day]]},
        "genre": "Archived report",
        "number": article.id,
        "language": article.language,
    }
    if article.title_original:
        record["original-title"] = article.title_original
    if article.summary:
        record["abstract"] = article.summary
    if url:
        record["URL"] = url
    return record


# --------------------------------------------------------------------------------------------
# BibTeX

#: LaTeX's special characters as commands. Braces become commands too, never ``\{``: BibTeX
#: counts every brace, escaped or not, to find where a field ends, so a lone ``\{`` in a title
#: would swallow the rest of the entry; ``\textbraceleft{}`` keeps the field's braces balanced.
_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_LATEX_SPECIAL = re.compile(r"[\\{}$&%#_^~]")
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x1c-\x1e\x85\u2028\u2029]+")


def bibtex_text(value: str) -> str:
    """``value`` as the text of a braced BibTeX field, on one line, LaTeX's special characters
    written as commands (:data:`_LATEX`)."""
    return _LATEX_SPECIAL.sub(lambda m: _LATEX[m.group()], _LINE_BREAKS.sub(" ", value))


_KEY = re.compile(r"[^A-Za-z0-9_:.\-]")


def to_bibtex(record: dict[str, Any]) -> str:
    """A BibTeX ``@misc`` entry, keyed by the record's id."""
    year, month, _ = record["issued"]["date-parts"][0]
    fields = [
        ("title", bibtex_text(record["title"])),
        ("author", "{" + bibtex_text(record["author"][0]["literal"]) + "}"),
        ("year", str(year)),
        ("month", str(month)),
        ("note", bibtex_text(f"{record['genre']} {record['number']}")),
    ]
    if record.get("URL"):
        fields.append(("howpublished", r"\url{" + _url_text(record["URL"]) + "}"))
        fields.append(("url", _url_text(record["URL"])))
    if record.get("language"):
        fields.append(("language", bibtex_text(record["language"])))
    lines = [f"@misc{{{_KEY.sub('-', record['id'])},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields]
    lines.append("}")
    return "\n".join(lines) + "\n"


def _url_text(url: str) -> str:
    """A URL inside ``\\url{...}``: its characters stay as they are (``\\url`` reads them
    verbatim), except braces and backslashes, percent-encoded, and line breaks, dropped."""
    return _LINE_BREAKS.sub("", url).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


# --------------------------------------------------------------------------------------------
# RIS


def _ris_value(value: str) -> str:
    """A value on one line: a line break would start a new tag (``ER  -`` ends the record)."""
    return _LINE_BREAKS.sub(" ", value).strip()


def to_ris(record: dict[str, Any]) -> str:
    """An RIS record (type ``ELEC``, a web page), lines ending in CRLF as the format wants."""
    year, month, day = record["issued"]["date-parts"][0]
    tags = [
        ("TY", "ELEC"),
        ("ID", record["id"]),
        ("TI", record["title"]),
        ("AU", record["author"][0]["literal"]),
        ("T2", record["container-title"]),
        ("PB", record["publisher"]),
        ("PY", f"{year:04d}"),
        ("DA", f"{year:04d}/{month:02d}/{day:02d}"),
        ("M3", record["genre"]),
        ("LA", record.get("language", "")),
    ]
    if record.get("original-title"):
        tags.append(("OP", record["original-title"]))
    if record.get("abstract"):
        tags.append(("AB", record["abstract"]))
    if record.get("URL"):
        tags.append(("UR", record["URL"]))
    lines = [f"{tag}  - {_ris_value(value)}" for tag, value in tags if value]
    lines.append("ER  - ")
    return "\r\n".join(lines) + "\r\n"


# --------------------------------------------------------------------------------------------
# CSL-JSON and text


def to_csl_json(records: list[dict[str, Any]]) -> str:
    """A CSL-JSON file: the list of items."""
    return json.dumps(records, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def to_text(record: dict[str, Any]) -> str:
    """The plain-text reference a researcher pastes into a paper (as
    :func:`archive.outputs.display.citation` writes it)."""
    from datetime import date

    year, month, day = record["issued"]["date-parts"][0]
    text = f'{record["author"][0]["literal"]}. "{record["title"]}". {record["genre"]}, {format_date(date(year, month, day))}. Record {record["number"]}.'
    return f"{text} {record['URL']}" if record.get("URL") else text


# --------------------------------------------------------------------------------------------
# Files


def citation_files(catalogue: Catalogue, *, site_name: str, site_url: str = "", directory_urls: bool = True) -> dict[str, bytes]:
    """``<article>.bib``, ``<article>.ris`` and ``<article>.csl.json`` beside every article page."""
    files: dict[str, bytes] = {}
    for article_id in catalogue.timeline:
        article = catalogue.articles[article_id]
        record = citation_record(
            article, site_name=site_name, url=article_url(article_id, site_url=site_url, directory_urls=directory_urls)
        )
        uri = layout.article_uri(article_id)
        files[beside(uri, ".bib")] = to_bibtex(record).encode("utf-8")
        files[beside(uri, ".ris")] = to_ris(record).encode("utf-8")
        files[beside(uri, ".csl.json")] = to_csl_json([record]).encode("utf-8")
    return files


__all__ = [
    "MEDIA_TYPES",
    "citation_record",
    "bibtex_text",
    "to_bibtex",
    "to_ris",
    "to_csl_json",
    "to_text",
    "citation_files",
]
