"""Building real sites for the tests: a small MkDocs configuration, `mkdocs build` in a subprocess.

The builds run as a reader's would (the `archive` plugin found through its entry point), and
their output is parsed with :mod:`html.parser` by :mod:`htmlcheck`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "fixtures" / "site"
SAMPLE = REPO / "content"
TEMPLATES = REPO / "plugins" / "templates"

PALETTE = [
    {"media": "(prefers-color-scheme: light)", "scheme": "default",
     "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"}},
    {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
     "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"}},
]


def copy_fixture(target: Path, source: Path = FIXTURE) -> Path:
    """A private copy of an archive (gazetteer, articles and any page), safe to change."""
    shutil.copytree(source, target)
    return target


def write_config(docs: Path, site: Path, where: Path, **extra) -> Path:
    """A mkdocs.yml (JSON is YAML) building ``docs`` into ``site`` like the project's own."""
    nav = [{"Home": "index.md"}] if (docs / "index.md").exists() else []
    nav += [{"Timeline": "timeline/index.md"}, {"Claims": "claims/index.md"}, {"Regions": "regions/index.md"},
            {"Places": "places/index.md"}, {"Actors": "actors/index.md"}, {"Tags": "tags/index.md"}]
    if (docs / "methodology.md").exists():
        nav.append({"Methodology": "methodology.md"})
    config = {
        "site_name": "Test Archive",
        "docs_dir": str(docs),
        "site_dir": str(site),
        "use_directory_urls": True,
        "theme": {"name": "material", "font": False,
                  "features": ["navigation.tabs"], "palette": PALETTE},
        "plugins": ["archive"],
        "markdown_extensions": [{"toc": {"permalink": True}}, "tables"],
        "nav": nav,
        "validation": {"links": {"not_found": "warn", "anchors": "warn", "unrecognized_links": "warn"}},
    }
    config.update(extra)
    path = where / "mkdocs.yml"
    path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    return path


def mkdocs_build(config: Path, *, strict: bool = False, cwd: Path | None = None, env: dict | None = None,
                 site_dir: Path | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "-f", str(config)]
    if strict:
        command.append("--strict")
    if site_dir is not None:
        command += ["-d", str(site_dir)]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full_env.pop("ARCHIVE_INCLUDE_DRAFTS", None) if not env or "ARCHIVE_INCLUDE_DRAFTS" not in env else None
    return subprocess.run(command, cwd=cwd or config.parent, env=full_env, capture_output=True, text=True, timeout=600)


def build_fixture(tmp: Path, *, strict: bool = True, docs: Path | None = None, **extra) -> tuple[Path, subprocess.CompletedProcess]:
    """Build the fixture archive (or ``docs``) into ``tmp/site``; returns the site folder and the run."""
    tmp.mkdir(parents=True, exist_ok=True)
    docs = docs or copy_fixture(tmp / "docs")
    site = tmp / "site"
    result = mkdocs_build(write_config(docs, site, tmp, **extra), strict=strict)
    return site, result


def page(site: Path, url: str) -> Path:
    """The HTML file of a directory URL such as ``actors/ru-mod/``."""
    return site / url / "index.html" if not url.endswith(".html") else site / url
