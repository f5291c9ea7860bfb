"""What an author's Markdown may become on the site: one policy, checked before and enforced after.

Articles and editorial pages arrive from strangers, so the HTML their Markdown turns into is
held to one declared policy (:data:`TAGS`, :data:`ATTRIBUTES`, :data:`CLASSES`, :data:`ID`,
and the URL rules of :mod:`archive.format.urls`). Two tools apply the same declarations:

- :func:`check_markup` reads a Markdown body *before* conversion, in one pass, and reports every
  raw HTML tag, attribute, ``{: attr_list}`` block and link or image destination that breaks the
  policy, at its line. ``archive check`` and the build both run it (through the loader), so a
  body the check accepts is one the build publishes as written.
- :func:`sanitize` runs on the HTML that Markdown made, for every page, and is the guarantee:
  whatever the static check could not see (Markdown can build markup from pieces) is removed
  here. It also puts every author-written element id in the ``body-`` namespace (and rewrites
  in-page links to match), so no author element can stand in for one the theme or the site's
  scripts look up by id (Material reads its configuration from ``#__config``).

Classes are limited to :data:`CLASSES`, which holds none of the site's own (``archive-*``
badges, verification boxes, controls) or the theme's (``md-*``): an article cannot show a
"verified" badge it did not earn.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

import nh3

from archive.format.urls import check_link
from archive.read.problems import ProblemLog, Severity

#: Elements a page's HTML may contain. No script, style, frame, object, embed, form, input,
#: media other than images, landmarks (``nav``, ``header``...) or ``bdo`` (display spoofing).
TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "blockquote",
        "br",
        "caption",
        "cite",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "dfn",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "rp",
        "rt",
        "ruby",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
        "var",
        "wbr",
    }
)

#: Attributes allowed on every element.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})

#: Attributes allowed on particular elements, beside :data:`GLOBAL_ATTRIBUTES`.
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "time": frozenset({"datetime"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "details": frozenset({"open"}),
}

#: Classes an author's markup may carry: what Markdown's admonition, footnote and toc
#: extensions write. Nothing of the site's own (``archive-*``) or of the theme's (``md-*``),
#: and no admonition type that reads as a verdict (``success``, ``failure``, ``danger``, ``bug``).
CLASSES = frozenset(
    {
        "headerlink",
        "admonition",
        "admonition-title",
        "note",
        "abstract",
        "info",
        "question",
        "example",
        "quote",
        "warning",
        "footnote",
        "footnote-ref",
        "footnote-backref",
    }
)

#: An element id an author may write (headings, attr_list, raw HTML, footnotes ``fn:1``).
ID = re.compile(r"[\w:.-]{1,100}")

#: Every author-written id is published with this prefix: ``#background`` → ``#body-background``.
ID_PREFIX = "body-"

#: Values allowed for attributes that take one of a few words.
_CHOICES = {
    "dir": frozenset({"ltr", "rtl", "auto"}),
    "loading": frozenset({"lazy", "eager"}),
    "scope": frozenset({"row", "col", "rowgroup", "colgroup"}),
    "type": frozenset({"1", "a", "A", "i", "I"}),
}
_NUMBER = re.compile(r"[0-9]{1,6}")
_NUMERIC = frozenset({"width", "height", "colspan", "rowspan", "start", "span"})
#: Attributes whose value is a URL, checked with :func:`archive.format.urls.check_link`.
_URL_ATTRIBUTES = frozenset({"href", "src"})
#: Attributes that are Markdown syntax (md_in_html) and never reach the page.
_SYNTAX_ATTRIBUTES = frozenset({"markdown"})


# --------------------------------------------------------------------------------------------
# The rules, one function each, used by the check and the sanitiser alike


def id_problem(value: str) -> str:
    if not ID.fullmatch(value):
        return f"the id '{value[:40]}' is not allowed: use letters, digits, '-', '_', ':' and '.' (at most 100)"
    return ""


def class_problem(value: str) -> str:
    refused = [c for c in value.split() if c not in CLASSES]
    if refused:
        return f"the class '{refused[0][:40]}' is not allowed: an author's text may use only {', '.join(sorted(CLASSES))}"
    return ""


def url_problem(attribute: str, tag: str, value: str) -> tuple[str, str]:
    """``(error, warning)`` for a link or image address written in a body."""
    verdict = check_link(value)
    if verdict.error:
        return verdict.error, ""
    if tag == "img" and attribute == "src" and verdict.host:
        return f"the image comes from another site ({verdict.host}): a reader's browser would request it from there", ""
    return "", verdict.warning


def attribute_problem(tag: str, name: str, value: str) -> str:
    """Why ``name="value"`` may not stand on ``<tag>`` (URLs aside: see :func:`url_problem`)."""
    if name.startswith("on"):
        return f"the event handler '{name}' is not allowed: nothing an author writes may run in a reader's browser"
    if name not in GLOBAL_ATTRIBUTES and name not in ATTRIBUTES.get(tag, ()) and name not in _SYNTAX_ATTRIBUTES:
        return f"the attribute '{name[:40]}' is not allowed on <{tag}>"
    if name == "id":
        return id_problem(value)
    if name == "class":
        return class_problem(value)
    if name in _CHOICES and value not in _CHOICES[name]:
        return f'{name}="{value[:20]}" is not allowed: use one of {", ".join(sorted(_CHOICES[name]))}'
    if name in _NUMERIC and not _NUMBER.fullmatch(value):
        return f'{name}="{value[:20]}" is not a whole number'
    return ""


# --------------------------------------------------------------------------------------------
# The static check of a Markdown body


@dataclass(frozen=True)
class MarkupProblem:
    """One thing in a body that the site would not publish as written; ``offset`` is in the body."""

    offset: int
    message: str
    hint: str = ""
    warning: bool = False


_RAW_HINT = "write Markdown; the raw HTML an author may use is listed in CONTRIBUTING.md"
_IMAGE_HINT = "put the file in the media/ folder and link it from there, or link to the page that shows it"
_TAG_START = re.compile(r"<(?:(/?)([A-Za-z][A-Za-z0-9-]*)|(!--)|([!?]))")
_TAG_NAME_END = re.compile(r"[A-Za-z0-9-]*")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_ATTR_LIST_TOKEN = re.compile(r"""#([^\s}]+)|\.([^\s}]+)|([^\s=}]+)=(?:"([^"]*)"|'([^']*)'|([^\s}]+))|\S+""")
_REFERENCE = re.compile(r"^ {0,3}\[([^\]\n]{1,999})\]:[ \t]*(?:<([^>\n]*)>|(\S+))", re.MULTILINE)
_BARE_DESTINATION = re.compile(r"[^\s)]{1,2001}")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.MULTILINE)
#: More problems than this in one body are counted, not listed.
MAX_PROBLEMS = 50


def check_markup(body: str) -> list[MarkupProblem]:
    """Every raw tag, attribute, attr_list block and destination in ``body`` that breaks the policy.

    One pass of each kind over the text, each bounded by the next ``<``, line end or bracket,
    so the time is linear in the length of the body whatever it holds. Code (fenced blocks and
    backtick spans) is skipped: HTML shown as code is text.
    """
    problems = _too_many_marks(body)
    if problems:
        return problems
    code = _code_spans(body)
    if "<" in body:
        _check_tags(body, code, problems)
    if "{" in body:
        _check_attr_lists(body, code, problems)
    found = len(problems)
    _check_inline_work(body, problems)
    if len(problems) == found:  # (a body refused for its size is not read line by line again)
        _check_nesting(body, code, problems)
    readable = "[" not in body or _check_bracket_work(body, code, problems)
    if readable and ("](" in body or "]:" in body or "][" in body):
        _check_destinations(body, code, problems)
    problems.sort(key=lambda p: p.offset)
    return problems[:MAX_PROBLEMS]


# --------------------------------------------------------------------------------------------
# Markdown hazards: stopped here, before Markdown sees them, in the check and the build alike

#: Lists, block quotes and HTML elements nested deeper than this are refused: Markdown's parser
#: recurses once per level (about 250 levels exhaust Python's stack), and no report needs more.
MAX_NESTING = 20
#: How many characters Markdown's link parser may read for one body (about 0.8 s). It reads from every
#: ``[`` to its ``]`` (or the end of the paragraph when there is none), and from every ``](`` to
#: its ``)``: thousands of unclosed brackets make that quadratic (20,000 ``[`` took 49 s).
MAX_BRACKET_WORK = 2_000_000


#: Python-Markdown's inline parser reads the rest of a paragraph again after each inline mark it
#: handles (an entity, an emphasis, an escape...): a paragraph costs about its length times its
#: marks. This bounds that product, summed over the body (about 0.4 s at worst; a long real
#: paragraph is near 10^7).
MAX_INLINE_WORK = 200_000_000
_INLINE_MARKS = ("&", "*", "_", "\\", "`", "<")  # brackets have their own budget (MAX_BRACKET_WORK)
_INLINE_MARK = re.compile(r"[&*_\\`<]")
#: Headings each cost a table-of-contents entry, an anchor and the theme's markup.
MAX_HEADINGS = 1_000
_HEADING_LINE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)", re.MULTILINE)
#: Text inside lists or quotes, in characters times depth: each level is a parser pass over it
#: (at the bound, about 2 s; a MiB of paragraphs quoted 20 deep took 7-11 s).
MAX_CONTAINER_WORK = 4_000_000
_CONTAINER_PREFIX = re.compile(r"^[ \t]*(?:>|[-*+][ \t]|[0-9]{1,9}[.)][ \t])[ \t>*+\-0-9.)]*", re.MULTILINE)


def _check_inline_work(body: str, problems: list[MarkupProblem]) -> None:
    """Refuse what would make Markdown's work grow faster than the text: paragraphs dense with
    inline marks (their length times their marks, summed over the body), thousands of
    headings, deep lists over thousands of lines."""
    if len(body) * sum(body.count(mark) for mark in _INLINE_MARKS) > MAX_INLINE_WORK:
        marks = [m.start() for m in _INLINE_MARK.finditer(body)]
        breaks = list(_PARAGRAPH_BREAK.finditer(body))
        work = 0
        for start, end in zip([0] + [m.end() for m in breaks], [m.start() for m in breaks] + [len(body)]):
            work += (end - start) * (bisect.bisect_left(marks, end) - bisect.bisect_left(marks, start))
            if work > MAX_INLINE_WORK:
                problems.append(
                    MarkupProblem(
                        start,
                        "from this paragraph on, the text holds too many inline marks (&, *, _, \\, `, <) in long "
                        "paragraphs for Markdown to read in time",
                        "break long paragraphs up, or write less markup",
                    )
                )
                return
    headings = len(_HEADING_LINE.findall(body))
    if headings > MAX_HEADINGS:
        problems.append(
            MarkupProblem(
                0,
                f"the text has {headings:,} headings; the limit is {MAX_HEADINGS:,}",
                "an article is a summary; link to the full text instead",
            )
        )
    # Each level of a list or quote is parsed again over the text it holds: the work is the depth
    # times the length of the text each container line opens (up to the next one, or the end of
    # its paragraph); the segments do not overlap, so this is read once.
    matches = list(_CONTAINER_PREFIX.finditer(body))
    if not matches:
        return
    paragraph_ends = [m.start() for m in _PARAGRAPH_BREAK.finditer(body)] + [len(body)]
    work = 0
    for index, container in enumerate(matches):
        paragraph_end = paragraph_ends[bisect.bisect_left(paragraph_ends, container.start())]
        segment_end = min(paragraph_end, matches[index + 1].start()) if index + 1 < len(matches) else paragraph_end
        # A container is at least two characters of the prefix ('> ', '- ', '1. ', 4 spaces/2).
        work += (min(len(container.group()) // 2, MAX_NESTING) or 1) * (segment_end - container.start())
        if work > MAX_CONTAINER_WORK:
            problems.append(
                MarkupProblem(
                    container.start(),
                    "too much text in nested lists or quotes for Markdown to read in time",
                    "flatten the lists, or shorten the text",
                )
            )
            return


def _unclosed_work(end: int, brackets: list[int], parentheses: list[tuple[int, bool]]) -> int:
    return sum(end - p for p in brackets) + sum(end - p for p, destination in parentheses if destination)


_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*(?:\n|$)")
_BRACKET = re.compile(r"[\[\]()]")
#: Elements that never hold others, or whose end tag HTML lets an author leave out: not counted.
_VOID = frozenset(
    {"br", "col", "hr", "img", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "rp", "rt"}
)


#: A body may hold at most this many of each markup character: every scan then does bounded work,
#: and no report needs more (a long article has a few hundred).
MAX_MARKS = 20_000
_MARKS = ("<", "[", "](", "{", "`", "&", "*", "_", "\\")


def _too_many_marks(body: str) -> list[MarkupProblem]:
    found = []
    for mark in _MARKS:
        count = body.count(mark)
        if count > MAX_MARKS:
            found.append(
                MarkupProblem(
                    0,
                    f"the text holds {count:,} '{mark}'; the limit is {MAX_MARKS:,}",
                    "an article is a summary; link to the full text instead",
                )
            )
    return found


#: A line that opens more containers than the limit starts with this many container characters.
_DEEP_LINE = re.compile(r"^[ \t>*+\-0-9.)]{%d}" % (2 * MAX_NESTING), re.MULTILINE)


def _check_nesting(body: str, code: _Code, problems: list[MarkupProblem]) -> None:
    """Lists and block quotes, by the containers that open each line; HTML, by open tags."""
    for candidate in _DEEP_LINE.finditer(body):
        start = candidate.start()
        end = body.find("\n", start)
        line = body[start : end if end != -1 else len(body)]
        if _line_depth(line, stop=MAX_NESTING) > MAX_NESTING and not code.covers(start):
            depth = _line_depth(line, stop=1000)  # counted further only for the line reported
            problems.append(
                MarkupProblem(
                    start,
                    f"lists or quotes nested {depth if depth <= 1000 else 'over 1,000'} deep; the limit is {MAX_NESTING}",
                    "flatten the text: a report never needs this depth",
                )
            )
            return
    if "<" not in body:
        return
    depth = 0
    for match in _TAG_START.finditer(body):
        name = (match.group(2) or "").lower()
        if not name or name in _VOID or code.covers(match.start()):
            continue
        depth = max(0, depth - 1) if match.group(1) else depth + 1
        if depth > MAX_NESTING:
            problems.append(
                MarkupProblem(
                    match.start(),
                    f"HTML elements nested more than {MAX_NESTING} deep",
                    "close the elements you open, or nest fewer",
                )
            )
            return


def _line_depth(line: str, stop: int = 0) -> int:
    """How many list and quote containers a line opens or continues (4 columns of indent count as
    one); with ``stop``, counting ends as soon as the depth passes it."""
    depth = 0
    position = 0
    indent = len(line) - len(line.lstrip(" \t"))
    depth += line[:indent].replace("\t", "    ").count("    ")
    while not stop or depth <= stop:
        match = _CONTAINER.match(line, position)
        if not match:
            return depth
        depth += 1
        position = match.end()
    return depth


def _check_bracket_work(body: str, code: _Code, problems: list[MarkupProblem]) -> bool:
    """Refuse the paragraph at which Markdown's link parser would have read too much of the body;
    ``False`` when one was refused.

    The work is what the parser reads: from each ``[`` to its ``]``, and from each ``](`` to
    the ``)`` that balances it, or to the end of the paragraph when there is none.
    """
    breaks = list(_PARAGRAPH_BREAK.finditer(body))
    ends = [m.start() for m in breaks] + [len(body)]
    paragraph, start_of_paragraph = 0, 0
    brackets: list[int] = []
    parentheses: list[tuple[int, bool]] = []  # (position, opens a destination)
    work = 0
    for match in _BRACKET.finditer(body):
        position = match.start()
        if position > ends[paragraph]:
            work += _unclosed_work(ends[paragraph], brackets, parentheses)
            if work > MAX_BRACKET_WORK:
                break
            while position > ends[paragraph]:
                paragraph += 1
            start_of_paragraph, brackets, parentheses = breaks[paragraph - 1].end(), [], []
        if code.covers(position):
            continue
        char = match.group(0)
        if char == "[":
            brackets.append(position)
        elif char == "]":
            if brackets:
                work += position - brackets.pop()
        elif char == "(":
            parentheses.append((position, position > 0 and body[position - 1] == "]"))
        elif parentheses:
            opened, destination = parentheses.pop()
            if destination:
                work += position - opened
        if work > MAX_BRACKET_WORK:
            break
    else:
        work += _unclosed_work(ends[paragraph], brackets, parentheses)
    if work > MAX_BRACKET_WORK:
        problems.append(
            MarkupProblem(
                start_of_paragraph,
                "this paragraph holds too many '[' or '](' that are nested or never closed for Markdown to read in time",
                "close each bracket, or write a bracket that is text as \\[",
            )
        )
        return False
    return True


def line_of(body: str, offsets: list[int]) -> list[int]:
    """The 0-based line of each offset (sorted or not), in one pass over the text."""
    breaks = [m.start() for m in re.finditer("\n", body)] if offsets else []
    return [bisect.bisect_left(breaks, offset) for offset in offsets]


class _Code:
    """The parts of a body that are code: sorted, non-overlapping ``(start, end)`` spans."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.spans = spans

    def covers(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.spans[index][1]


def _code_spans(body: str) -> _Code:
    spans: list[tuple[int, int]] = []
    if "```" in body or "~~~" in body:
        fences = list(_FENCE.finditer(body))
        index = 0
        while index < len(fences):
            opening = fences[index]
            marker = opening.group(1)
            closing = next(
                (
                    i
                    for i in range(index + 1, len(fences))
                    if fences[i].group(1)[0] == marker[0] and len(fences[i].group(1)) >= len(marker)
                ),
                None,
            )
            end = fences[closing].end() if closing is not None else len(body)
            spans.append((opening.start(), end))
            index = closing + 1 if closing is not None else len(fences)
    if "`" in body:
        # Backtick runs: a run opens a code span closed by the next run of the same length.
        open_at: dict[int, int] = {}
        runs: list[tuple[int, int]] = []
        for match in re.finditer(r"`+", body):
            length = len(match.group(0))
            if length in open_at:
                runs.append((open_at.pop(length), match.end()))
                open_at.clear()  # a span's content is literal: runs inside it open nothing
            else:
                open_at[length] = match.start()
        spans = _merge(spans, runs)
    return _Code(sorted(spans))


def _merge(fenced: list[tuple[int, int]], inline: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not fenced:
        return inline
    code = _Code(sorted(fenced))
    return fenced + [span for span in inline if not code.covers(span[0])]


def _check_tags(body: str, code: _Code, problems: list[MarkupProblem]) -> None:
    for match in _TAG_START.finditer(body):
        if len(problems) >= MAX_PROBLEMS:
            return
        start = match.start()
        if code.covers(start):
            continue
        if match.group(3):  # a comment: removed from every page, and the blocks of editorial pages
            continue
        if match.group(4):
            problems.append(
                MarkupProblem(
                    start, f"'{body[start : start + 9]}' (a declaration or processing instruction) is not allowed", _RAW_HINT
                )
            )
            continue
        closing_slash, name = match.group(1), match.group(2).lower()
        next_open = body.find("<", match.end())
        limit = next_open if next_open != -1 else len(body)
        end = body.find(">", match.end(), limit)
        inside = body[match.end() : end if end != -1 else limit]
        if inside.startswith(":") or "@" in inside and " " not in inside.strip():
            _check_autolink(body[start + 1 : end if end != -1 else limit], start, end != -1, problems)
            continue
        allowed = name in TAGS
        if end == -1:
            if allowed and not closing_slash:
                problems.append(
                    MarkupProblem(
                        start,
                        f"the tag <{name}> is not closed with '>' before the next '<'",
                        "finish the tag, or write '<' as &lt;",
                    )
                )
            continue
        if closing_slash:
            continue  # the opening tag is the one reported
        if not allowed:
            problems.append(MarkupProblem(start, f"raw HTML <{name}> is not allowed", _RAW_HINT))
            continue
        if inside.count('"') % 2 or inside.count("'") % 2 and "=" in inside and _unbalanced_single(inside):
            problems.append(
                MarkupProblem(
                    start, f"a quoted value in <{name}> holds '>' or is never closed", "write '>' inside a value as &gt;"
                )
            )
            continue
        _check_attributes(name, inside, start, problems)


def _unbalanced_single(inside: str) -> bool:
    """Apostrophes inside double-quoted values are text; count only those outside them."""
    outside = re.sub(r'"[^"]*"', "", inside)
    return outside.count("'") % 2 == 1


def _check_autolink(text: str, offset: int, closed: bool, problems: list[MarkupProblem]) -> None:
    if not closed:
        return
    if "@" in text and ":" not in text:
        problems.append(
            MarkupProblem(
                offset,
                f"<{text[:60]}> would become an e-mail link, which the site does not publish",
                "write the address as plain text",
            )
        )
        return
    error, warning = url_problem("href", "a", text)
    if error or warning:
        problems.append(MarkupProblem(offset, error or warning, warning=not error))


def _check_attributes(tag: str, inside: str, offset: int, problems: list[MarkupProblem]) -> None:
    for attribute in _ATTRIBUTE.finditer(inside):
        name = attribute.group(1).lower()
        value = next((g for g in attribute.group(2, 3, 4) if g is not None), "")
        if name in _URL_ATTRIBUTES and (name in ATTRIBUTES.get(tag, ())):
            error, warning = url_problem(name, tag, value)
            if error or warning:
                problems.append(
                    MarkupProblem(
                        offset,
                        f"<{tag} {name}>: {error or warning}",
                        _IMAGE_HINT if tag == "img" and error else "",
                        warning=not error,
                    )
                )
            continue
        problem = attribute_problem(tag, name, value)
        if problem:
            problems.append(MarkupProblem(offset, f"<{tag}>: {problem}", _RAW_HINT))


def _check_attr_lists(body: str, code: _Code, problems: list[MarkupProblem]) -> None:
    line_end = -1
    for match in re.finditer(r"\{", body):
        if len(problems) >= MAX_PROBLEMS:
            return
        start = match.start()
        if start > line_end:
            line_end = body.find("\n", start)
            line_end = len(body) if line_end == -1 else line_end
        next_brace = body.find("{", start + 1, line_end)
        close = body.find("}", start + 1, next_brace if next_brace != -1 else line_end)
        if close == -1 or code.covers(start):
            continue
        content = body[start + 1 : close].strip()
        if content.startswith(":"):
            content = content[1:].strip()
        elif not content or content[0] not in "#." and "=" not in content:
            continue  # braces in prose, not an attribute list
        for token in _ATTR_LIST_TOKEN.finditer(content):
            identifier, classes, key = token.group(1), token.group(2), token.group(3)
            if identifier is not None:
                problem = id_problem(identifier)
            elif classes is not None:
                problem = class_problem(classes)
            elif key is not None:
                value = next((g for g in token.group(4, 5, 6) if g is not None), "")
                name = key.lower()
                if name in _URL_ATTRIBUTES:
                    problem = f"'{name}' cannot be set in an attribute list: write the link or image in Markdown"
                else:
                    problem = attribute_problem(_element_allowing(name), name, value)
            else:
                continue
            if problem:
                problems.append(
                    MarkupProblem(start, f"{{{content[:40]}}}: {problem}", "attribute lists may set an id, a title, lang or dir")
                )


def _element_allowing(attribute: str) -> str:
    """An element an attr_list attribute could stand on (attr_list does not say which it will be)."""
    if attribute in GLOBAL_ATTRIBUTES:
        return "p"
    return next((tag for tag, names in ATTRIBUTES.items() if attribute in names), "any element")


def _check_destinations(body: str, code: _Code, problems: list[MarkupProblem]) -> None:
    """Link and image destinations: inline ``[text](url)``, and reference definitions.

    A destination is an image's when a ``![`` stands between the previous destination and it
    (a link after an image-like text is then checked as an image: stricter, never laxer).
    """
    image_labels: set[str] = set()
    checked_to = 0  # the end of the last destination read: text inside it is not read again
    for mark in _DESTINATION_MARK.finditer(body):
        if len(problems) >= MAX_PROBLEMS:
            return
        index = mark.start()
        if index < checked_to or code.covers(index):
            continue
        opened = body.rfind("[", checked_to, index)
        image = body.rfind("![", checked_to, index) != -1
        if mark.group(0) == "](":
            checked_to = _check_destination(body, index + 2, max(opened, 0), image, problems)
        elif image:
            close = body.find("]", index + 2, min(len(body), index + 1002))
            if close != -1:
                image_labels.add((body[index + 2 : close] or body[opened + 1 : index]).strip().lower())
            checked_to = index + 1
    for definition in _REFERENCE.finditer(body):
        if len(problems) >= MAX_PROBLEMS:
            return
        if code.covers(definition.start()):
            continue
        url = definition.group(2) if definition.group(2) is not None else definition.group(3)
        image = definition.group(1).strip().lower() in image_labels
        _report_url(url, definition.start(), image, problems)


_DESTINATION_MARK = re.compile(r"\]\(|\]\[")


def _check_destination(body: str, start: int, offset: int, image: bool, problems: list[MarkupProblem]) -> int:
    """Check the destination that starts at ``start``; returns where it ends."""
    position = start
    while position < len(body) and body[position] in " \t":
        position += 1
    if body.startswith("<", position):
        end = body.find(">", position, position + 2002)
        url = body[position + 1 : end] if end != -1 and "\n" not in body[position:end] else ""
    else:
        match = _BARE_DESTINATION.match(body, position)
        url = match.group(0) if match else ""
    if url:
        _report_url(url, offset, image, problems)
    return position + len(url)


def _report_url(url: str, offset: int, image: bool, problems: list[MarkupProblem]) -> None:
    error, warning = url_problem("src" if image else "href", "img" if image else "a", url)
    if error:
        problems.append(
            MarkupProblem(offset, f"{'image' if image else 'link'} '{url[:60]}': {error}", _IMAGE_HINT if image else "")
        )
    elif warning:
        problems.append(MarkupProblem(offset, f"link '{url[:60]}': {warning}", warning=True))


# --------------------------------------------------------------------------------------------
# The sanitiser: the guarantee, on the HTML of every page


def _filter(element: str, attribute: str, value: str) -> Optional[str]:
    """nh3 calls this for every attribute its allow-list kept; ``None`` drops the attribute."""
    if attribute == "rel":  # set by the sanitiser itself (``link_rel``)
        return value
    if attribute in _URL_ATTRIBUTES:
        error, _ = url_problem(attribute, element, value)
        if error:
            return None
        return _namespaced_fragment(value)
    if attribute == "id":
        return ID_PREFIX + value if not id_problem(value) else None
    if attribute == "class":
        kept = " ".join(c for c in value.split() if c in CLASSES)
        return kept or None
    return None if attribute_problem(element, attribute, value) else value


def _namespaced_fragment(url: str) -> str:
    """``#x`` → ``#body-x``; ``../page/#x`` → ``../page/#body-x`` for links that stay on the site."""
    head, hash_sign, fragment = url.partition("#")
    if not hash_sign or not fragment or "://" in head or id_problem(fragment):
        return url
    return f"{head}#{ID_PREFIX}{fragment}"


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style"},
    attributes={"*": set(GLOBAL_ATTRIBUTES), **{tag: set(names) for tag, names in ATTRIBUTES.items()}},
    attribute_filter=_filter,
    url_schemes={"http", "https"},
    strip_comments=True,
    link_rel="noopener noreferrer",
)


def sanitize(html: str) -> str:
    """The HTML of a page's Markdown with everything outside the policy removed.

    Scripts and styles go with their content; other refused elements leave their text; refused
    attributes and addresses are dropped; ids are put in the ``body-`` namespace.
    """
    return _CLEANER.clean(html)


def namespaced_id(value: str) -> Optional[str]:
    """The published form of an author's id, or ``None`` if it is not allowed (for the TOC)."""
    return ID_PREFIX + value if not id_problem(value) else None


def report_markup(log: ProblemLog, shown: str, body: str, first_line: int) -> None:
    """:func:`check_markup`'s findings for a body starting at line ``first_line`` of ``shown``."""
    found = check_markup(body)
    if not found:
        return
    for problem, line in zip(found, line_of(body, [p.offset for p in found])):
        log.add(
            shown,
            first_line + line,
            1,
            Severity.WARNING if problem.warning else Severity.ERROR,
            "",
            problem.message,
            problem.hint,
        )


__all__ = [
    "TAGS",
    "GLOBAL_ATTRIBUTES",
    "ATTRIBUTES",
    "CLASSES",
    "ID",
    "ID_PREFIX",
    "MAX_PROBLEMS",
    "MarkupProblem",
    "check_markup",
    "line_of",
    "sanitize",
    "namespaced_id",
    "id_problem",
    "class_problem",
    "attribute_problem",
    "url_problem",
    "report_markup",
    "MAX_NESTING",
    "MAX_MARKS",
    "MAX_BRACKET_WORK",
]
