"""Build lunr.js 2.3.9-compatible indexes in pure Python, fast.

The result, :class:`SearchIndex`, holds exactly what ``lunr.Builder.build()``
would hold: field names, term numbers (``_index``) assigned in lunr's order
(first occurrence, documents in the order added, fields in declaration
order, tokens in text order), BM25 weights with lunr's rounding
(``Math.round(score * 1000) / 1000``) and the inverted index.  Serialise it
with :mod:`archive.search.serialize` (one lunr JSON file) or
:mod:`archive.search.shards` (term-sharded files for the browser loader).

Speed: the token pipeline runs once per distinct token (later occurrences
are a dict lookup straight to the term number), term frequencies are counted
with :class:`collections.Counter`, and the scores are computed term by term
on postings obtained with one sort per field instead of per-entry Python
loops.  Scores are kept as integers ``round(score * 1000)``; the number lunr
stores is that integer / 1000.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from itertools import accumulate, chain, repeat
from operator import add
from typing import Any, Optional, Union

from archive.search.text import TermPipeline, tokenize

__all__ = ["Field", "IndexBuilder", "SearchIndex", "build_index", "js_round"]

LUNR_VERSION = "2.3.9"

# The one double x >= 0 for which int(x + 0.5) is 1 but Math.round(x) is 0.
_ROUND_EDGE = 0.49999999999999994
_INTEGER_LIKE = re.compile(r"^(0|[1-9][0-9]*)\Z")


def js_round(x: float) -> int:
    """JavaScript ``Math.round`` (halves go towards +infinity)."""
    r = math.floor(x)
    return r + 1 if x - r >= 0.5 else r


@dataclass(frozen=True)
class Field:
    """An indexed field: ``name`` is the key looked up in each document."""

    name: str
    boost: float = 1

    def __post_init__(self):
        if "/" in self.name:
            raise ValueError(f"field {self.name!r} contains '/' (lunr forbids it)")
        if _INTEGER_LIKE.match(self.name):
            # JavaScript would reorder integer-like keys; refuse rather than
            # produce an index whose field order differs between the sides.
            raise ValueError(f"field {self.name!r} must not be an integer")


FieldSpec = Union[Field, str, "tuple[str, float]", Mapping[str, Any]]


def _as_field(spec: FieldSpec) -> Field:
    if isinstance(spec, Field):
        return spec
    if isinstance(spec, str):
        return Field(spec)
    if isinstance(spec, Mapping):
        return Field(spec["name"], spec.get("boost", 1))
    name, boost = spec
    return Field(name, boost)


@dataclass
class SearchIndex:
    """A built index, in lunr's terms.

    ``terms[i]`` is the term whose ``_index`` is ``i``; ``refs[d]`` the ref of
    document number ``d`` (documents are numbered in the order added).
    ``postings[i][f]`` is ``(doc_numbers, scores)`` for term ``i`` in field
    number ``f``: the documents having the term in that field, ascending, and
    the term's weight in each one's field vector as ``round(score * 1000)``.
    (A document is in a term's posting exactly when its field vector has an
    entry for the term, so this one list is both.)  :meth:`field_vectors`
    gives the per-document view.
    """

    fields: list
    boosts: list
    refs: list
    terms: list
    postings: list
    field_lengths: list
    pipeline: list
    b: float = 0.75
    k1: float = 1.2
    _vectors: Optional[list] = dc_field(default=None, repr=False)
    _numbers: Optional[dict] = dc_field(default=None, repr=False)

    @property
    def document_count(self) -> int:
        return len(self.refs)

    def field_vectors(self) -> list:
        """``[f][d] -> (term_numbers, scores)`` sorted by term number (cached)."""
        if self._vectors is None:
            n = len(self.refs)
            vectors = []
            for f in range(len(self.fields)):
                vi: list[list[int]] = [[] for _ in range(n)]
                vk: list[list[int]] = [[] for _ in range(n)]
                for i, per_field in enumerate(self.postings):
                    docs, ks = per_field[f]
                    for d, k in zip(docs, ks):
                        vi[d].append(i)
                        vk[d].append(k)
                vectors.append(list(zip(vi, vk)))
            self._vectors = vectors
        return self._vectors

    def term_number(self, term: str) -> Optional[int]:
        if self._numbers is None:
            self._numbers = {t: i for i, t in enumerate(self.terms)}
        return self._numbers.get(term)


class IndexBuilder:
    """Collect documents, then :meth:`build` a :class:`SearchIndex`.

    Add documents, then :meth:`build` once.  Reusing a :class:`TermPipeline`
    (``pipeline=``) across builds keeps its stem cache (e.g. ``mkdocs serve``).

    ``fields``: names, ``(name, boost)`` pairs, :class:`Field` objects or
    ``{"name":…, "boost":…}`` mappings, in the order lunr should see them.
    ``trimmer``: ``"unicode"`` (default; keeps Cyrillic and accented words) or
    ``"ascii"`` (lunr.js's own, for bit-for-bit comparisons).
    ``cyrillic``: also strip Russian/Ukrainian endings (the browser must then
    load the index with the same function registered; the shard loader does).
    """

    def __init__(
        self,
        fields: Sequence[FieldSpec],
        *,
        b: float = 0.75,
        k1: float = 1.2,
        trimmer: str = "unicode",
        cyrillic: bool = False,
        pipeline: Optional[TermPipeline] = None,
    ):
        self.fields = [_as_field(f) for f in fields]
        if not self.fields:
            raise ValueError("an index needs at least one field")
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError("duplicate field names")
        # lunr.Builder.b clamps to [0, 1]
        self.b = 0.0 if b < 0 else 1.0 if b > 1 else b
        self.k1 = k1
        self.pipeline = pipeline or TermPipeline(trimmer=trimmer, cyrillic=cyrillic)
        self.refs: list = []
        self._ref_set: set = set()
        self.doc_boosts: list = []
        self.terms: list = []
        self._token_numbers = _TokenNumbers(self.pipeline.process_token, self.terms)
        nf = len(self.fields)
        self._pd: list[list[list[int]]] = [[] for _ in range(nf)]  # per field, per term: doc numbers
        self._ptf: list[list[list[int]]] = [[] for _ in range(nf)]  # per field, per term: term frequencies
        self._len: list[list[int]] = [[] for _ in range(nf)]  # per field, per doc: field length
        self._built = False

    def add(self, ref: str, doc: Mapping[str, Any], boost: float = 1) -> None:
        """Add one document; ``doc[field.name]`` is a string, list of strings or None."""
        if self._built:
            raise RuntimeError("documents cannot be added after build()")
        ref = str(ref)
        if ref in self._ref_set:
            raise ValueError(f"duplicate ref {ref!r}")
        self._ref_set.add(ref)
        self.refs.append(ref)
        self.doc_boosts.append(boost or 1)
        d = len(self.refs) - 1
        number = self._token_numbers.__getitem__
        terms = self.terms
        for f, fld in enumerate(self.fields):
            tokens = tokenize(doc.get(fld.name))
            # term number -> frequency, in order of first occurrence (which is
            # also the order in which lunr numbers new terms); -1 = stop word
            counts = Counter(map(number, tokens))
            stops = counts.pop(-1, 0)
            self._len[f].append(len(tokens) - stops)
            pd, ptf = self._pd[f], self._ptf[f]
            if len(pd) < len(terms):
                grow = len(terms) - len(pd)
                pd.extend([[] for _ in range(grow)])
                ptf.extend([[] for _ in range(grow)])
            for i, t in counts.items():
                pd[i].append(d)
                ptf[i].append(t)

    def add_many(self, docs: Iterable[tuple[str, Mapping[str, Any]]]) -> None:
        for ref, doc in docs:
            self.add(ref, doc)

    def build(self) -> SearchIndex:
        """The index (once: the builder's lists are handed over, not copied)."""
        if self._built:
            raise RuntimeError("build() was already called")
        self._built = True
        return self._build()

    def _build(self) -> SearchIndex:
        n = len(self.refs)
        nt = len(self.terms)
        nf = len(self.fields)
        k1, b = self.k1, self.b
        kp1 = k1 + 1

        for f in range(nf):
            grow = nt - len(self._pd[f])
            self._pd[f].extend([[] for _ in range(grow)])
            self._ptf[f].extend([[] for _ in range(grow)])

        # document frequency as lunr.idf counts it: postings summed over fields
        df = [0] * nt
        for pd in self._pd:
            df = list(map(add, df, map(len, pd)))
        idf = [math.log(1 + abs((n - x + 0.5) / (x + 0.5))) for x in df]

        max_tf = max((max(t) for ptf in self._ptf for t in ptf if t), default=1)
        kp1_tf = [kp1 * t for t in range(max_tf + 1)]
        any_doc_boost = any(x != 1 for x in self.doc_boosts)

        # per term, per field: (doc numbers, weights); every slot is filled below
        postings: list[list[Optional[tuple[list[int], list[int]]]]] = [[None] * nf for _ in range(nt)]
        for f, fld in enumerate(self.fields):
            lengths = self._len[f]
            avg = (sum(lengths) / n) if n else 0.0
            # k1 * (1 - b + b * (fieldLength / averageFieldLength)), per document
            bases = [k1 * (1 - b + b * (fl / avg)) if fl else 0.0 for fl in lengths]
            fboost = fld.boost or 1
            pd, ptf = self._pd[f], self._ptf[f]
            sizes = list(map(len, pd))
            # all entries of the field in flat lists, grouped by term, docs ascending
            docs = list(chain.from_iterable(pd))
            tfs = list(chain.from_iterable(ptf))
            weights = chain.from_iterable(map(repeat, idf, sizes))
            # score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * fl / avg) + tf),
            # then *= fieldBoost, *= docBoost, Math.round(score * 1000):
            # the same operations in the same order as lunr.Builder
            if any_doc_boost:
                dbs = self.doc_boosts
                xs = [w * kp1_tf[t] / (bases[d] + t) * fboost * dbs[d] * 1000 for w, d, t in zip(weights, docs, tfs)]
                positive = fboost > 0 and all(x > 0 for x in dbs)
            elif fboost != 1:
                xs = [w * kp1_tf[t] / (bases[d] + t) * fboost * 1000 for w, d, t in zip(weights, docs, tfs)]
                positive = fboost > 0
            else:
                xs = [w * kp1_tf[t] / (bases[d] + t) * 1000 for w, d, t in zip(weights, docs, tfs)]
                positive = True
            # int(x + 0.5) is Math.round(x) for x >= 0 except at one double
            if positive and _ROUND_EDGE not in xs:
                ks = [int(x + 0.5) for x in xs]
            else:
                ks = list(map(js_round, xs))
            start = 0
            for i, end in enumerate(accumulate(sizes)):
                postings[i][f] = (pd[i], ks[start:end])
                start = end

        return SearchIndex(
            fields=[f.name for f in self.fields],
            boosts=[f.boost for f in self.fields],
            refs=list(self.refs),
            terms=list(self.terms),
            postings=postings,
            field_lengths=[list(x) for x in self._len],
            pipeline=list(self.pipeline.search_labels),
            b=b,
            k1=k1,
        )


class _TokenNumbers(dict[str, int]):
    """lowercased token -> term number (-1 for a stop word), numbering new
    terms in order of first sight (lunr's ``termIndex``)."""

    __slots__ = ("term", "terms", "numbers")

    def __init__(self, term: Callable[[str], Optional[str]], terms: list[str]):
        super().__init__()
        self.term = term
        self.terms = terms
        self.numbers: dict[str, int] = {}

    def __missing__(self, token: str) -> int:
        t = self.term(token)
        n: Optional[int]
        if t is None:
            n = -1
        else:
            n = self.numbers.get(t)
            if n is None:
                n = self.numbers[t] = len(self.terms)
                self.terms.append(t)
        self[token] = n
        return n


def build_index(
    docs: Iterable[tuple[str, Mapping[str, Any]]],
    fields: Sequence[FieldSpec],
    **options,
) -> SearchIndex:
    """Build an index from ``(ref, {field: text})`` pairs in one call."""
    builder = IndexBuilder(fields, **options)
    builder.add_many(docs)
    return builder.build()
