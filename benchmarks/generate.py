"""Generate realistic, valid archives of any size for benchmarks and scale tests.

``generate_archive(dest, n, seed)`` copies a gazetteer and writes ``n`` articles of a few
hundred words, each with front matter drawn from the gazetteer: regions (with their places),
actors, tags, sources with archived copies, claims with figures and checks, evidence and an
event. The same ``n`` and ``seed`` always give the same bytes. Every article passes
``archive check --strict``.

    python benchmarks/generate.py /tmp/archive-1000 1000 --seed 1
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from archive.format.vocabulary import ARTICLE_STATUSES, CHECK_RESULTS, CLAIM_STATUSES, EVIDENCE_KINDS, EVIDENCE_STATUSES  # noqa: E402
from archive.read.gazetteer import find_gazetteer_files, load_gazetteer  # noqa: E402
from archive.read.problems import ProblemLog  # noqa: E402

FIRST_DAY = date(2022, 2, 24)
LAST_DAY = date(2024, 12, 31)

# Frequent English words, in rough frequency order: the body's Zipf head.
COMMON = """the of and to in a is that for it as was with be by on not he this are or his from at which
but have an they you were her she there been one all we their has would when if so no will more what
up out who them some could into time only other new said than its also two first after any these may
over people most such where through back years much how before must well should our because those
state being both under while during between since each against three city found days made report
forces attack border officials military region troops statement village drone strike claimed killed
injured defence ministry governor video footage verified according reported independent confirmed
night morning missile air shelling damage buildings residents civilians police fire units fighters
sources local near later group groups members army territory control operation weapons artillery""".split()

TITLE_PATTERNS = [
    "{actor} says {event} in {place}",
    "{event} reported in {region}",
    "{actor} and {actor2} give competing accounts of {event}",
    "Footage shows aftermath of {event} near {place}",
    "{region}: {actor} reports {event}",
]
EVENTS = ["a drone attack", "shelling", "a cross-border raid", "a missile strike", "an explosion", "an air-defence interception"]
QUANTITIES = [
    "killed",
    "injured",
    "drones-launched",
    "drones-intercepted",
    "missiles-launched",
    "tanks-destroyed",
    "buildings-damaged",
]


def _vocabulary(rng: random.Random, size: int = 30_000) -> list[str]:
    """Pseudo-words for the Zipf tail: real text has tens of thousands of rare terms."""
    syllables = ["ka", "lo", "mer", "sta", "vin", "dor", "pel", "ri", "zan", "tor", "bel", "gra", "nov", "ush", "ek", "lin"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    ordered = sorted(words)
    rng.shuffle(ordered)  # frequency rank must not follow the alphabet
    return ordered


def _paragraph(rng: random.Random, tail: list[str], names: list[str], words: int) -> str:
    out = []
    for _ in range(words):
        roll = rng.random()
        if roll < 0.55:
            out.append(COMMON[min(int(rng.paretovariate(1.1)) - 1, len(COMMON) - 1)])
        elif roll < 0.95:
            out.append(tail[int(len(tail) * rng.random() ** 4)])
        else:
            out.append(rng.choice(names))
    sentences, current = [], []
    for word in out:
        current.append(word)
        if len(current) > rng.randint(8, 22):
            sentences.append(" ".join(current).capitalize() + ".")
            current = []
    if current:
        sentences.append(" ".join(current).capitalize() + ".")
    return " ".join(sentences)


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate_archive(
    dest: Path, n: int, seed: int = 0, gazetteer_from: Path = ROOT / "content" / "gazetteer", words: int = 400
) -> Path:
    """Write a gazetteer and ``n`` valid articles under ``dest``; returns ``dest``."""
    dest = Path(dest)
    rng = random.Random(seed)
    gazetteer_files = find_gazetteer_files(Path(gazetteer_from))
    gazetteer = load_gazetteer(gazetteer_files, ProblemLog())
    (dest / "gazetteer").mkdir(parents=True, exist_ok=True)
    for file in gazetteer_files:
        shutil.copyfile(file, dest / "gazetteer" / file.name)

    regions = sorted(e.id for e in gazetteer.entities.values() if e.kind == "region")
    places = sorted(e.id for e in gazetteer.entities.values() if e.kind == "place" and e.parent in gazetteer.entities)
    actors = sorted(e.id for e in gazetteer.entities.values() if e.kind == "actor")
    media = sorted(e.id for e in gazetteer.entities.values() if e.kind == "actor" and e.type == "media") or actors
    tags = sorted(e.id for e in gazetteer.entities.values() if e.kind == "tag")
    tail = _vocabulary(rng)
    span = (LAST_DAY - FIRST_DAY).days

    for index in range(n):
        day = FIRST_DAY + timedelta(days=(index * 7919) % span)
        place = rng.choice(places)
        region_ids = sorted({gazetteer[place].parent, *rng.sample(regions, rng.randint(0, 2))} & set(regions)) or [
            rng.choice(regions)
        ]
        actor_ids = rng.sample(actors, rng.randint(2, 5))
        checker = rng.choice(media)
        if checker not in actor_ids:
            actor_ids.append(checker)
        tag_ids = sorted(rng.sample(tags, min(len(tags), rng.randint(1, 3))))
        names = [gazetteer.name(i) for i in actor_ids + region_ids + [place]]
        title = rng.choice(TITLE_PATTERNS).format(
            actor=gazetteer.name(actor_ids[0]),
            actor2=gazetteer.name(actor_ids[1]),
            event=rng.choice(EVENTS),
            place=gazetteer.name(place),
            region=gazetteer.name(region_ids[0]),
        )
        slug = f"{day.isoformat()}-generated-report-{index:06d}"
        lines = [
            "---",
            f"title: {_yaml_text(title)}",
            f"date: {day.isoformat()}",
            f"summary: {_yaml_text(_paragraph(rng, tail, names, 30))}",
            f"regions: [{', '.join(region_ids)}]",
            f"places: [{place}]",
            f"actors: [{', '.join(actor_ids)}]",
            f"tags: [{', '.join(tag_ids)}]",
            "sources:",
        ]
        for s in range(rng.randint(1, 2)):
            url = f"https://news.example.org/{day.year}/{slug}-{s}"
            lines += [
                f"  - publisher: {_yaml_text(gazetteer.name(checker))}",
                f"    url: {url}",
                f"    accessed: {day.isoformat()}",
                f"    archived: https://web.archive.org/web/{day.strftime('%Y%m%d')}/{url}",
            ]
        status = rng.choice(list(ARTICLE_STATUSES))
        status_line = len(lines) + 1
        lines += [
            "verification:",
            f"  status: {status}",
            f"  notes: {_yaml_text(_paragraph(rng, tail, names, 10))}",
            "events:",
            "  - id: main-event",
            f"    type: {tag_ids[0]}",
            f"    date: {day.isoformat()}",
            f"    regions: [{region_ids[0]}]",
            f"    places: [{place}]",
            f"    summary: {_yaml_text(_paragraph(rng, tail, names, 15))}",
            "claims:",
        ]
        confirmed_independently = False
        for c in range(rng.randint(1, 3)):
            value = rng.randint(1, 400)
            claimant = actor_ids[c % len(actor_ids)]
            result = rng.choice(list(CHECK_RESULTS))
            confirmed_independently |= claimant != checker and result in ("confirmed", "partially-confirmed")
            claim_status = rng.choice(list(CLAIM_STATUSES))
            if claim_status == "verified" and claimant == checker:  # 'verified' needs an independent check
                claim_status = "unverified"
            lines += [
                f"  - id: claim-{c + 1}",
                f"    claimant: {claimant}",
                f"    claim: {_yaml_text(_paragraph(rng, tail, names, 14))}",
                "    about: main-event",
                f"    status: {claim_status}",
                "    figures:",
                f"      - {{quantity: {rng.choice(QUANTITIES)}, value: {value}, qualifier: at-least, subject: {actor_ids[(c + 1) % len(actor_ids)]}}}",
                f"    checks: [{{by: {checker}, result: {result}, note: Compared with the footage}}]",
            ]
        if status == "verified" and not confirmed_independently:  # 'verified' needs a named, independent checker
            lines[status_line] = "  status: partially-verified"
        if rng.random() < 0.6:
            lines += [
                "evidence:",
                f"  - kind: {rng.choice(list(EVIDENCE_KINDS))}",
                f"    description: {_yaml_text(_paragraph(rng, tail, names, 12))}",
                f"    verification: {{status: {rng.choice(list(EVIDENCE_STATUSES))}, by: {checker}, note: Geolocated}}",
            ]
        lines.append("---")
        body = [_paragraph(rng, tail, names, words // 4) for _ in range(4)]
        text = "\n".join(lines) + "\n\n" + "\n\n".join(body) + "\n"
        folder = dest / "articles" / str(day.year)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
    return dest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--words", type=int, default=400, help="words of body text per article")
    parser.add_argument("--gazetteer", type=Path, default=ROOT / "content" / "gazetteer")
    args = parser.parse_args()
    generate_archive(args.dest, args.n, args.seed, args.gazetteer, args.words)
    print(f"wrote {args.n} articles to {args.dest}")


if __name__ == "__main__":
    main()
