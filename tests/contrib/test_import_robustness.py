"""``archive import`` never stops on one bad record: each failure named with its file and line."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run


def test_a_huge_number_fails_its_record_and_the_others_are_imported(archive_dir: Path, tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "Good one", "date": "2024-03-12", "body": "Text about Belgorod."}),
        '{"title": "Big", "date": "2024-03-12", "body": "x", "n": ' + "9" * 5000 + "}",
        json.dumps({"title": "Good two", "date": "2024-03-13", "body": "More text."}),
        '{"title": 1e999, "date": "2024-03-12", "body": "x"}',
        "[" * 100_000,
    ]
    reports = tmp_path / "reports.jsonl"
    reports.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("import", str(reports))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "imported 2 of 5 reports" in result.output
    assert "reports.jsonl:2: a number has 5,000 digits" in result.output
    assert "reports.jsonl:4:" in result.output and "reports.jsonl:5:" in result.output


def test_markup_in_a_report_stays_text(archive_dir: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("A title\n\nThe <a href=x onclick=alert(1)> text and <script>alert(1)</script>.\n", encoding="utf-8")
    result = run("import", "--date", "2024-03-12", str(report))
    assert result.exit_code == 0, result.output
    (draft,) = (archive_dir / "articles" / "2024").glob("2024-03-12-a-title-*.md")
    text = draft.read_text(encoding="utf-8")
    assert "&lt;script>" in text and "<script>" not in text


def test_a_failure_cannot_forge_a_log_line(archive_dir: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports.jsonl"
    reports.write_text(json.dumps({"title": "x", "date": "2024-03-12\n::error::forged", "body": "y"}) + "\n", encoding="utf-8")
    result = run("import", str(reports))
    assert result.exit_code == 1
    assert not any(line.startswith("::") for line in result.output.splitlines()), result.output


def test_invisible_characters_are_removed_from_what_is_imported(archive_dir: Path, tmp_path: Path) -> None:
    reports = tmp_path / "reports.jsonl"
    record = {
        "title": "\u200bBel\u200bgorod \u202eraid",
        "date": "2024-03-12",
        "body": "Text\u2028more \u2066text.",
        "publisher": "Example\u200d News",
    }
    reports.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = run("import", str(reports))
    assert result.exit_code == 0, result.output
    (draft,) = (archive_dir / "articles" / "2024").glob("2024-03-12-belgorod-raid-*.md")
    text = draft.read_text(encoding="utf-8")
    assert "Belgorod raid" in text and "Example News" in text and "> Text\n> more text." in text
    assert not any(char in text for char in "\u200b\u200d\u202e\u2066\u2028")
