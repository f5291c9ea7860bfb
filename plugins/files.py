"""The site's files: the archive's sources out; every output in, one way (``File.generated``)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from archive.outputs import site as build
from archive.outputs.output import Output

ASSETS = Path(__file__).parent / "assets"
#: The stylesheet and script every page loads, by where they go in the site.
ASSET_URIS = {"css": "assets/archive/archive.css", "js": "assets/archive/archive.js"}


def publish(files: Files, config, outputs: Iterable[Output]) -> None:
    """Add each output to the site: a page (converted by MkDocs, out of the nav) or a file."""
    for output in outputs:
        if output.source is not None:
            files.append(File.generated(config, output.path, abs_src_path=output.source))
            continue
        assert output.content is not None, f"{output.path}: an output has content or a source"
        inclusion = InclusionLevel.NOT_IN_NAV if output.page else InclusionLevel.UNDEFINED
        files.append(File.generated(config, output.path, content=output.content(), inclusion=inclusion))


def replace_sources(files: Files, config, site: build.SitePlan, latest_count: int) -> None:
    """Keep of the docs folder only what the gate admitted, and publish the site's outputs.

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
    site.outputs.extend(Output.copy(uri, str(ASSETS / f"archive.{kind}")) for kind, uri in ASSET_URIS.items())
    publish(files, config, site.outputs)


def _inside(folder: str, path: str) -> bool:
    return os.path.abspath(path).startswith(folder + os.sep)
