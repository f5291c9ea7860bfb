"""Values that make sense: numbers in range, dates where and when they can be, verification as
CONTRIBUTING.md states it, and text that reads as it shows. One behaviour per test, each checked
through ``load_archive`` as ``archive check`` runs it: a message with its line, never a traceback."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from archive.read.gazetteer import load_gazetteer
from archive.read.loader import load_archive
from archive.read.problems import ProblemLog

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
    assert problems(sample_copy) == [
        (
            15,
            "error",
            "claims[0].figures[0].value",
            "-5 is below the minimum of 0 (a figure counts something, from 0 to 1,000,000,000,000)",
        )
    ]


def test_a_count_of_5000_digits_is_an_error_not_a_traceback(sample_copy: Path) -> None:
    only(sample_copy, figure("{quantity: killed, value: " + "1" * 5_000 + "}"))
    assert problems(sample_copy) == [
        (
            15,
            "error",
            "claims[0].figures[0].value",
            "the number is written with 5,000 digits; at most 13 are allowed here "
            "(a figure counts something, from 0 to 1,000,000,000,000)",
        )
    ]


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
    assert problems(sample_copy) == [
        (10, "error", "title_original", "expected text, got a number of 5,000 digits (put the value in quotes)")
    ]


def test_the_largest_count_and_a_decimal_one_are_fine(sample_copy: Path) -> None:
    only(sample_copy, figure("{quantity: killed, value: 2.5, min: 0, max: 1000000000000}"))
    assert problems(sample_copy) == []


def test_a_figure_whose_value_is_refused_is_not_also_said_to_have_none(sample_copy: Path) -> None:
    only(sample_copy, figure("{quantity: killed, value: many}"))
    assert [p[2] for p in problems(sample_copy)] == ["claims[0].figures[0].value"]


def test_a_latitude_of_999_is_out_of_range(tmp_path: Path) -> None:
    assert gazetteer_problems(tmp_path, REGION + "    lat: 999\n    lon: 35.6\n") == [
        "4: error: regions[0].lat: 999 is above the maximum of 90 "
        "(a latitude is in degrees, from -90 (south) to 90 (north), with at most 8 decimals)"
    ]


def test_a_longitude_below_minus_180_is_out_of_range(tmp_path: Path) -> None:
    assert gazetteer_problems(tmp_path, REGION + "    lat: 50\n    lon: -180.5\n") == [
        "5: error: regions[0].lon: -180.5 is below the minimum of -180 "
        "(a longitude is in degrees, from -180 (west) to 180 (east), with at most 8 decimals)"
    ]


def test_a_coordinate_with_5000_digits_in_the_gazetteer_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    found = gazetteer_problems(tmp_path, REGION + "    lat: " + "5" * 5_000 + "\n    lon: 30\n")
    assert found == [
        "4: error: regions[0].lat: the number is written with 5,000 digits; at most 10 are allowed here "
        "(a latitude is in degrees, from -90 (south) to 90 (north), with at most 8 decimals)"
    ]


def test_a_coordinate_to_a_fraction_of_a_millimetre_is_too_precise(tmp_path: Path) -> None:
    found = gazetteer_problems(tmp_path, REGION + "    lat: 50.4612345678901\n    lon: 35.6\n")
    assert found == [
        "4: error: regions[0].lat: 50.4612345678901 is written with 15 digits; at most 10 are allowed here "
        "(round it; a latitude is in degrees, from -90 (south) to 90 (north), with at most 8 decimals)"
    ]


# --------------------------------------------------------------------------------------------
# Text that reads as it shows


def test_a_zero_width_space_in_a_title_is_an_error_naming_it(sample_copy: Path) -> None:
    only(sample_copy, title="Drone attack in Bel\u200bgorod")
    assert problems(sample_copy) == [
        (
            2,
            "error",
            "title",
            "contains U+200B ZERO WIDTH SPACE at character 20: an invisible "
            "character (delete it; with it, a word looks the same as without but matches no search)",
        )
    ]


def test_a_right_to_left_override_in_a_claim_is_an_error_naming_it(sample_copy: Path) -> None:
    only(sample_copy, 'claims:\n  - claimant: ru-mod\n    claim: "Nothing \\u202Ehappened\\u202C."\n    status: unverified\n')
    ((line, severity, field, message),) = problems(sample_copy)
    assert (line, severity, field) == (12, "error", "claims[0].claim")
    assert message.startswith(
        "contains U+202E RIGHT-TO-LEFT OVERRIDE at character 9 and 1 more such character: a bidirectional control"
    )


def test_every_bidirectional_control_and_zero_width_character_is_refused_in_any_text(sample_copy: Path) -> None:
    controls = [
        chr(c)
        for c in (
            *range(0x202A, 0x202F),
            *range(0x2066, 0x206A),
            0x200E,
            0x200F,
            0x061C,
            *range(0x200B, 0x200E),
            0x2060,
            0xFEFF,
            0x2028,
            0x2029,
            0x85,
        )
    ]
    summaries = "".join(f'  - id: e{i}\n    summary: "a\\u{ord(c):04X}b"\n' for i, c in enumerate(controls))
    only(sample_copy, "events:\n" + summaries)
    found = problems(sample_copy)
    assert [p[2] for p in found] == [f"events[{i}].summary" for i in range(len(controls))]
    assert [p[3].split(" at character")[0] for p in found] == [
        f"contains U+{ord(c):04X} " + ("NEXT LINE (NEL)" if c == "\x85" else __import__("unicodedata").name(c)) for c in controls
    ]


def test_a_line_separator_is_refused_even_where_stripping_would_drop_it(sample_copy: Path) -> None:
    only(sample_copy, 'summary: "A summary.\\L"\n')
    assert [(p[2], p[3].split(":")[0]) for p in problems(sample_copy)] == [
        ("summary", "contains U+2028 LINE SEPARATOR at character 11")
    ]


def test_a_line_separator_written_as_is_is_a_yaml_error_naming_it(sample_copy: Path) -> None:
    only(sample_copy, "summary: A summary\u2028with a hidden break.\n")
    assert problems(sample_copy) == [
        (
            10,
            "error",
            "",
            "invalid YAML: U+2028 LINE SEPARATOR, which YAML reads as a line break (delete it; it does not show in most editors)",
        )
    ]


def test_a_next_line_character_written_as_is_in_quotes_is_a_yaml_error_at_its_place(sample_copy: Path) -> None:
    # libyaml would fold it into a space, and count a line there that no editor shows.
    only(sample_copy, 'summary: "A summary\x85of the report."\n')
    archive = load_archive(sample_copy, today=TODAY)
    assert [(p.line, p.column, p.message) for p in archive.log.sorted()] == [
        (10, 20, "invalid YAML: U+0085 NEXT LINE (NEL), which YAML reads as a line break")
    ]


def test_a_publisher_in_look_alike_letters_is_a_warning_naming_them(sample_copy: Path) -> None:
    sources = (
        "sources:\n  - publisher: R\u0435uters\n    url: https://www.reuters.com/x\n"
        "    archived: https://web.archive.org/web/2024/https://www.reuters.com/x\n"
    )
    only(sample_copy, sources=sources)
    assert problems(sample_copy) == [
        (
            7,
            "warning",
            "sources[0].publisher",
            "'R\u0435uters' mixes Latin and Cyrillic letters "
            "(\u0435 U+0435) (retype the word in one script: look-alike letters make a name that no search finds)",
        )
    ]


def test_names_in_one_script_each_are_fine_with_apostrophes_and_slashes(tmp_path: Path) -> None:
    text = (
        "actors:\n  - id: a\n    type: official\n    names: {en: Kyiv/Київ, uk: Вʼячеслав, ru: В'ячеслав}\n"
        "    holders:\n      - {name_en: Vyacheslav Gladkov, name_ru: Вячеслав Гладков}\n"
    )
    assert gazetteer_problems(tmp_path, text) == []


def test_an_entity_name_in_mixed_scripts_is_a_warning_naming_the_letters(tmp_path: Path) -> None:
    text = "places:\n  - id: x\n    parent: r\n    names: {en: Kh\u0430rkiv, ru: Харьков}\n" + REGION
    assert gazetteer_problems(tmp_path, text) == [
        "4: warning: places[0].names.en: 'Kh\u0430rkiv' mixes Latin and Cyrillic letters (\u0430 U+0430) "
        "(retype the word in one script: look-alike letters make a name that no search finds)"
    ]


def test_an_alias_with_a_zero_width_space_is_refused_and_never_a_spelling(tmp_path: Path) -> None:
    (tmp_path / "g.yml").write_text(REGION + '    aliases: ["Bel\\u200bgorod", Belgorod]\n', encoding="utf-8")
    log = ProblemLog()
    gazetteer = load_gazetteer([tmp_path / "g.yml"], log, today=TODAY)
    assert [(p.field, p.message.split(":")[0]) for p in log.sorted()] == [
        ("regions[0].aliases[0]", "contains U+200B ZERO WIDTH SPACE at character 4")
    ]
    assert gazetteer["r"].aliases == ["Belgorod"]
    assert not any("\u200b" in spelling for spelling in gazetteer.spelling_index())


def test_mixed_scripts_in_a_holders_name_and_a_former_name_are_warnings(tmp_path: Path) -> None:
    text = (
        REGION + "actors:\n  - id: a\n    type: official\n    names: {en: A}\n"
        "    holders:\n      - {name_en: Gl\u0430dkov}\n"
        "places:\n  - id: p\n    parent: r\n    names: {en: P}\n    former_names:\n      - {name: \u0410rtemivsk}\n"
    )
    found = gazetteer_problems(tmp_path, text)
    assert [p.split(" (")[0] for p in found] == [
        "9: warning: actors[0].holders[0].name_en: 'Gl\u0430dkov' mixes Latin and Cyrillic letters",
        "15: warning: places[0].former_names[0].name: '\u0410rtemivsk' mixes Latin and Cyrillic letters",
    ]


# --------------------------------------------------------------------------------------------
# Dates where dates belong, and dates that can be


def source_accessed(day: str) -> str:
    return (
        "sources:\n  - publisher: BBC News\n    url: https://www.bbc.co.uk/news/x\n"
        f"    accessed: {day}\n    archived: https://web.archive.org/web/2024/https://www.bbc.co.uk/news/x\n"
    )


def test_a_source_accessed_in_1990_for_a_2024_report_is_an_error(sample_copy: Path) -> None:
    only(sample_copy, sources=source_accessed("1990-01-01"))
    assert problems(sample_copy) == [
        (
            9,
            "error",
            "sources[0].accessed",
            "1990-01-01 is about 34 years before the report's date, 2024-03-12 (write the day the "
            "archive read the source: from 2024-02-11 (30 days before the report's date) to today)",
        )
    ]


def test_a_source_accessed_shortly_before_the_report_or_years_after_it_is_fine(sample_copy: Path) -> None:
    only(sample_copy, sources=source_accessed("2024-02-11"))
    assert problems(sample_copy) == []
    only(sample_copy, sources=source_accessed("2025-12-31"))
    assert problems(sample_copy) == []


def test_a_source_accessed_in_the_future_is_an_error(sample_copy: Path) -> None:
    only(sample_copy, sources=source_accessed("2026-01-02"))
    assert [(p[2], p[3]) for p in problems(sample_copy)] == [
        ("sources[0].accessed", "2026-01-02 is in the future (a report cannot be dated after today)")
    ]


def test_a_correction_dated_before_the_report_is_an_error(sample_copy: Path) -> None:
    only(sample_copy, "corrections:\n  - date: 2021-03-12\n    note: Added the governor's figures.\n")
    assert problems(sample_copy) == [
        (
            11,
            "error",
            "corrections[0].date",
            "2021-03-12 is 3 years before the report's date, 2024-03-12 (a correction changes this "
            "record, which was made after the report was published: check the year)",
        )
    ]


def test_a_correction_on_the_report_day_or_later_is_fine(sample_copy: Path) -> None:
    only(sample_copy, "corrections:\n  - date: 2024-03-12\n    note: Created.\n  - date: 2025-01-01\n    note: Fixed.\n")
    assert problems(sample_copy) == []


def test_a_check_dated_before_its_claim_is_an_error(sample_copy: Path) -> None:
    claim = (
        "claims:\n  - claimant: ru-mod\n    claim: A.\n    date: 2024-03-12\n    status: inconclusive\n"
        "    checks:\n      - {by: ru-mod, result: could-not-verify, date: 2024-03}\n"
        "      - {by: ru-mod, result: could-not-verify, date: 2023-12-31}\n"
    )
    only(sample_copy, claim)
    assert problems(sample_copy) == [
        (
            17,
            "error",
            "claims[0].checks[1].date",
            "the check is dated 2023-12-31, before the claim it checks was made (2024-03-12) "
            "(a claim can be checked only once it is made: correct one of the two dates)",
        )
    ]


OFFICE = "actors:\n  - id: gov\n    type: official\n    names: {en: Governor}\n    holders:\n      - "


def test_free_text_where_a_date_belongs_in_the_gazetteer_is_an_error(tmp_path: Path) -> None:
    found = gazetteer_problems(tmp_path, OFFICE + "{name_en: A B, in_office_on: banana}\n")
    assert found == [
        "6: error: actors[0].holders[0].in_office_on: expected a date, month, year or range, got the text "
        "'banana' (write 2024-03-12, 2024-03, 2024, or a range 2024-03-12/2024-03-14)"
    ]


def test_gazetteer_dates_are_kept_as_written(tmp_path: Path) -> None:
    text = (
        OFFICE
        + "{name_en: A B, in_office_on: '2024-03', until: 2024-05-07}\n"
        + REGION
        + "places:\n  - id: p\n    parent: r\n    names: {en: P}\n    former_names:\n      - {name: Old P, until: 2016}\n"
    )
    (tmp_path / "g.yml").write_text(text, encoding="utf-8")
    log = ProblemLog()
    gazetteer = load_gazetteer([tmp_path / "g.yml"], log, today=TODAY)
    assert log.sorted() == []
    holder = gazetteer["gov"].holders[0]
    assert (holder.in_office_on, holder.until, gazetteer["p"].former_names[0].until) == ("2024-03", "2024-05-07", "2016")


def test_a_former_name_dropped_in_the_future_is_an_error(tmp_path: Path) -> None:
    text = (
        REGION + "places:\n  - id: p\n    parent: r\n    names: {en: P}\n    former_names:\n      - {name: Old P, until: 2099}\n"
    )
    assert gazetteer_problems(tmp_path, text) == ["9: error: places[0].former_names[0].until: 2099 is in the future ()"]


def test_an_office_left_before_its_holder_held_it_is_an_error(tmp_path: Path) -> None:
    found = gazetteer_problems(tmp_path, OFFICE + "{name_en: A B, in_office_on: 2024-08, until: 2024-05}\n")
    assert found == [
        "6: error: actors[0].holders[0].until: A B left the office (2024-05) before the date given as in office "
        "(2024-08) (in_office_on is a date on which the person held the office; until, when they left it)"
    ]


def test_a_latitude_without_a_longitude_is_an_error_once(tmp_path: Path) -> None:
    assert gazetteer_problems(tmp_path, REGION + "    lat: 50.5\n") == [
        "4: error: regions[0].lat: 'lat' is given without 'lon' (give both coordinates, or neither)"
    ]
    assert [p.split(":")[2] for p in gazetteer_problems(tmp_path, REGION + "    lat: 500\n    lon: 30\n")] == [" regions[0].lat"]


# --------------------------------------------------------------------------------------------
# Verification as CONTRIBUTING.md states it: `verified` needs a named checker and a note saying how


import pytest  # noqa: E402


def evidence(verification: str) -> str:
    return f"evidence:\n  - kind: video\n    verification: {verification}\n"


def test_verified_evidence_without_a_checker_or_a_note_is_an_error(sample_copy: Path) -> None:
    only(sample_copy, evidence("{status: verified}"))
    assert problems(sample_copy) == [
        (
            12,
            "error",
            "evidence[0].verification.status",
            "'verified' needs a named checker (by) and a note saying how (note) (add 'by:' with the "
            "actor id of who verified the item and 'note:' saying how, or give another status)",
        )
    ]


def test_verified_evidence_with_a_checker_but_no_note_is_an_error(sample_copy: Path) -> None:
    only(sample_copy, evidence("{status: verified, by: ru-mod}"))
    assert [p[3] for p in problems(sample_copy)] == [
        "'verified' needs a note saying how (note) (add 'note:' saying how, or give another status)"
    ]


def test_verified_evidence_with_a_checker_and_a_note_is_fine(sample_copy: Path) -> None:
    only(sample_copy, evidence("{status: verified, by: ru-mod, note: Geolocated from the skyline.}"))
    assert problems(sample_copy) == []


def test_other_evidence_statuses_need_neither(sample_copy: Path) -> None:
    only(sample_copy, evidence("{status: inconclusive}"))
    assert problems(sample_copy) == []


def claim(status: str, checks: str = "") -> str:
    return f"claims:\n  - claimant: ru-mod\n    claim: A.\n    status: {status}\n" + (f"    checks:\n{checks}" if checks else "")


@pytest.mark.parametrize(
    ("checks", "problem"),
    [
        ("", "'verified' needs a named checker: the claim has no checks"),
        (
            "      - {by: ru-mod, result: confirmed, note: We say so.}\n",
            "'verified' needs an independent checker: the only checks are by the claimant, ru-mod",
        ),
        (
            "      - {by: ru-bel-governor, result: confirmed}\n",
            "'verified' needs a note saying how: no independent check of the claim has a 'note'",
        ),
    ],
)
def test_a_verified_claim_needs_an_independent_named_check_with_a_note(sample_copy: Path, checks: str, problem: str) -> None:
    only(sample_copy, claim("verified", checks), actors="[ru-mod, ru-bel-governor]")
    assert [(p[0], p[2], p[3].split(" (add")[0]) for p in problems(sample_copy)] == [(13, "claims[0].status", problem)]


def test_a_verified_claim_with_an_independent_check_and_a_note_is_fine(sample_copy: Path) -> None:
    only(
        sample_copy,
        claim("verified", "      - {by: ru-bel-governor, result: confirmed, note: Seen on site.}\n"),
        actors="[ru-mod, ru-bel-governor]",
    )
    assert problems(sample_copy) == []


def test_a_verified_article_needs_a_named_checker_and_notes(sample_copy: Path) -> None:
    only(sample_copy, "verification:\n  status: verified\n")
    assert problems(sample_copy) == [
        (
            11,
            "error",
            "verification.status",
            "'verified' needs a named checker and notes saying how (name who confirmed the report's "
            "central facts in a check of a claim or as the 'by' of verified evidence, say how in "
            "'notes', or give another status)",
        )
    ]


def test_a_verified_article_with_verified_evidence_and_notes_is_fine(sample_copy: Path) -> None:
    only(
        sample_copy,
        "verification:\n  status: verified\n  notes: The BBC geolocated the video.\n"
        + evidence("{status: verified, by: ru-mod, note: Geolocated.}"),
    )
    assert problems(sample_copy) == []


def test_partially_verified_needs_neither(sample_copy: Path) -> None:
    only(sample_copy, "verification:\n  status: partially-verified\n")
    assert problems(sample_copy) == []
