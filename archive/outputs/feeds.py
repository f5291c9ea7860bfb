"""Atom feeds (RFC 4287): the whole archive's latest articles, and those of every region, place,
actor and tag that has a page (countries included, as they sit with regions).

The XML is built as a tree by the standard library's ElementTree, which escapes every text and
attribute; no XML is written as a string. Characters XML 1.0 cannot hold (control characters,
which the archive's rules refuse anyway) are dropped, so a feed always parses.

A feed's and an entry's ``id`` is the page's absolute URL when the site's URL is known, else a
``urn:uuid:`` made from the site's name and the page's path: the same every build.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import date
from typing import Optional

from archive.catalogue import Catalogue, article_updated
from archive.format import layout
from archive.outputs.records import article_url, beside, page_url, slug

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml"
#: The whole archive's feed, from the site root.
ARCHIVE_FEED = "feed.xml"
#: Articles in each feed, newest first.
FEED_LIMIT = 50

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed_path(kind: Optional[str] = None, entity_id: str = "") -> str:
    """Where a feed goes: ``feed.xml`` for the archive, ``actors/ru-mod.xml`` beside an entity's page."""
    return ARCHIVE_FEED if kind is None else beside(layout.entity_uri(kind, entity_id), ".xml")


class _Feeds:
    def __init__(self, catalogue: Catalogue, site_name: str, site_url: str, directory_urls: bool, limit: int) -> None:
        self.catalogue = catalogue
        self.site_name = site_name
        self.site_url = site_url
        self.directory_urls = directory_urls
        self.limit = limit

    def identifier(self, url: str, uri: str) -> str:
        if self.site_url:
            return url
        return uuid.uuid5(uuid.NAMESPACE_URL, f"{slug(self.site_name)}:{uri}").urn

    def _sub(self, parent: ET.Element, tag: str, text: Optional[str] = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, tag, {k: _text(v) for k, v in attributes.items()})
        if text is not None:
            element.text = _text(text)
        return element

    def feed(self, path: str, page_uri: str, title: str, article_ids: list[str]) -> bytes:
        page = page_url(page_uri, site_url=self.site_url, directory_urls=self.directory_urls)
        chosen = article_ids[: self.limit]
        articles = [self.catalogue.articles[i] for i in chosen]
        updated = max((article_updated(a) for a in articles), default=self.catalogue.counts.updated or date(1970, 1, 1))
        # Tags without a namespace, and the Atom namespace as the document's default: no global
        # prefix registration (``ET.register_namespace``) is needed.
        root = ET.Element("feed", {"xmlns": ATOM})
        self._sub(root, "id", self.identifier(page_url(path, site_url=self.site_url), path))
        self._sub(root, "title", title, type="text")
        self._sub(root, "updated", _timestamp(updated))
        self._sub(root, "link", rel="self", type=MEDIA_TYPE, href=page_url(path, site_url=self.site_url))
        self._sub(root, "link", rel="alternate", type="text/html", href=page)
        author = self._sub(root, "author")
        self._sub(author, "name", self.site_name)
        self._sub(root, "generator", "conflict-archive")
        for article in articles:
            uri = layout.article_uri(article.id)
            url = article_url(article.id, site_url=self.site_url, directory_urls=self.directory_urls)
            entry = self._sub(root, "entry")
            self._sub(entry, "id", self.identifier(url, uri))
            self._sub(entry, "title", article.title, type="text")
            self._sub(entry, "link", rel="alternate", type="text/html", href=url)
            self._sub(entry, "published", _timestamp(article.date))
            self._sub(entry, "updated", _timestamp(article_updated(article)))
            if article.summary:
                self._sub(entry, "summary", article.summary, type="text")
            for tag in article.tags:
                if tag in self.catalogue.gazetteer:
                    self._sub(entry, "category", term=tag, label=self.catalogue.name(tag))
        ET.indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def feed_files(
    catalogue: Catalogue, *, site_name: str, site_url: str = "", directory_urls: bool = True, limit: int = FEED_LIMIT
) -> dict[str, bytes]:
    """Every feed, by path from the site root: ``feed.xml`` and one beside each entity page."""
    feeds = _Feeds(catalogue, site_name, site_url, directory_urls, limit)
    files = {ARCHIVE_FEED: feeds.feed(ARCHIVE_FEED, layout.HOME, site_name, catalogue.latest(limit))}
    for kind, ids in catalogue.kinds.items():
        for entity_id in ids:
            path = feed_path(kind, entity_id)
            title = f"{site_name}: {catalogue.name(entity_id)}"
            files[path] = feeds.feed(path, layout.entity_uri(kind, entity_id), title, catalogue.articles_for(entity_id))
    return files


__all__ = ["ATOM", "MEDIA_TYPE", "ARCHIVE_FEED", "FEED_LIMIT", "feed_path", "feed_files"]
