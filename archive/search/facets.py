"""Facets of the site's search: year, region, actor, tag and verification status.

One compact file, ``facets.json``, read by the search page to filter results and count them::

    {"documentCount": N, "format": "archive-search-facets", "formatVersion": 1,
     "index": "<version of the manifest built with it>",
     "facets": [{"name": "region", "label": "Region",
                 "values": [["ru-bel", "Belgorod Oblast", 12], ...],
                 "docs": [[3, 1, 4, ...], ...]}, ...]}

``values[i]`` is ``[id, name, count]``; ``docs[i]`` the numbers of its documents, ascending,
the first absolute and each later one as the difference to the one before (the lists are what
makes the file compact: documents are numbered by date, so a year is a run of ones).
Regions, actors and tags hold the articles the catalogue lists on each entity's page
(``Catalogue.entity_articles``: an article about a place counts for its region and country),
so a facet's count is the count its page shows. Values come by count (most first, then name);
years newest first; statuses in the vocabulary's order. Keys are sorted: the same catalogue
gives the same bytes.

The search page fetches the file with the manifest and checks ``index`` against the
manifest's ``version`` (both are revalidated, never mixed across builds).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from itertools import chain
from operator import sub

from archive.catalogue import Catalogue
from archive.format.vocabulary import ARTICLE_STATUSES

__all__ = ["FACETS", "FORMAT", "build_facets", "delta_encode", "delta_decode", "facets_json"]

FORMAT = "archive-search-facets"
FORMAT_VERSION = 1

#: Facet name (also its URL parameter on the search page) → label, and the entity kinds it holds.
FACETS: tuple = (
    ("year", "Year", ()),
    ("region", "Region", ("country", "region")),
    ("actor", "Actor", ("actor",)),
    ("tag", "Tag", ("tag",)),
    ("status", "Verification", ()),
)


def delta_encode(numbers: Sequence[int]) -> list[int]:
    """``[3, 4, 8]`` → ``[3, 1, 4]`` (ascending numbers)."""
    return list(map(sub, numbers, chain((0,), numbers)))


def delta_decode(deltas: Sequence[int]) -> list[int]:
    out, total = [], 0
    for d in deltas:
        total += d
        out.append(total)
    return out


def _status_label(status: str) -> str:
    return status.replace("-", " ")


def build_facets(catalogue: Catalogue, article_ids: Sequence[str]) -> list[dict]:
    """The facets of the documents ``article_ids`` (document ``d`` is ``article_ids[d]``)."""
    number = {article_id: d for d, article_id in enumerate(article_ids)}
    gazetteer = catalogue.gazetteer
    years: dict[int, list[int]] = defaultdict(list)
    statuses: dict[str, list[int]] = defaultdict(list)
    for d, article_id in enumerate(article_ids):
        article = catalogue.articles[article_id]
        years[article.date.year].append(d)
        statuses[article.verification.status].append(d)

    facets = []
    for name, label, kinds in FACETS:
        if name == "year":
            values = [(str(y), str(y), years[y]) for y in sorted(years, reverse=True)]
        elif name == "status":
            known = [s for s in ARTICLE_STATUSES if s in statuses]
            known += sorted(s for s in statuses if s not in ARTICLE_STATUSES)
            values = [(s, _status_label(s), statuses[s]) for s in known]
        else:
            values = []
            for entity_id, ids in catalogue.entity_articles.items():
                entity = gazetteer.get(entity_id)
                if entity is None or entity.kind not in kinds:
                    continue
                docs = sorted(number[i] for i in ids if i in number)
                if docs:
                    values.append((entity_id, entity.name, docs))
            values.sort(key=lambda v: (-len(v[2]), v[1].casefold(), v[0]))
        facets.append(
            {
                "docs": [delta_encode(docs) for _, _, docs in values],
                "label": label,
                "name": name,
                "values": [[value_id, value_name, len(docs)] for value_id, value_name, docs in values],
            }
        )
    return facets


def facets_json(catalogue: Catalogue, article_ids: Sequence[str], *, index_version: str = "") -> bytes:
    """``facets.json`` as bytes (UTF-8, sorted keys, no spaces)."""
    data = {
        "documentCount": len(article_ids),
        "facets": build_facets(catalogue, article_ids),
        "format": FORMAT,
        "formatVersion": FORMAT_VERSION,
        "index": index_version,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
