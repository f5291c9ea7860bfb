"""The site's search documents: what the index holds for each article, and how a result shows it.

Data flows one way: the catalogue (published articles, drafts already left out as the site
does) → one search document and one display record per article → the index files
(:func:`write_site_index`). Nothing here imports MkDocs; the ``archive-search`` plugin calls
:func:`write_site_index` with the catalogue the ``archive`` plugin built.

    from archive.search.documents import build_documents, write_site_index

    docs = build_documents(catalogue)              # SearchDocuments: fields, display records
    summary = write_site_index(catalogue, "site/search/index")

Documents are numbered in timeline order (date, then id: ``catalogue.timeline``), so the
ref of an article is its position, ``"0"`` being the oldest; adding newer articles leaves the
numbers of the older ones unchanged.

Fields and boosts (:data:`FIELDS`):

``title``    the title and the title in the original language
``summary``  the summary
``body``     the Markdown body as plain text (links and markup removed, cheaply), followed
             by every spelling of the regions, places and actors the article *mentions* by
             name anywhere (title, summary, body, claims, publishers) without referencing
             them (see :class:`MentionFinder`): a report that says "Kyiv" in passing is
             found by "Kiev", "Київ" and "Киев" alike
``names``    every name, alias and office holder, in every script, of the article's
             regions, places (and the regions and countries containing them), actors and
             tags: each word once (a set of names, not prose)
``claims``   the claims' sentences and their claimants' names (in each language, once)
``sources``  the sources' publishers

Spellings are computed once per entity per build (:class:`Spellings`), never per article.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Optional

from archive.catalogue import Catalogue
from archive.format.layout import article_uri, entity_uri, url_for
from archive.format.model import Article
from archive.names.matcher import MATCHED_KINDS, NameMatcher
from archive.names.memo import Memo
from archive.read.gazetteer import Gazetteer
from archive.search.builder import IndexBuilder
from archive.search.facets import facets_json
from archive.search.shards import write_sharded_index
from archive.search.text import TermPipeline, tokenize

__all__ = [
    "FIELDS",
    "MENTION_KINDS",
    "MentionFinder",
    "SearchDocuments",
    "Spellings",
    "build_documents",
    "display_record",
    "plain_text",
    "write_site_index",
]

#: Indexed fields and their boosts, in the order lunr sees them.
FIELDS: tuple = (("title", 10), ("summary", 4), ("body", 1), ("names", 5), ("claims", 2), ("sources", 1))

#: Kinds of entity whose names are looked for in the text (tags are topics, not names).
MENTION_KINDS = MATCHED_KINDS

#: One-word spellings whose term is shorter than this are not looked for in running text.
MIN_SINGLE_TERM = 3

#: Kinds shown as chips on a result: the article's first regions, then its first actors.
CHIP_KINDS = ("country", "region", "actor")
MAX_REGION_CHIPS = 3
MAX_CHIPS = 6

# --------------------------------------------------------------------------------------------
# Markdown to plain text, cheaply

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]*)\](?:\([^)\n]*\)|\[[^\]\n]*\])?")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*$", re.M)
_TAG = re.compile(r"<[^<>\n]*>")
_URL = re.compile(r"\b(?:https?|ftp|mailto|javascript|data):\S*", re.I)
_ATTR_LIST = re.compile(r"\{[:#.]?[^{}\n]*\}")
_MARKUP = re.compile(r"[*_`#>|~=\\]+")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


def plain_text(markdown: str) -> str:
    """The words of a Markdown body: link texts kept, URLs, tags, attribute lists and markup
    characters dropped. Cheap on purpose (a few regular expressions, each skipped when the
    text cannot contain what it removes); the search only needs the words. Linear in the
    length of the text whatever it holds: no expression scans ahead from every position of a
    run (``tests/core/test_linear_time.py``)."""
    text = markdown
    if "```" in text or "~~~" in text:
        text = _FENCE.sub(" ", text)
    if "[" in text:
        text = _LINK_DEFINITION.sub(" ", text)
        text = _link_texts(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if ":" in text:
        text = _URL.sub(" ", text)
    if "{" in text:
        text = _ATTR_LIST.sub(" ", text)
    if "&" in text:
        text = _ENTITY.sub(" ", text)
    return _MARKUP.sub(" ", text)


def _link_texts(text: str) -> str:
    """``_IMAGE_OR_LINK.sub(r" \\1 ", text)``: each link or image replaced by its text, in one pass.

    The expression itself looks from every ``[`` to the end of its line for the ``]``: a line of
    100,000 ``[`` costs 5·10⁹ steps. Here the next ``]``, ``)`` and line break are each found
    once and kept until passed (the positions asked for only grow), and a ``[`` without a
    ``]`` before the line ends skips every other ``[`` of that line, which cannot close either.
    """
    size = len(text)
    following = {"]": -1, ")": -1, "\n": -1}  # the next of each at or after the last position asked

    def next_of(char: str, start: int) -> int:
        at = following[char]
        if at < start:
            at = text.find(char, start)
            following[char] = at = size if at < 0 else at
        return at

    out: list[str] = []
    done = 0  # text[:done] is written
    opening = text.find("[")
    while opening >= 0:
        line_end = next_of("\n", opening + 1)
        closing = next_of("]", opening + 1)
        if closing >= line_end:  # (both the end of the text: no ']' either)
            opening = text.find("[", line_end)
            continue
        start = opening - 1 if opening > done and text[opening - 1] == "!" else opening
        end = closing + 1
        if end < size and text[end] in "([":
            close = next_of(")" if text[end] == "(" else "]", end + 1)
            if close < next_of("\n", end + 1):
                end = close + 1
        out += (text[done:start], " ", text[opening + 1 : closing], " ")
        done = end
        opening = text.find("[", done)
    if not out:
        return text
    out.append(text[done:])
    return "".join(out)


def _nfc(text: str) -> str:
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------------------------
# Entities: spellings and mentions


class Spellings:
    """Every spelling of an entity as one string, its names, its words: each computed once per
    build (its containing regions are the gazetteer's, also computed once)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.text: Callable[[str], str] = Memo(self._text).__getitem__
        self.words: Callable[[str], tuple[str, ...]] = Memo(self._words).__getitem__
        self.names: Callable[[str], str] = Memo(self._names).__getitem__
        self.ancestors = gazetteer.ancestors

    def _text(self, entity_id: str) -> str:
        entity = self.gazetteer.get(entity_id)
        return " ".join(entity.spellings()) if entity else ""

    def _words(self, entity_id: str) -> tuple[str, ...]:
        """The words of every spelling (as lunr splits them, lowercased), each once."""
        return tuple(dict.fromkeys(tokenize(self.text(entity_id))))

    def _names(self, entity_id: str) -> str:
        """The entity's name in each language (no aliases), as one string."""
        entity = self.gazetteer.get(entity_id)
        return " ".join(dict.fromkeys(entity.names.values())) if entity else ""


class MentionFinder:
    """Finds the entities a text names: the one name matcher's answer
    (:class:`~archive.names.matcher.NameMatcher`), so that the search and ``archive import``
    agree on what a text names (``tests/core/test_one_name_matcher.py``)."""

    def __init__(
        self, gazetteer: Gazetteer, pipeline: Optional[TermPipeline] = None, kinds: Sequence[str] = MENTION_KINDS
    ) -> None:
        self.matcher = NameMatcher.build(gazetteer, kinds)

    def find(self, text: str, known: frozenset = frozenset()) -> list[str]:
        """Ids of the entities ``text`` names, sorted (``known``: accepted for the callers that
        pass the article's own entities; they are found as any other)."""
        return self.matcher.mentions(text)


# --------------------------------------------------------------------------------------------
# Documents and display records


@dataclass
class SearchDocuments:
    """The documents of one build, in document-number order."""

    #: Article ids; the article at position ``d`` is document ``d`` (ref ``str(d)``).
    article_ids: list[str]
    #: Field name → text, one dict per document.
    fields: list[dict]
    #: What the search page shows for each document (see :func:`display_record`).
    display: list[dict]
    #: Entity ids named in each document's text without being referenced (for tests and tools).
    mentions: list[list[str]] = field(default_factory=list)

    def pairs(self) -> Iterable[tuple[str, dict]]:
        return ((str(d), doc) for d, doc in enumerate(self.fields))


def _referenced(article: Article, spellings: Spellings) -> list[str]:
    """The article's regions, places, their containing regions and countries, actors and tags."""
    ids: dict[str, None] = dict.fromkeys((*article.regions, *article.places))
    for entity_id in (*article.places, *article.regions):
        for parent in spellings.ancestors(entity_id):
            ids[parent] = None
    ids.update(dict.fromkeys((*article.actors, *article.tags)))
    return list(ids)


def article_document(article: Article, spellings: Spellings, mentions: Optional[MentionFinder] = None) -> tuple[dict, list[str]]:
    """The indexed fields of one article, and the ids of the entities it mentions."""
    text = spellings.text
    referenced = _referenced(article, spellings)
    body = plain_text(article.body)
    title = article.title if not article.title_original else f"{article.title} {article.title_original}"
    summary = article.summary or ""
    claimed = " ".join(c.claim for c in article.claims)
    publishers = " ".join(s.publisher for s in article.sources)
    mentioned: list[str] = []
    if mentions is not None:
        own = frozenset(referenced)
        mentioned = [i for i in mentions.find(f"{title}\n{summary}\n{body}\n{claimed}\n{publishers}", own) if i not in own]
        if mentioned:
            body = body + " " + " ".join(text(i) for i in mentioned)
    claimants = dict.fromkeys(c.claimant for c in article.claims)
    claims = f"{claimed} {' '.join(spellings.names(i) for i in claimants)}" if claimants else ""
    doc = {
        "title": _nfc(title),
        "summary": _nfc(summary),
        "body": _nfc(body),
        "names": " ".join(dict.fromkeys(chain.from_iterable(map(spellings.words, referenced)))),
        "claims": _nfc(claims),
        "sources": _nfc(publishers),
    }
    return doc, mentioned


def display_record(article: Article, catalogue: Catalogue, directory_urls: bool = True, memo: Optional[dict] = None) -> dict:
    """What a result shows: ``t`` title, ``d`` ISO date, ``u`` URL of the article page from the
    site root, ``s`` summary, ``v`` verification status, ``c`` chips ``[kind, name, url]`` of the
    article's first regions, then actors (at most :data:`MAX_CHIPS`; ``url`` is ``""`` for an
    entity without a page). Keys sorted; plain data, never HTML: the page puts every value in
    the DOM as text. ``memo``: a dict kept across the articles of one build (each chip is
    made once)."""
    gazetteer = catalogue.gazetteer
    memo = {} if memo is None else memo
    regions = [i for i in article.regions if gazetteer.kind_of(i) in CHIP_KINDS][:MAX_REGION_CHIPS]
    actors = [i for i in article.actors if gazetteer.kind_of(i) in CHIP_KINDS][: MAX_CHIPS - len(regions)]
    chips = []
    for entity_id in (*regions, *actors):
        chip = memo.get(entity_id)
        if chip is None:
            entity = gazetteer[entity_id]
            url = url_for(entity_uri(entity.kind, entity_id), directory_urls) if catalogue.has_page(entity_id) else ""
            chip = memo[entity_id] = [entity.kind, entity.name, url]
        chips.append(chip)
    return {
        "c": chips,
        "d": article.date.isoformat(),
        "s": article.summary or "",
        "t": article.title,
        "u": url_for(article_uri(article.id), directory_urls),
        "v": article.verification.status,
    }


def build_documents(
    catalogue: Catalogue,
    *,
    directory_urls: bool = True,
    pipeline: Optional[TermPipeline] = None,
    mentions: bool = True,
) -> SearchDocuments:
    """Search documents and display records of every published article, in timeline order.

    ``pipeline``: the index's term pipeline (share it with the index builder and across
    ``mkdocs serve`` rebuilds to keep its stem cache); ``mentions``: look for entity names in
    the text (see :class:`MentionFinder`).
    """
    pipeline = pipeline or TermPipeline(cyrillic=True)
    spellings = Spellings(catalogue.gazetteer)
    finder = MentionFinder(catalogue.gazetteer, pipeline) if mentions else None
    ids = list(catalogue.timeline)
    fields, display, found = [], [], []
    chips: dict[str, list[str]] = {}  # entity id -> its chip [kind, name, url], shared by the articles
    for article_id in ids:
        article = catalogue.articles[article_id]
        doc, mentioned = article_document(article, spellings, finder)
        fields.append(doc)
        found.append(mentioned)
        display.append(display_record(article, catalogue, directory_urls, chips))
    return SearchDocuments(article_ids=ids, fields=fields, display=display, mentions=found)


# --------------------------------------------------------------------------------------------
# The whole index of a site


def write_site_index(
    catalogue: Catalogue,
    out_dir,
    *,
    directory_urls: bool = True,
    pipeline: Optional[TermPipeline] = None,
    records_per_file: int = 10,
    shard_gzip_bytes: int = 40_000,
    mentions: bool = True,
) -> dict:
    """Build the search index of ``catalogue`` and write it into ``out_dir``.

    Files (all deterministic: the same catalogue gives the same bytes)::

        manifest.json, shards/, terms/     the term-sharded lunr index (see archive.search.shards)
        docdata/display/<n>.json           display records, ``records_per_file`` per file
        facets.json                        facet values, counts and documents (archive.search.facets)

    Returns a summary: ``documents``, ``terms``, ``files`` (relative path → bytes) and the
    manifest's ``version``.
    """
    pipeline = pipeline or TermPipeline(cyrillic=True)
    if not pipeline.cyrillic:
        raise ValueError("the site's index needs a TermPipeline(cyrillic=True): Cyrillic words must be found")
    return _write_site_index(catalogue, str(out_dir), directory_urls, pipeline, records_per_file, shard_gzip_bytes, mentions)


def _write_site_index(catalogue, out_dir, directory_urls, pipeline, records_per_file, shard_gzip_bytes, mentions) -> dict:
    docs = build_documents(catalogue, directory_urls=directory_urls, pipeline=pipeline, mentions=mentions)
    builder = IndexBuilder(FIELDS, pipeline=pipeline)
    builder.add_many(docs.pairs())
    index = builder.build()
    manifest = write_sharded_index(
        index,
        str(out_dir),
        doc_data={"display": docs.display},
        docs_per_data_file=records_per_file,
        target_shard_gzip_bytes=shard_gzip_bytes,
    )
    data = facets_json(catalogue, docs.article_ids, index_version=manifest["version"])
    with open(os.path.join(str(out_dir), "facets.json"), "wb") as fh:
        fh.write(data)
    files = dict(manifest["files"])
    files["facets.json"] = len(data)
    return {"documents": index.document_count, "terms": len(index.terms), "version": manifest["version"], "files": files}
