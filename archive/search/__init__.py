"""Search index core: lunr.js 2.3.9-compatible indexes built in pure Python.

    from archive.search import build_index, write_sharded_index, dump_lunr_json

    index = build_index(((str(i), {"title": t, "body": b}) for i, (t, b) in enumerate(items)),
                        fields=[("title", 10), ("body", 1)], cyrillic=True)
    manifest = write_sharded_index(index, "site/search/index")   # for assets/shard-loader.js
    json_text = dump_lunr_json(index)                              # one file for lunr.Index.load

Modules: :mod:`.text` (tokenizer, trimmer, stop words, Porter stemmer as in
lunr.js, Cyrillic stripper), :mod:`.builder` (BM25 field vectors, term
numbers), :mod:`.serialize` (lunr JSON), :mod:`.shards` (sharded files).
The browser side is ``assets/shard-loader.js`` (see :func:`asset_path`).
Nothing here imports MkDocs.
"""

import os

from archive.search.builder import Field, IndexBuilder, SearchIndex, build_index
from archive.search.serialize import dump_lunr_json, to_lunr_json, write_lunr_json
from archive.search.shards import write_sharded_index
from archive.search.text import CYRILLIC_LABEL, TermPipeline

__all__ = [
    "CYRILLIC_LABEL",
    "Field",
    "IndexBuilder",
    "SearchIndex",
    "TermPipeline",
    "asset_path",
    "build_index",
    "dump_lunr_json",
    "to_lunr_json",
    "write_lunr_json",
    "write_sharded_index",
]


def asset_path(name: str = "shard-loader.js") -> str:
    """Filesystem path of a browser asset shipped with this package."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "assets", name)
