"""``archive import``: reports become drafts with their entities detected; bad input is explained."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from archive.read.source import parse_yaml, split_front_matter

from .conftest import REPORTS, SEED, needs, run

ARTICLES = Path("content/articles")


def front_matter(path: Path) -> dict:
    return parse_yaml(split_front_matter(path.read_text(encoding="utf-8")).yaml_text).data


def drafts() -> list[Path]:
    return sorted(ARTICLES.rglob("*.md"))


def imported(before: list[Path]) -> list[Path]:
    return [p for p in drafts() if p not in before]


def drafts_of(stem: str) -> list[Path]:
    """The drafts whose id is ``stem`` and the six-character hash of a report."""
    return sorted(p for p in ARTICLES.rglob(f"{stem}-*.md") if re.fullmatch(re.escape(stem) + r"-[0-9a-f]{6}", p.stem))


def draft_of(stem: str) -> Path:
    (found,) = drafts_of(stem)
    return found


# -- one report ----------------------------------------------------------------------------


def test_the_seed_report_becomes_a_draft_with_its_entities(archive_dir):
    result = run("import", "--date", "2024-03-12", str(needs(SEED)))
    assert result.exit_code == 0, result.output
    draft = draft_of("2024-03-12-ukraine-based-russian-armed-groups-claim-raids-into-russia")
    assert draft.parent == ARTICLES / "2024"
    data = front_matter(draft)
    assert data["draft"] is True
    assert data["title"] == "Ukraine-based Russian armed groups claim raids into Russia"
    assert {"ru-bel", "ru-krs", "ru-iva", "ua-12"} <= set(data["regions"])
    assert {"freedom-of-russia-legion", "siberian-battalion", "russian-volunteer-corps", "ru-mod"} <= set(data["actors"])


def test_each_detected_id_says_how_often_and_how_it_was_found(archive_dir):
    run("import", "--date", "2024-03-12", str(REPORTS / "kiev-bilhorod.txt"))
    text = drafts()[-1].read_text(encoding="utf-8")
    assert '  - ru-bel  # Belgorod Oblast: 3 mentions ("Bilhorod region", "Belgorod")' in text
    assert '  - ru-mod  # Ministry of Defence of the Russian Federation: 1 mention ("Russia\'s Defence Ministry")' in text


def test_the_printed_summary_lists_what_was_detected(archive_dir):
    result = run("import", "--date", "2024-03-12", str(REPORTS / "belgorod-ru.txt"))
    assert "regions: ru-bel (2), ru-krs (2), ua-30 (1)" in result.output


def test_the_report_text_is_kept_as_a_quote_to_rewrite(archive_dir):
    run("import", "--date", "2024-03-12", str(REPORTS / "kiev-bilhorod.txt"))
    body = split_front_matter(drafts()[-1].read_text(encoding="utf-8")).body
    assert "Replace it with the\narchive's own summary" in body
    assert "> Officials in Kiev said on Friday" in body


def test_a_markdown_heading_is_the_title(archive_dir):
    run("import", "--date", "2024-03-12", str(REPORTS / "kyiv-uk.md"))
    data = front_matter(drafts()[-1])
    assert data["title"] == "Російські добровольці заявили про бої в Бєлгородській області"
    assert data["language"] == "uk"


def test_an_undated_report_is_dated_today_and_says_so(archive_dir):
    result = run("import", str(REPORTS / "kiev-bilhorod.txt"))
    assert "the report gives no date: set to today" in result.output
    assert "# the report gives no date: set to today" in drafts()[-1].read_text(encoding="utf-8")


def test_the_drafts_pass_the_check_with_warnings_only(archive_dir):
    run("import", "--date", "2024-03-12", str(REPORTS), str(needs(SEED)))
    result = run("check", "content")
    assert result.exit_code == 0, result.output
    assert ": error:" not in result.output
    assert "this article is a draft" in result.output


def test_the_same_input_gives_the_same_bytes(archive_dir, tmp_path: Path):
    run("import", "--date", "2024-03-12", str(REPORTS))
    first = {p.name: p.read_bytes() for p in drafts()}
    shutil.rmtree(ARTICLES / "2024")
    (ARTICLES / "2024").mkdir()
    shutil.copy(
        Path(__file__).parents[1]
        / "fixtures/contrib/archive/articles/2024/2024-03-12-armed-groups-claim-raids-into-kursk-region.md",
        ARTICLES / "2024",
    )
    run("import", "--date", "2024-03-12", str(REPORTS))
    assert {p.name: p.read_bytes() for p in drafts()} == first


# -- JSON Lines ------------------------------------------------------------------------------


@pytest.fixture
def mixed(archive_dir):
    before = drafts()
    return run("import", str(REPORTS / "mixed.jsonl")), before


def test_good_lines_are_imported_and_bad_ones_reported(mixed):
    result, before = mixed
    assert result.exit_code == 1
    assert len(imported(before)) == 3
    assert "imported 3 of 10 reports as drafts"  # 11 lines, one blank in result.output


@pytest.mark.parametrize(
    "line, message",
    [
        (2, "not valid JSON: Expecting ',' delimiter (column 51)"),
        (3, "missing 'date'; missing 'body' (did you mean 'bod'?)"),
        (6, "date: 2999-01-01 is in the future"),
        (7, "url: 'javascript:alert(1)' is not an http(s) link (javascript)"),
        (8, "the key 'title' appears twice"),
        (9, "expected a JSON object, got a list"),
        (11, "title: expected text, got the number 42"),
    ],
)
def test_each_bad_line_is_named_with_what_is_wrong(mixed, line, message):
    result, _ = mixed
    assert f"mixed.jsonl:{line}: {message}" in result.output


def test_two_reports_with_the_same_date_and_title_get_two_ids(mixed):
    result, _ = mixed
    both = drafts_of("2024-03-14-drone-attack-reported-in-kursk-region")
    assert len(both) == 2
    assert {front_matter(p)["sources"][0]["url"] for p in both} == {
        "https://example.org/kursk-drone",
        "https://example.org/kursk-drone-2",
    }
    assert "2 drafts share a date and title with another" in result.output
    for draft in both:
        assert f"{draft.stem}  (" in result.output
    assert "mixed.jsonl:10)" in result.output


def test_a_record_without_a_url_keeps_its_publisher_in_a_comment(mixed):
    text = draft_of("2024-03-15-vzryvy-v-belgorode").read_text(encoding="utf-8")
    assert "sources:  # published by Пример; add its url" in text


def test_a_record_gives_title_date_language_and_source(mixed):
    (data,) = [
        d
        for d in map(front_matter, drafts_of("2024-03-14-drone-attack-reported-in-kursk-region"))
        if d["sources"][0]["url"] == "https://example.org/kursk-drone"
    ]
    assert data["language"] == "en" and data["date"] == "2024-03-14"
    assert data["sources"] == [
        {
            "publisher": "Example News",
            "url": "https://example.org/kursk-drone",
            "title": "Drone attack reported in Kursk region",
            "language": "en",
        }
    ]
    assert data["regions"] == ["ru-krs"]


# -- files that exist, and files that are not reports -------------------------------------------


def test_an_existing_draft_is_not_overwritten(archive_dir):
    run("import", "--date", "2024-03-12", str(REPORTS / "kiev-bilhorod.txt"))
    draft = drafts()[-1]
    draft.write_text(draft.read_text(encoding="utf-8") + "my edits\n", encoding="utf-8")
    result = run("import", "--date", "2024-03-12", str(REPORTS / "kiev-bilhorod.txt"))
    assert result.exit_code == 1
    assert "already exists; it was left as it is (pass --overwrite" in result.output
    assert draft.read_text(encoding="utf-8").endswith("my edits\n")


def test_overwrite_replaces_an_existing_draft(archive_dir):
    run("import", "--date", "2024-03-12", str(REPORTS / "kiev-bilhorod.txt"))
    draft = drafts()[-1]
    draft.write_text(draft.read_text(encoding="utf-8") + "my edits\n", encoding="utf-8")  # still a draft
    result = run("import", "--overwrite", "--date", "2024-03-12", str(REPORTS / "kiev-bilhorod.txt"))
    assert result.exit_code == 0, result.output
    assert "1 existing draft replaced (--overwrite)" in result.output
    assert draft.read_text(encoding="utf-8").startswith("---\n")
    assert not draft.read_text(encoding="utf-8").endswith("my edits\n")


def test_a_binary_file_is_one_clear_message(archive_dir, tmp_path: Path):
    report = tmp_path / "scan.txt"
    report.write_bytes(b"%PDF-1.4\x00\x01\x02" * 100)
    result = run("import", str(report))
    assert result.exit_code == 1
    assert "scan.txt: the file contains NUL bytes: it looks binary, not text" in result.output


def test_a_binary_jsonl_file_is_one_clear_message(archive_dir, tmp_path: Path):
    data = tmp_path / "data.jsonl"
    data.write_bytes(bytes(range(256)) * 50)
    result = run("import", str(data))
    assert result.output.count("data.jsonl") == 1
    assert "data.jsonl: the file contains NUL bytes: it looks binary, not text" in result.output


def test_a_jsonl_file_in_another_encoding_is_one_clear_message(archive_dir, tmp_path: Path):
    data = tmp_path / "latin1.jsonl"
    data.write_bytes('{"title": "Café", "date": "2024-03-12", "body": "x"}\n'.encode("latin-1") * 3)
    result = run("import", str(data))
    assert result.output.count("latin1.jsonl") == 1
    assert "latin1.jsonl:1: the file is not valid UTF-8 (byte 0xe9)" in result.output


def test_an_empty_file_is_one_clear_message(archive_dir, tmp_path: Path):
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    result = run("import", str(tmp_path / "empty.txt"), str(tmp_path / "empty.jsonl"))
    assert result.exit_code == 1
    assert "empty.txt: the file is empty" in result.output
    assert "empty.jsonl: the file is empty" in result.output


def test_a_file_of_another_kind_is_refused(archive_dir, tmp_path: Path):
    (tmp_path / "report.docx").write_bytes(b"PK\x03\x04")
    result = run("import", str(tmp_path / "report.docx"))
    assert result.exit_code == 1
    assert "cannot import '.docx' files" in result.output


def test_a_path_that_does_not_exist_is_a_usage_error(archive_dir):
    result = run("import", "no-such-report.txt")
    assert result.exit_code == 2


def test_a_title_too_long_for_the_archive_is_shortened_and_kept_whole_in_title_original(archive_dir, tmp_path: Path):
    headline = "A very long headline " * 20
    record = {"title": headline, "date": "2024-03-12", "body": "Text.", "url": "https://example.org/long"}
    (tmp_path / "long.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert run("import", str(tmp_path / "long.jsonl")).exit_code == 0
    data = front_matter(next(ARTICLES.rglob("2024-03-12-a-very-long-*.md")))
    assert len(data["title"]) <= 300 and data["title"].endswith("…")
    assert data["title_original"] == headline.strip()


def test_a_folder_without_reports_is_a_usage_error(archive_dir, tmp_path: Path):
    (tmp_path / "empty-folder").mkdir()
    assert run("import", str(tmp_path / "empty-folder")).exit_code == 2


def test_no_progress_bar_is_drawn_outside_a_terminal(archive_dir):
    result = run("import", str(REPORTS / "mixed.jsonl"))
    assert "importing" not in result.output
