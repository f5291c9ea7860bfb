"""Turning record values into text a reader sees: figures, dates, citations (HTML is sanitised by archive.markup).

Plain functions with no knowledge of MkDocs; the site's page generators call them, and so can
any other output (feeds, exports).
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Optional

from .model import Article, Figure
from .vocabulary import QUALIFIER_LABELS

# --------------------------------------------------------------------------------------------
# Numbers, figures, dates

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def format_number(value: float) -> str:
    """``234.0`` → ``234``, ``1200`` → ``1,200``, ``2.5`` → ``2.5``."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1000 else f"{value:g}"


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


# --------------------------------------------------------------------------------------------
# Citations


def citation(article: Article, site_name: str, url: str) -> str:
    """A plain-text reference to the article's record: what a researcher pastes into a paper."""
    return (
        f"{site_name}. \"{article.title}\". Archived report, {format_date(article.date)}. "
        f"Record {article.id}. {url}"
    )


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
    "format_figure", "format_figure_value", "format_quantity", "format_date", "format_month",
    "month_name", "citation", "bibtex",
]
