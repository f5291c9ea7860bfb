"""The gazetteer: every region, place, actor and tag, with its names in every script.

Articles reference entities by id; the gazetteer turns ids into names, links entities to their
parents, and knows every spelling (Kyiv, Kiev, Київ, Киев), which gives search across
spellings, entity detection in imported reports and did-you-mean for typos.
"""

from __future__ import annotations

import os
import stat
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from archive.format import spec
from archive.format.layout import VOCABULARY_FILE
from archive.format.model import ENTITY_KINDS, Entity
from archive.format.vocabulary import DEFAULT_VOCABULARY, ArchiveVocabulary
from archive.names.normalise import normalise_name, without_generic_words
from archive.names.suggest import CloseMatcher, close_matches
from archive.read.problems import ProblemLog, Severity, shown_path
from archive.read.reader import RecordReader, parse_fuzzy_date
from archive.read.source import MAX_VALUES, SourceError, YamlDocument, parse_yaml, read_text

#: A gazetteer file may be larger than an article, but not unbounded.
MAX_GAZETTEER_BYTES = 8 * 1024 * 1024


@dataclass
class Gazetteer:
    """Entities by id, with lookups by kind, by parent and by spelling; and the archive's
    vocabulary (its sides and name languages), which its entities were checked against."""

    entities: dict[str, Entity] = field(default_factory=dict)
    vocabulary: ArchiveVocabulary = DEFAULT_VOCABULARY

    def __post_init__(self) -> None:
        self._spellings: Optional[dict[str, list[str]]] = None
        self._children: Optional[dict[str, list[str]]] = None
        # As many as one file can ask for (one per value), so that the second reading of a file
        # with problems (by the positioned loader) finds every suggestion of the first.
        self._suggest = lru_cache(maxsize=MAX_VALUES)(self._suggest_uncached)
        self._suggestion_indexes: dict[tuple[str, ...], _SuggestionIndex] = {}
        self._ancestors: dict[str, tuple[str, ...]] = {}
        self._stamp: tuple[int, int] = (0, -1)

    # -- lookups --------------------------------------------------------------------------

    def get(self, entity_id: str) -> Optional[Entity]:
        return self.entities.get(entity_id)

    def __getitem__(self, entity_id: str) -> Entity:
        return self.entities[entity_id]

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def kind_of(self, entity_id: str) -> Optional[str]:
        entity = self.entities.get(entity_id)
        return entity.kind if entity else None

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == kind]

    def name(self, entity_id: str) -> str:
        entity = self.entities.get(entity_id)
        return entity.name if entity else entity_id

    def children(self, entity_id: str) -> list[str]:
        if self._children is None:
            children: dict[str, list[str]] = defaultdict(list)
            for entity in self.entities.values():
                if entity.parent:
                    children[entity.parent].append(entity.id)
            self._children = {k: sorted(v) for k, v in children.items()}
        return self._children.get(entity_id, [])

    def ancestors(self, entity_id: str) -> tuple[str, ...]:
        """Parents, nearest first (a place → its region → its country).

        Computed once per entity and kept with the gazetteer (again only if its entities are
        replaced or added to): the catalogue, the search and detection ask for the same chains
        for every article, and share this one cache.
        """
        self._forget_if_changed()
        found = self._ancestors.get(entity_id)
        if found is None:
            chain: list[str] = []
            entity = self.entities.get(entity_id)
            while entity and entity.parent and entity.parent not in chain and entity.parent in self.entities:
                chain.append(entity.parent)
                entity = self.entities[entity.parent]
            found = self._ancestors[entity_id] = tuple(chain)
        return found

    def spelling_index(self) -> dict[str, list[str]]:
        """Normalised spelling → ids of the entities that go by it."""
        if self._spellings is None:
            index: dict[str, list[str]] = defaultdict(list)
            for entity in self.entities.values():
                for spelling in entity.spellings():
                    key = normalise_name(spelling)
                    if key and entity.id not in index[key]:
                        index[key].append(entity.id)
            self._spellings = dict(index)
        return self._spellings

    def lookup(self, spelling: str) -> list[str]:
        """Ids of the entities that go by ``spelling`` in any language or alias."""
        return list(self.spelling_index().get(normalise_name(spelling), []))

    def example(self, field: spec.Field) -> Any:
        """The field's example (``spec``'s) as this archive can use it: an id of the example
        that this gazetteer lacks (another conflict's archive has other ids) is replaced by one
        of the same kind it has, or the example is dropped (``None``) when it has none."""
        example = field.example
        kinds = field.type.kinds if isinstance(field.type, spec.Ref) else spec.listed_kinds(field)
        if example is None or not kinds:
            return example
        wanted = example if isinstance(example, list) else [example]
        if all(self.kind_of(i) in kinds for i in wanted):
            return example
        found = [e.id for e in self.entities.values() if e.kind in kinds][: len(wanted)]
        if not found:
            return None
        return found if isinstance(example, list) else found[0]

    def suggest(self, text: str, kinds: tuple[str, ...]) -> list[str]:
        """Ids of ``kinds`` that ``text`` probably meant: a mistyped id, a name, a near-miss name."""
        self._forget_if_changed()
        return self._suggest(text, kinds)

    def _suggest_uncached(self, text: str, kinds: tuple[str, ...]) -> list[str]:
        exact = [i for i in self.lookup(text) if self.kind_of(i) in kinds]
        if exact:
            return exact[:3]
        index = self._suggestion_index(kinds)
        found: list[str] = []
        for key in index.spellings.matches(normalise_name(text) or text, n=5, cutoff=0.75):
            for entity_id in index.by_key[key]:
                if entity_id not in found:
                    found.append(entity_id)
        if len(found) >= 3:  # (what the ids below would add comes after these three)
            return found[:3]
        for key in index.ids.matches(text, n=3, cutoff=0.75):
            if key not in found:
                found.append(key)
        return found[:3]

    def _suggestion_index(self, kinds: tuple[str, ...]) -> _SuggestionIndex:
        """The did-you-mean candidates of ``kinds``, indexed once per gazetteer (again only if
        its entities are replaced or added to)."""
        self._forget_if_changed()
        index = self._suggestion_indexes.get(kinds)
        if index is None:
            index = self._suggestion_indexes[kinds] = _SuggestionIndex([e for e in self.entities.values() if e.kind in kinds])
        return index

    def _forget_if_changed(self) -> None:
        """Drop what was derived from the entities (suggestions, ancestors) if they were replaced or added to."""
        stamp = (id(self.entities), len(self.entities))
        if stamp != self._stamp:
            self._stamp = stamp
            self._suggestion_indexes = {}
            self._ancestors = {}
            self._suggest.cache_clear()


class _SuggestionIndex:
    """What :meth:`Gazetteer.suggest` compares a text with: every id, normalised spelling and
    spelling without its generic words (``Belgorod Oblast`` → ``belgorod``: the generic words
    of :mod:`archive.names.normalise`, the ones detection knows) of some kinds."""

    def __init__(self, wanted: list[Entity]) -> None:
        by_key: dict[str, list[str]] = defaultdict(list)
        for entity in wanted:
            by_key[entity.id].append(entity.id)
            for spelling in entity.spellings():
                words = normalise_name(spelling)
                by_key[words].append(entity.id)
                core = without_generic_words(words)
                if core:
                    by_key[core].append(entity.id)
        self.by_key = dict(by_key)
        self.spellings = CloseMatcher(self.by_key)
        self.ids = CloseMatcher([e.id for e in wanted])


@dataclass
class _RawEntity:
    path: str
    document: YamlDocument
    section: str
    index: int
    value: dict


#: The vocabulary file's name in the gazetteer's folder: read by ``archive.read.vocabulary``, not as entries.
_VOCABULARY_NAME = VOCABULARY_FILE.rpartition("/")[2]


def find_gazetteer_files(directory: Path) -> list[Path]:
    """The gazetteer files directly in ``directory``: regular files only, never a link (see
    archive.read.gate), and not the vocabulary file."""
    found = [
        p
        for p in list(directory.glob("*.yml")) + list(directory.glob("*.yaml"))
        if not p.name.startswith(".") and p.name != _VOCABULARY_NAME and stat.S_ISREG(os.lstat(p).st_mode)
    ]
    return sorted(found)


def load_gazetteer(
    files: Iterable[Path],
    log: ProblemLog,
    *,
    today: Optional[date] = None,
    root: Optional[Path] = None,
    vocabulary: ArchiveVocabulary = DEFAULT_VOCABULARY,
) -> Gazetteer:
    """Read and validate gazetteer files; every problem goes to ``log``.

    Two passes: the first collects every id (so an entry may name a parent defined later or in
    another file), the second validates each entry against the declarations in ``spec``, made
    for the archive's ``vocabulary`` (its sides and name languages).
    """
    today = today or date.today()
    sections = spec.gazetteer_sections(vocabulary)
    raw_entities: list[_RawEntity] = []
    documents: list[tuple[str, YamlDocument]] = []
    for file in files:
        shown = _shown_path(file, root)
        try:
            document = parse_yaml(read_text(file, MAX_GAZETTEER_BYTES), line_offset=1)
        except SourceError as exc:
            log.add(shown, exc.line, exc.column, Severity.ERROR, "", exc.message, exc.hint)
            continue
        for problem in document.problems:
            line, column = document.position_of(problem.node)
            log.add(shown, line, column, Severity.ERROR, "", problem.message, problem.hint)
        documents.append((shown, document))
        raw_entities.extend(_sections(shown, document, log))

    # Pass 1: ids and kinds, so references can be resolved whatever the order.
    first_seen: dict[str, _RawEntity] = {}
    stub = Gazetteer()
    for raw in raw_entities:
        entity_id = raw.value.get("id")
        if not isinstance(entity_id, str):
            continue
        kind = sections[raw.section][0]
        if entity_id in first_seen:
            other = first_seen[entity_id]
            line, column = raw.document.position((raw.section, raw.index, "id"))
            log.add(
                raw.path,
                line,
                column,
                Severity.ERROR,
                f"{raw.section}[{raw.index}].id",
                f"duplicate id '{entity_id}'",
                f"already defined in {other.path} line {other.document.position((other.section, other.index, 'id'))[0]}",
            )
            continue
        first_seen[entity_id] = raw
        names = raw.value.get("names")
        if not isinstance(names, dict):
            names = {}
        stub.entities[entity_id] = Entity(entity_id, kind, {"en": str(names.get("en", entity_id))})

    # Pass 2: validate every entry and build the entities.
    gazetteer = Gazetteer(vocabulary=vocabulary)
    for raw in raw_entities:
        kind, record = sections[raw.section]
        reader = RecordReader(raw.path, raw.document, log, stub, today)
        line, _ = raw.document.position((raw.section, raw.index))
        entity = reader.record(record, raw.value, (raw.section, raw.index), {"kind": kind, "path": raw.path, "line": line})
        if entity is not None:
            _check_values(entity, raw.value, reader, (raw.section, raw.index))
        if entity is not None and first_seen.get(entity.id) is raw:
            gazetteer.entities[entity.id] = entity

    _check_parents(gazetteer, log)
    _check_spellings(gazetteer, log)
    gazetteer.entities = dict(sorted(gazetteer.entities.items()))
    return gazetteer


def _shown_path(file: Path, root: Optional[Path]) -> str:
    if root is not None:
        try:
            return str(file.relative_to(root.parent if root.parent != root else root))
        except ValueError:
            pass
    return shown_path(file)


def _sections(path: str, document: YamlDocument, log: ProblemLog) -> list[_RawEntity]:
    data = document.data
    if data is None:
        return []
    if not isinstance(data, dict):
        line, column = document.position()
        log.add(
            path,
            line,
            column,
            Severity.ERROR,
            "",
            "a gazetteer file must be a mapping",
            "start with 'regions:', 'places:', 'actors:', 'tags:' or 'countries:'",
        )
        return []
    found = []
    for key, value in data.items():
        if key == "meta":
            continue
        if key not in spec.GAZETTEER_SECTIONS:
            line, column = document.position((key,), key=True)
            if key in ("sides", "name_languages"):
                log.add(path, line, column, Severity.ERROR, str(key), f"'{key}' belongs in {VOCABULARY_FILE}", "move it there")
                continue
            options = close_matches(str(key), list(spec.GAZETTEER_SECTIONS) + ["meta"], n=1, cutoff=0.6)
            hint = (
                f"did you mean '{options[0]}'?" if options else "allowed: " + ", ".join(list(spec.GAZETTEER_SECTIONS) + ["meta"])
            )
            log.add(path, line, column, Severity.ERROR, str(key), f"unknown section '{key}'", hint)
            continue
        if not isinstance(value, list):
            line, column = document.position((key,))
            log.add(path, line, column, Severity.ERROR, key, "expected a list of entries", "one '- id: ...' entry per item")
            continue
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                line, column = document.position((key, index))
                log.add(path, line, column, Severity.ERROR, f"{key}[{index}]", "expected an entry (id, names, ...)")
                continue
            found.append(_RawEntity(path, document, key, index, item))
    return found


def _check_values(entity: Entity, written: dict, reader: RecordReader, path: tuple) -> None:
    """What each value allows but the entry's values together do not: an office left before the
    date on which its holder is said to have held it; coordinates with only one of lat and lon
    (as ``written``, so that a refused value is not reported again as missing)."""
    for index, holder in enumerate(entity.holders):
        held = parse_fuzzy_date(holder.in_office_on) if holder.in_office_on else None
        left = parse_fuzzy_date(holder.until) if holder.until else None
        if held is not None and left is not None and left.end < held.start:
            reader.error(
                path + ("holders", index, "until"),
                f"{holder.name_en} left the office ({left}) before the date given as in office ({held})",
                "in_office_on is a date on which the person held the office; until, when they left it",
            )
    if (written.get("lat") is None) != (written.get("lon") is None):
        given, missing = ("lat", "lon") if written.get("lon") is None else ("lon", "lat")
        reader.error(path + (given,), f"'{given}' is given without '{missing}'", "give both coordinates, or neither")


def _check_parents(gazetteer: Gazetteer, log: ProblemLog) -> None:
    """Parents must not form a cycle (their existence and kind were checked as references)."""
    for entity in gazetteer.entities.values():
        seen = {entity.id}
        current = entity
        while current.parent and current.parent in gazetteer.entities:
            if current.parent in seen:
                log.add(
                    entity.path,
                    entity.line,
                    1,
                    Severity.ERROR,
                    f"{entity.id}.parent",
                    f"the parents of '{entity.id}' form a cycle",
                    "a parent must be a larger unit",
                )
                break
            seen.add(current.parent)
            current = gazetteer.entities[current.parent]


def _check_spellings(gazetteer: Gazetteer, log: ProblemLog) -> None:
    """A spelling may name two entities only if both mark it in ``ambiguous_aliases``."""
    for spelling, ids in gazetteer.spelling_index().items():
        if len(ids) < 2:
            continue
        unmarked = [i for i in ids if spelling not in {normalise_name(a) for a in gazetteer.entities[i].ambiguous_aliases}]
        if not unmarked:
            continue
        for entity_id in unmarked:
            entity = gazetteer.entities[entity_id]
            others = ", ".join(i for i in ids if i != entity_id)
            log.add(
                entity.path,
                entity.line,
                1,
                Severity.ERROR,
                f"{entity.id}.aliases",
                f"the spelling '{spelling}' also names {others}",
                "if both are meant, list it in ambiguous_aliases of each; otherwise remove it from one",
            )


__all__ = ["Gazetteer", "ENTITY_KINDS", "find_gazetteer_files", "load_gazetteer"]
