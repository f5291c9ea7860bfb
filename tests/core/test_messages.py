"""Messages that say the right thing about the right file."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from archive.cli.main import main

from .helpers import article_text, write_article


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_a_gazetteer_file_named_on_the_command_line_is_not_checked_as_an_article(sample_copy: Path) -> None:
    os.chdir(sample_copy.parent)
    code, output = run("check", "content/gazetteer/places.yml")
    assert code == 0, output
    assert "checked 0 articles" in output and "front matter" not in output


def test_arabic_indic_digits_do_not_make_an_article_id(sample_copy: Path) -> None:
    write_article(sample_copy, article_text().replace("2024-03-12", "٢٠٢٤-٠٣-١٢", 0), "٢٠٢٤-٠٣-١٢-test.md")
    code, output = run("check", str(sample_copy))
    assert code == 1 and "is not a valid article id" in output


def test_sizes_are_stated_exactly(sample_copy: Path) -> None:
    path = write_article(sample_copy, article_text(), "2024-03-12-too-large.md")
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("x" * (1024 * 1024))
    code, output = run("check", str(path))
    size = os.path.getsize(path)
    assert code == 1 and f"the file is {size:,} bytes; the limit is 1,048,576 bytes (1 MiB)" in output


def test_a_reference_to_another_articles_missing_claim_is_placed_at_its_value(sample_copy: Path) -> None:
    os.chdir(sample_copy.parent)
    text = article_text(
        "claims:\n  - claimant: ru-mod\n    claim: It happened.\n    status: disputed\n"
        "    disputed_by: ['2024-03-12-nowhere#claim-x']\n"
    )
    write_article(sample_copy, text)
    code, output = run("check", "content")
    line = next(each for each in output.splitlines() if "no article with id '2024-03-12-nowhere'" in each)
    number = text.split("\n").index("    disputed_by: ['2024-03-12-nowhere#claim-x']") + 1
    assert f"2024-03-12-test-article.md:{number}:19: error: claims[0].disputed_by[0]:" in line
