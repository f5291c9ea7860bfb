"""Records as plain JSON values, and back: what every data export (the dataset, the pages' JSON
twins, the structured data) is made of.

:func:`to_json` turns a record of :mod:`archive.format.model` into JSON values field by field,
as the record holds them (a day as ``YYYY-MM-DD``, a fuzzy date as its four parts), and
:func:`from_json` builds the record again from them, equal to the one loaded: a researcher's
copy of the archive loses nothing. :func:`page_url` gives a page's URL the way the site does.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from datetime import date
from functools import cache
from typing import Any, Optional, TypeVar, Union

from archive.format import layout, model

T = TypeVar("T")


# --------------------------------------------------------------------------------------------
# Records → JSON values


_SCALARS = (str, int, float, bool, type(None))


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_json(value: Any) -> Any:
    """A record (or a list, dict or scalar of one) as JSON values, fields in declaration order."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, (list, tuple)):
        return [item if isinstance(item, _SCALARS) else to_json(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): to_json(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found = {}
        for name in _field_names(type(value)):
            item = getattr(value, name)
            found[name] = item if isinstance(item, _SCALARS) else to_json(item)
        return found
    return value


def from_json(cls: type[T], value: Any) -> T:
    """The record of type ``cls`` that :func:`to_json` made ``value`` from."""
    return _decode(cls, value)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model))


def _decode(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        kinds = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if len(kinds) == 1:
            return _decode(kinds[0], value)
        return value  # a plain union of scalars (``str | int``): kept as it is
    if origin is list:
        (item,) = typing.get_args(tp)
        return [_decode(item, v) for v in value]
    if origin is dict:
        _, item = typing.get_args(tp)
        return {k: _decode(item, v) for k, v in value.items()}
    if tp is date:
        return date.fromisoformat(value)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp) if f.init}
        return tp(**{k: _decode(hints[k], v) for k, v in value.items() if k in names})
    return value


def article_json(article: model.Article) -> dict[str, Any]:
    """The article's full record as JSON values."""
    return to_json(article)


def read_article(value: dict[str, Any]) -> model.Article:
    return from_json(model.Article, value)


# --------------------------------------------------------------------------------------------
# Bytes


def json_bytes(value: Any, *, indent: Optional[int] = None) -> bytes:
    """``value`` as UTF-8 JSON, the same bytes for the same value (keys keep their order)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def json_line(value: Any) -> str:
    """One line of JSON Lines: no raw line break can occur (``json.dumps`` escapes them, and
    U+2028/U+2029, which some readers take for line breaks, are escaped here)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# --------------------------------------------------------------------------------------------
# URLs and names


def page_url(uri: str, *, site_url: str = "", directory_urls: bool = True, fragment: str = "") -> str:
    """The URL of the page or file at ``uri``: absolute when ``site_url`` is given, else from the
    site root (``/actors/ru-mod/``), as :meth:`archive.outputs.components.SiteContext.absolute_url`."""
    url = layout.url_for(uri, directory_urls)
    url = site_url.rstrip("/") + "/" + url if site_url else "/" + url
    return f"{url}#{fragment}" if fragment else url


def article_url(article_id: str, *, site_url: str = "", directory_urls: bool = True, fragment: str = "") -> str:
    return page_url(layout.article_uri(article_id), site_url=site_url, directory_urls=directory_urls, fragment=fragment)


def entity_url(entity: model.Entity, *, site_url: str = "", directory_urls: bool = True) -> str:
    return page_url(layout.entity_uri(entity.kind, entity.id), site_url=site_url, directory_urls=directory_urls)


def beside(uri: str, suffix: str) -> str:
    """A file published beside a page: ``articles/2024/x.md``, ``.json`` → ``articles/2024/x.json``."""
    return (uri[:-3] if uri.endswith(".md") else uri) + suffix


def slug(text: str, default: str = "archive") -> str:
    """``Conflict Archive`` → ``conflict-archive`` (a Data Package name, a feed's id)."""
    found = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return found or default


__all__ = [
    "to_json",
    "from_json",
    "article_json",
    "read_article",
    "json_bytes",
    "json_line",
    "page_url",
    "article_url",
    "entity_url",
    "beside",
    "slug",
]
