"""The ``archive-search`` MkDocs plugin: the archive's own search page and its prebuilt index.

Thin on purpose: the index is built by :func:`archive.search.documents.write_site_index` from the
catalogue the ``archive`` plugin already loaded (:func:`plugins.site.current_catalogue`; no file
is read twice), and the page is a template (``plugins/templates/search.html``). The page, the
browser files and every file of the index are outputs (:mod:`archive.outputs.output`),
published in ``on_files`` like the archive's own. Material's own search plugin stays off; the
header's box (``partials/archive-search.html``) is a plain GET form to the page with ``?q=``.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Optional

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files

from archive.catalogue import Catalogue
from archive.format.layout import SEARCH, url_for
from archive.outputs.output import Output
from archive.search import TermPipeline, asset_path
from archive.search.documents import write_site_index

from .files import publish
from .site import current_site
from .theme import register_templates

log = get_plugin_logger(__name__)

#: The search page and where its files go, from the site root.
PAGE_URI = SEARCH
INDEX_DIR = "search/index"
ASSET_DIR = "assets/search"
#: Browser files shipped with archive.search (lunr.min.js is lunr 2.3.9, vendored: no npm at build time).
ASSETS = ("lunr.min.js", "shard-loader.js", "search-engine.js", "search-worker.js", "search-ui.js", "search.css")

PAGE_MARKDOWN = "---\ntitle: Search\ntemplate: search.html\nhide:\n  - navigation\n  - toc\n---\n"


class SearchConfig(base.Config):
    results_per_page = c.Type(int, default=10)
    """How many results the search page shows at first, and adds with each "More results"."""
    records_per_file = c.Type(int, default=10)
    """How many articles' result records (title, date, summary, chips) one file of ``search/index/docdata/`` holds: the page fetches only the files of the results it shows."""
    shard_kb = c.Type(int, default=40)
    """About how many kilobytes (gzip) one shard of the index holds; a query fetches one shard per word."""
    mentions = c.Type(bool, default=True)
    """Also index every spelling of the places, regions and actors an article names in its text without listing them ("Kyiv" in passing is then found by "Київ"); costs about a third of a millisecond per article."""


def search_outputs(
    catalogue: Catalogue, scratch: Path, options: SearchConfig, pipeline: TermPipeline, directory_urls: bool
) -> list[Output]:
    """The search page, its browser files and the index (built into ``scratch``), as outputs."""
    started = time.process_time()
    summary = write_site_index(
        catalogue,
        scratch,
        directory_urls=directory_urls,
        pipeline=pipeline,
        records_per_file=max(1, options.records_per_file),
        shard_gzip_bytes=max(1, options.shard_kb) * 1000,
        mentions=options.mentions,
    )
    log.info(
        f"search index: {summary['documents']} articles, {summary['terms']} terms, {len(summary['files'])} files "
        f"in {time.process_time() - started:.2f} s CPU"
    )
    outputs = [Output.markdown_page(PAGE_URI, PAGE_MARKDOWN)]
    outputs += [Output.copy(f"{ASSET_DIR}/{name}", asset_path(name)) for name in ASSETS]
    outputs += [Output.copy(f"{INDEX_DIR}/{name}", str(scratch / name)) for name in sorted(summary["files"])]
    return outputs


class ArchiveSearchPlugin(BasePlugin[SearchConfig]):
    #: Where this build's index is written before MkDocs copies it into the site.
    scratch: Optional[Path] = None

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup keeps this instance, and the stem cache, across `mkdocs serve` rebuilds.
        self.pipeline = TermPipeline(cyrillic=True)

    def on_config(self, config):
        if "archive" not in config.plugins:
            raise PluginError("archive-search reads the archive the 'archive' plugin loads: add '- archive' to plugins")
        self.pipeline = getattr(self, "pipeline", None) or TermPipeline(cyrillic=True)
        register_templates(config.theme)
        config.extra_css.append(f"{ASSET_DIR}/search.css")
        return config

    def on_files(self, files: Files, *, config) -> Files:
        site = current_site(config)
        self._drop_scratch()
        self.scratch = Path(tempfile.mkdtemp(prefix="archive-search-"))
        outputs = search_outputs(site.ctx.catalogue, self.scratch, self.config, self.pipeline, config.use_directory_urls)
        site.outputs.extend(outputs)
        publish(files, config, outputs)
        return files

    def on_env(self, env, *, config, files):
        env.globals["archive_search_url"] = url_for(PAGE_URI, config.use_directory_urls)
        env.globals["archive_search_per_page"] = max(1, self.config.results_per_page)
        return env

    def on_post_build(self, *, config) -> None:
        self._drop_scratch()  # MkDocs has copied the index into the site

    def on_build_error(self, *, error) -> None:
        self._drop_scratch()

    def _drop_scratch(self) -> None:
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None
