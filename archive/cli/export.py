"""``archive export DEST``: the archive's dataset, the same bytes the site publishes under ``data/``
(and the JSON twins of its pages), written into a folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

import click
import yaml

from archive import __version__
from archive.cli.common import DEFAULT_CONTENT, _archive_root

#: The site's configuration, read for its name and URL when the command runs beside it.
MKDOCS_CONFIG = "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """MkDocs' configuration as plain data: ``!ENV`` gives the variable (or its default), any other
    tag (``!!python/name:...``) nothing; no tag ever runs code."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(str(loader.construct_scalar(node)))
    if isinstance(node, yaml.SequenceNode):
        *names, default = [str(v) if v is not None else None for v in loader.construct_sequence(node)]
        for name in names:
            if name and name in os.environ:
                return os.environ[name]
        return default
    return None


def _ignored(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _ignored)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignored)


def site_settings(config: Path) -> dict[str, str]:
    """``site_name`` and ``site_url`` of an MkDocs configuration (empty when absent or unreadable)."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: str(data[key]) for key in ("site_name", "site_url") if isinstance(data.get(key), str) and data[key]}


def package_version() -> str:
    return __version__


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
@click.option(
    "--archive",
    "archive_dir",
    type=click.Path(file_okay=False),
    default=DEFAULT_CONTENT,
    show_default=True,
    help="The archive folder.",
)
@click.option("--site-url", default=None, help=f"The site's URL, for the pages' links (default: {MKDOCS_CONFIG}'s site_url).")
@click.option("--site-name", default=None, help=f"The archive's name (default: {MKDOCS_CONFIG}'s site_name).")
@click.option("--licence", default=None, help="The data's licence: an SPDX identifier (CC-BY-4.0) or a URL.")
def export(dest: Path, archive_dir: str, site_url: Optional[str], site_name: Optional[str], licence: Optional[str]) -> None:
    """Write the dataset into DEST: data/ (a Frictionless Data Package of CSV tables, archive.jsonl,
    places and events as GeoJSON) and a JSON twin of every article and entity page.

    The same archive gives the same bytes. Drafts are left out, as on the site; an archive with
    errors is not exported (run 'archive check').
    """
    from archive.catalogue import build_catalogue
    from archive.outputs.dataset import dataset_files, twin_files
    from archive.outputs.site import ArchiveErrors, load

    root = _archive_root(archive_dir)
    settings = site_settings(Path(MKDOCS_CONFIG))
    name = site_name or settings.get("site_name") or "Archive"
    url = settings.get("site_url", "") if site_url is None else site_url
    try:
        archive, _ = load(root, None, False)
    except ArchiveErrors as exc:
        raise click.ClickException(str(exc)) from None
    catalogue = build_catalogue(archive.gazetteer, archive.published())
    files = dataset_files(catalogue, site_name=name, site_url=url, version=package_version(), licence=licence, root=root)
    files.update(twin_files(catalogue, site_url=url, root=root))
    write_files(dest, files)
    size = sum(len(data) for data in files.values())
    click.echo(f"exported {len(catalogue.articles)} articles to {dest}: {len(files)} files, {size:,} bytes")
