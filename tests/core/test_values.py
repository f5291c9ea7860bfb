"""Single values: URLs, dates and fuzzy dates as the data model defines them."""

from __future__ import annotations

from datetime import date

import pytest

from archive.validate import parse_fuzzy_date, url_problem


@pytest.mark.parametrize("url", ["https://www.bbc.co.uk/news/x?a=1&b=2#c", "http://x.org:8000/",
                                 "https://web.archive.org/web/2024/https://x.org/a", "HTTPS://X.ORG",
                                 "https://київ.укр/шлях", "https://x.org:8080/p"])
def test_http_and_https_links_are_accepted(url: str) -> None:
    assert url_problem(url) == ""


@pytest.mark.parametrize(("url", "problem"), [
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
])
def test_other_links_are_refused_with_the_reason(url: str, problem: str) -> None:
    assert problem in url_problem(url)


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("2024-03-12", date(2024, 3, 12), date(2024, 3, 12), "day"),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
    ("2023-12", date(2023, 12, 1), date(2023, 12, 31), "month"),
    ("2024", date(2024, 1, 1), date(2024, 12, 31), "year"),
    ("2024-03-12/2024-03-14", date(2024, 3, 12), date(2024, 3, 14), "range"),
    ("2024-03/2024-04", date(2024, 3, 1), date(2024, 4, 30), "range"),
])
def test_fuzzy_dates_cover_the_days_they_can_mean(text: str, start: date, end: date, precision: str) -> None:
    parsed = parse_fuzzy_date(text)
    assert parsed is not None and (parsed.start, parsed.end, parsed.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["2024-13", "2024-02-30", "2024-03-14/2024-03-12", "March 2024", "24-03-12", ""])
def test_impossible_fuzzy_dates_are_refused(text: str) -> None:
    assert parse_fuzzy_date(text) is None
