"""``archive init``, the archive's vocabulary file, and the commands' settings from mkdocs.yml."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive.cli.common import default_archive, read_site_settings
from archive.format.vocabulary import DEFAULT_VOCABULARY
from archive.read.loader import load_archive
from archive.read.problems import ProblemLog
from archive.read.vocabulary import archive_vocabulary

from .conftest import REPO, run

SUDAN = ["--name", "Sudan Conflict Archive", "--sides", "saf:Sudanese Armed Forces,rsf:Rapid Support Forces"]


@pytest.fixture
def sudan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    result = run("init", "sudan", *SUDAN, "--languages", "en,ar", "--country", "Sudan")
    assert result.exit_code == 0, result.output
    return tmp_path / "sudan"


def test_the_sample_vocabulary_is_todays():
    log = ProblemLog()
    assert archive_vocabulary(REPO / "content", log) == DEFAULT_VOCABULARY and not log.problems


def test_init_makes_an_archive_that_passes_check_strictly(sudan, monkeypatch):
    archive = load_archive(sudan / "content")
    assert archive.log.problems == []
    assert archive.gazetteer.vocabulary.side_labels == {
        "saf": "Sudanese Armed Forces side",
        "rsf": "Rapid Support Forces side",
        "none": "Neither side",
    }
    assert archive.gazetteer.vocabulary.name_languages == ("en", "ar")
    monkeypatch.chdir(sudan)
    assert run("check", "--strict").exit_code == 0  # the archive of mkdocs.yml


def test_init_never_replaces_a_file(sudan, monkeypatch):
    monkeypatch.chdir(sudan.parent)
    result = run("init", "sudan", *SUDAN)
    assert result.exit_code == 1 and "already holds" in result.output


def test_init_needs_the_sides_outside_a_terminal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("init", "x").exit_code == 2
    bad = run("init", "x", "--sides", "Bad Id:Someone")
    assert bad.exit_code == 2 and "side 'Bad Id:Someone'" in bad.output


def test_the_starter_workflows_are_valid_github_actions(sudan):
    workflows = sorted((sudan / ".github" / "workflows").glob("*.yml"))
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, workflows)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_side_or_a_language_not_in_the_vocabulary(sudan):
    actors = sudan / "content" / "gazetteer" / "actors.yml"
    text = (
        actors.read_text(encoding="utf-8")
        .replace("side: rsf", "side: ru")
        .replace("{en: Rapid Support Forces}", "{en: RSF, fr: FSR}")
    )
    actors.write_text(text, encoding="utf-8")
    problems = [(p.severity.value, p.field, p.message, p.hint) for p in load_archive(sudan / "content").log.sorted()]
    assert ("error", "actors[1].side", "the text 'ru' is not an allowed value", "allowed: 'saf', 'rsf' or 'none'") in problems
    assert any(
        field == "actors[1].names.fr" and "not one of the archive's name languages (en, ar)" in message
        for _, field, message, _ in problems
    )


def test_a_bad_vocabulary_file_is_reported_on_its_lines(sudan):
    vocabulary = sudan / "content" / "gazetteer" / "vocabulary.yml"
    vocabulary.write_text(
        "sides:\n  - id: saf\n    label: SAF side\n  - id: saf\n    label: x\n    definition: y\nname_languages: [ar]\n"
    )
    log = ProblemLog()
    archive_vocabulary(sudan / "content", log)
    found = {(p.line, p.field) for p in log.problems}
    assert (2, "sides[0]") in found  # no definition
    assert (7, "name_languages") in found  # no English


def test_the_commands_read_the_archive_folder_from_mkdocs_yml(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nsite_url: !ENV [SITE_URL, 'https://x.test/']\ndocs_dir: docs\n"
        "plugins:\n  - archive:\n      archive_dir: data/archive\n  - archive-search\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    settings = read_site_settings(tmp_path / "mkdocs.yml")
    assert settings.archive == tmp_path / "data" / "archive" and settings.site_url == "https://x.test/"
    monkeypatch.chdir(tmp_path)
    assert default_archive() == "data/archive"


def test_the_gazetteer_schema_follows_the_vocabulary(sudan):
    result = run("schema", "--gazetteer", "--archive", str(sudan / "content"))
    schema = json.loads(result.output)
    assert schema["$defs"]["actor"]["properties"]["side"]["enum"] == ["saf", "rsf", "none"]
    assert list(schema["$defs"]["actor"]["properties"]["names"]["properties"]) == ["en", "ar"]
    front = json.loads(run("schema", "--no-ids", "--archive", str(sudan / "content")).output)
    assert front["properties"]["regions"]["examples"] == [["sudan"]]


def test_the_readme_lists_every_plugin_option():
    from plugins.search import SearchConfig
    from plugins.site import ArchiveConfig

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for config in (ArchiveConfig, SearchConfig):
        for name, option in config._schema:
            default = option.default
            shown = "the docs folder" if default is None else json.dumps(default)
            assert f"| `{name}` | {shown if default is None else f'`{shown}`'} |" in readme, name
