"""The markup policy: the static check of a Markdown body and the sanitiser of every page's HTML.

Both apply the declarations of :mod:`archive.read.markup`; these tests name each class of hostile
markup once for the check (refused, at its line) and once for the sanitiser (removed).
"""

from __future__ import annotations

import time

import pytest

from archive.read.markup import CLASSES, ID_PREFIX, check_markup, line_of, sanitize

# --------------------------------------------------------------------------------------------
# The static check: what it refuses, and where

REFUSED = {
    "script": "Text <script>alert(1)</script>",
    "event handler": '<img src="../media/a.png" onerror="alert(1)">',
    "javascript link": '<a href="javascript:alert(1)">x</a>',
    "mixed-case scheme": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "data link": '<a href="data:text/html,x">x</a>',
    "iframe": '<iframe src="https://example.org/frame"></iframe>',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "svg": '<svg onload="alert(\'svg\')"><circle r="1"/></svg>',
    "form": '<form action="x"><input type="submit"></form>',
    "style attribute": '<div style="background:red">styled</div>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "base": '<base href="https://evil.example/">',
    "markdown javascript link": "[x](javascript:alert('markdown'))",
    "markdown data link": "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "attr_list handler": "![image](x.png){onerror=alert(1)}",
    "attr_list site class": "Claim verified {: .archive-badge .archive-badge--verified }",
    "raw site class": '<span class="archive-badge archive-badge--verified">Verified</span>',
    "theme class": '<div class="md-header">x</div>',
    "verdict admonition class": '<div class="admonition success">x</div>',
    "third-party image": "![map](https://tiles.example.com/1/2/3.png)",
    "third-party raw image": '<img src="https://tracker.example.com/pixel.gif">',
    "scheme-relative image": "![x](//tracker.example.com/pixel.gif)",
    "reference-style third-party image": "![pixel][p]\n\n[p]: https://tracker.example.com/p.gif",
    "backslash link": "[x](https://good.example.com\\@evil.example.com/)",
    "credentials link": "[x](https://good.example.com@evil.example.com/)",
    "e-mail autolink": "<someone@example.com>",
    "unfinished allowed tag hiding a handler": '<img alt="<" onerror=alert(1)>',
    "quote holding >": "<img alt='a>b' onerror=alert(1)>",
    "srcset": '<img src="../media/a.png" srcset="https://evil.example/x.png 2x">',
    "bad id": '<p id="a b">x</p>',
    "processing instruction": "<?php echo 1 ?>",
}


@pytest.mark.parametrize("body", REFUSED.values(), ids=REFUSED.keys())
def test_hostile_markup_is_refused(body):
    found = [p for p in check_markup(body) if not p.warning]
    assert found, body


ACCEPTED = {
    "plain markdown": "# Title\n\nSome *text* with a [link](https://example.org/report) and `code`.",
    "relative image from the media folder": "![Map of the area](../../media/map.png)",
    "admonition": '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>',
    "heading with an id": "## Background {#background}",
    "footnote ids": '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>',
    "html shown as code": "Write `<script>` as text.\n\n```html\n<script>alert(1)</script>\n```\n",
    "comparison in prose": "Losses were a < b and c > d.",
    "braces in prose": "The set {a, b} is not an attribute list.",
    "comment marker": "<!-- archive:latest -->",
    "details": "<details><summary>More</summary>Text</details>",
    "table spans": '<table><tr><td colspan="2">x</td></tr></table>',
    "link to a page section": "[methods](../methodology/#statuses)",
}


@pytest.mark.parametrize("body", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_ordinary_markup_passes(body):
    assert check_markup(body) == []


def test_problems_are_placed_at_their_line():
    body = "First line.\n\nSecond paragraph.\n\n<script>alert(1)</script>\n\n![x](https://evil.example/p.png)\n"
    found = check_markup(body)
    assert line_of(body, [p.offset for p in found]) == [4, 6]


def test_a_mixed_script_host_is_a_warning_not_an_error():
    (problem,) = check_markup("[bank](https://pаypal.com/login)")  # Cyrillic а
    assert problem.warning and "Cyrillic" in problem.message


@pytest.mark.parametrize("unit", ["<" * 1, "<a", "[", "![", "{#", "`", "<img alt='", "](", "[x]("])
def test_the_check_is_linear_on_pathological_text(unit):
    """A 1 MiB body of one repeated opener checks in well under a second (no quadratic scans)."""
    body = unit * (1024 * 1024 // len(unit))
    started = time.process_time()
    check_markup(body)
    assert time.process_time() - started < 2.0, unit


# --------------------------------------------------------------------------------------------
# The sanitiser: what is removed, what is namespaced, what stays


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href=" &#106;avascript:alert(1)">x</a>',
        '<iframe src="https://example.org"></iframe>',
        '<object data="x.swf"></object><embed src="x.swf">',
        '<svg onload="alert(1)"></svg>',
        '<form action="javascript:alert(1)"><input></form>',
        '<div style="background:url(javascript:alert(1))">x</div>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<base href="javascript:alert(1)//">',
    ],
)
def test_sanitizer_removes_executable_content(dirty):
    clean = sanitize(dirty).lower()
    for needle in (
        "<script",
        "onerror",
        "onload",
        "javascript:",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "style=",
        "data:",
        "<meta",
        "<base",
        "<math",
    ):
        assert needle not in clean


def test_sanitizer_keeps_ordinary_formatting():
    html = (
        '<h2 id="what">What</h2><p><strong>b</strong> <em>i</em> <a href="../x/" title="t">link</a></p>'
        "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>"
    )
    clean = sanitize(html)
    assert f'<h2 id="{ID_PREFIX}what">' in clean and "<strong>b</strong>" in clean and "<table>" in clean
    assert 'href="../x/"' in clean


def test_sanitizer_drops_script_text_with_the_tag():
    assert sanitize("<p>a</p><script>var secret = 1;</script>") == "<p>a</p>"


def test_author_ids_cannot_name_the_themes_elements():
    clean = sanitize('<div id="__config">{"search": "evil.js"}</div><a href="#__config">x</a>')
    assert 'id="__config"' not in clean and f'id="{ID_PREFIX}__config"' in clean
    assert f'href="#{ID_PREFIX}__config"' in clean


def test_links_to_another_pages_section_follow_the_namespace():
    assert f'href="../methodology/#{ID_PREFIX}statuses"' in sanitize('<a href="../methodology/#statuses">m</a>')


def test_site_classes_are_dropped_and_allowed_ones_kept():
    clean = sanitize('<span class="archive-badge archive-badge--verified note">Verified</span>')
    assert "archive-badge" not in clean and 'class="note"' in clean
    assert not any(name.startswith(("archive", "md-")) for name in CLASSES)


def test_images_from_other_hosts_are_removed():
    clean = sanitize('<img src="https://tracker.example.com/p.gif" alt="p"><img src="//t.example.com/p.gif">')
    assert "tracker.example.com" not in clean and "t.example.com" not in clean


def test_external_links_get_no_referrer():
    assert 'rel="noopener noreferrer"' in sanitize('<a href="https://example.org/">x</a>')


# --------------------------------------------------------------------------------------------
# Markdown hazards: refused before Markdown sees them, at their line


@pytest.mark.parametrize(
    "body, words",
    [
        ("- " * 300 + "deep", "nested 300 deep; the limit is 20"),
        ("> " * 100 + "quoted", "nested 100 deep"),
        ("\n".join("    " * level + "- item" for level in range(40)), "the limit is 20"),
        ('<div markdown="1">\n' * 40 + "x" + "\n</div>" * 40, "nested more than 20 deep"),
        ("[" * 5000, "never closed"),
        ("[a " * 3000, "never closed"),
        ("[x](" * 3000, "never closed"),
        ("<b>" * 20001, "the limit is 20,000"),
    ],
)
def test_markdown_hazards_are_refused(body, words):
    found = check_markup(body)
    assert found and words in found[0].message, found[:1]


def test_nesting_within_the_limit_passes():
    assert check_markup("\n".join("    " * level + "- item" for level in range(10))) == []
    assert check_markup("> > > quoted three deep") == []


def test_many_closed_links_pass():
    assert check_markup("[a](../b/) " * 2000) == []


def test_a_hazard_is_placed_at_its_paragraph():
    body = "Intro.\n\nMore text.\n\n" + "[" * 5000 + "\n"
    (problem,) = check_markup(body)
    assert line_of(body, [problem.offset]) == [4]


@pytest.mark.parametrize(
    "unit, words",
    [
        ("&", "inline marks"),
        ("&#1", "inline marks"),
        ("&amp;", "inline marks"),
        ("*a* ", "inline marks"),
        ("\\*", "inline marks"),
        ("# h\n\n", "headings; the limit is 1,000"),
        ("- " * 20 + "x\n", "in nested lists or quotes"),
    ],
)
def test_text_that_would_make_markdown_slower_than_linear_is_refused(unit, words):
    """Python-Markdown's inline parser is quadratic in a paragraph's marks (a MiB of '&' took over a minute)."""
    found = check_markup(unit * (1024 * 1024 // len(unit)))
    assert found and (words in found[0].message or "; the limit is 20,000" in found[0].message)


@pytest.mark.parametrize("unit", ["& and ", "&#1 and ", "*a* and more ", "\\* and ", "_x_ and more "])
def test_a_long_paragraph_dense_with_inline_marks_is_refused_below_the_mark_limit(unit):
    body = "Intro.\n\n" + unit * (110_000 // len(unit))
    (problem,) = check_markup(body)
    assert "too many inline marks" in problem.message and line_of(body, [problem.offset]) == [2]


def test_a_long_paragraph_of_ordinary_prose_passes():
    sentence = "The governor said that *three* people were injured & two buildings damaged. "
    assert check_markup(sentence * 600) == []
