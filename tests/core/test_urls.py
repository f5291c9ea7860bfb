"""The URL checker: what browsers would read differently is refused, and the host is the one visited.

Each table row is one behaviour: the URL, and the host a WHATWG parser visits (accepted) or a
words of the reason (refused). The rules are in ``archive/format/urls.py``'s docstring.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from archive.format.urls import MAX_URL_LENGTH, UrlVerdict, _check, check_link, check_web_url
from archive.read.loader import load_archive

from .helpers import article_text, write_article

# -- accepted ------------------------------------------------------------------------------------

ACCEPTED = [
    ("https://www.bbc.co.uk/news/world-europe-68543213", "www.bbc.co.uk"),
    ("http://example.com", "example.com"),
    ("https://example.com/a?b=1&c=2#d", "example.com"),
    ("HTTPS://EXAMPLE.COM/Path", "example.com"),  # scheme and host are case-insensitive
    ("hTtP://Example.Com", "example.com"),
    ("https://example.com:8080/x", "example.com"),  # the port is not part of the host
    ("https://example.com:0443/x", "example.com"),  # leading zeros: still port 443
    ("https://web.archive.org/web/2024/https://x.org/a", "web.archive.org"),  # a URL in the path
    ("https://mastodon.social/@user", "mastodon.social"),  # '@' after the host is a path
    ("https://a_b.blogspot.com/", "a_b.blogspot.com"),  # underscores occur in real subdomains
    ("https://example.com/a%20b", "example.com"),  # percent-encoding in a path is fine
    ("https://example.com/шлях", "example.com"),  # non-ASCII in a path: browsers encode it
    ("https://київ.укр/шлях", "xn--b1alf1j.xn--j1amh"),  # a wholly Cyrillic host
    ("https://КИЇВ.укр", "xn--b1alf1j.xn--j1amh"),  # uppercase is lowered, as browsers do
    ("https://пример.рф", "xn--e1afmkfd.xn--p1ai"),
    ("https://xn--e1afmkfd.xn--p1ai", "xn--e1afmkfd.xn--p1ai"),  # the same host in ASCII
    ("https://日本語.jp", "xn--wgv71a119e.jp"),
    ("https://例え.jp", "xn--r8jz45g.jp"),  # Han and Hiragana are written together
    ("https://ελληνικά.gr", "xn--hxargifdar.gr"),
    ("https://مثال.com", "xn--mgbh0fb.com"),
    ("https://faß.de", "xn--fa-hia.de"),  # browsers keep ß (UTS #46 non-transitional), not 'fass.de'
]


@pytest.mark.parametrize(("url", "host"), ACCEPTED)
def test_accepted_urls_name_the_host_the_browser_visits(url: str, host: str) -> None:
    assert check_web_url(url) == UrlVerdict(host=host)


@pytest.mark.parametrize(("url", "host"), ACCEPTED)
def test_absolute_links_in_a_body_follow_the_same_rules(url: str, host: str) -> None:
    assert check_link(url) == UrlVerdict(host=host)


def test_a_verdict_with_a_warning_is_still_ok() -> None:
    assert UrlVerdict(warning="w").ok and not UrlVerdict(error="e").ok


# -- refused ------------------------------------------------------------------------------------

REFUSED = [
    # backslashes: browsers read '\' as '/' in http(s) URLs
    ("https://evil.com\\@good.com", "cannot contain a backslash (browsers read it as '/')"),
    ("https:/\\evil.com", "cannot contain a backslash"),
    ("https://good.com\\path", "cannot contain a backslash"),
    # credentials: the host is what follows the last '@'
    ("https://good.com@evil.com", "user name or password before '@' (browsers would visit 'evil.com')"),
    ("https://user:pass@example.com/", "user name or password"),
    ("https://@example.com", "user name or password"),
    ("https://a@b@evil.com/x", "(browsers would visit 'evil.com')"),
    # whitespace and controls, which browsers silently drop or encode
    ("https://example.com/a b", "cannot contain spaces"),
    (" https://example.com", "cannot start or end with spaces"),
    ("https://example.com ", "cannot start or end with spaces"),
    ("https://example.com\n", "cannot start or end with spaces or line breaks"),
    ("https://exa\tmple.com", "tab or line break (U+0009 tab)"),
    ("https://example.com/\na", "tab or line break (U+000A line feed)"),
    ("https://example.com/\ra", "U+000D carriage return"),
    ("https://example.com/\x85a", "U+0085 next line"),
    ("https://example.com/\u2028a", "U+2028 LINE SEPARATOR"),
    ("https://example.com/\x00", "control characters (U+0000 null)"),
    ("https://example.com/\x1b[31m", "control characters (U+001B"),
    ("https://example.com/\x7f", "control characters (U+007F"),
    ("https://example.com/\x9b", "control characters (U+009B"),
    ("https://example.com/\u00a0a", "spaces (U+00A0 NO-BREAK SPACE"),
    ("https://example.com/\u3000a", "spaces (U+3000 IDEOGRAPHIC SPACE"),
    # invisible characters: zero-width and bidi controls
    ("https://exa\u200bmple.com", "invisible characters (U+200B ZERO WIDTH SPACE)"),
    ("https://exa\u200dmple.com", "invisible characters (U+200D ZERO WIDTH JOINER)"),
    ("https://example.com/\u202egnp.exe", "invisible characters (U+202E RIGHT-TO-LEFT OVERRIDE)"),
    ("https://example.com/\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\ufeffhttps://example.com", "invisible characters (U+FEFF"),
    ("https://example.com/\udc80", "U+DC80, which is not a character"),
    # schemes
    ("javascript:alert(1)", "is not an http(s) link (javascript)"),
    ("JaVaScRiPt:alert(1)", "is not an http(s) link (javascript)"),
    ("java\tscript:alert(1)", "tab or line break"),
    ("java\nscript:alert(1)", "tab or line break"),
    ("data:text/html,<script>alert(1)</script>", "is not an http(s) link (data)"),
    ("vbscript:msgbox(1)", "is not an http(s) link (vbscript)"),
    ("file:///etc/passwd", "is not an http(s) link (file)"),
    ("mailto:a@example.com", "is not an http(s) link (mailto)"),
    ("ftp://example.com/", "is not an http(s) link (ftp)"),
    ("httpx://example.com/", "is not an http(s) link (httpx)"),
    ("//example.com/", "is not an http(s) link (no scheme)"),
    ("example.com", "is not an http(s) link (no scheme)"),
    # slashes: WHATWG guesses; other parsers do not
    ("http:example.com", "needs two slashes after 'http:'"),
    ("https:/example.com", "needs two slashes after 'https:'"),
    ("https:///example.com", "more than two slashes"),
    # hosts that are not public domain names
    ("https://", "has no host"),
    ("https:///", "more than two slashes"),
    ("https://:443/", "has no host"),
    ("https://?x", "has no host"),
    ("http://localhost", "the host 'localhost' has no dot"),
    ("http://localhost:8000/", "has no dot"),
    ("http://intranet/wiki", "the host 'intranet' has no dot"),
    ("https://.example.com", "has an empty label"),
    ("https://example..com", "has an empty label"),
    ("https://ex%61mple.com", "contains percent-encoded characters"),
    ("https://example%2ecom", "contains percent-encoded characters"),
    ("https://ex!ample.com", "contains '!', which cannot be in a domain name"),
    ("https://ex<ample.com", "contains '<'"),
    ("https://ex|ample.com", "contains '|'"),
    ("https://ex^ample.com", "contains '^'"),
    ("https://ex]ample.com", "contains ']'"),
    ("https://evil.com⁄good.com", "U+2044 FRACTION SLASH, which is not a letter or digit"),
    ("https://xn--abc-.com", "not valid punycode"),
    ("https://xn--zz.com", "not valid punycode"),
    ("https://" + "a" * 64 + ".com", "longer than 63 characters"),
    ("https://" + "a." * 127 + "com", "the limit is 253"),
    # IP addresses, in every form WHATWG reads as one
    ("http://1.2.3.4", "the host '1.2.3.4' is an IP address: link the site's domain name"),
    ("http://127.0.0.1:8000/", "is an IP address"),
    ("http://0x7f000001", "is an IP address"),
    ("http://2130706433", "is an IP address"),
    ("http://0x7f.1", "is an IP address"),
    ("http://0177.0.0.1", "is an IP address"),
    ("http://1.2.3.4.", "is an IP address"),
    ("http://example.123", "ends in a number, which browsers read as an IP address"),
    ("http://example.0x", "ends in a number"),
    ("http://[::1]/", "the host '[::1]' is an IPv6 address: link the site's domain name"),
    ("http://[2001:db8::1]:80/", "is an IPv6 address"),
    # ports
    ("https://example.com:99999", "the port 99999 is out of range (1 to 65535)"),
    ("https://example.com:0", "out of range"),
    ("https://example.com:" + "9" * 1500, "out of range"),
    ("https://example.com:http", "the port 'http' is not a number"),
    ("https://example.com:８０", "is not a number"),  # full-width digits
    ("https://example.com:-1", "is not a number"),
    ("https://example.com:/x", "':' after the host without a port number"),
    # length, and nothing at all
    ("https://example.com/" + "a" * MAX_URL_LENGTH, "the limit is 2,000"),
    ("", "cannot be empty"),
]


@pytest.mark.parametrize(("url", "reason"), REFUSED)
def test_refused_urls_say_why(url: str, reason: str) -> None:
    verdict = check_web_url(url)
    assert not verdict.ok and reason in verdict.error


@pytest.mark.parametrize(("url", "reason"), [r for r in REFUSED if not r[0].startswith("//") and r[0] != "example.com"])
def test_absolute_links_in_a_body_are_refused_for_the_same_reasons(url: str, reason: str) -> None:
    verdict = check_link(url)
    assert not verdict.ok and reason in verdict.error


def test_credentials_refused_name_the_host_the_browser_would_visit() -> None:
    assert check_web_url("https://www.bbc.co.uk@evil.example/news").host == "evil.example"


def test_a_trailing_dot_is_refused_and_the_host_keeps_it_as_browsers_do() -> None:
    verdict = check_web_url("https://EXAMPLE.com./news")
    assert verdict.error == (
        "the host 'EXAMPLE.com.' ends with a dot (browsers visit 'example.com.', another site to them): write 'EXAMPLE.com'"
    )
    assert verdict.host == "example.com."


@pytest.mark.parametrize("url", ["https://ｅｘａｍｐｌｅ.com", "https://example。com", "https://ＥＸＡＭＰＬＥ．ＣＯＭ/x"])
def test_full_width_hosts_are_refused_naming_the_host_browsers_would_visit(url: str) -> None:
    verdict = check_web_url(url)
    assert "look-alike characters that browsers read as 'example.com': write 'example.com'" in verdict.error
    assert verdict.host == "example.com"


def test_a_full_width_slash_in_a_host_shows_where_the_browser_would_go() -> None:
    verdict = check_web_url("https://evil.com／good.com")
    assert "browsers read as 'evil.com/good.com'" in verdict.error


@pytest.mark.parametrize("url", ["https://ﬁle.example.com", "https://ex²mple.com", "https://xn--le-1b1n.com"])
def test_compatibility_characters_are_refused_in_any_label(url: str) -> None:
    assert "look-alike" in check_web_url(url).error  # the last is 'ﬁle' in punycode


def test_a_punycode_label_must_be_what_browsers_would_write() -> None:
    assert "not valid punycode" in check_web_url("https://xn--abc-.com").error  # decodes to plain 'abc'
    assert not check_web_url("https://xn--80ak6aa92e-.com").ok


def test_a_capital_sigma_is_lowered_as_browsers_do_not_as_python_does() -> None:
    # 'ΟΔΟΣ'.lower() is 'οδος' (final ς, by context); browsers map every Σ to σ.
    assert check_web_url("https://ΟΔΟΣ.gr").host == check_web_url("https://οδοσ.gr").host == "xn--pxavbq.gr"
    assert check_web_url("https://οδος.gr").host == "xn--pxavbm.gr"  # a written ς is kept


def test_a_capital_whose_folding_is_not_its_lowercase_is_refused() -> None:
    assert "'ẞ' U+1E9E LATIN CAPITAL LETTER SHARP S" in check_web_url("https://STRAẞE.de").error  # browsers: 'strasse'


def test_labels_that_browsers_decline_are_refused_not_guessed() -> None:
    assert "combining mark" in check_web_url("https://\u0301abc.com").error
    assert "not a valid international domain name" in check_web_url("https://שלום1.co.il").error


# -- warnings -----------------------------------------------------------------------------------


def test_a_host_mixing_latin_and_cyrillic_is_a_warning_naming_the_letters() -> None:
    assert check_web_url("https://pаypal.com/login") == UrlVerdict(
        warning="the host 'pаypal.com' mixes Latin and Cyrillic letters (а U+0430)", host="xn--pypal-4ve.com"
    )


def test_a_mixed_host_written_in_punycode_is_decoded_before_the_warning() -> None:
    assert check_web_url("https://xn--pypal-4ve.com") == UrlVerdict(
        warning="the host 'pаypal.com' (written 'xn--pypal-4ve.com') mixes Latin and Cyrillic letters (а U+0430)",
        host="xn--pypal-4ve.com",
    )


def test_a_host_mixing_latin_and_greek_is_a_warning() -> None:
    verdict = check_web_url("https://gοοgle.com")
    assert verdict.ok and verdict.warning == "the host 'gοοgle.com' mixes Latin and Greek letters (ο U+03BF)"


def test_three_scripts_are_all_named() -> None:
    warning = check_web_url("https://aаα.com").warning
    assert "mixes Latin, Cyrillic and Greek letters (а U+0430, α U+03B1)" in warning


def test_a_cyrillic_label_that_spells_a_latin_word_under_a_latin_domain_is_a_warning() -> None:
    verdict = check_web_url("https://аррӏе.com")
    assert verdict.ok and verdict.host == "xn--80ak6aa92e.com"
    assert "written in Cyrillic letters that look like Latin ones" in verdict.warning
    assert "readers will take 'аррӏе' for 'apple'" in verdict.warning


@pytest.mark.parametrize(
    "url",
    [
        "https://пример.рф",
        "https://пример.com",
        "https://київ.укр",
        "https://例え.jp",
        "https://abc日本.jp",
        "https://ελληνικά.gr",
        "https://bücher.de",
    ],
)
def test_one_script_per_label_or_a_customary_mix_is_no_warning(url: str) -> None:
    assert check_web_url(url).warning == ""


# -- relative links -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "../media/a.png",
        "#section",
        "?q=1",
        "/articles/2024/",
        "a.png",
        "foo/bar:baz",
        "./a:b",
        "/x//y",
        "/@user",
        "#a:b",
        "?next=https://x.org",
    ],
)
def test_relative_links_that_stay_on_the_site_are_accepted(url: str) -> None:
    assert check_link(url) == UrlVerdict()


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("//evil.com/x.png", "starts with '//', which leaves this site for the host 'evil.com'"),
        ("//", "leaves this site"),
        ("/\\evil.com", "cannot contain a backslash"),
        ("\\\\evil.com", "cannot contain a backslash"),
        ("javascript:alert(1)", "is not an http(s) link (javascript)"),
        ("JaVaScRiPt:alert(1)", "is not an http(s) link (javascript)"),
        (" javascript:alert(1)", "cannot start or end with spaces"),
        ("java\tscript:alert(1)", "tab or line break"),
        ("data:image/png;base64,AAAA", "is not an http(s) link (data)"),
        ("mailto:a@example.com", "is not an http(s) link (mailto)"),
        ("a:b", "is not an http(s) link (a)"),
        ("1a:b", "has a ':' before its first '/'"),
        (":x", "has a ':' before its first '/'"),
        ("../a b.png", "cannot contain spaces"),
        ("", "cannot be empty"),
    ],
)
def test_relative_links_that_leave_the_site_or_hide_a_scheme_are_refused(url: str, reason: str) -> None:
    verdict = check_link(url)
    assert not verdict.ok and reason in verdict.error


def test_relative_links_are_not_web_urls() -> None:
    assert "(no scheme)" in check_web_url("../media/a.png").error


# -- linear time --------------------------------------------------------------------------------

MIB = 1024 * 1024
ADVERSARIAL = {
    "labels": "https://" + "a." * (MIB // 2),
    "at signs": "https://" + "@" * MIB,
    "colons": ":" * MIB,
    "slashes": "/" * MIB,
    "percent": "https://" + "%" * MIB,
    "digits": "http://" + "1" * MIB,
    "port": "https://a.com:" + "1" * MIB,
    "punycode labels": "https://" + "xn--pypal-4ve." * (MIB // 14) + "com",
    "full-width": "https://" + "ａ" * MIB,
    "mixed labels": "https://" + "pаypal." * (MIB // 7) + "com",
    "one long label": "https://" + "日" * MIB + ".jp",
    "controls": "https://a.com/" + "\x85" * MIB,
    "spaces": "a" + " " * MIB + "a",
    "bidi": "https://a.com/" + "\u202e" * MIB,
    "private use": "https://a.com/" + "\ue000" * MIB,
    "scheme": "a" * MIB + ":",
    "brackets": "https://" + "[" * MIB,
    "hex": "http://0x" + "f" * MIB,
    "dots": "https://" + "." * MIB,
    "path": "https://a.com/" + "a/" * (MIB // 2),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_a_1_mib_adversarial_url_is_checked_fast_even_without_the_length_limit(name: str) -> None:
    url = ADVERSARIAL[name]
    started = time.process_time()
    for relative in (False, True):
        _check(url, relative=relative, max_length=None)
    assert time.process_time() - started < 2.0, name


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_a_1_mib_url_is_refused_at_once_for_its_length(name: str) -> None:
    started = time.process_time()
    assert "the limit is 2,000" in check_web_url(ADVERSARIAL[name]).error
    assert "the limit is 2,000" in check_link(ADVERSARIAL[name]).error
    assert time.process_time() - started < 0.1


# -- in articles --------------------------------------------------------------------------------


def problems(content: Path) -> list[tuple[str, int, int, str, str]]:
    archive = load_archive(content, today=date(2026, 1, 1))
    return [(p.severity.value, p.line, p.column, p.field, p.message) for p in archive.log.sorted()]


def only_file(sample_copy: Path) -> Path:
    for path in (sample_copy / "articles").rglob("*.md"):
        path.unlink()
    return sample_copy


def sources(url: str) -> str:
    return f"sources:\n  - publisher: BBC News\n    url: {url}\n    archived: https://web.archive.org/web/2024/x\n"


def test_a_refused_source_url_is_an_error_at_its_line_and_field(sample_copy: Path) -> None:
    write_article(only_file(sample_copy), article_text(sources=sources("https://www.bbc.co.uk@evil.example/news")))
    assert problems(sample_copy) == [
        (
            "error",
            8,
            10,
            "sources[0].url",
            "a URL cannot contain a user name or password before '@' (browsers would visit 'evil.example')",
        ),
    ]


def test_a_quoted_url_with_spaces_around_it_is_refused(sample_copy: Path) -> None:
    write_article(only_file(sample_copy), article_text(sources=sources("' https://www.bbc.co.uk/news/x '")))
    assert problems(sample_copy) == [
        ("error", 8, 10, "sources[0].url", "a URL cannot start or end with spaces or line breaks"),
    ]


def test_a_mixed_script_host_is_a_warning_on_the_field_and_the_article_is_kept(sample_copy: Path) -> None:
    write_article(only_file(sample_copy), article_text(sources=sources("https://www.bbс.co.uk/news/x")))
    archive = load_archive(sample_copy, today=date(2026, 1, 1))
    assert [(p.severity.value, p.line, p.field, p.message) for p in archive.log.sorted()] == [
        ("warning", 8, "sources[0].url", "the host 'www.bbс.co.uk' mixes Latin and Cyrillic letters (с U+0441)"),
    ]
    assert [a.sources[0].url for a in archive.articles] == ["https://www.bbс.co.uk/news/x"]
