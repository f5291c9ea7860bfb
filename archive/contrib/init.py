"""``archive init DIR``: a new, working archive for any conflict.

What it writes, every file new (an existing file is never replaced, see
:func:`archive.contrib.scaffold.write_new_file`):

- ``mkdocs.yml``: the site (Material, the ``archive`` and ``archive-search`` plugins, the
  Markdown extensions articles use), ``site_url`` from the environment variable ``SITE_URL``;
- the archive folder (``content/`` by default): the vocabulary (``gazetteer/vocabulary.yml``:
  the conflict's sides and the languages of its names), a starter gazetteer (a country, a region,
  a place, an actor for each side, a tag), the editorial pages (home, methodology, contribute)
  and a first example article;
- ``.github/workflows/``: the pull-request check and the deploy to GitHub Pages;
- ``.pre-commit-config.yaml`` (this project's published hook), ``requirements.txt`` (this
  version), ``.gitignore`` and a ``README.md``.

The starter files are package data in ``archive/contrib/starter/``; the gazetteer, the vocabulary
and the article are written here, every value through :func:`~archive.contrib.scaffold.yaml_scalar`.
The result passes ``archive check --strict`` and ``mkdocs build --strict`` as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from archive.contrib.scaffold import slugify, write_new_file, yaml_list, yaml_scalar
from archive.format import spec
from archive.format.layout import ARTICLES_DIR, GAZETTEER_DIR, VOCABULARY_FILE
from archive.format.rules import text_problem
from archive.outputs.display import language_name

#: Where the project is published: the pre-commit hook's repository, the README's links.
REPOSITORY = "https://github.com/conflict-archive/conflict-archive"
#: The side of media, monitors and third parties, added unless the conflict's sides name it.
NEUTRAL_SIDE = ("none", "Neither side", "Neither belligerent: media, monitors, third parties.")
#: The date of the example article.
EXAMPLE_DATE = date(2024, 1, 15)


class InitError(ValueError):
    """A value ``archive init`` cannot use (said as a sentence for the command line)."""


@dataclass
class StarterOptions:
    """What ``archive init`` asks for: the archive's name, the conflict and its sides, the
    languages entities are named in, the country it is fought in, the docs folder."""

    name: str
    #: ``(id, name)`` of each belligerent: ``("saf", "Sudanese Armed Forces")``.
    sides: list[tuple[str, str]]
    languages: list[str] = field(default_factory=lambda: ["en"])
    conflict: str = ""
    country: str = "Example Country"
    docs_dir: str = "content"
    version: str = "0.1.0"


def parse_sides(values: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """``saf:Sudanese Armed Forces,rsf:Rapid Support Forces`` → ``[(saf, ...), (rsf, ...)]``;
    each id and name is checked by the vocabulary's rules (``spec.SIDE``)."""
    sides: list[tuple[str, str]] = []
    id_field, label_field = spec.SIDE.field_named("id"), spec.SIDE.field_named("label")
    assert id_field is not None and label_field is not None
    for value in values:
        for part in (p.strip() for p in value.split(",")):
            if not part:
                continue
            side_id, _, name = (s.strip().strip("\"'") for s in part.partition(":"))
            name = name or side_id
            problem = text_problem(id_field.type, side_id) or text_problem(label_field.type, name)
            if problem:
                raise InitError(f"side '{part}': {problem[0]}" + (f" ({problem[1]})" if problem[1] else ""))
            if side_id in {s for s, _ in sides}:
                raise InitError(f"side '{side_id}' is given twice")
            sides.append((side_id, name))
    if not sides:
        raise InitError("give the conflict's sides as id:name, e.g. saf:Sudanese Armed Forces,rsf:Rapid Support Forces")
    return sides


def parse_languages(values: list[str] | tuple[str, ...]) -> list[str]:
    """``en,ar`` → ``[en, ar]`` (English first, always there), each a BCP 47 tag."""
    languages = ["en"]
    for value in values:
        for code in (c.strip() for c in value.split(",")):
            if not code:
                continue
            if text_problem(spec.LANGUAGE, code):
                raise InitError(f"'{code}' is not a language code: use BCP 47 codes such as en, ar, uk")
            if code not in languages:
                languages.append(code)
    return languages


def starter_files(options: StarterOptions) -> dict[str, str]:
    """Every file of the new archive, by path relative to its folder."""
    docs = options.docs_dir.strip("/") or "content"
    conflict = options.conflict or f"the conflict between {_and(names for _, names in options.sides)}"
    values = {
        "@@NAME@@": options.name,
        "@@NAME_YAML@@": yaml_scalar(options.name),
        "@@DOCS@@": docs,
        "@@CONFLICT@@": conflict,
        "@@LANGUAGES@@": _and(language_name(code) for code in options.languages),
        "@@VERSION@@": options.version,
        "@@REPOSITORY@@": REPOSITORY,
    }
    files = {
        "mkdocs.yml": _starter("mkdocs.yml", values),
        "README.md": _starter("README.md", values),
        "requirements.txt": _starter("requirements.txt", values),
        ".gitignore": _starter("gitignore.txt", values),
        ".pre-commit-config.yaml": _starter("pre-commit-config.yml", values),
        ".github/workflows/pull-request.yml": _starter("github/workflows/pull-request.yml", values),
        ".github/workflows/deploy.yml": _starter("github/workflows/deploy.yml", values),
    }
    for page in ("index.md", "methodology.md", "contribute.md"):
        files[f"{docs}/{page}"] = _starter(f"pages/{page}", values)
    files[f"{docs}/{VOCABULARY_FILE}"] = vocabulary_file(options)
    ids = _ids(options)
    for name, text in gazetteer_files(options, ids).items():
        files[f"{docs}/{GAZETTEER_DIR}/{name}"] = text
    article_id = f"{EXAMPLE_DATE.isoformat()}-example-report"
    files[f"{docs}/{ARTICLES_DIR}/{EXAMPLE_DATE.year}/{article_id}.md"] = example_article(options, ids)
    return files


def write_starter(destination: Path, options: StarterOptions) -> list[Path]:
    """Write the new archive into ``destination`` (made if missing; it must hold none of the
    files); returns the files written."""
    files = starter_files(options)
    destination.mkdir(parents=True, exist_ok=True)
    taken = [relative for relative in files if (destination / relative).exists()]
    if taken:
        raise InitError(f"{destination} already holds {', '.join(sorted(taken)[:5])}: choose an empty folder")
    written = []
    for relative, text in files.items():
        path = destination / relative
        write_new_file(destination, path, text.encode("utf-8"))
        written.append(path)
    return written


# --------------------------------------------------------------------------------------------
# The files made here


def vocabulary_file(options: StarterOptions) -> str:
    sides = [(i, f"{name} side", f"{name} and forces fighting on its side.") for i, name in options.sides]
    if NEUTRAL_SIDE[0] not in {i for i, _ in options.sides}:
        sides.append(NEUTRAL_SIDE)
    lines = [
        "# The archive's vocabulary: what is about this conflict rather than about archiving.",
        "# `archive check` reads it with the gazetteer, and the site with the archive.",
        "#",
        "# sides: what an actor's `side` may be, in the order the actors page lists them; `label` heads",
        "#   the side's actors on that page, `definition` is what the methodology page says of it. A side",
        "#   is recorded as reported: it is not a judgement of legitimacy.",
        "# name_languages: the languages the gazetteer names entities in (`names: {en: ..., ar: ...}`),",
        "#   English (en) included: every entity has an English name. A name in another language is",
        "#   accepted with a warning.",
        "sides:",
    ]
    for side_id, label, definition in sides:
        lines += [
            f"  - id: {yaml_scalar(side_id)}",
            f"    label: {yaml_scalar(label)}",
            f"    definition: {yaml_scalar(definition)}",
        ]
    lines.append(f"name_languages: {yaml_list(options.languages)}")
    return "\n".join(lines) + "\n"


@dataclass
class _Ids:
    country: str
    region: str
    place: str
    actors: list[str]
    tag: str


def _ids(options: StarterOptions) -> _Ids:
    country = slugify(options.country, 40)
    return _Ids(country, f"{country}-example-region", f"{country}-example-place", [i for i, _ in options.sides], "clashes")


def gazetteer_files(options: StarterOptions, ids: _Ids) -> dict[str, str]:
    """One file per kind, each with a first entry to copy (names in English; a comment for the
    other languages)."""
    others = [code for code in options.languages if code != "en"]

    def names(english: str) -> str:
        return f"{{en: {yaml_scalar(english)}}}"

    def todo(indent: str = "    ") -> list[str]:
        return [f"{indent}# names in {', '.join(others)} go beside en: {{en: ..., {others[0]}: ...}}"] if others else []

    head = "# Every entry: an id (never reused), names by language (en required), aliases (other spellings).\n"
    countries = [
        head + "countries:",
        f"  - id: {ids.country}",
        f"    names: {names(options.country)}",
        *todo(),
        "    level: admin0",
    ]
    regions = [
        head + "regions:",
        f"  - id: {ids.region}",
        f"    names: {names('Example Region')}",
        *todo(),
        "    type: state",
        f"    parent: {ids.country}",
        "    note: A starter entry; rename it to a region of the conflict (and the articles that list it).",
    ]
    places = [
        head + "places:",
        f"  - id: {ids.place}",
        f"    names: {names('Example Town')}",
        *todo(),
        "    type: town",
        f"    parent: {ids.region}",
        "    note: A starter entry; rename it to a place of the conflict (and the articles that list it).",
    ]
    actors = [head + "actors:"]
    for side_id, name in options.sides:
        actors += [
            f"  - id: {side_id}",
            f"    names: {names(name)}",
            *todo(),
            "    type: armed_group",
            f"    side: {side_id}",
            f"    country: {ids.country}",
        ]
    tags = [
        head + "tags:",
        f"  - id: {ids.tag}",
        f"    names: {names('Clashes')}",
        "    description: Armed clashes between the sides.",
    ]
    return {
        "countries.yml": "\n".join(countries) + "\n",
        "regions.yml": "\n".join(regions) + "\n",
        "places.yml": "\n".join(places) + "\n",
        "actors.yml": "\n".join(actors) + "\n",
        "tags.yml": "\n".join(tags) + "\n",
    }


def example_article(options: StarterOptions, ids: _Ids) -> str:
    """A first article, valid as it is: a report of clashes, with one claim of each of the first two sides."""
    first = ids.actors[0]
    lines = [
        "---",
        "# An example: replace it with a real report (or delete it once the archive has one).",
        f"title: {yaml_scalar(f'Example: {options.sides[0][1]} report clashes near Example Town')}",
        f"date: {EXAMPLE_DATE.isoformat()}",
        "summary: >-",
        "  An example record, to show how a report is archived: who claimed what, with the figures",
        "  they gave, each claim with its verification status.",
        f"regions: [{ids.region}]",
        f"places: [{ids.place}]",
        f"actors: {yaml_list(ids.actors[:2])}",
        f"tags: [{ids.tag}]",
        "sources:",
        "  - publisher: Example News",
        "    url: https://example.org/news/example-report",
        "    language: en",
        "    archived: https://web.archive.org/web/2024/https://example.org/news/example-report",
        "verification:",
        "  status: unverified",
        "  notes: Nobody has checked this example.",
        "claims:",
        "  - claimant: " + first,
        "    claim: An attack on its positions near Example Town was repelled.",
        "    status: unverified",
    ]
    if len(ids.actors) > 1:
        lines += [
            "  - claimant: " + ids.actors[1],
            "    claim: Its forces took positions near Example Town.",
            "    status: disputed",
            f"    disputed_by: [{first}]",
        ]
    lines += [
        "---",
        "",
        "The archive's own summary of the report goes here, in a few paragraphs: what the report",
        "says, who says it, and what is known of its reliability.",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Helpers


def _starter(name: str, values: dict[str, str]) -> str:
    file = resources.files("archive.contrib").joinpath("starter")
    for part in name.split("/"):
        file = file.joinpath(part)
    text = file.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(key, value)
    return text


def _and(texts: Iterable[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    items = list(texts)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


__all__ = [
    "InitError",
    "StarterOptions",
    "example_article",
    "gazetteer_files",
    "parse_languages",
    "parse_sides",
    "starter_files",
    "vocabulary_file",
    "write_starter",
]
