"""Single values: URLs, dates and fuzzy dates as the data model defines them."""

from __future__ import annotations

from datetime import date

import pytest

from archive.format.rules import parse_fuzzy_date, url_problem


@pytest.mark.parametrize(
    "url",
    [
        "https://www.bbc.co.uk/news/x?a=1&b=2#c",
        "http://x.org:8000/",
        "https://web.archive.org/web/2024/https://x.org/a",
        "HTTPS://X.ORG",
        "https://київ.укр/шлях",
        "https://x.org:8080/p",
    ],
)
def test_http_and_https_links_are_accepted(url: str) -> None:
    assert url_problem(url) == ""


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("javascript:alert(1)", "is not an http(s) link (javascript)"),
        ("JaVaScRiPt:alert(1)", "is not an http(s) link (javascript)"),
        ("data:text/html,<script>", "is not an http(s) link (data)"),
        ("ftp://x.org", "is not an http(s) link (ftp)"),
        ("//x.org", "(no scheme)"),
        ("https://", "has no host"),
        ("https://.x.org", "has an empty label"),
        ("https://x.org/a b", "cannot contain spaces"),
        # The rest of the rules (credentials, local hosts, IP addresses...): tests/core/test_urls.py.
        ("http://localhost:8000/", "has no dot"),
        ("https://user:pw@x.org:8080/p", "cannot contain a user name or password"),
    ],
)
def test_other_links_are_refused_with_the_reason(url: str, problem: str) -> None:
    assert problem in url_problem(url)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2024-03-12", date(2024, 3, 12), date(2024, 3, 12), "day"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2023-12", date(2023, 12, 1), date(2023, 12, 31), "month"),
        ("2024", date(2024, 1, 1), date(2024, 12, 31), "year"),
        ("2024-03-12/2024-03-14", date(2024, 3, 12), date(2024, 3, 14), "range"),
        ("2024-03/2024-04", date(2024, 3, 1), date(2024, 4, 30), "range"),
    ],
)
def test_fuzzy_dates_cover_the_days_they_can_mean(text: str, start: date, end: date, precision: str) -> None:
    parsed = parse_fuzzy_date(text)
    assert parsed is not None and (parsed.start, parsed.end, parsed.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "2024-03-14/2024-03-12", "March 2024", "24-03-12", ""])
def test_impossible_fuzzy_dates_are_refused(text: str) -> None:
    assert parse_fuzzy_date(text) is None


# --------------------------------------------------------------------------------------------
# Numbers: declared once in archive.format.spec, applied by the reader, the acceptors and the schema

from archive.format import spec  # noqa: E402
from archive.format.rules import digit_count, number_problem, number_text  # noqa: E402
from archive.outputs.display import format_number  # noqa: E402
from archive.outputs.schema import front_matter_schema  # noqa: E402
from archive.read.reader import kind_of_value  # noqa: E402
from archive.read.source import MAX_INTEGER_LENGTH, OverlongNumber, parse_yaml, resolve_plain  # noqa: E402


def short(value: object) -> str:
    """A test id for any value: huge numbers by their size (Python will not print them whole)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(value)
    return repr(value)[:20]


@pytest.mark.parametrize(
    "text",
    ["1" * 5_000, "-" + "9" * 5_000, "+" + "1" * 4_301, "0x" + "f" * 5_000, "0o" + "7" * 5_000, "1" * (MAX_INTEGER_LENGTH + 1)],
    ids=short,
)
def test_an_integer_too_long_to_convert_is_kept_as_written_never_raising(text: str) -> None:
    value = resolve_plain(text)
    assert value == OverlongNumber(text)
    assert value.digits == len(text.lstrip("+-").removeprefix("0x").removeprefix("0o"))


def test_an_integer_of_the_longest_length_is_still_a_number() -> None:
    assert resolve_plain("1" * MAX_INTEGER_LENGTH) == int("1" * MAX_INTEGER_LENGTH)


def test_a_quoted_long_integer_is_text_and_a_plain_one_an_overlong_number() -> None:
    digits = "1" * 5_000
    data = parse_yaml(f"a: {digits}\nb: '{digits}'\nc: !!int {digits}\n").data
    assert data == {"a": OverlongNumber(digits), "b": digits, "c": OverlongNumber(digits)}
    assert kind_of_value(data["a"]) == "a number of 5,000 digits"


@pytest.mark.parametrize(
    ("value", "digits"),
    [
        (0, 1),
        (7, 1),
        (-1200, 4),
        (10**12, 13),
        (0.0, 1),
        (2.5, 2),
        (50.46, 4),
        (0.125, 3),
        (1e-07, 7),
        (1200.0, 4),
        (1e300, 301),
        (-179.12345678, 11),
        (10**5_000, 5_001),
    ],
    ids=short,
)
def test_digits_are_counted_as_the_number_is_written_in_full(value: float, digits: int) -> None:
    assert digit_count(value) == digits


@pytest.mark.parametrize(
    ("kind", "value", "problem"),
    [
        (spec.COUNT, -5, "-5 is below the minimum of 0"),
        (spec.COUNT, -0.5, "-0.5 is below the minimum of 0"),
        (spec.COUNT, 10**12 + 1, "1000000000001 is above the maximum of 1,000,000,000,000"),
        (spec.COUNT, 1e300, "1e+300 is above the maximum of 1,000,000,000,000"),
        (spec.COUNT, 10**400, "100000000000... (401 digits) is above the maximum of 1,000,000,000,000"),
        (spec.COUNT, 10**5_000, "a number of about 5,001 digits is above the maximum"),
        (spec.COUNT, 1.12345678901234, "1.12345678901234 is written with 15 digits; at most 13 are allowed here"),
        (spec.LATITUDE, 999, "999 is above the maximum of 90"),
        (spec.LATITUDE, -90.5, "-90.5 is below the minimum of -90"),
        (spec.LONGITUDE, 180.0001, "180.0001 is above the maximum of 180"),
        (spec.LATITUDE, 50.46123456789, "is written with 13 digits; at most 10 are allowed here"),
    ],
    ids=short,
)
def test_a_number_outside_its_declared_range_or_digits_is_refused_saying_why(
    kind: spec.Number, value: float, problem: str
) -> None:
    found = number_problem(kind, value)
    assert found is not None and problem in found[0]
    assert found[1] and kind.help in found[1]


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (spec.COUNT, 0),
        (spec.COUNT, 234),
        (spec.COUNT, 2.5),
        (spec.COUNT, 10**12),
        (spec.COUNT, 123456789012.5),
        (spec.LATITUDE, -90),
        (spec.LATITUDE, 90.0),
        (spec.LATITUDE, 50.46),
        (spec.LATITUDE, 50.46123456),
        (spec.LONGITUDE, -180),
        (spec.LONGITUDE, 179.99999999),
        (spec.LONGITUDE, 35.6),
    ],
    ids=short,
)
def test_a_number_within_its_declared_range_and_digits_is_accepted(kind: spec.Number, value: float) -> None:
    assert number_problem(kind, value) is None


def test_figures_and_coordinates_declare_their_bounds_once() -> None:
    assert spec.FIGURE.field_named("value").type == spec.FIGURE.field_named("min").type == spec.COUNT
    assert spec.FIGURE.field_named("max").type is spec.COUNT
    for record in (spec.COUNTRY, spec.REGION, spec.PLACE):
        assert (record.field_named("lat").type, record.field_named("lon").type) == (spec.LATITUDE, spec.LONGITUDE)
    assert (spec.COUNT.minimum, spec.COUNT.maximum) == (0, 10**12)
    assert (spec.LATITUDE.minimum, spec.LATITUDE.maximum, spec.LONGITUDE.minimum, spec.LONGITUDE.maximum) == (-90, 90, -180, 180)


def test_the_json_schema_bounds_figures_as_the_spec_does() -> None:
    figure = front_matter_schema()["$defs"]["figure"]["properties"]
    for name in ("value", "min", "max"):
        assert (figure[name]["minimum"], figure[name]["maximum"]) == (spec.COUNT.minimum, spec.COUNT.maximum)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (234.0, "234"),
        (1200, "1,200"),
        (2.5, "2.5"),
        (0.1 + 0.2, "0.3"),
        (1_234_567.5, "1,234,567.5"),
        (123456789012.5, "123,456,789,012.5"),
        (10**12, "1,000,000,000,000"),
        (1e300, "1e+300"),
        (10**15, "1e+15"),
        (10**400, "1e+400"),
        (-(10**400), "-1e+400"),
        (10**5_000, "1e+5000"),
        (123456 * 10**500, "1.23456e+505"),
        (float("inf"), "∞"),
        (float("-inf"), "−∞"),
        (float("nan"), "NaN"),
    ],
    ids=short,
)
def test_format_number_never_raises_nor_prints_float_noise(value: float, shown: str) -> None:
    assert format_number(value) == shown


# --------------------------------------------------------------------------------------------
# Text: unseen characters and words mixing scripts

from archive.format.rules import mixed_script_problem, text_problem  # noqa: E402
from archive.format.urls import mixed_scripts  # noqa: E402


@pytest.mark.parametrize(
    ("word", "scripts", "letters"),
    [
        ("R\u0435uters", ["Latin", "Cyrillic"], ["\u0435"]),
        ("p\u0430yp\u0430l", ["Latin", "Cyrillic"], ["\u0430"]),
        ("\u0392\u0392C", ["Greek", "Latin"], ["C"]),
        ("Reuters", [], []),
        ("Київ", [], []),
        ("Вʼячеслав", [], []),
        ("東京Tokyo", [], []),
        ("Αθήνα", [], []),
    ],
)
def test_mixed_scripts_names_the_scripts_and_the_letters_that_stand_out(word: str, scripts: list, letters: list) -> None:
    assert mixed_scripts(word) == (scripts, letters)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("R\u0435uters News", "'R\u0435uters' mixes Latin and Cyrillic letters (\u0435 U+0435)"),
        ("Київ/Kyiv", None),
        ("Rostov-on-Don (Ростов-на-Дону)", None),
        ("Su-25 / Су-25", None),
        ("K\u0443\u03b9v", "'K\u0443\u03b9v' mixes Latin, Cyrillic and Greek letters (\u0443 U+0443, \u03b9 U+03B9)"),
    ],
)
def test_a_word_mixing_scripts_is_found_among_words_that_do_not(text: str, problem: object) -> None:
    found = mixed_script_problem(text)
    assert (found[0] if found else None) == problem


@pytest.mark.parametrize(
    "char",
    [
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\u200e",
        "\u200f",
        "\u061c",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u2028",
        "\u2029",
        "\x85",
    ],
)
def test_no_text_may_hold_an_unseen_character(char: str) -> None:
    problem = text_problem(spec.Text(), f"Bel{char}gorod")
    assert problem is not None and problem[0].startswith(f"contains U+{ord(char):04X} ") and "at character 4" in problem[0]


def test_ordinary_non_ascii_text_is_fine() -> None:
    assert text_problem(spec.Text(), "Київ, Kyiv, Киев\u00a0— «Київ» ’s") is None
