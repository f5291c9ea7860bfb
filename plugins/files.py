"""The site's files: the archive's sources out, the generated pages and the archive's assets in."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from archive.outputs import site as build

ASSETS = Path(__file__).parent / "assets"
#: The stylesheet and script every page loads, by where they go in the site.
ASSET_URIS = {"css": "assets/archive/archive.css", "js": "assets/archive/archive.js"}


def replace_sources(files: Files, config, site: build.SitePlan, latest_count: int) -> set[str]:
    """Keep of the docs folder only what the gate admitted, add the generated pages; returns
    every page's source path.

    Articles and the gazetteer become generated pages; editorial pages and media are published
    as they are; any other file MkDocs found in the docs folder (the gate has reported it) is
    dropped, so nothing reaches the site that the gate did not approve. Generated pages are
    outside the nav (the nav of mkdocs.yml may still list index pages), and exist only in
    memory: MkDocs converts an article's body, nothing else. A docs folder without a home page
    gets a generated one.
    """
    docs = os.path.abspath(config["docs_dir"])
    for file in list(files):
        source = file.abs_src_path
        if source and _inside(docs, source) and file.src_uri not in site.publishable:
            files.remove(file)
    if files.get_file_from_path("index.md") is None:
        build.add_home(site, latest_count)
    for uri, (_, spec) in site.pages.items():
        files.append(File.generated(config, uri, content=build.page_markdown(spec), inclusion=InclusionLevel.NOT_IN_NAV))
    for kind, uri in ASSET_URIS.items():
        files.append(File.generated(config, uri, abs_src_path=str(ASSETS / f"archive.{kind}")))
    return {f.src_uri for f in files.documentation_pages()}


def _inside(folder: str, path: str) -> bool:
    return os.path.abspath(path).startswith(folder + os.sep)
