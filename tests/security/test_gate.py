"""The gate: only known kinds of files, no links, and what the check accepts is what the build publishes.

Each case adds one hostile file to a copy of the fixture archive. ``archive check`` must refuse
it, naming the file; one real ``mkdocs build --strict`` over all the cases at once must fail
with every one of them named and publish none of them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from sitebuild import FIXTURE, build_fixture, copy_fixture, mkdocs_build, write_config

from archive.cli.main import main

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def _link(target: str) -> Callable[[Path], None]:
    return lambda path: (path.parent.mkdir(parents=True, exist_ok=True), os.symlink(target, path))


#: name → (path inside the archive, how to make it, a word the message must hold)
CASES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "html page": ("evil.html", lambda p: _write(p, "<script>alert(1)</script>"), "Markdown"),
    "svg image": ("media/logo.svg", lambda p: _write(p, "<svg onload='alert(1)'/>"), "SVG"),
    "svg beside the pages": ("logo.svg", lambda p: _write(p, "<svg onload='alert(1)'/>"), "SVG"),
    "javascript": ("extra.js", lambda p: _write(p, "alert(1)"), "scripts"),
    "stylesheet": ("extra.css", lambda p: _write(p, "body{}"), "styles"),
    "json data": ("data.json", lambda p: _write(p, "{}"), "data files"),
    "markdown under another extension": ("notes.markdown", lambda p: _write(p, "<script>alert(1)</script>"), ".md"),
    "mkd extension": ("notes.mkd", lambda p: _write(p, "# x"), ".md"),
    "hidden file": (".htaccess", lambda p: _write(p, "Redirect / https://evil.example/"), "hidden"),
    "hidden folder": (".well-known/security.txt", lambda p: _write(p, "x"), "hidden"),
    "html posing as a png": ("media/photo.png", lambda p: _write(p, "<html><script>alert(1)</script>"), "does not start like"),
    "media of an unknown kind": ("media/clip.mp4", lambda p: _write(p, b"\0\0\0 ftypmp42"), "not a kind of media"),
    "too large a picture": ("media/huge.png", lambda p: _write(p, PNG + b"\0" * (10 * 1024 * 1024)), "limit"),
    "a non-article file among articles": ("articles/2024/notes.txt", lambda p: _write(p, "x"), "articles"),
    "link to the environment": ("env.md", _link("/proc/self/environ"), "symbolic link"),
    "link to a secret as media": ("media/key.png", _link("/etc/shadow"), "symbolic link"),
    "link as an article": ("articles/2024/2024-05-01-linked.md", _link("/etc/passwd"), "symbolic link"),
    "linked folder": ("articles/2025", _link("/etc"), "symbolic link"),
    "dangling link": ("gone.md", _link("/nonexistent/file.md"), "symbolic link"),
    "link inside the gazetteer": ("gazetteer/more.yml", _link("/etc/hostname"), "symbolic link"),
    "editorial page with a script": ("about.md", lambda p: _write(p, "# About\n\n<script>alert(1)</script>\n"), "<script>"),
    "editorial page choosing a template": (
        "about.md",
        lambda p: _write(p, "---\ntemplate: 404.html\n---\n# About\n"),
        "template",
    ),
    "editorial page with multimarkdown fields": ("about.md", lambda p: _write(p, "Template: 404.html\n\n# About\n"), "field"),
    "editorial page with a third-party image": (
        "about.md",
        lambda p: _write(p, "# About\n\n![x](https://t.example.com/p.gif)\n"),
        "another site",
    ),
}


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_fixture(tmp_path / "docs")


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.output


def test_the_fixture_archive_passes_the_gate(archive):
    code, output = check("docs")
    assert code == 0, output


@pytest.mark.parametrize("name", CASES)
def test_the_check_refuses_each_hostile_file(archive, name):
    relative, make, word = CASES[name]
    make(archive / relative)
    code, output = check("docs")
    assert code == 1, output
    lines = [line for line in output.splitlines() if line.startswith(tuple(f"docs/{p}:" for p in _prefixes(relative)))]
    assert lines and any(word in line for line in lines), output


def _prefixes(relative: str) -> list[str]:
    """The path and its folders: a hidden folder is refused as a whole, at its own path."""
    parts = relative.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


@pytest.mark.parametrize("name", ["link to the environment", "link as an article", "html posing as a png", "html page"])
def test_checking_a_branch_applies_the_same_gate(archive, name, tmp_path):
    """``--changed-since``: what a branch adds (links included) meets the same gate."""
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    git("checkout", "-q", "-b", "branch")
    relative, make, word = CASES[name]
    make(archive / relative)
    git("add", "-A")
    git("commit", "-q", "-m", "hostile")
    code, output = check("--changed-since", "main", "docs")
    assert code == 1 and f"docs/{relative}:" in output and word in output, output


def test_a_named_link_is_never_read(archive):
    secret = archive.parent / "secret.md"
    secret.write_text("---\ntitle: [unclosed\n---\nSECRET-CONTENT\n", encoding="utf-8")
    os.symlink(secret, archive / "articles" / "2024" / "2024-05-02-link.md")
    code, output = check("docs/articles/2024/2024-05-02-link.md")
    assert code == 1 and "symbolic link" in output and "SECRET" not in output and "unclosed" not in output


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """Every case at once (one of each path), built for real; the environment holds a secret."""
    tmp = tmp_path_factory.mktemp("gate-build")
    docs = copy_fixture(tmp / "docs")
    seen: set[str] = set()
    for relative, make, _ in CASES.values():
        if relative not in seen:
            seen.add(relative)
            make(docs / relative)
    site = tmp / "site"
    result = mkdocs_build(write_config(docs, site, tmp), strict=False, env={"ARCHIVE_TEST_SECRET": "s3cr3t-value"})
    return site, result, seen


def test_the_build_refuses_what_the_check_refuses(hostile_build):
    site, result, paths = hostile_build
    assert result.returncode != 0
    for relative in paths:
        assert any(f"docs/{p}:" in result.stderr for p in _prefixes(relative)), relative
    assert "Traceback" not in result.stderr


def test_a_failed_build_publishes_nothing(hostile_build):
    site, _, _ = hostile_build
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert published == []


def test_only_admitted_files_reach_the_site(tmp_path):
    """A clean archive with a picture and a PDF: they are published, and nothing else of the folder."""
    docs = copy_fixture(tmp_path / "docs")
    _write(docs / "media" / "map.png", PNG)
    _write(docs / "media" / "report.pdf", b"%PDF-1.4\n%%EOF\n")
    site, result = build_fixture(tmp_path, docs=docs)
    assert result.returncode == 0, result.stderr
    assert (site / "media" / "map.png").read_bytes() == PNG
    assert (site / "media" / "report.pdf").exists()
    sources = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix in (".md", ".yml", ".yaml")}
    assert sources == set()


def test_no_byte_from_outside_the_repository_is_published(tmp_path):
    """Even if MkDocs were handed a link (the gate refuses it first), the build copies nothing through it."""
    docs = copy_fixture(tmp_path / "docs")
    os.symlink("/proc/self/environ", docs / "env.md")
    site, result = build_fixture(tmp_path, docs=docs, strict=False)
    assert result.returncode != 0 and "symbolic link" in result.stderr
    assert not (site / "env").exists() and not (site / "env.md").exists()


def test_the_gate_is_not_fooled_by_case(archive):
    _write(archive / "EVIL.HTML", "<script>alert(1)</script>")
    _write(archive / "media" / "PHOTO.PNG", "<script>alert(1)</script>")
    code, output = check("docs")
    assert code == 1 and "docs/EVIL.HTML:" in output and "docs/media/PHOTO.PNG:" in output


def test_fixture_is_untouched():
    """The cases write into copies: the shipped fixture holds no hostile file."""
    assert not any(p.is_symlink() or p.suffix not in (".md", ".yml") for p in FIXTURE.rglob("*") if p.is_file() or p.is_symlink())


@pytest.mark.parametrize("name", ["evil\n::error::forged.md", "bidi\u202egnp.md", "zero\u200bwidth.md", "bell\x07.md"])
def test_a_file_name_with_hidden_characters_is_refused(archive, name):
    _write(archive / name, "# A page\n")
    code, output = check("docs")
    assert code == 1 and "the name holds a control, invisible or line-breaking character" in output
    assert not any(line.startswith("::") for line in output.splitlines())
