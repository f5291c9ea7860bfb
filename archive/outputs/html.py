"""Small HTML helpers for the page generators: escaping, relative links, reusable snippets.

Every value from front matter or the gazetteer passes through :func:`esc` (``html.escape``
with quotes) before it is written into HTML; the helpers here do that themselves, so a
generator composes escaped fragments and never formats a raw value into markup.
No MkDocs import: tests call these directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Optional

from archive.format.layout import url_for


class Html(str):
    """Text that is HTML already (escaped, or made by the sanitiser): templates print it as it is.

    A plain ``str`` otherwise: joined or concatenated with other text it gives plain text, so
    nothing is escaped twice by accident (unlike ``markupsafe.Markup``), and it costs nothing
    to make.
    """

    __slots__ = ()

    def __html__(self) -> str:
        return self


def esc(value: object) -> str:
    """``value`` as text safe in HTML content and in quoted attribute values."""
    return escape(str(value), quote=True)


@dataclass
class Rendered:
    """A generated page's HTML and the entries of its table of contents ``(level, id, title)``."""

    html: str
    toc: list[tuple[int, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Plain text from here on: markup concatenated with text would escape the text.
        self.html = str(self.html)


class Links:
    """Relative links from one page to the others, by their source path (``actors/ru-mod.md``).

    Every generated page knows its own URL, so a link is ``../`` for each folder of that URL
    followed by the target's URL: no lookup in MkDocs' file list, and the site works from any
    sub-folder or from ``file://``.
    """

    def __init__(self, page_url: str, directory_urls: bool = True, known: Optional[set[str]] = None) -> None:
        self.prefix = "../" * page_url.count("/")
        self.directory_urls = directory_urls
        #: Source paths of the pages that exist; ``None`` means "trust every link".
        self.known = known

    def exists(self, uri: str) -> bool:
        return self.known is None or uri in self.known

    def href(self, uri: str, fragment: str = "") -> str:
        """The escaped relative URL of the page at ``uri`` (with ``#fragment``)."""
        url = self.prefix + url_for(uri, self.directory_urls)
        if not url:
            url = "./"
        return esc(url + (f"#{fragment}" if fragment else ""))

    def a(self, uri: str, text: str, *, fragment: str = "", cls: str = "", title: str = "") -> str:
        """A link with escaped ``text``; plain text when the target page does not exist."""
        if not self.exists(uri):
            return f'<span class="{esc(cls)}">{esc(text)}</span>' if cls else esc(text)
        attrs = f' class="{esc(cls)}"' if cls else ""
        attrs += f' title="{esc(title)}"' if title else ""
        return f'<a href="{self.href(uri, fragment)}"{attrs}>{esc(text)}</a>'


def time_tag(value: date, text: str) -> str:
    return f'<time datetime="{value.isoformat()}">{esc(text)}</time>'


def heading(level: int, anchor: str, text: str, toc: Optional[list[tuple[int, str, str]]] = None, extra: str = "") -> str:
    """``<hN id=...>`` with escaped text; recorded in ``toc`` when given."""
    if toc is not None:
        toc.append((level, anchor, text))
    return f'<h{level} id="{esc(anchor)}">{esc(text)}{extra}</h{level}>'


def join(parts: Iterable[str], separator: str = "") -> str:
    return separator.join(p for p in parts if p)


def attrs(**values: object) -> str:
    """`` name="value"`` pairs, escaped, for the values that are not ``None``."""
    return "".join(f' {name.replace("_", "-")}="{esc(value)}"' for name, value in values.items() if value is not None)


__all__ = ["Html", "esc", "Rendered", "Links", "time_tag", "heading", "join", "attrs"]
