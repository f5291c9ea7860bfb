"""The page templates: one Jinja environment per build, autoescaping, compiled templates cached.

The HTML of every generated page is a Jinja template in ``archive/outputs/templates/archive/``
(see the README, "Overriding the templates"). The caller chooses where templates are looked up
(a ``jinja2`` loader): the plugin passes the site's ``custom_dir`` first and this package's
folder last, so a site overrides a template by putting a file at the same path.

Two rules hold for every template loaded here:

* **Every value is escaped** as :func:`archive.outputs.html.esc` escapes it (``html.escape``
  with quotes): the environment's ``finalize``, which every ``{{ ... }}`` passes through,
  escapes each printed value that is not HTML already. Only fragments the sanitiser or this
  package's helpers made (:class:`~archive.outputs.html.Html`, or anything with ``__html__``)
  are printed as they are. (Jinja's own autoescaping is off: it would escape a second time,
  the ``markupsafe`` way, and cost a wrapper object per value.)
* **Indentation and line breaks are dropped** when a template is loaded: a template is written
  one tag a line, the page gets the same compact HTML the tests expect. A space that matters is
  written inside a line.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any, Optional

import jinja2
from jinja2.ext import Extension

from archive.format import layout, vocabulary
from archive.outputs import display
from archive.outputs.html import Html

#: The controlled vocabularies templates may read (value → definition).
VOCABULARIES = (
    "ARTICLE_STATUSES",
    "CLAIM_STATUSES",
    "EVIDENCE_STATUSES",
    "CHECK_RESULTS",
    "EVIDENCE_KINDS",
    "ACTOR_TYPES",
    "SIDES",
    "QUALIFIERS",
)

#: The package's templates; page templates sit under ``archive/``.
TEMPLATES = Path(__file__).resolve().parent / "templates"


class Compact(Extension):
    """Drops each line's indentation and line break as the template is loaded."""

    def preprocess(self, source: str, name: Optional[str], filename: Optional[str] = None) -> str:
        return "".join(line.strip() for line in source.splitlines())


def _finalize(value: Any) -> str:
    """A printed value, escaped like :func:`~archive.outputs.html.esc` unless it is HTML already."""
    if type(value) is Html:
        return value
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value), quote=True)


def environment(loader: Optional[jinja2.BaseLoader] = None) -> jinja2.Environment:
    """The environment page templates are rendered in; ``loader`` defaults to the package's folder.

    Filters: how values read (:mod:`archive.outputs.display`): ``format_date``, ``format_month``,
    ``month_name``, ``number``, ``quantity``, ``label``, ``language_name``. Globals: the
    vocabularies with their definitions (``ARTICLE_STATUSES``, ``CLAIM_STATUSES``,
    ``EVIDENCE_KINDS``, ``ACTOR_TYPES``, ``SIDES``...) and ``layout`` (where each page lives:
    ``layout.month_uri(month)``...).
    """
    env = jinja2.Environment(
        loader=loader or jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=False,
        finalize=_finalize,
        extensions=[Compact],
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
        cache_size=-1,
    )
    env.filters.update(
        format_date=display.format_date,
        format_month=display.format_month,
        month_name=display.month_name,
        number=display.format_number,
        quantity=display.format_quantity,
        label=display.label,
        language_name=display.language_name,
    )
    env.globals.update({name: getattr(vocabulary, name) for name in VOCABULARIES}, layout=layout)
    return env


class Templates:
    """Renders the page templates by name, each compiled once per build."""

    def __init__(self, loader: Optional[jinja2.BaseLoader] = None) -> None:
        self.env = environment(loader)
        self._compiled: dict[str, jinja2.Template] = {}

    def get(self, name: str) -> jinja2.Template:
        template = self._compiled.get(name)
        if template is None:
            template = self._compiled[name] = self.env.get_template(name)
        return template

    def render(self, template: str, /, **values: Any) -> Html:
        """The template named ``template`` rendered with ``values`` (escaped already)."""
        return Html(self.get(template).render(values))


__all__ = ["TEMPLATES", "Compact", "environment", "Templates"]
