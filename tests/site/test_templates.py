"""The plugins from a plain configuration, and a site's own templates in ``custom_dir``.

The plugins register their templates themselves (plugins/theme.py), after ``custom_dir`` on the
theme's search path: a minimal ``mkdocs.yml`` builds strictly, and a file in ``custom_dir``
overrides an archive template (the core's page templates, or the plugins' theme templates) just
as it overrides one of Material's partials.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from htmlcheck import parse
from sitebuild import copy_fixture, mkdocs_build, page

RAIDS = "articles/2024/2024-03-12-raids-into-kursk-and-belgorod/"


def _minimal(tmp: Path, custom: dict[str, str] | None = None) -> tuple[Path, str]:
    """Build the fixture archive with the smallest configuration; ``custom`` files go in a custom_dir."""
    copy_fixture(tmp / "docs")
    theme: dict = {"name": "material"}
    if custom:
        overrides = tmp / "overrides"
        for name, text in custom.items():
            (overrides / name).parent.mkdir(parents=True, exist_ok=True)
            (overrides / name).write_text(text, encoding="utf-8")
        theme["custom_dir"] = "overrides"
    config = {"site_name": "Minimal", "docs_dir": "docs", "theme": theme, "plugins": ["archive", "archive-search"]}
    (tmp / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    result = mkdocs_build(tmp / "mkdocs.yml", strict=True, cwd=tmp)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site", result.stderr


def test_a_minimal_configuration_builds_strictly(tmp_path):
    site, _ = _minimal(tmp_path)
    assert page(site, RAIDS).exists()
    search = page(site, "search/").read_text(encoding="utf-8")
    assert "data-archive-search" in search  # the plugin's search.html, found without custom_dir
    assert (site / "search" / "index" / "manifest.json").is_file()
    head = page(site, "").read_text(encoding="utf-8")
    assert '<meta name="referrer" content="no-referrer">' in head  # the plugin's main.html


def test_custom_dir_overrides_an_archive_page_template(tmp_path):
    article = '<article class="my-article"><h1>{{ article.title }}</h1>{{ body }}</article>'
    site, _ = _minimal(tmp_path, {"archive/article.html": article})
    html = page(site, RAIDS).read_text(encoding="utf-8")
    assert '<article class="my-article"><h1>Armed groups claim raids into Kursk and Belgorod regions' in html
    assert "archive-article__header" not in html
    other = page(site, "actors/").read_text(encoding="utf-8")
    assert "archive-index" in other  # the other templates stay the package's


def test_custom_dir_overrides_an_archive_partial_and_escapes_values(tmp_path):
    chip = '<b class="my-chip">{{ name }}</b>'
    site, _ = _minimal(tmp_path, {"archive/partials/chip.html": chip})
    html = page(site, RAIDS).read_text(encoding="utf-8")
    assert '<b class="my-chip">' in html
    assert parse(page(site, RAIDS)).text


def test_custom_dir_overrides_material_and_plugin_theme_templates(tmp_path):
    footer = '<footer class="my-footer">{{ config.site_name }}</footer>'
    search = '{% extends "main.html" %}{% block content %}<p class="my-search">search</p>{% endblock %}'
    site, _ = _minimal(tmp_path, {"partials/footer.html": footer, "search.html": search})
    assert '<footer class="my-footer">Minimal</footer>' in page(site, RAIDS).read_text(encoding="utf-8")
    searched = page(site, "search/").read_text(encoding="utf-8")
    assert '<p class="my-search">search</p>' in searched and "data-archive-search" not in searched


@pytest.mark.parametrize("name", ["partials/nav.html", "main.html"])
def test_the_archive_overrides_of_material_stay_overridable(tmp_path, name):
    text = "{% extends \"base.html\" %}{% block extrahead %}<meta name=\"mine\" content=\"1\">{% endblock %}"
    if name == "partials/nav.html":
        text = '<nav class="my-nav"></nav>'
    site, _ = _minimal(tmp_path, {name: text})
    html = page(site, RAIDS).read_text(encoding="utf-8")
    assert ('<nav class="my-nav"></nav>' if name == "partials/nav.html" else '<meta name="mine" content="1">') in html
