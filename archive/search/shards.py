"""Term-sharded lunr index: the browser fetches only the terms a query needs.

Why it gives the monolithic scores exactly: lunr.js scores a document field
as ``queryVector · fieldVector / |queryVector|``; the field vector's own
magnitude never enters.  The dot product only touches the query's terms, so
a field vector restricted to those terms (same global ``_index`` numbers,
same values) gives the same products, added in the same order.  A shard holds,
for each of its terms, the posting (which documents have the term in which
field) and those documents' field-vector entries for the term; the two are
the same list, so it is stored once.

Layout written by :func:`write_sharded_index` into ``out_dir``::

    manifest.json            what the loader reads first (small)
    shards/<n>.json          the terms from shards.first[n] (inclusive) to
                             shards.first[n+1] (exclusive), in JavaScript's sort order
    terms/<n>.txt            all terms, sorted like JavaScript sorts, "\\n"-joined,
                             split into chunks; manifest lists each chunk's first term
    refs.json                only when refs are not "0", "1", … in order
    docdata/<name>/<n>.json  optional per-document data (see ``doc_data``)

Shards are ranges of the sorted term list, cut so that each holds about the
same number of bytes (``target_shard_gzip_bytes`` compressed).  An exact term
is looked up by binary search in ``shards.first``; a prefix wildcard
(``belg*``) needs only the shards covering its prefix, usually one, and finds
its expansions in them (a short prefix spanning more than two shards reads
the term-list chunks of the prefix instead, then only the matching terms'
shards); only fuzzy terms (``kursk~1``) and leading wildcards (``*grad``)
read the whole term list (``terms/``) to expand first.
``shards.first[0]`` is ``""``; every later entry is the shortest prefix of
the shard's first term that sorts after the previous shard's last term.

A shard file is one JSON object::

    {"<term>": [termIndex, <per field: docDeltas, scores>], …}

``docDeltas`` are document numbers (0-based, in the order added), the first
absolute and each later one as the difference to the one before; ``scores``
are ``round(score * 1000)`` integers (lunr stores exactly ``score / 1000``).
Fields without the term have two empty lists.

The manifest (``format`` = ``"archive-lunr-shards"``, ``formatVersion`` = 1)::

    {"format", "formatVersion", "lunrVersion": "2.3.9", "version": <content hash>,
     "documentCount", "termCount", "fields": [{"name", "boost"}], "pipeline": [...],
     "refs": "identity" | "refs.json",
     "shards": {"count", "partition": "range", "first": [...], "path": "shards/{n}.json"},
     "termChunks": {"count", "path": "terms/{n}.txt", "first": [first term of each]},
     "docData": {<name>: {"path": "docdata/<name>/{n}.json", "docsPerFile"}}}

``version`` changes whenever any written file changes; the loader appends
``?v=<version>`` to every request after the manifest, so caches never mix
builds.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import chain
from json.encoder import encode_basestring
from operator import sub
from typing import Any, Optional

from archive.search.builder import LUNR_VERSION, SearchIndex
from archive.search.serialize import sorted_terms
from archive.search.text import utf16_sort_key

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "choose_shard_count",
    "shard_of",
    "write_sharded_index",
]

FORMAT = "archive-lunr-shards"
FORMAT_VERSION = 1

DEFAULT_SHARD_GZIP_BYTES = 40_000
DEFAULT_CHUNK_GZIP_BYTES = 16_000
DEFAULT_DOCS_PER_DATA_FILE = 500


def shard_of(term: str, first: Sequence[str]) -> int:
    """Shard number of ``term`` given the manifest's ``shards.first`` list."""
    key = utf16_sort_key(term)
    keys = [utf16_sort_key(f) for f in first]
    return max(0, bisect_right(keys, key) - 1)


def _separator(prev_last: str, first: str) -> str:
    """Shortest prefix of ``first`` that sorts after ``prev_last`` (JS order)."""
    prev_key = utf16_sort_key(prev_last)
    for k in range(1, len(first) + 1):
        if utf16_sort_key(first[:k]) > prev_key:
            return first[:k]
    return first


def _cut(sizes: Sequence[int], count: int) -> list:
    """Start positions of about ``count`` contiguous parts of about equal size
    (greedy: a part closes before the item that would take it past the mean;
    a term larger than that gets a shard of its own)."""
    target = sum(sizes) / max(1, count)
    starts = [0]
    current = 0
    for pos, size in enumerate(sizes):
        if current and current + size > target:
            starts.append(pos)
            current = 0
        current += size
    return starts


def _int_list(values) -> str:
    return str(values).replace(" ", "")


def _term_entry(term_number: int, per_field) -> str:
    parts = [str(term_number)]
    for docs, ks in per_field:
        if docs:
            # first doc number, then differences to the previous one
            parts.append(_int_list(list(map(sub, docs, chain((0,), docs)))))
            parts.append(_int_list(ks))
        else:
            parts.append("[],[]")
    return "[" + ",".join(parts) + "]"


def _gzip_len(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def choose_shard_count(entry_sizes: Sequence[int], sample_text: bytes, target_gzip_bytes: int) -> int:
    """Shards so that one holds about ``target_gzip_bytes`` compressed."""
    total_raw = sum(entry_sizes)
    if total_raw == 0:
        return 1
    ratio = _gzip_len(sample_text) / max(1, len(sample_text)) if sample_text else 0.4
    estimate = total_raw * ratio
    return max(1, int(round(estimate / target_gzip_bytes)))


def _sample(entries: Sequence[str], limit: int = 250_000) -> bytes:
    """A deterministic, spread-out sample of shard entries for the gzip ratio."""
    total = sum(len(e) for e in entries)
    if total <= limit:
        return ",".join(entries).encode("utf-8")
    step = max(1, int(total / limit))
    return ",".join(entries[::step]).encode("utf-8")


def _write(path: str, data: bytes, written: dict, out_dir: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)
    written[os.path.relpath(path, out_dir).replace(os.sep, "/")] = data


def write_sharded_index(
    index: SearchIndex,
    out_dir: str,
    *,
    shard_count: Optional[int] = None,
    target_shard_gzip_bytes: int = DEFAULT_SHARD_GZIP_BYTES,
    target_chunk_gzip_bytes: int = DEFAULT_CHUNK_GZIP_BYTES,
    doc_data: Optional[Mapping[str, Sequence[Any]]] = None,
    docs_per_data_file: int = DEFAULT_DOCS_PER_DATA_FILE,
) -> dict:
    """Write the sharded form of ``index`` into ``out_dir``; return the manifest.

    ``doc_data`` maps a name to one JSON-serialisable value per document (in
    document order, i.e. ``index.refs`` order); each list is written in files
    of ``docs_per_data_file`` documents and listed in the manifest, so the
    browser can fetch e.g. display records only for the results it shows
    (``ShardedIndex.docData(name, docNumbers)`` in shard-loader.js).

    Returns the manifest, with an extra key ``"files"`` (not written) mapping
    each relative path to its size in bytes.
    """
    os.makedirs(out_dir, exist_ok=True)
    written: dict = {}
    n_docs = index.document_count
    order = sorted_terms(index)
    terms = index.terms
    postings = index.postings

    entries = [_term_entry(i, postings[i]) for i in order]
    keys = [encode_basestring(terms[i]) for i in order]
    sizes = [len(k) + len(e) + 2 for k, e in zip(keys, entries)]
    if shard_count is None:
        shard_count = choose_shard_count(sizes, _sample(entries), target_shard_gzip_bytes)
    starts = _cut(sizes, max(1, int(shard_count))) if order else [0]
    firsts = [""]
    for s_no, start in enumerate(starts):
        end = starts[s_no + 1] if s_no + 1 < len(starts) else len(order)
        if s_no:
            firsts.append(_separator(terms[order[start - 1]], terms[order[start]]))
        data = ("{" + ",".join([keys[p] + ":" + entries[p] for p in range(start, end)]) + "}").encode("utf-8")
        _write(os.path.join(out_dir, "shards", f"{s_no}.json"), data, written, out_dir)

    # term list chunks, by cumulative size; the gzip ratio of sorted term
    # lists is about 1/3, so aim the raw size at three times the target
    chunk_raw = max(1024, target_chunk_gzip_bytes * 3)
    sorted_term_list = [terms[i] for i in order]
    chunks: list = []
    current: list = []
    size = 0
    for t in sorted_term_list:
        b = len(t.encode("utf-8")) + 1
        if current and size + b > chunk_raw:
            chunks.append(current)
            current, size = [], 0
        current.append(t)
        size += b
    if current:
        chunks.append(current)
    for c, items in enumerate(chunks):
        _write(os.path.join(out_dir, "terms", f"{c}.txt"), "\n".join(items).encode("utf-8"), written, out_dir)

    if index.refs == [str(d) for d in range(n_docs)]:
        refs_entry = "identity"
    else:
        refs_entry = "refs.json"
        data = json.dumps(index.refs, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        _write(os.path.join(out_dir, "refs.json"), data, written, out_dir)

    doc_data_entries = {}
    for name, values in (doc_data or {}).items():
        if not name or "/" in name or "{" in name or name.startswith("."):
            raise ValueError(f"bad doc_data name {name!r}")
        values = list(values)
        if len(values) != n_docs:
            raise ValueError(f"doc_data[{name!r}] has {len(values)} values for {n_docs} documents")
        per = max(1, int(docs_per_data_file))
        for start in range(0, max(n_docs, 1), per):
            data = json.dumps(values[start : start + per], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            _write(os.path.join(out_dir, "docdata", name, f"{start // per}.json"), data, written, out_dir)
        doc_data_entries[name] = {"path": f"docdata/{name}/{{n}}.json", "docsPerFile": per}

    digest = hashlib.sha256()
    for path in sorted(written):
        digest.update(path.encode("utf-8") + b"\0" + hashlib.sha256(written[path]).digest())
    digest.update(repr((index.fields, index.boosts, index.pipeline, n_docs)).encode("utf-8"))

    manifest = {
        "format": FORMAT,
        "formatVersion": FORMAT_VERSION,
        "lunrVersion": LUNR_VERSION,
        "version": digest.hexdigest()[:16],
        "documentCount": n_docs,
        "termCount": len(terms),
        "fields": [{"name": n, "boost": b} for n, b in zip(index.fields, index.boosts)],
        "pipeline": list(index.pipeline),
        "refs": refs_entry,
        "shards": {"count": len(starts), "partition": "range", "first": firsts, "path": "shards/{n}.json"},
        "termChunks": {
            "count": len(chunks),
            "path": "terms/{n}.txt",
            "first": [c[0] if c else "" for c in chunks],
        },
        "docData": doc_data_entries,
    }
    data = json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    _write(os.path.join(out_dir, "manifest.json"), data, written, out_dir)
    result = dict(manifest)
    result["files"] = {p: len(d) for p, d in written.items()}
    return result
