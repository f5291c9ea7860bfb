"""The plugins' templates on the theme's search path, without taking the site's ``custom_dir``.

MkDocs looks templates up in ``config.theme.dirs``: the site's ``custom_dir`` first, then the
theme's folders. Each plugin puts its own folder (:data:`TEMPLATES`: the archive's overrides of
Material's ``main.html`` and partials, and the search page) right after ``custom_dir``, so a file
at the same path in ``custom_dir`` still wins, as with Material's own partials. The page
templates of the core (``archive/...``, in ``archive/outputs/templates``) are looked up by the
core's own Jinja environment, through :func:`page_loader`, with the same precedence.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import jinja2

from archive.outputs.render import TEMPLATES as CORE_TEMPLATES

#: The plugins' theme templates: ``main.html``, ``search.html``, ``partials/``.
TEMPLATES = str(Path(__file__).resolve().parent / "templates")


def register_templates(theme) -> None:
    """Put :data:`TEMPLATES` on ``theme.dirs`` after the site's ``custom_dir`` (once)."""
    dirs: list[str] = theme.dirs
    if any(os.path.realpath(d) == TEMPLATES for d in dirs):
        return
    dirs.insert(1 if theme.custom_dir else 0, TEMPLATES)


def theme_dirs(theme) -> list[str]:
    """The theme's own folders: those after the site's ``custom_dir`` and the plugins' templates."""
    return [d for d in theme.dirs if d != theme.custom_dir and os.path.realpath(d) != TEMPLATES]


def page_loader(custom_dir: Optional[str]) -> jinja2.BaseLoader:
    """Where the core finds its page templates: the site's ``custom_dir`` first, then the core's."""
    return jinja2.FileSystemLoader([d for d in (custom_dir, str(CORE_TEMPLATES)) if d])
