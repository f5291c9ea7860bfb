"""What the export tests share: the archives they export (the shipped sample, the fixture archive
with the hostile articles, the fixture's and one of spreadsheet formulas written here, and one
made by the benchmarks' generator), and how they are loaded."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from generate import generate_archive  # noqa: E402, F401 (the conftest makes an archive with it)

from archive.catalogue import Catalogue, build_catalogue  # noqa: E402
from archive.read.loader import Archive, load_archive  # noqa: E402

SITE = "https://archive.example.org/"
NAME = 'Test <Archive> & "Co"'

#: Values a spreadsheet would run, a feed or a script element would end at, a citation manager
#: would split at: each must come out of every export as the same text.
FORMULAS = """---
title: "=HYPERLINK(\\"https://evil.example/\\",\\"click\\") </script><!-- ]]> {unbalanced"
title_original: "+SUM(1,2)"
date: 2024-03-16
summary: "-1+2 </script><script>alert(1)</script> & ]]> %s \\\\ } @misc{x,"
regions: [ru-bel]
places: [ru-bel-belgorod]
actors: [evil-corp, ru-mod]
tags: [shelling]
sources:
  - publisher: "@evil"
    url: "https://example.org/?a=1&b=</script>"
    title: "\\t=cmd|' /C calc'!A0"
    archived: https://web.archive.org/web/2024/https://example.org/
claims:
  - claimant: evil-corp
    claim: "=1+1 </script> \\nER  - \\nTY  - JOUR"
    status: false
    date: 2024-03
    figures:
      - {quantity: killed, value: 3, subject: ru-mod}
    checks:
      - {by: ru-mod, result: contradicted, note: "'=quoted", date: 2024-03-16}
  - claimant: ru-mod
    claim: "@SUM(A1:A9)"
    status: unverified
events:
  - id: formula-event
    type: shelling
    date: 2024-03-14/2024-03-15
    places: [ru-bel-belgorod]
    actors: [evil-corp]
    summary: "+=-@"
evidence:
  - kind: photo
    description: "=IMPORTXML(\\"https://evil.example\\")"
    verification: {status: false, by: ru-mod, note: "-note"}
corrections:
  - {date: 2024-03-17, note: "=correction"}
---

Body with =formula.
"""


@dataclass
class Loaded:
    root: Path
    archive: Archive
    catalogue: Catalogue


def load(root: Path) -> Loaded:
    archive = load_archive(root)
    assert not archive.log.errors, [p.text() for p in archive.log.errors]
    return Loaded(root, archive, build_catalogue(archive.gazetteer, archive.published()))


#: What the reader refuses but a record built in Python may hold: line and paragraph separators,
#: control characters. The exports must still keep them data (or drop what a format cannot hold).
HAZARDS = "a\u2028b\u2029c </script><!-- x --> ]]> & \x01\x1b[31m \ufeff"


def with_hazards(loaded: Loaded) -> Catalogue:
    """The archive's catalogue with one more article, built in Python, full of :data:`HAZARDS`."""
    from datetime import date

    from archive.format.model import Article, Check, Claim, FuzzyDate, Source

    day = FuzzyDate(date(2024, 3, 1), date(2024, 3, 31), "2024-03", "month")
    article = Article(
        id="2024-03-30-hazards",
        path="articles/2024/2024-03-30-hazards.md",
        title="Title " + HAZARDS,
        date=date(2024, 3, 30),
        summary="Summary " + HAZARDS,
        regions=["ru-bel"],
        places=["ru-bel-belgorod"],
        actors=["evil-corp"],
        tags=["shelling"],
        sources=[
            Source(
                publisher="Publisher " + HAZARDS,
                url="https://example.org/?q=</script>&x=\u2028",
                archived="https://web.archive.org/web/2024/x",
            )
        ],
        claims=[
            Claim(
                claimant="evil-corp",
                claim="Claim " + HAZARDS,
                status="disputed",
                date=day,
                checks=[Check(by="ru-mod", result="contradicted", note="Note " + HAZARDS, date=day)],
            )
        ],
    )
    published = [loaded.catalogue.articles[i] for i in loaded.catalogue.timeline]
    return build_catalogue(loaded.archive.gazetteer, [*published, article])
