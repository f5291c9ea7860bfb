"""``archive export DEST``: the archive's dataset, the same bytes the site publishes under ``data/``
(and the JSON twins of its pages), written into a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from archive import __version__
from archive.cli.common import ARCHIVE_HELP, MKDOCS_CONFIG, _archive_root, site_settings


def write_files(dest: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (paths relative to ``dest``) under ``dest``, never outside it."""
    base = dest.resolve()
    for relative, data in files.items():
        target = (base / relative).resolve()
        if base != target and base not in target.parents:
            raise click.ClickException(f"refusing to write outside {dest}: {relative}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


@click.command("export")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option("--archive", "--content", "archive_dir", type=click.Path(file_okay=False), default=None, help=ARCHIVE_HELP)
@click.option("--site-url", default=None, help=f"The site's URL, for the pages' links (default: {MKDOCS_CONFIG}'s site_url).")
@click.option("--site-name", default=None, help=f"The archive's name (default: {MKDOCS_CONFIG}'s site_name).")
@click.option("--licence", default=None, help="The data's licence: an SPDX identifier (CC-BY-4.0) or a URL.")
def export(
    dest: Path, archive_dir: Optional[str], site_url: Optional[str], site_name: Optional[str], licence: Optional[str]
) -> None:
    """Write the dataset into DEST: data/ (a Frictionless Data Package of CSV tables, archive.jsonl,
    places and events as GeoJSON) and a JSON twin of every article and entity page.

    The same archive gives the same bytes. Drafts are left out, as on the site; an archive with
    errors is not exported (run 'archive check').
    """
    from archive.catalogue import build_catalogue
    from archive.outputs.dataset import dataset_files, twin_files
    from archive.outputs.site import ArchiveErrors, load

    root = _archive_root(archive_dir)
    settings = site_settings()
    name = site_name or settings.site_name or "Archive"
    url = settings.site_url if site_url is None else site_url
    try:
        archive, _ = load(root, None, False)
    except ArchiveErrors as exc:
        raise click.ClickException(str(exc)) from None
    catalogue = build_catalogue(archive.gazetteer, archive.published())
    files = dataset_files(catalogue, site_name=name, site_url=url, version=__version__, licence=licence, root=root)
    files.update(twin_files(catalogue, site_url=url, root=root))
    write_files(dest, files)
    size = sum(len(data) for data in files.values())
    click.echo(f"exported {len(catalogue.articles)} articles to {dest}: {len(files)} files, {size:,} bytes")
