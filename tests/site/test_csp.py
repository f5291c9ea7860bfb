"""The Content-Security-Policy of every page (plugins/csp.py): the functions, then real builds.

The built sites are read with :mod:`html.parser`, a reader independent of the module's own
scan: every page holds exactly one policy, before anything it governs, and its hashes are
exactly those of the page's inline JavaScript.
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitebuild import REPO, copy_fixture, page, write_config

from plugins.csp import DIRECTIVES, add_policy, inline_scripts, meta_tag, policy_for, script_hash

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
#: Material's inline scripts (partials/javascripts/base.html, palette.html, content.html), by how
#: they start. A new inline script must be reviewed before it is trusted with a hash.
THEME_SCRIPTS = (
    '__md_scope=new URL(SCOPE,location),__md_hash=',
    'var palette=__md_get("__palette");',
    'var target=document.getElementById(location.hash.slice(1));',
)
#: What the bypass build appends to every page body, as if the sanitiser had let it through.
INJECTED = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned2=1">'


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    parts = [part.split() for part in policy.split(";")]
    return {words[0]: words[1:] for words in parts if words}


def hashes(policy: str) -> set[str]:
    return {source for source in directives(policy)["script-src"] if source.startswith("'sha256-")}


PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>T</title>
    <script>var a=1</script>
    <script id="__config" type="application/json">{"base": "."}</script>
    <script src="assets/x.js"></script>
  </head>
  <body>
    <script type="module">import "./m.js"</script>
    <script type="text/template"><b>not code</b></script>
    <script type="text/javascript">var b=2</script>
  </body>
</html>
"""


# The functions.

def test_only_inline_javascript_is_hashed():
    assert inline_scripts(PAGE) == ["var a=1", 'import "./m.js"', "var b=2"]
    assert hashes(policy_for(PAGE)) == {sha("var a=1"), sha('import "./m.js"'), sha("var b=2")}


@pytest.mark.parametrize("tag, runs", [
    ("<script>", True), ("<script type=''>", True), ("<script type=' Text/JavaScript '>", True),
    ("<script type=module>", True), ("<script language=javascript>", True), ("<script language=vbscript>", False),
    ("<script type='text/javascript; charset=utf-8'>", False), ("<script type=importmap>", False),
    ("<script type='application/ld+json'>", False), ("<script src=x.js>", False), ("<script/src='x.js'>", False),
    ("<script data-x='a>b' type=\"module\">", True), ("<script\ntype=text/plain>", False),
])
def test_which_scripts_run(tag, runs):
    assert inline_scripts(f"<head>{tag}go()</script></head>") == (["go()"] if runs else [])


def test_the_hash_is_of_the_text_as_the_browser_reads_it():
    assert script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"  # MDN's example
    assert inline_scripts("<script>a\r\nb\rc\0</script>") == ["a\nb\nc\ufffd"]
    assert inline_scripts("<script>if (a</b) x='</scripts>'</SCRIPT >") == ["if (a</b) x='</scripts>'"]
    assert inline_scripts("<script>é &amp; ü</script>") == ["é &amp; ü"]  # no character references in scripts
    assert script_hash("é") == sha("é")


def test_what_is_not_read_as_a_script_gets_no_hash():
    assert inline_scripts("<SCRIPT>a()</SCRIPT><scripts>b()</scripts><script-x>c()</script-x>") == []
    assert inline_scripts("<script><!--<script>d()</script>-->e()</script>") == []  # the browser reads it otherwise
    assert inline_scripts("<script>x()</script><script>never closed") == ["x()"]  # the browser does not run it
    assert inline_scripts("<script type='module") == []


def test_a_script_in_an_untrusted_block_gets_no_hash():
    body = '<p>text</p><script>steal()</script><img src=x onerror="steal()">'
    html = PAGE.replace("<body>", "<body>" + body)
    assert "steal()" in inline_scripts(html)
    assert "steal()" not in inline_scripts(html, untrusted=[body])
    assert inline_scripts(html, untrusted=[body]) == inline_scripts(PAGE)
    assert sha("steal()") not in policy_for(html, untrusted=[body])


def test_an_untrusted_block_that_opens_a_script_the_template_closes():
    for body, rest in (("<p>x</p><script>", "steal()"), ("<p>x</p><scr", "ipt>steal()")):
        html = f"<head><script>ok()</script></head><body>{body}{rest}</script><script>ok()</script></body>"
        assert "steal()" in inline_scripts(html)
        assert inline_scripts(html, untrusted=[body]) == ["ok()", "ok()"], body


def test_every_copy_of_an_untrusted_block_is_skipped():
    body = "<script>steal()</script>"
    assert inline_scripts(f"<script>ok()</script>{body}<p>{body}", untrusted=[body]) == ["ok()"]


def test_an_untrusted_block_with_a_script_must_be_in_the_page():
    with pytest.raises(ValueError):
        policy_for(PAGE, untrusted=["<script>elsewhere()</script>"])
    # A block without '<script' needs no finding: no script of it can be hashed.
    assert policy_for(PAGE, untrusted=["<p>changed by another plugin</p>"]) == policy_for(PAGE)


def test_the_meta_comes_first_in_head_after_the_charset():
    out = add_policy(PAGE)
    head = out.split("<head>", 1)[1]
    assert head.startswith('\n    <meta charset="utf-8">' + meta_tag(policy_for(PAGE)))
    assert out.replace(meta_tag(policy_for(PAGE)), "") == PAGE
    assert out.count("Content-Security-Policy") == 1


def test_without_a_charset_the_meta_is_the_first_thing_in_head():
    html = "<!doctype html><html><HEAD data-x='1'>\n<title>T</title><script>x()</script></head><body></body></html>"
    out = add_policy(html)
    assert out.startswith("<!doctype html><html><HEAD data-x='1'>" + meta_tag(policy_for(html)) + "\n<title>")


def test_a_document_without_head_is_unchanged():
    for html in ("", "<p>fragment</p>", "<header><script>x()</script></header>", "<head", "<html><body>x</body></html>"):
        assert add_policy(html) == html


def test_the_policy_is_deterministic_and_strict():
    html = PAGE + "<script>var a=1</script><script>z()</script><script>a()</script>"
    first = policy_for(html)
    assert first == policy_for(html) and add_policy(html) == add_policy(html)
    found = directives(first)
    sources = found["script-src"]
    assert sources[0] == "'self'" and sources[1:] == sorted(sources[1:]) and len(sources) == len(set(sources))
    assert list(found) == [name for name, _ in DIRECTIVES]
    assert found["default-src"] == ["'none'"] and found["object-src"] == ["'none'"] and found["base-uri"] == ["'none'"]
    assert found["style-src"] == ["'self'"] and found["img-src"] == ["'self'", "data:"]
    assert "unsafe" not in first and "*" not in first
    assert not {"frame-ancestors", "report-uri", "report-to", "sandbox"} & set(found)  # ignored in a <meta>
    assert '"' not in first and "&" not in first and "<" not in first


# The built sites.

class _Reader(HTMLParser):
    """Every element's start tag in order, each script's attributes and text, and where <head> starts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.styled: list[str] = []
        self._script: tuple[dict[str, str], list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        named = {name: value or "" for name, value in attrs}
        self.tags.append((tag, named))
        if "style" in named or tag == "style" or any(name.startswith("on") for name in named):
            self.styled.append(self.get_starttag_text())
        if tag == "script":
            self._script = (named, [])

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None


def read(path: Path) -> _Reader:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader


def is_javascript(attrs: dict[str, str]) -> bool:
    return "src" not in attrs and attrs.get("type", "").strip().lower() in ("", "module", "text/javascript")


def policies(reader: _Reader) -> list[str]:
    return [attrs.get("content", "") for tag, attrs in reader.tags
            if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy"]


def check_page(path: Path) -> list[str]:
    """What is wrong with the policy of one built page."""
    reader = read(path)
    found = policies(reader)
    if len(found) != 1:
        return [f"{path}: {len(found)} policies"]
    names = [tag for tag, _ in reader.tags]
    head = names.index("head")
    first, second = reader.tags[head + 1], reader.tags[head + 2]
    problems = []
    if not (first[0] == "meta" and "http-equiv" in first[1]) and not (
            first[0] == "meta" and "charset" in first[1] and second[0] == "meta" and "http-equiv" in second[1]):
        problems.append(f"{path}: the policy is not the first element of <head> (after <meta charset>)")
    expected = {sha(text) for attrs, text in reader.scripts if is_javascript(attrs)}
    if hashes(found[0]) != expected:
        problems.append(f"{path}: hashes {sorted(hashes(found[0]))} for scripts {sorted(expected)}")
    if found[0] != policy_for(path.read_text(encoding="utf-8")):
        problems.append(f"{path}: the policy is not policy_for(page)")
    return problems


@pytest.fixture(scope="module")
def sample_site(sample_build) -> Path:
    site, result = sample_build
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_every_page_of_the_sample_has_one_policy_with_the_hash_of_each_inline_script(sample_site):
    pages = sorted(sample_site.rglob("*.html"))
    assert len(pages) > 100 and sample_site / "404.html" in pages and sample_site / "search" / "index.html" in pages
    problems = [problem for path in pages for problem in check_page(path)]
    assert problems == []


def test_the_policy_comes_before_anything_it_governs(sample_site):
    for path in (sample_site / "index.html", sample_site / "404.html", sample_site / "search" / "index.html"):
        html = path.read_text(encoding="utf-8")
        before = html[:html.index('<meta http-equiv="Content-Security-Policy"')]
        assert re.sub(r"\s+", " ", before).strip() == '<!doctype html> <html lang="en" class="no-js"> <head> <meta charset="utf-8">'
        assert len(before.encode()) < 1024  # the charset declaration stays where browsers look for it


def test_the_sitemap_is_untouched(sample_site):
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.startswith("<?xml") and "Content-Security-Policy" not in sitemap


def test_only_the_themes_known_scripts_are_hashed_and_nothing_needs_unsafe_inline(sample_site):
    texts, styled = set(), []
    for path in sorted(sample_site.rglob("*.html")):
        reader = read(path)
        texts |= {re.sub(r'new URL\("[^"]*",location\)', "new URL(SCOPE,location)", text)
                  for attrs, text in reader.scripts if is_javascript(attrs)}
        styled += [f"{path}: {tag}" for tag in reader.styled]
    assert len(texts) == len(THEME_SCRIPTS) and all(text.startswith(THEME_SCRIPTS) for text in texts), texts
    assert styled == []  # no <style>, style= or on...= anywhere: style-src 'self' needs no hash either


def _hashes_of(site: Path) -> set[str]:
    return {h for path in site.rglob("*.html") for policy in policies(read(path)) for h in hashes(policy)}


def test_hostile_front_matter_adds_no_hash(fixture_site, tmp_path):
    """Every field of the hostile article holds markup; the pages showing it get no hash the clean site lacks."""
    docs = copy_fixture(tmp_path / "docs")
    for article in HOSTILE.glob("*.md"):
        head, _, _ = article.read_text(encoding="utf-8").partition("\n---\n")
        (docs / "articles" / article.name[:4] / article.name).write_text(head + "\n---\n\nA plain body.\n", encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(write_config(docs, site, tmp_path))],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    article = page(site, "articles/2024/2024-03-15-hostile-markup-everywhere/")
    assert "&lt;script&gt;" in article.read_text(encoding="utf-8")  # the markup is there, as text
    assert check_page(article) == []
    assert _hashes_of(site) == _hashes_of(fixture_site)


#: Runs `mkdocs build` with the archive plugin's page bodies followed by INJECTED, as if the
#: sanitiser had let it through: what the policy must block, not hash.
BYPASS = f"""
import sys
from plugins.site import ArchivePlugin
original = ArchivePlugin.on_page_content
ArchivePlugin.on_page_content = lambda self, html, **kw: original(self, html, **kw) + {INJECTED!r}
from mkdocs.__main__ import cli
cli(prog_name="mkdocs")
"""


@pytest.fixture(scope="module")
def bypass_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("csp-bypass")
    docs = copy_fixture(tmp / "docs")
    site = tmp / "site"
    result = subprocess.run([sys.executable, "-c", BYPASS, "build", "-q", "-f", str(write_config(docs, site, tmp))],
                            cwd=tmp, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return site


def test_a_script_that_slipped_into_a_body_gets_no_hash(bypass_site, fixture_site):
    pages = sorted(bypass_site.rglob("*.html"))
    with_injection = [path for path in pages if INJECTED in path.read_text(encoding="utf-8")]
    assert len(with_injection) == len(pages) - 1  # all but 404.html, which has no body from the archive
    for path in with_injection:
        policy = policies(read(path))[0]
        assert sha("window.__pwned=1") not in hashes(policy), path
        assert policy == policy_for(path.read_text(encoding="utf-8").replace(INJECTED, "")), path
    assert _hashes_of(bypass_site) == _hashes_of(fixture_site)



def test_the_live_preview_goes_without_the_policy():
    """``mkdocs serve`` injects a live-reload script that changes per request: no hash could allow it."""
    from types import SimpleNamespace

    from plugins.site import ArchivePlugin

    page = SimpleNamespace(content="<p>x</p>", file=SimpleNamespace(src_uri="index.md"))
    html = "<!doctype html><html><head><title>t</title></head><body><p>x</p></body></html>"
    serving, building = ArchivePlugin(), ArchivePlugin()
    serving.on_startup(command="serve", dirty=False)
    building.on_startup(command="build", dirty=False)
    assert serving.on_post_page(html, page=page, config=None) == html
    assert "Content-Security-Policy" in building.on_post_page(html, page=page, config=None)
