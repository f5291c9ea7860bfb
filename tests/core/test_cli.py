"""The ``archive`` command as a contributor and a CI job use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from archive.cli.main import main
from archive.read.source import parse_yaml, read_text, split_front_matter

from .helpers import article_text, write_article


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_check_of_the_sample_passes_strictly(repo_root: Path) -> None:
    os.chdir(repo_root)
    code, output = run("check", "--strict", "content")
    assert code == 0 and output.strip().endswith("no problems")


def test_check_prints_path_line_column_severity_field_and_message(sample_copy: Path) -> None:
    write_article(sample_copy, article_text("sumary: x\n"))
    code, output = run("check", str(sample_copy))
    assert code == 1
    line = next(each for each in output.splitlines() if "sumary" in each)
    assert line.endswith(
        "2024-03-12-test-article.md:10:1: error: sumary: unknown field 'sumary' in an article (did you mean 'summary'?)"
    )


def test_warnings_pass_unless_strict(sample_copy: Path) -> None:
    write_article(sample_copy, article_text(sources="sources:\n  - publisher: X\n    url: https://x.org/a\n"))
    assert run("check", str(sample_copy))[0] == 0
    assert run("check", "--strict", str(sample_copy))[0] == 1


def test_one_file_can_be_checked_against_the_whole_gazetteer(sample_copy: Path) -> None:
    path = write_article(sample_copy, article_text(regions="[ru-bell]"))
    code, output = run("check", str(path))
    assert code == 1 and "checked 1 article:" in output and "did you mean 'ru-bel'?" in output


def test_json_output_lists_problems_with_counts(sample_copy: Path) -> None:
    write_article(sample_copy, article_text(regions="[nowhere]"))
    code, output = run("check", "--format", "json", str(sample_copy))
    report = json.loads(output)
    assert code == 1 and report["errors"] == 1
    assert report["problems"][0]["field"] == "regions[0]" and report["problems"][0]["line"] == 4


def test_github_output_is_one_annotation_per_problem(sample_copy: Path) -> None:
    write_article(sample_copy, article_text(regions="[nowhere]"))
    _, output = run("check", "--format", "github", str(sample_copy))
    annotations = [each for each in output.splitlines() if each.startswith("::")]
    assert len(annotations) == 1
    assert annotations[0].startswith("::error file=") and ",line=4,col=11,title=regions[0]::unknown region" in annotations[0]


def test_a_path_outside_any_archive_is_a_usage_error(tmp_path: Path) -> None:
    code, output = run("check", str(tmp_path))
    assert code == 2 and "not inside an archive" in output


def test_output_is_plain_in_a_pipe(repo_root: Path, sample_copy: Path) -> None:
    write_article(sample_copy, article_text(regions="[nowhere]"))
    completed = subprocess.run([sys.executable, "-m", "archive", "check", str(sample_copy)], capture_output=True, text=True)
    assert completed.returncode == 1 and "\x1b[" not in completed.stdout


def test_schema_validates_every_sample_article(repo_root: Path) -> None:
    os.chdir(repo_root)
    code, output = run("schema")
    schema = json.loads(output)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((repo_root / "content" / "articles").rglob("*.md")):
        data = parse_yaml(split_front_matter(read_text(path)).yaml_text).data
        errors = list(validator.iter_errors(data))
        assert not errors, f"{path.name}: {errors[0].message}"


def test_schema_rejects_an_unknown_key_and_an_unknown_id(repo_root: Path) -> None:
    os.chdir(repo_root)
    schema = json.loads(run("schema")[1])
    validator = jsonschema.Draft202012Validator(schema)
    data = {
        "title": "x",
        "date": "2024-03-12",
        "regions": ["nowhere"],
        "actors": ["ru-mod"],
        "sources": [{"publisher": "p", "url": "https://x.org"}],
        "sumary": "x",
    }
    messages = " ".join(e.message for e in validator.iter_errors(data))
    assert "'sumary' was unexpected" in messages and "'nowhere' is not one of" in messages
