"""What the commands of ``archive`` share: the archive folder (from the command line, else from
``mkdocs.yml``, else ``content/``), the gazetteer, the report date, and how problems and counts
are printed."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import click
import yaml

from archive.format.layout import GAZETTEER_DIR
from archive.read.loader import ArchiveNotFound, find_root
from archive.read.problems import Problem, ProblemLog, printable, printable_path

if TYPE_CHECKING:
    from archive.read.gazetteer import Gazetteer

#: The archive folder when neither the command line nor an ``mkdocs.yml`` names one.
DEFAULT_CONTENT = "content"
#: The site's configuration, read when a command runs beside it.
MKDOCS_CONFIG = "mkdocs.yml"
#: The help of every command's option naming the archive folder.
ARCHIVE_HELP = f"The archive folder (default: the one {MKDOCS_CONFIG} here builds the site from, else {DEFAULT_CONTENT}/)."
#: MkDocs' own default docs folder.
MKDOCS_DOCS_DIR = "docs"


# --------------------------------------------------------------------------------------------
# mkdocs.yml, read without MkDocs


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


@dataclass
class SiteSettings:
    """What the commands take from an MkDocs configuration: where the docs and the archive are,
    the ``archive`` plugin's options, the site's name and URL."""

    #: The configuration file; ``None`` when there is none.
    config: Optional[Path] = None
    docs_dir: Optional[Path] = None
    #: The ``archive`` plugin's ``archive_dir`` option (resolved against the configuration's folder).
    archive_dir: Optional[Path] = None
    plugin_options: dict[str, Any] = field(default_factory=dict)
    site_name: str = ""
    site_url: str = ""

    @property
    def archive(self) -> Optional[Path]:
        """The archive folder the site is built from: the plugin's ``archive_dir``, else the docs folder."""
        return self.archive_dir or self.docs_dir


def read_site_settings(config: Path) -> SiteSettings:
    """The settings of the MkDocs configuration ``config`` (empty when it is absent or unreadable).

    Read as plain data (see :class:`_ConfigLoader`): MkDocs is never imported, and no tag of the
    file runs. Folders are resolved against the configuration's folder, as MkDocs resolves them.
    """
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return SiteSettings()
    if not isinstance(data, dict):
        return SiteSettings()
    base = config.parent
    docs = data.get("docs_dir")
    settings = SiteSettings(config=config, docs_dir=base / (docs if isinstance(docs, str) and docs else MKDOCS_DOCS_DIR))
    for key in ("site_name", "site_url"):
        if isinstance(data.get(key), str):
            setattr(settings, key, data[key])
    plugins = data.get("plugins")
    entries = plugins.items() if isinstance(plugins, dict) else [_plugin_entry(e) for e in plugins or [] if e is not None]
    for name, options in entries:
        if name == "archive" and isinstance(options, dict):
            settings.plugin_options = dict(options)
            if isinstance(options.get("archive_dir"), str) and options["archive_dir"]:
                settings.archive_dir = base / options["archive_dir"]
    return settings


def _plugin_entry(entry: Any) -> tuple[Any, Any]:
    """``- archive`` or ``- archive: {options}``, as a name and its options."""
    if isinstance(entry, dict) and len(entry) == 1:
        return next(iter(entry.items()))
    return entry, {}


def site_settings(directory: Optional[Path] = None) -> SiteSettings:
    """The settings of ``mkdocs.yml`` in ``directory`` (the working folder by default), if there is one."""
    config = (directory or Path.cwd()) / MKDOCS_CONFIG
    return read_site_settings(config) if config.is_file() else SiteSettings()


def default_archive() -> str:
    """The archive folder a command works on when none is named: the one ``mkdocs.yml`` (in the
    working folder) builds the site from, else ``content/``."""
    found = site_settings().archive
    if found is None:
        return DEFAULT_CONTENT
    relative = os.path.relpath(found)
    return relative if not relative.startswith("..") else str(found)


class _Day(click.ParamType):
    """A calendar day as YYYY-MM-DD, not in the future: a report's date."""

    name = "YYYY-MM-DD"

    def convert(self, value: object, param: Optional[click.Parameter], ctx: Optional[click.Context]) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        try:
            day = date.fromisoformat(text)
        except ValueError:
            self.fail(f"'{text}' is not a date: write YYYY-MM-DD, e.g. 2024-03-12", param, ctx)
        if day > date.today():
            self.fail(f"{day.isoformat()} is in the future: a report cannot be dated after today", param, ctx)
        return day


DAY = _Day()


def _archive_root(content: Optional[str]) -> Path:
    """The archive at ``content`` (given on the command line), else the one :func:`default_archive` finds."""
    try:
        return find_root(Path(content if content is not None else default_archive()))
    except ArchiveNotFound as exc:
        raise click.UsageError(f"{exc} (pass --content PATH to name the archive folder)") from None


def _load_gazetteer(root: Path) -> Gazetteer:
    """The archive's gazetteer, checked against its vocabulary; its errors are counted, not listed."""
    from archive.read.gazetteer import find_gazetteer_files, load_gazetteer
    from archive.read.vocabulary import archive_vocabulary

    log = ProblemLog()
    vocabulary = archive_vocabulary(root, log)
    gazetteer = load_gazetteer(find_gazetteer_files(root / GAZETTEER_DIR), log, vocabulary=vocabulary)
    if log.errors:
        click.echo(
            click.style(f"warning: the gazetteer has {len(log.errors)} errors; run 'archive check' to see them", fg="yellow"),
            err=True,
        )
    return gazetteer


def _echo_problem(problem: Problem) -> None:
    """:meth:`Problem.text` in colour: the same escaped texts (no file name or value can forge a line)."""
    colour = "red" if problem.is_error else "yellow"
    where = click.style(f"{printable_path(problem.path)}:{problem.line}:{problem.column}:", bold=True)
    severity = click.style(f"{problem.severity.value}:", fg=colour, bold=True)
    message = printable(problem.message)
    what = f"{printable(problem.field)}: {message}" if problem.field else message
    hint = click.style(f" ({printable(problem.hint)})", fg="cyan") if problem.hint else ""
    click.echo(f"{where} {severity} {what}{hint}")


def _summary(checked: int, errors: int, warnings: int, *, err: bool = False) -> None:
    noun = "article" if checked == 1 else "articles"
    if errors or warnings:
        parts = []
        if errors:
            parts.append(click.style(f"{errors} error{'s' if errors != 1 else ''}", fg="red", bold=True))
        if warnings:
            parts.append(click.style(f"{warnings} warning{'s' if warnings != 1 else ''}", fg="yellow", bold=True))
        click.echo(f"checked {checked} {noun}: " + ", ".join(parts), err=err)
    else:
        click.echo(click.style(f"checked {checked} {noun}: no problems", fg="green"), err=err)
