"""Adopting the project for another conflict, end to end, as an adopter would.

A wheel of the project is built and installed (with its dependencies, at the tests' pinned
versions) into a fresh virtual environment; there, ``archive init`` starts an archive of the war
in Sudan (sides ``saf`` and ``rsf``, names in English and Arabic); the adopter names entities in
Arabic and adds a place, ``archive new`` adds an article (every value given as an option), and
``archive check --strict`` and ``mkdocs build --strict`` pass with the minimal ``mkdocs.yml`` that
``init`` wrote. The built site is served under a sub-path, as GitHub Pages serves a project site,
and every page and every file a page links to or loads is fetched: none may be missing.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from .conftest import REPO

pytestmark = pytest.mark.slow

PREFIX = "/sudan-archive/"
SIDES = "saf:Sudanese Armed Forces,rsf:Rapid Support Forces"
#: Names in Arabic, as the adopter writes them into the starter gazetteer.
ARABIC = {
    "Sudanese Armed Forces": "القوات المسلحة السودانية",
    "Rapid Support Forces": "قوات الدعم السريع",
    "Sudan": "السودان",
}
EL_FASHER = """  - id: el-fasher
    names: {en: El Fasher, ar: الفاشر}
    aliases: [Al-Fashir, El Fasher town]
    type: city
    parent: sudan-example-region
    lat: 13.63
    lon: 25.35
"""


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL
    )
    assert done.returncode == 0, f"{' '.join(map(str, command))} failed:\n{done.stdout}\n{done.stderr}"
    return done


def _wheel(tmp: Path) -> Path:
    """A wheel of the project, built from a copy of its sources (the repository is left untouched)."""
    source = tmp / "source"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("archive", "plugins"):
        shutil.copytree(REPO / folder, source / folder, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(REPO / name, source / name)
    wheels = tmp / "wheels"
    # Without setuptools here, pip fetches it into an isolated build environment.
    isolation = ["--no-build-isolation"] if _has_setuptools() else []
    _run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", *isolation, "-w", wheels, source, cwd=tmp)
    (wheel,) = wheels.glob("conflict_archive-*.whl")
    return wheel


def _has_setuptools() -> bool:
    try:
        import setuptools  # noqa: F401
    except ImportError:  # pragma: no cover - the tests' environment has it
        return False
    return True


class _SubpathHandler(http.server.SimpleHTTPRequestHandler):
    """The site under :data:`PREFIX` only, as GitHub Pages serves it; anything else is a 404."""

    def log_message(self, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(PREFIX):
            return str(Path(self.directory).parent / "outside-the-subpath")
        return super().translate_path("/" + path[len(PREFIX) :])

    def list_directory(self, path: Any) -> None:
        self.send_error(404)
        return None


class _Links(HTMLParser):
    """Every URL a page links to or loads: ``a``, ``link`` (href), ``script``, ``img`` (src)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.urls.append(value)


@pytest.fixture(scope="module")
def adopted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    started = time.monotonic()
    tmp = tmp_path_factory.mktemp("adopt")
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp)
    python = venv / "bin" / "python"
    wheel = _wheel(tmp)
    constraints = REPO / "requirements" / "test-constraints.txt"
    _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", constraints, wheel, cwd=tmp)
    env = {**os.environ, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1"}
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)

    init = _run(
        venv / "bin" / "archive",
        "init",
        "sudan",
        "--name",
        "Sudan Conflict Archive",
        "--conflict",
        "the war in Sudan since April 2023",
        "--sides",
        SIDES,
        "--languages",
        "en,ar",
        "--country",
        "Sudan",
        cwd=tmp,
        env=env,
    )
    archive = tmp / "sudan"
    content = archive / "content"
    # The adopter names the entities in Arabic and adds a place.
    for name in ("countries.yml", "actors.yml"):
        path = content / "gazetteer" / name
        text = path.read_text(encoding="utf-8")
        for english, arabic in ARABIC.items():
            text = text.replace(f"{{en: {english}}}", f"{{en: {english}, ar: {arabic}}}")
        path.write_text(text, encoding="utf-8")
    with (content / "gazetteer" / "places.yml").open("a", encoding="utf-8") as places:
        places.write(EL_FASHER)

    new = _run(
        venv / "bin" / "archive",
        "new",
        "--title",
        "Rapid Support Forces claim control of El Fasher",
        "--date",
        "2024-06-01",
        "--url",
        "https://example.org/news/el-fasher",
        "--publisher",
        "Example News",
        "--archived",
        "https://web.archive.org/web/2024/https://example.org/news/el-fasher",
        "--language",
        "en",
        "--region",
        "sudan",
        "--place",
        "الفاشر",
        "--actor",
        "rsf,Sudanese Armed Forces",
        "--tag",
        "clashes",
        cwd=archive,
        env=env,
    )
    article = content / "articles" / "2024" / "2024-06-01-rapid-support-forces-claim-control-of-el-fasher.md"
    with article.open("a", encoding="utf-8") as body:
        body.write("The Rapid Support Forces said they had taken El Fasher; the army denied it.\n")
    check = _run(venv / "bin" / "archive", "check", "--strict", cwd=archive, env=env)

    site = archive / "site"
    handler = functools.partial(_SubpathHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        build = _run(venv / "bin" / "mkdocs", "build", "--strict", cwd=archive, env={**env, "SITE_URL": origin + PREFIX})
        yield {
            "archive": archive,
            "article": article,
            "site": site,
            "origin": origin,
            "outputs": {"init": init, "new": new, "check": check, "build": build},
            "seconds": time.monotonic() - started,
        }
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_init_writes_a_working_archive_with_its_workflows_and_hook(adopted):
    archive = adopted["archive"]
    for name in (
        "mkdocs.yml",
        "content/gazetteer/vocabulary.yml",
        "content/index.md",
        "content/methodology.md",
        "content/contribute.md",
        ".github/workflows/pull-request.yml",
        ".github/workflows/deploy.yml",
        ".pre-commit-config.yaml",
        "requirements.txt",
    ):
        assert (archive / name).is_file(), name
    assert "archive-check" in (archive / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    vocabulary = (archive / "content/gazetteer/vocabulary.yml").read_text(encoding="utf-8")
    assert "id: saf" in vocabulary and "id: rsf" in vocabulary and "name_languages: [en, ar]" in vocabulary


def test_archive_new_wrote_the_article_with_the_ids_of_what_was_named(adopted):
    text = adopted["article"].read_text(encoding="utf-8")
    assert "\nregions: [sudan]\n" in text and "\nplaces: [el-fasher]\n" in text
    assert "\nactors: [rsf, saf]\n" in text
    assert "ru-bel" not in text and "ru-mod" not in text  # the examples are the archive's own ids


def test_check_and_build_pass_strictly(adopted):
    assert "checked 2 articles: no problems" in adopted["outputs"]["check"].stdout


def test_the_site_shows_the_archives_sides_and_arabic_names(adopted):
    site = adopted["site"]
    actors = (site / "actors" / "index.html").read_text(encoding="utf-8")
    assert "Sudanese Armed Forces side" in actors and "Rapid Support Forces side" in actors
    methodology = (site / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "Rapid Support Forces and forces fighting on its side." in methodology
    assert "Russia" not in methodology
    rsf = (site / "actors" / "rsf" / "index.html").read_text(encoding="utf-8")
    assert ARABIC["Rapid Support Forces"] in rsf and "Arabic" in rsf


def test_the_search_finds_names_in_arabic(adopted):
    index = ""
    for path in sorted((adopted["site"] / "search").rglob("*.json")):
        index += json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
    for word in ("الفاشر", "الدعم", "السودان"):
        assert word in index, word


def test_every_page_served_under_a_sub_path_loads_with_all_it_links_to(adopted):
    site, origin = adopted["site"], adopted["origin"]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15
    queue = [origin + PREFIX + p.relative_to(site).as_posix().removesuffix("index.html") for p in pages if p.name != "404.html"]
    seen: set[str] = set()
    missing: list[str] = []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            missing.append(f"{url}: {exc.code}")
            continue
        if "html" not in kind:
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.urls:
            target = urljoin(url, link).split("#", 1)[0]
            parts = urlsplit(target)
            if f"{parts.scheme}://{parts.netloc}" == origin:
                assert parts.path.startswith(PREFIX), f"{url} links outside the sub-path: {link}"
                queue.append(target)
    assert missing == []
    assert len(seen) > len(pages)  # the assets were fetched too


def test_the_whole_adoption_takes_minutes_not_more(adopted):
    assert adopted["seconds"] < 300, f"took {adopted['seconds']:.0f} s"
