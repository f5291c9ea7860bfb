"""Where each record's page lives in the site: one rule, shared by the site and the search index.

Paths are *source* paths relative to the site's docs folder (``articles/2024/<id>.md``), the
form MkDocs calls ``src_uri``; :func:`url_for` turns one into the page's URL the way MkDocs does.
An article's page path is derived from its id only (never from the folder the file sits in),
so the permalink stays fixed once published.
"""

from __future__ import annotations

#: The archive's folders, named once: the articles (whose pages keep the same folder in the
#: site), the gazetteer (read, never published) and the media (published as they are).
ARTICLES_DIR = "articles"
GAZETTEER_DIR = "gazetteer"
MEDIA_DIR = "media"
#: The archive's vocabulary (its sides, the languages of its names), beside the gazetteer's files.
VOCABULARY_FILE = f"{GAZETTEER_DIR}/vocabulary.yml"

#: The site section each kind of gazetteer entity is listed in (countries sit with regions).
SECTIONS: dict[str, str] = {
    "country": "regions",
    "region": "regions",
    "place": "places",
    "actor": "actors",
    "tag": "tags",
}

#: Section folders in the order the site lists them.
SECTION_ORDER = ("regions", "places", "actors", "tags")

TIMELINE = "timeline/index.md"
CLAIMS = "claims/index.md"
HOME = "index.md"
#: The search page (the ``archive-search`` plugin writes it and its index under ``search/``).
SEARCH = "search/index.md"

#: Top-level folders whose pages the site generates: an editorial page there would be replaced.
GENERATED_FOLDERS = (ARTICLES_DIR, "timeline", "claims", *SECTION_ORDER, "search", "assets")


def article_uri(article_id: str) -> str:
    """``2024-03-12-x`` → ``articles/2024/2024-03-12-x.md`` (the id starts with its date)."""
    return f"{ARTICLES_DIR}/{article_id[:4]}/{article_id}.md"


def entity_uri(kind: str, entity_id: str) -> str:
    """``actor``, ``ru-mod`` → ``actors/ru-mod.md``; an id spelt ``index`` cannot take the index's place."""
    name = "index-entity" if entity_id == "index" else entity_id
    return f"{SECTIONS[kind]}/{name}.md"


def section_uri(section: str) -> str:
    """The index page of a section: ``actors`` → ``actors/index.md``."""
    return f"{section}/index.md"


def year_uri(year: int) -> str:
    return f"timeline/{year:04d}/index.md"


def month_uri(month: str) -> str:
    """``2024-03`` → ``timeline/2024-03.md``."""
    return f"timeline/{month}.md"


def claims_uri(year: int | None = None) -> str:
    """The claims tracker, or one year of it when the tracker is split by year."""
    return CLAIMS if year is None else f"claims/{year:04d}.md"


def url_for(uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the file at ``uri``, relative to the site root (``""`` is the home page).

    A page (``.md``, or a path without an extension) gets a folder URL (``actors/ru-mod/``) or
    an ``.html`` one; any other file keeps its path (``search/index/manifest.json``), except that
    an ``index.html`` is reached by its folder, as MkDocs does.
    """
    folder, _, name = uri.rpartition("/")
    if "." in name and not name.endswith(".md"):
        if directory_urls and name == "index.html":
            return f"{folder}/" if folder else ""
        return uri
    stem = uri[:-3] if uri.endswith(".md") else uri
    folder, _, name = stem.rpartition("/")
    if not directory_urls:
        return f"{stem}.html"
    if name == "index":
        return f"{folder}/" if folder else ""
    return f"{stem}/"


__all__ = [
    "ARTICLES_DIR",
    "GAZETTEER_DIR",
    "MEDIA_DIR",
    "VOCABULARY_FILE",
    "SECTIONS",
    "SECTION_ORDER",
    "TIMELINE",
    "CLAIMS",
    "HOME",
    "SEARCH",
    "GENERATED_FOLDERS",
    "article_uri",
    "entity_uri",
    "section_uri",
    "year_uri",
    "month_uri",
    "claims_uri",
    "url_for",
]
