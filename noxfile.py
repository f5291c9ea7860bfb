"""Development sessions: the README's two commands (``make site``, ``make test``) run these.

Each session installs what it needs into its own virtual environment, so a fresh machine needs
only Python, and, for the browser tests, Debian's chromium and Node.js with npm.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import nox

nox.options.sessions = ["tests"]
nox.options.reuse_existing_virtualenvs = True

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _install(session: nox.Session, extras: str = "") -> None:
    """The project, with the exact versions the whole-site golden holds for (see the file)."""
    session.install("-c", "requirements/test-constraints.txt", "-e", f".{extras}")


def _ensure_chromium(session: nox.Session) -> None:
    """Debian's chromium, for Playwright's ``executable_path`` (never ``playwright install``)."""
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        session.error(f"{CHROMIUM} is missing: install Debian's 'chromium' package (apt-get install chromium)")
    session.log("installing Debian's chromium")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-core"], check=True, env=env)


def _ensure_node_modules(session: nox.Session) -> None:
    """lunr.js from npm, the browser's search engine, for the parity tests."""
    if not os.path.exists("package.json"):
        return
    if not shutil.which("npm"):
        session.error("npm is missing: install Node.js and npm (apt-get install nodejs npm)")
    command = ["npm", "ci"] if os.path.exists("package-lock.json") else ["npm", "install"]
    session.run(*command, "--no-audit", "--no-fund", external=True)


@nox.session
def site(session: nox.Session) -> None:
    """Build the site from the sample archive in content/ into site/."""
    _install(session)
    session.run("archive", "check", "content")
    session.run("mkdocs", "build", "--strict", env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session
def serve(session: nox.Session) -> None:
    """Serve the sample archive on http://127.0.0.1:8000 with live reload."""
    _install(session)
    session.run("mkdocs", "serve", env={"NO_MKDOCS_2_WARNING": "1"})


@nox.session
def check(session: nox.Session) -> None:
    """Validate the archive, as a pull request's CI does."""
    _install(session)
    session.run("archive", "check", "--strict", "content")


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite: unit, integration (real MkDocs builds), parity (node) and browser tests."""
    _install(session, "[test]")
    _ensure_chromium(session)
    _ensure_node_modules(session)
    _lint(session)
    session.run("pytest", "-n", "2", *session.posargs, env={"NO_MKDOCS_2_WARNING": "1"})


#: What ruff reads (its rules are in pyproject.toml).
LINTED = ("archive", "plugins", "benchmarks", "tests", "noxfile.py")


def _lint(session: nox.Session) -> None:
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)
    session.run("mypy")  # its files and settings are in pyproject.toml


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format) and the type checker, as configured in pyproject.toml."""
    _install(session, "[test]")
    _lint(session)


@nox.session
def properties(session: nox.Session) -> None:
    """The property-based tests with many more examples than the suite runs (no traceback on any
    input; what the check accepts builds)."""
    _install(session, "[test]")
    env = {"NO_MKDOCS_2_WARNING": "1", "ARCHIVE_HYPOTHESIS_EXAMPLES": os.environ.get("ARCHIVE_HYPOTHESIS_EXAMPLES", "3000")}
    session.run(
        "pytest", "-q", "tests/core/test_properties.py", "tests/site/test_check_implies_build.py", *session.posargs, env=env
    )


@nox.session
def benchmarks(session: nox.Session) -> None:
    """Speed and memory benchmarks (not part of the tests)."""
    _install(session)
    session.run("python", "benchmarks/check_bench.py", *session.posargs)
