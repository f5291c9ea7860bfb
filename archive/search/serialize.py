"""Serialise a :class:`SearchIndex` as one lunr.js 2.3.9 index (``idx.toJSON()``).

``to_lunr_json(index)`` returns the object; ``dump_lunr_json(index)`` writes
the same object as JSON text directly (no intermediate dicts, so it is fast
and light on memory even for large indexes).  The shape is exactly what
lunr.js produces and ``lunr.Index.load`` accepts:

* ``fieldVectors``: ``["<field>/<ref>", [termIndex, score, …]]`` for every
  document (in the order added) and every field (in declaration order);
* ``invertedIndex``: ``[term, {"_index": n, "<field>": {"<ref>": {}}, …}]``
  sorted like JavaScript sorts strings (UTF-16 code units);
* ``pipeline``: the search pipeline labels (``["stemmer"]`` by default).
"""

from __future__ import annotations

import json

from archive.search.builder import LUNR_VERSION, SearchIndex
from archive.search.text import utf16_sort_key

__all__ = ["dump_lunr_json", "sorted_terms", "to_lunr_json", "write_lunr_json"]


def sorted_terms(index: SearchIndex) -> list:
    """Term numbers in the order JavaScript's ``Array.prototype.sort`` puts the terms."""
    terms = index.terms
    if all(t.isascii() or max(t) <= "\uffff" for t in terms):
        return sorted(range(len(terms)), key=terms.__getitem__)
    return sorted(range(len(terms)), key=lambda i: utf16_sort_key(terms[i]))


def _score(k: int):
    """The number lunr stores for round(score*1000) == k, as JSON would print it."""
    return k // 1000 if k % 1000 == 0 else k / 1000


def to_lunr_json(index: SearchIndex) -> dict:
    """The serialised lunr index as a Python object (``json.dumps``-ready)."""
    fields = index.fields
    vectors = index.field_vectors()
    field_vectors = []
    for d, ref in enumerate(index.refs):
        for f, name in enumerate(fields):
            idxs, ks = vectors[f][d]
            elements = []
            for i, k in zip(idxs, ks):
                elements.append(i)
                elements.append(_score(k))
            field_vectors.append([f"{name}/{ref}", elements])
    postings = index.postings
    refs = index.refs
    inverted = []
    for i in sorted_terms(index):
        posting = {"_index": i}
        for f, name in enumerate(fields):
            posting[name] = {refs[d]: {} for d in postings[i][f][0]}
        inverted.append([index.terms[i], posting])
    return {
        "version": LUNR_VERSION,
        "fields": list(fields),
        "fieldVectors": field_vectors,
        "invertedIndex": inverted,
        "pipeline": list(index.pipeline),
    }


def _dumps(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def dump_lunr_json(index: SearchIndex) -> str:
    """``json.dumps(to_lunr_json(index), separators=(',', ':'))``, built faster.

    Numbers print as JavaScript prints them (``1`` not ``1.0``), so for
    indexes whose refs are added in numeric order the text is the same as
    ``JSON.stringify(idx)`` in lunr.js.
    """
    fields = index.fields
    refs = index.refs
    score_text: dict = {}

    def st(k):
        s = score_text.get(k)
        if s is None:
            s = score_text[k] = repr(_score(k))
        return s

    parts = [
        '{"version":"',
        LUNR_VERSION,
        '","fields":',
        json.dumps(fields, ensure_ascii=False, separators=(",", ":")),
        ',"fieldVectors":[',
    ]
    qfields = [_dumps(n)[1:-1] for n in fields]
    qrefs = [_dumps(r)[1:-1] for r in refs]
    vectors = index.field_vectors()
    first = True
    for d, qref in enumerate(qrefs):
        for f, qname in enumerate(qfields):
            idxs, ks = vectors[f][d]
            body = ",".join([f"{i},{st(k)}" for i, k in zip(idxs, ks)])
            parts.append(('["' if first else ',["') + qname + "/" + qref + '",[' + body + "]]")
            first = False
    parts.append('],"invertedIndex":[')
    postings = index.postings
    terms = index.terms
    field_keys = [',"' + q + '":{' for q in qfields]
    first = True
    for i in sorted_terms(index):
        chunk = [("[" if first else ",[") + _dumps(terms[i]) + ',{"_index":' + str(i)]
        for f, key in enumerate(field_keys):
            docs = postings[i][f][0]
            if docs:
                chunk.append(key + '"' + '":{},"'.join([qrefs[d] for d in docs]) + '":{}}')
            else:
                chunk.append(key + "}")
        chunk.append("}]")
        parts.append("".join(chunk))
        first = False
    parts.append('],"pipeline":')
    parts.append(json.dumps(list(index.pipeline), separators=(",", ":")))
    parts.append("}")
    return "".join(parts)


def write_lunr_json(index: SearchIndex, path_or_file, *, encoding: str = "utf-8") -> int:
    """Write :func:`dump_lunr_json` to a path or binary file; returns bytes written."""
    data = dump_lunr_json(index).encode(encoding)
    if hasattr(path_or_file, "write"):
        path_or_file.write(data)
    else:
        with open(path_or_file, "wb") as fh:
            fh.write(data)
    return len(data)
