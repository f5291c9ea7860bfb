"""Editorial pages: the hand-written Markdown outside ``articles/`` and ``gazetteer/``.

They come through pull requests like articles, so they pass the same gate: their body is held
to the markup policy of :mod:`archive.read.markup`, and their front matter may set only the fields
of :data:`PAGE_FIELDS` (a page cannot choose a template, or hand the theme values it prints
unescaped). The build publishes exactly these fields, escaped, whatever MkDocs read.
"""

from __future__ import annotations

import re
from typing import Any

from archive.format.rules import text_problem
from archive.format.spec import TITLE, Text
from archive.names.suggest import close_matches, did_you_mean
from archive.read.markup import report_markup
from archive.read.problems import ProblemLog, Severity
from archive.read.source import SourceError, parse_yaml, read_text, split_front_matter

#: The front-matter fields an editorial page may set, with what each does.
PAGE_FIELDS: dict[str, str] = {
    "title": "The page's title, in the browser tab and the header (default: its first heading).",
    "description": "A sentence for search engines and link previews.",
    "hide": "Parts of the layout to hide on this page: ",
}
#: What ``hide`` may list.
HIDE_VALUES = ("navigation", "toc", "footer", "path")
PAGE_FIELDS["hide"] += ", ".join(HIDE_VALUES) + "."
#: The rules of the two texts, as the article format declares texts.
_TEXTS = {"title": TITLE, "description": Text(max_length=1000, single_line=True)}

#: A first line that MkDocs would read as a MultiMarkdown ``key: value`` field.
_MULTIMARKDOWN_FIELD = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:")


def check_page(path: str, shown: str, log: ProblemLog) -> None:
    """Every problem of the editorial page at ``path`` (read without following links) into ``log``."""
    try:
        text = read_text(path)
    except SourceError as exc:
        log.add(shown, exc.line, exc.column, Severity.ERROR, "", exc.message, exc.hint)
        return
    body, body_line = text, 1
    if text.startswith("---"):
        try:
            front = split_front_matter(text)
            document = parse_yaml(front.yaml_text, line_offset=front.yaml_line)
        except SourceError as exc:
            log.add(shown, exc.line, exc.column, Severity.ERROR, "", exc.message, exc.hint)
            return
        body, body_line = front.body, front.body_line
        for problem in document.problems:
            line, column = document.position_of(problem.node)
            log.add(shown, line, column, Severity.ERROR, "", problem.message, problem.hint)
        _check_fields(document, shown, log)
    elif _MULTIMARKDOWN_FIELD.match(text):
        log.add(
            shown,
            1,
            1,
            Severity.ERROR,
            "",
            "the first line reads as a 'key: value' field of the page",
            "put the page's fields between two '---' lines, or start the page with a heading",
        )
    report_markup(log, shown, body, body_line)


def _check_fields(document: Any, shown: str, log: ProblemLog) -> None:
    data = document.data
    if data is None:
        return
    if not isinstance(data, dict):
        log.add(shown, 2, 1, Severity.ERROR, "", "the front matter must be 'field: value' lines")
        return
    for key, value in data.items():
        line, column = document.position((key,), key=True)
        if key not in PAGE_FIELDS:
            hint = did_you_mean(close_matches(str(key), list(PAGE_FIELDS), n=1)) or f"a page may set {', '.join(PAGE_FIELDS)}"
            log.add(shown, line, column, Severity.ERROR, str(key), f"unknown field '{key}' in an editorial page", hint)
            continue
        line, column = document.position((key,))
        if key in ("title", "description"):
            problem = text_problem(_TEXTS[key], value.strip()) if isinstance(value, str) else ("expected a text", "")
            if problem:
                log.add(
                    shown,
                    line,
                    column,
                    Severity.ERROR,
                    key,
                    f"the {key} {problem[0]}" if isinstance(value, str) else problem[0],
                    problem[1],
                )
        elif key == "hide":
            values = value if isinstance(value, list) else [value]
            for item in values:
                if item not in HIDE_VALUES:
                    log.add(
                        shown,
                        line,
                        column,
                        Severity.ERROR,
                        key,
                        f"'{item}' cannot be hidden",
                        f"hide may list {', '.join(HIDE_VALUES)}",
                    )


def page_meta(meta: dict) -> dict:
    """What MkDocs read from a page's front matter, reduced to :data:`PAGE_FIELDS` with plain
    single-line texts (the caller escapes them: the theme prints them as they are)."""
    kept: dict[str, Any] = {}
    for key in ("title", "description"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            kept[key] = " ".join(value.split())
    hide = meta.get("hide")
    if isinstance(hide, list):
        kept["hide"] = [item for item in hide if item in HIDE_VALUES]
    return kept


__all__ = ["PAGE_FIELDS", "HIDE_VALUES", "check_page", "page_meta"]
