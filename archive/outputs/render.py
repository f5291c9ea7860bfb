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

import re
from collections import ChainMap
from html import escape
from pathlib import Path
from types import FunctionType, MethodType
from typing import Any, Optional

import jinja2
import jinja2.runtime
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


#: ``{% include "name" %}`` alone, the form :class:`Compact` writes out in place.
INCLUDE = re.compile(r"""\{%-?\s*include\s+(?:"([^"]+)"|'([^']+)')\s*-?%\}""")


class Compact(Extension):
    """Drops each line's indentation and line break as the template is loaded, and writes each
    plain ``{% include "name" %}`` out in place.

    An include costs a new context per use (an article page has a dozen: its header, each claim,
    piece of evidence, event and source); the partial written into the page costs nothing. The
    partial is read through the same loader, so a site's override of it is the one written in
    (and the page sees the same values the include would). A partial that includes itself,
    directly or not (the tags tree), stays an include.
    """

    def preprocess(self, source: str, name: Optional[str], filename: Optional[str] = None) -> str:
        return self._expand(source, (name,) if name else ())

    def _expand(self, source: str, within: tuple[str, ...]) -> str:
        compact = "".join(line.strip() for line in source.splitlines())
        loader = self.environment.loader

        def inline(match: re.Match) -> str:
            partial = match.group(1) or match.group(2)
            if partial in within or loader is None:
                return match.group(0)
            text = loader.get_source(self.environment, partial)[0]
            return self._expand(text, (*within, partial))

        return INCLUDE.sub(inline, compact)


def _finalize(value: Any) -> str:
    """A printed value, escaped like :func:`~archive.outputs.html.esc` unless it is HTML already."""
    kind = type(value)
    if kind is Html:
        return value
    if kind is str:
        return escape(value, quote=True)
    if hasattr(value, "__html__"):
        return value.__html__()
    return escape(str(value), quote=True)


#: Functions known to take no ``pass_context`` or the like (asked once each).
_PLAIN: set[Any] = set()


def _plain(function: Any) -> bool:
    if hasattr(function, "jinja_pass_arg"):
        return False
    _PLAIN.add(function)
    return True


class _Context(jinja2.runtime.Context):
    """Jinja's context, with a shorter way to call a plain function or method from a template.

    A template calls ``h.chip(id)`` through :meth:`call`, which looks for ``pass_context`` and the
    like on the callable and on its ``__call__`` first: for a function or a bound method without
    them this calls it at once (the same result, about half the cost on an article page, which
    makes dozens of such calls). Anything else goes Jinja's way.
    """

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        kind = type(__obj)
        function = __obj.__func__ if kind is MethodType else __obj if kind is FunctionType else None
        if function is not None and (function in _PLAIN or _plain(function)):
            if kwargs:
                kwargs.pop("_loop_vars", None)
                kwargs.pop("_block_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined("value was undefined because a callable raised a StopIteration exception")
        return super().call(__obj, *args, **kwargs)


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
    env.context_class = _Context
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
        compiled = self.get(template)
        # What Template.render does, but the globals are copied from the environment's dict (a
        # template of ours has none of its own) rather than read key by key from a ChainMap.
        own, shared = compiled.globals.maps if isinstance(compiled.globals, ChainMap) else ({}, None)
        env = self.env
        if own or shared is not env.globals:
            return Html(compiled.render(values))
        context = jinja2.runtime.new_context(env, compiled.name, compiled.blocks, values, False, env.globals)
        try:
            return Html(env.concat(compiled.root_render_func(context)))
        except Exception:
            env.handle_exception()


__all__ = ["TEMPLATES", "Compact", "environment", "Templates"]
