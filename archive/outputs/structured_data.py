"""Structured data (schema.org JSON-LD) for the pages: what search engines and scholars' tools read.

- an article page: a ``Report`` (headline, dates, ``about`` its places and actors, ``citation``
  its sources, ``isBasedOn`` the archived copies), and a ``ClaimReview`` for every claim that
  has a check (:func:`article_graph`);
- a place page: a ``Place`` with its coordinates (:func:`place_data`);
- the data page: a ``Dataset`` with its downloads (:func:`dataset_data`).

A ClaimReview follows Google's requirements: ``claimReviewed`` (the claim), ``reviewRating``
with ``alternateName`` (the claim's status, as the archive's vocabulary names it), ``url`` (the
claim on the article's page), ``author`` (who checked it: the review's authors are the checkers,
not the archive), and ``itemReviewed``, a ``Claim`` whose ``author`` is the claimant, with its
date and where it appeared (the article's sources).

Every function returning ``str`` returns the body of a ``<script type="application/ld+json">``
element, made by :func:`script_json`: no value can end the element or open another.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, Optional, Union

from archive.catalogue import Catalogue, article_updated, claim_anchor
from archive.format import layout
from archive.format.model import Article, Claim, Entity
from archive.outputs.display import label
from archive.outputs.records import article_url, entity_url, page_url

CONTEXT = "https://schema.org"

#: Actor types that are people; every other actor is an organisation.
_PERSON_TYPES = ("person", "official")

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> str:
    """``value`` as JSON that is safe as the body of a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes (so neither ``</script>`` nor
    ``<!--`` can occur), and so are U+2028 and U+2029 (line terminators to older JavaScript).
    The escapes are JSON: the value parses back unchanged.
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


class _Site:
    def __init__(self, catalogue: Catalogue, site_name: str, site_url: str, directory_urls: bool) -> None:
        self.catalogue = catalogue
        self.name = site_name
        self.url = site_url
        self.directory_urls = directory_urls

    def article(self, article_id: str, fragment: str = "") -> str:
        return article_url(article_id, site_url=self.url, directory_urls=self.directory_urls, fragment=fragment)

    def organisation(self) -> dict[str, Any]:
        found: dict[str, Any] = {"@type": "Organization", "name": self.name}
        if self.url:
            found["url"] = page_url(layout.HOME, site_url=self.url, directory_urls=self.directory_urls)
        return found

    def entity(self, entity_id: str) -> dict[str, Any]:
        """An entity as a schema.org thing: its type, names, and its page."""
        entity = self.catalogue.gazetteer.get(entity_id)
        if entity is None:
            return {"@type": "Thing", "name": entity_id}
        found: dict[str, Any] = {"@type": _schema_type(entity), "name": entity.name}
        others = list(dict.fromkeys(name for language, name in entity.names.items() if name != entity.name))
        if others:
            found["alternateName"] = others
        if self.catalogue.has_page(entity_id):
            found["url"] = entity_url(entity, site_url=self.url, directory_urls=self.directory_urls)
            found["@id"] = found["url"] + "#entity"
        return found


def _schema_type(entity: Entity) -> str:
    if entity.kind in ("place", "region"):
        return "Place"
    if entity.kind == "country":
        return "Country"
    if entity.kind == "actor":
        return "Person" if entity.type in _PERSON_TYPES else "Organization"
    return "DefinedTerm"


def _date(value: Any) -> Optional[str]:
    """A fuzzy date as ISO 8601: the day, ``YYYY-MM``, ``YYYY``, or ``start/end`` for a range."""
    if value is None:
        return None
    if value.precision == "range":
        return f"{value.start.isoformat()}/{value.end.isoformat()}"
    return value.text


# --------------------------------------------------------------------------------------------
# Articles


def report_data(article: Article, site: _Site) -> dict[str, Any]:
    url = site.article(article.id)
    report: dict[str, Any] = {
        "@type": "Report",
        "@id": url + "#record",
        "url": url,
        "identifier": article.id,
        "headline": article.title,
        "name": article.title,
        "datePublished": article.date.isoformat(),
        "dateModified": article_updated(article).isoformat(),
        "inLanguage": article.language,
        "publisher": site.organisation(),
        "creativeWorkStatus": label(article.verification.status),
    }
    if article.title_original:
        report["alternativeHeadline"] = article.title_original
    if article.summary:
        report["description"] = article.summary
    about = [site.entity(i) for i in (*article.places, *article.regions, *article.actors)]
    if about:
        report["about"] = about
    keywords = [site.catalogue.name(i) if i in site.catalogue.gazetteer else i for i in article.tags]
    if keywords:
        report["keywords"] = keywords
    citations = []
    copies = []
    for source in article.sources:
        work: dict[str, Any] = {
            "@type": "NewsArticle",
            "url": source.url,
            "publisher": {"@type": "Organization", "name": source.publisher},
        }
        if source.title:
            work["headline"] = source.title
        if source.language:
            work["inLanguage"] = source.language
        if source.archived:
            work["archivedAt"] = source.archived
            copies.append(source.archived)
        citations.append(work)
    if citations:
        report["citation"] = citations
    if copies:
        report["isBasedOn"] = copies
    return report


def _checkers(claim: Claim) -> list[str]:
    return list(dict.fromkeys(check.by for check in claim.checks))


def claim_review_data(article: Article, index: int, site: _Site) -> Optional[dict[str, Any]]:
    """The ClaimReview of the article's ``index``-th claim, or ``None`` when nobody checked it."""
    claim = article.claims[index]
    if not claim.checks:
        return None
    authors = [site.entity(i) for i in _checkers(claim)]
    days = [check.date.end for check in claim.checks if check.date is not None]
    reviewed: dict[str, Any] = {
        "@type": "Claim",
        "author": site.entity(claim.claimant),
        "appearance": [
            {"@type": "CreativeWork", "url": s.url, "publisher": {"@type": "Organization", "name": s.publisher}}
            for s in article.sources
        ],
    }
    if claim.date is not None:
        reviewed["datePublished"] = _date(claim.date)
    notes = [check.note for check in claim.checks if check.note]
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "url": site.article(article.id, claim_anchor(claim, index)),
        "claimReviewed": claim.claim,
        "author": authors[0] if len(authors) == 1 else authors,
        "datePublished": (max(days) if days else article.date).isoformat(),
        "itemReviewed": reviewed,
        "reviewRating": {"@type": "Rating", "alternateName": label(claim.status)},
        "isPartOf": {"@id": site.article(article.id) + "#record"},
    }
    if notes:
        review["reviewBody"] = " ".join(notes)
    return review


def article_graph(
    article: Article, catalogue: Catalogue, *, site_name: str, site_url: str = "", directory_urls: bool = True
) -> dict[str, Any]:
    """The article's JSON-LD: its Report and the ClaimReviews of its checked claims."""
    site = _Site(catalogue, site_name, site_url, directory_urls)
    graph = [report_data(article, site)]
    graph += [review for review in (claim_review_data(article, i, site) for i in range(len(article.claims))) if review]
    return {"@context": CONTEXT, "@graph": graph}


def article_jsonld(
    article: Article, catalogue: Catalogue, *, site_name: str, site_url: str = "", directory_urls: bool = True
) -> str:
    """:func:`article_graph` as the body of a ``<script type="application/ld+json">``."""
    return script_json(article_graph(article, catalogue, site_name=site_name, site_url=site_url, directory_urls=directory_urls))


# --------------------------------------------------------------------------------------------
# Places and the dataset


def place_data(
    entity: Entity, catalogue: Catalogue, *, site_name: str, site_url: str = "", directory_urls: bool = True
) -> dict[str, Any]:
    """A place (or region, or country) page's JSON-LD: its names, its coordinates, what contains it."""
    site = _Site(catalogue, site_name, site_url, directory_urls)
    place = {"@context": CONTEXT, **site.entity(entity.id)}
    if entity.lat is not None and entity.lon is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": entity.lat, "longitude": entity.lon}
    if entity.parent and entity.parent in catalogue.gazetteer:
        place["containedInPlace"] = site.entity(entity.parent)
    if entity.description or entity.note:
        place["description"] = entity.description or entity.note
    return place


def place_jsonld(entity: Entity, catalogue: Catalogue, *, site_name: str, site_url: str = "", directory_urls: bool = True) -> str:
    return script_json(place_data(entity, catalogue, site_name=site_name, site_url=site_url, directory_urls=directory_urls))


def dataset_data(
    catalogue: Catalogue,
    files: Iterable[str],
    *,
    site_name: str,
    site_url: str = "",
    directory_urls: bool = True,
    version: str = "",
    licence: Union[None, str, Mapping[str, str]] = None,
    media_types: Optional[Mapping[str, str]] = None,
) -> dict[str, Any]:
    """The data page's JSON-LD: the dataset, its licence, period and downloads (``files``, paths
    from the site root, with their media types)."""
    site = _Site(catalogue, site_name, site_url, directory_urls)
    counts = catalogue.counts
    found: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "Dataset",
        "name": f"{site_name}: the dataset",
        "description": (
            f"The records of {site_name}: {counts.articles} archived reports, {counts.claims} claims with their "
            f"figures and checks, {counts.evidence} items of evidence, {counts.events} events, and the gazetteer "
            "of regions, places, actors and tags, as CSV tables (a Frictionless Data Package), JSON Lines and GeoJSON."
        ),
        "creator": site.organisation(),
        "isAccessibleForFree": True,
    }
    if version:
        found["version"] = version
    if site_url:
        found["url"] = page_url("data/", site_url=site_url, directory_urls=directory_urls)
    if isinstance(licence, Mapping):
        licence = licence.get("path") or licence.get("name")
    if licence:
        found["license"] = licence if licence.startswith(("http://", "https://")) else f"https://spdx.org/licenses/{licence}.html"
    if counts.first and counts.last:
        found["temporalCoverage"] = f"{counts.first.isoformat()}/{counts.last.isoformat()}"
    if counts.updated:
        found["dateModified"] = counts.updated.isoformat()
    types = media_types or {}
    found["distribution"] = [
        {
            "@type": "DataDownload",
            "contentUrl": page_url(path, site_url=site_url, directory_urls=directory_urls),
            "encodingFormat": next((t for suffix, t in types.items() if path.endswith(suffix)), "application/octet-stream"),
        }
        for path in files
    ]
    return found


def dataset_jsonld(catalogue: Catalogue, files: Iterable[str], **options: Any) -> str:
    return script_json(dataset_data(catalogue, files, **options))


__all__ = [
    "CONTEXT",
    "script_json",
    "article_graph",
    "article_jsonld",
    "place_data",
    "place_jsonld",
    "dataset_data",
    "dataset_jsonld",
]
