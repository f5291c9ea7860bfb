"""Turning record values into text a reader sees: figures, dates, citations (HTML is sanitised by archive.read.markup).

Plain functions with no knowledge of MkDocs; the site's page generators call them, and so can
any other output (feeds, exports).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Optional

from archive.format.model import Article, Figure
from archive.format.vocabulary import QUALIFIER_LABELS

# --------------------------------------------------------------------------------------------
# Numbers, figures, dates

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


#: From this size on, a number is shown as ``1.23e+15``: its units are noise to a reader, and
#: a float's are noise in fact (``1e300`` would print as 301 digits of binary rounding).
_LARGEST_IN_FULL = 10**15


def format_number(value: float) -> str:
    """``234.0`` → ``234``, ``1200`` → ``1,200``, ``2.5`` → ``2.5``, ``0.1 + 0.2`` → ``0.3``.

    Never raises and never prints float noise, whatever it is given: an integer too large for a
    float, or of more digits than Python converts to text, is shown by its first digits and its
    power of ten, infinity as ``∞``. (``archive check`` keeps figures within 0..10^12 anyway.)
    """
    if isinstance(value, int):
        if -_LARGEST_IN_FULL < value < _LARGEST_IN_FULL:
            return f"{value:,}"
        return _scientific(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if abs(value) >= _LARGEST_IN_FULL:
        return f"{value:.6g}"
    if value.is_integer():
        return f"{int(value):,}"
    # Fifteen significant digits drop a float's binary noise (0.30000000000000004) and keep
    # every digit a figure may be written with; 'g' avoids the exponent for ordinary values.
    text = f"{value:,.15g}"
    return text if "e" not in text else f"{value:.6g}"


def _scientific(value: int) -> str:
    """A huge integer as ``1.23457e+400``, without converting all of it to text or a float."""
    magnitude = abs(value)
    digits = int(magnitude.bit_length() * math.log10(2)) + 1  # the count, or one more
    if magnitude < 10 ** (digits - 1):
        digits -= 1
    leading = magnitude // 10 ** max(digits - 6, 0)  # its first six digits
    mantissa = f"{leading / 10 ** (min(digits, 6) - 1):.6g}"
    return f"{'-' if value < 0 else ''}{mantissa}e+{digits - 1}"


def format_figure_value(figure: Figure) -> str:
    """The value with its qualifier and range: ``more than 234``, ``about 40 (30–50)``,
    ``1,000–1,200`` (a range only), ``several`` (no number at all)."""
    label = QUALIFIER_LABELS.get(figure.qualifier or "", "")
    span = ""
    if figure.min is not None or figure.max is not None:
        low = format_number(figure.min) if figure.min is not None else "…"
        high = format_number(figure.max) if figure.max is not None else "…"
        span = f"{low}–{high}"
    if figure.value is None:
        return f"{label} {span}".strip() or "unstated"
    text = f"{label} {format_number(figure.value)}".strip()
    return f"{text} ({span})" if span else text


def format_quantity(quantity: str) -> str:
    """``drones-launched`` → ``drones launched``."""
    return quantity.replace("-", " ")


def format_figure(figure: Figure, name: Optional[Callable[[str], str]] = None) -> str:
    """``more than 234 killed (Armed Forces of Ukraine)``, as plain text."""
    text = f"{format_figure_value(figure)} {format_quantity(figure.quantity)}"
    if figure.subject:
        text += f" ({name(figure.subject) if name else figure.subject})"
    return text


def format_date(value: date) -> str:
    """``12 March 2024``."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def format_month(month: str) -> str:
    """``2024-03`` → ``March 2024``."""
    year, _, number = month.partition("-")
    return f"{_MONTHS[int(number) - 1]} {year}"


def month_name(month: str) -> str:
    """``2024-03`` → ``March``."""
    return _MONTHS[int(month[5:7]) - 1]


def label(value: str) -> str:
    """``partially-verified`` → ``partially verified``."""
    return value.replace("-", " ").replace("_", " ")


LANGUAGE_NAMES = {"en": "English", "uk": "Ukrainian", "ru": "Russian", "pl": "Polish", "de": "German", "fr": "French"}
#: Languages other archives name their entities in (a vocabulary's name_languages).
LANGUAGE_NAMES.update(
    ar="Arabic", fa="Persian", he="Hebrew", tr="Turkish", ku="Kurdish", am="Amharic", ti="Tigrinya", so="Somali"
)
LANGUAGE_NAMES.update(
    es="Spanish", pt="Portuguese", be="Belarusian", ka="Georgian", hy="Armenian", az="Azerbaijani", my="Burmese"
)


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


# --------------------------------------------------------------------------------------------
# Citations


def citation(article: Article, site_name: str, url: str) -> str:
    """A plain-text reference to the article's record: what a researcher pastes into a paper."""
    return f'{site_name}. "{article.title}". Archived report, {format_date(article.date)}. Record {article.id}. {url}'


def _bibtex_text(value: str) -> str:
    return value.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")


def bibtex(article: Article, site_name: str, url: str) -> str:
    """A BibTeX ``@misc`` entry for the article's record, keyed by its id."""
    lines = [
        f"@misc{{{article.id},",
        f"  title = {{{_bibtex_text(article.title)}}},",
        f"  author = {{{{{_bibtex_text(site_name)}}}}},",
        f"  year = {{{article.date.year}}},",
        f"  month = {{{article.date.month}}},",
        f"  note = {{Archived report {article.id}, dated {article.date.isoformat()}}},",
    ]
    if url:
        lines.append(f"  howpublished = {{\\url{{{url}}}}},")
    lines.append("}")
    return "\n".join(lines)


__all__ = [
    "format_number",
    "format_figure",
    "format_figure_value",
    "format_quantity",
    "format_date",
    "format_month",
    "month_name",
    "label",
    "language_name",
    "LANGUAGE_NAMES",
    "citation",
    "bibtex",
]
