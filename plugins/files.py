"""The site's files: the archive's sources out, the generated pages and the archive's assets in."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files, InclusionLevel

from . import build

ASSETS = Path(__file__).parent / "assets"
#: The stylesheet and script every page loads, by where they go in the site.
ASSET_URIS = {"css": "assets/archive/archive.css", "js": "assets/archive/archive.js"}


def replace_sources(files: Files, config, root: Path, site: build.SitePlan, latest_count: int) -> set[str]:
    """Swap the article and gazetteer files for the generated pages; returns every page's source path.

    Generated pages are outside the nav (the nav of mkdocs.yml may still list index pages),
    and exist only in memory: MkDocs converts an article's body, nothing else. A docs folder
    without a home page gets a generated one.
    """
    for file in [f for f in files if build.is_archive_source(root, f.abs_src_path)]:
        files.remove(file)
    if files.get_file_from_path("index.md") is None:
        build.add_home(site, latest_count)
    for uri, (_, spec) in site.pages.items():
        files.append(File.generated(config, uri, content=build.page_markdown(spec), inclusion=InclusionLevel.NOT_IN_NAV))
    for kind, uri in ASSET_URIS.items():
        files.append(File.generated(config, uri, abs_src_path=str(ASSETS / f"archive.{kind}")))
    return {f.src_uri for f in files.documentation_pages()}
