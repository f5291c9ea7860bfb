"""Small builders for article text, so each test shows only the field it is about."""

from __future__ import annotations

from pathlib import Path

SOURCE = """sources:
  - publisher: BBC News
    url: https://www.bbc.co.uk/news/world-europe-68543213
    archived: https://web.archive.org/web/2024/https://www.bbc.co.uk/news/world-europe-68543213
"""


def article_text(
    extra: str = "",
    *,
    date: str = "2024-03-12",
    regions: str = "[ru-bel]",
    actors: str = "[ru-mod]",
    sources: str = SOURCE,
    title: str = "Drone attack reported in Belgorod region",
    body: str = "Body.\n",
) -> str:
    head = f"---\ntitle: {title}\ndate: {date}\nregions: {regions}\nactors: {actors}\n"
    return head + sources + extra + "---\n" + body


def write_article(content: Path, text: str, name: str = "2024-03-12-test-article.md") -> Path:
    year = name[:4] if name[:4].isdigit() else "2024"
    path = content / "articles" / year / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
