"""Reading built pages with html.parser: links, ids, text, and anything that could execute."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}


def _own_form(element: "Element") -> bool:
    """The forms the site itself ships: Material's palette toggle, the claims filter, the search box."""
    return (element.attrs.get("data-md-component") == "palette" or "data-archive-filter" in element.attrs
            or element.attrs.get("role") == "search")
def _own_policy(element: "Element") -> bool:
    """The site's Content-Security-Policy (plugins/csp.py): the one http-equiv a page may carry."""
    return element.attrs.get("http-equiv", "").lower() == "content-security-policy"


DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text/html", "data:image/svg")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int


@dataclass
class Document:
    path: Path
    elements: list[Element] = field(default_factory=list)
    #: (script element, its inline text)
    scripts: list[tuple[Element, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    text: str = ""

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k) == v for k, v in attrs.items())]


class _Parser(HTMLParser):
    def __init__(self, doc: Document) -> None:
        super().__init__(convert_charrefs=True)
        self.doc = doc
        self.script: Element | None = None
        self.script_text: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: (v or "") for k, v in attrs}, self.getpos()[0])
        self.doc.elements.append(element)
        if "id" in element.attrs:
            self.doc.ids.add(element.attrs["id"])
        if tag == "a" and "name" in element.attrs:
            self.doc.ids.add(element.attrs["name"])
        if tag == "script":
            self.script, self.script_text = element, []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            self.doc.scripts.append((self.script, "".join(self.script_text)))
            self.script = None

    def handle_data(self, data):
        if self.script is not None:
            self.script_text.append(data)
        else:
            self.text.append(data)


def parse(path: Path) -> Document:
    doc = Document(path)
    parser = _Parser(doc)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    doc.text = " ".join("".join(parser.text).split())
    return doc


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --------------------------------------------------------------------------------------------
# Links


def _target(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    """The file an internal link points at, and its fragment; ``None`` for external links."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    fragment = unquote(parts.fragment)
    path = unquote(parts.path)
    if not path:
        return page, fragment
    if path.startswith("/"):
        target = site / path.lstrip("/")
    else:
        target = page.parent / path
    target = Path(*_normalise(target.parts))
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, fragment


def _normalise(parts: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for part in parts:
        if part == "..":
            if out:
                out.pop()
        elif part != ".":
            out.append(part)
    return out


def broken_links(site: Path, *, check_fragments: bool = True) -> list[str]:
    """Every internal href/src (relative to its page) whose target file or anchor is missing."""
    site = site.resolve()
    docs = {path: parse(path) for path in html_files(site)}
    broken = []
    for path, doc in docs.items():
        for element in doc.elements:
            for name in ("href", "src"):
                url = element.attrs.get(name)
                if not url or url.startswith(("mailto:", "tel:")):
                    continue
                found = _target(site, path, url)
                if found is None:
                    continue
                target, fragment = found
                where = f"{path.relative_to(site)}:{element.line}: {element.tag} {name}={url!r}"
                if not target.exists():
                    broken.append(f"{where}: no file {target.relative_to(site) if site in target.parents else target}")
                elif check_fragments and fragment and target.suffix == ".html":
                    target_doc = docs.get(target) or parse(target)
                    if fragment not in target_doc.ids:
                        broken.append(f"{where}: no element with id '{fragment}'")
    return broken


# --------------------------------------------------------------------------------------------
# Executable content


def _squash(value: str) -> str:
    """A URL as a browser reads its scheme: no whitespace or control characters, lowercase."""
    return re.sub(r"[\x00-\x20\x7f]+", "", value).lower()


DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def _script_key(doc: Document, site: Path, element: Element, text: str) -> str:
    """How a script is recognised across pages: its file (from the site root), or its text
    with the page's relative base URL (``"../.."``) made uniform."""
    src = element.attrs.get("src")
    if src is not None:
        found = _target(site.resolve(), doc.path.resolve(), src)
        return "src:" + (str(found[0].relative_to(site.resolve())) if found else src)
    return "inline:" + re.sub(r'"(?:(?:\.\./)*\.\.?|/)"', '"BASE"', text.strip())


def executable_content(doc: Document, site: Path, allowed_scripts: set[str]) -> list[str]:
    """What in the page could run code: handlers, script URLs, frames, unknown scripts.

    ``allowed_scripts`` comes from :func:`shipped_scripts` of a page built from clean input:
    the theme's inline scripts and the files it loads. JSON data blocks never run.
    """
    found = []
    for element in doc.elements:
        where = f"{doc.path.name}:{element.line}: <{element.tag}>"
        if element.tag in FORBIDDEN_TAGS or (element.tag == "form" and not _own_form(element)):
            found.append(f"{where}: forbidden element")
        if element.tag == "meta" and "http-equiv" in element.attrs and not _own_policy(element):
            found.append(f"{where}: meta http-equiv")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"{where}: event handler {name}={value!r}")
            if name in URL_ATTRIBUTES and _squash(value).startswith(DANGEROUS_SCHEMES):
                found.append(f"{where}: {name}={value!r}")
            if name == "style" and ("javascript:" in _squash(value) or "expression(" in _squash(value)):
                found.append(f"{where}: style={value!r}")
    for element, text in doc.scripts:
        if element.attrs.get("type") in DATA_SCRIPT_TYPES and "src" not in element.attrs:
            continue
        key = _script_key(doc, site, element, text)
        if key not in allowed_scripts:
            found.append(f"{doc.path.name}:{element.line}: unknown script {key[:100]!r}")
    return found


def shipped_scripts(doc: Document, site: Path) -> set[str]:
    """The scripts of a page built from clean input: the theme's own and the archive's."""
    return {_script_key(doc, site, element, text) for element, text in doc.scripts}


def asset_scripts(site: Path) -> set[str]:
    """Every script file the site ships under ``assets/`` (theme and plugins), as script keys."""
    return {"src:" + str(path.relative_to(site)) for path in (site / "assets").rglob("*.js")}


def link_targets(doc: Document, site: Path) -> list[str]:
    """Every internal link of the page as a URL from the site root (``regions/ru/``, ``x/#frag``), in order."""
    site, here = site.resolve(), doc.path.resolve()
    out = []
    for element in doc.elements:
        if element.tag != "a" or "href" not in element.attrs:
            continue
        found = _target(site, here, element.attrs["href"])
        if found is None:
            continue
        target, fragment = found
        try:
            url = str(target.relative_to(site))
        except ValueError:
            continue
        url = url[: -len("index.html")] if url.endswith("index.html") else url
        out.append(url + (f"#{fragment}" if fragment else ""))
    return out
