"""Values that make sense: numbers in range, dates where and when they can be, verification as
CONTRIBUTING.md states it, and text that reads as it shows. One behaviour per test, each checked
through ``load_archive`` as ``archive check`` runs it: a message with its line, never a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from archive.gazetteer import load_gazetteer
from archive.loader import load_archive
from archive.problems import ProblemLog

from .helpers import article_text, write_article

TODAY = date(2026, 1, 1)


def problems(content: Path) -> list[tuple[int, str, str, str]]:
    """(line, severity, field, message (hint)) of every problem, for compact assertions."""
    archive = load_archive(content, today=TODAY)
    return [(p.line, p.severity.value, p.field, f"{p.message} ({p.hint})") for p in archive.log.sorted()]


def only(sample_copy: Path, extra: str = "", **parts: str) -> Path:
    """The sample's gazetteer with one article: the helpers' valid article plus ``extra``."""
    for path in (sample_copy / "articles").rglob("*.md"):
        path.unlink()
    write_article(sample_copy, article_text(extra, **parts))
    return sample_copy


def figure(text: str) -> str:
    return f"claims:\n  - claimant: ru-mod\n    claim: A.\n    status: unverified\n    figures:\n      - {text}\n"


def gazetteer_problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "g.yml").write_text(text, encoding="utf-8")
    log = ProblemLog()
    load_gazetteer([tmp_path / "g.yml"], log, today=TODAY)
    return [f"{p.line}: {p.severity.value}: {p.field}: {p.message} ({p.hint})" for p in log.sorted()]


PLACE = "places:\n  - id: x\n    parent: nowhere-checked-later\n    names: {en: X}\n"
REGION = "regions:\n  - id: r\n    names: {en: R}\n"

# --------------------------------------------------------------------------------------------
# Numbers


def test_a_negative_count_is_one_error_at_the_value(sample_copy: Path) -> None:
    only(sample_copy, figure("{quantity: killed, value: -5}"))
    assert problems(sample_copy) == [(15, "error", "claims[0].figures[0].value",
                                      "-5 is below the minimum of 0 (a figure counts something, from 0 to 1,000,000,000,000)")]


def test_a_count_of_5000_digits_is_an_error_not_a_traceback(sample_copy: Path) -> None:
    only(sample_copy, figure("{quantity: killed, value: " + "1" * 5_000 + "}"))
    assert problems(sample_copy) == [(15, "error", "claims[0].figures[0].value",
                                      "the number is written with 5,000 digits; at most 13 are allowed here "
                                      "(a figure counts something, from 0 to 1,000,000,000,000)")]


def test_a_count_of_400_digits_and_one_of_1e300_are_above_the_maximum(sample_copy: Path) -> None:
    only(sample_copy, figure("{quantity: killed, min: 1e300, max: " + "9" * 90 + "}"))
    found = problems(sample_copy)
    assert [(p[2], p[3].split(" (a figure")[0]) for p in found] == [
        ("claims[0].figures[0].min", "1e+300 is above the maximum of 1,000,000,000,000"),
        ("claims[0].figures[0].max", "999999999999... (90 digits) is above the maximum of 1,000,000,000,000"),
    ]


def test_a_quoted_text_of_5000_digits_is_text_too_long_not_a_traceback(sample_copy: Path) -> None:
    # The fast loader once raised here, asking whether the quoted digits could be a number.
    only(sample_copy, 'title_original: "' + "1" * 5_000 + '"\n')
    assert problems(sample_copy) == [(10, "error", "title_original", "is 5,000 characters long; the limit is 500 ()")]


def test_an_unquoted_text_of_5000_digits_says_what_it_is(sample_copy: Path) -> None:
    only(sample_copy, "title_original: " + "1" * 5_000 + "\n")
    assert problems(sample_copy) == [(10, "error", "title_original", "expected text, got a number of 5,000 digits (put the value in quotes)")]


def test_the_largest_count_and_a_decimal_one_are_fine(sample_copy: Path) -> None:
    only(sample_copy, figure("{quantity: killed, value: 2.5, min: 0, max: 1000000000000}"))
    assert problems(sample_copy) == []


def test_a_figure_whose_value_is_refused_is_not_also_said_to_have_none(sample_copy: Path) -> None:
    only(sample_copy, figure("{quantity: killed, value: many}"))
    assert [p[2] for p in problems(sample_copy)] == ["claims[0].figures[0].value"]


def test_a_latitude_of_999_is_out_of_range(tmp_path: Path) -> None:
    assert gazetteer_problems(tmp_path, REGION + "    lat: 999\n    lon: 35.6\n") == [
        "4: error: regions[0].lat: 999 is above the maximum of 90 "
        "(a latitude is in degrees, from -90 (south) to 90 (north), with at most 8 decimals)"]


def test_a_longitude_below_minus_180_is_out_of_range(tmp_path: Path) -> None:
    assert gazetteer_problems(tmp_path, REGION + "    lat: 50\n    lon: -180.5\n") == [
        "5: error: regions[0].lon: -180.5 is below the minimum of -180 "
        "(a longitude is in degrees, from -180 (west) to 180 (east), with at most 8 decimals)"]


def test_a_coordinate_with_5000_digits_in_the_gazetteer_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    found = gazetteer_problems(tmp_path, REGION + "    lat: " + "5" * 5_000 + "\n")
    assert found == ["4: error: regions[0].lat: the number is written with 5,000 digits; at most 10 are allowed here "
                     "(a latitude is in degrees, from -90 (south) to 90 (north), with at most 8 decimals)"]


def test_a_coordinate_to_a_fraction_of_a_millimetre_is_too_precise(tmp_path: Path) -> None:
    found = gazetteer_problems(tmp_path, REGION + "    lat: 50.4612345678901\n    lon: 35.6\n")
    assert found == ["4: error: regions[0].lat: 50.4612345678901 is written with 15 digits; at most 10 are allowed here "
                     "(round it; a latitude is in degrees, from -90 (south) to 90 (north), with at most 8 decimals)"]
