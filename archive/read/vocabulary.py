"""The archive's vocabulary: ``gazetteer/vocabulary.yml``, what is about one conflict.

An archive names its sides (what an actor's ``side`` may be, each with the heading its actors
are listed under and a definition the methodology page prints) and the languages its gazetteer
names entities in. The file is checked with the format's rules (``archive.format.spec.VOCABULARY``),
each problem reported on its line like any other file's; an archive without the file has the
sample's vocabulary (:data:`archive.format.vocabulary.DEFAULT_VOCABULARY`). ``archive check``, the
other commands and the site all read it here::

    sides:
      - id: saf
        label: Sudanese Armed Forces' side
        definition: The Sudanese Armed Forces and forces fighting on their side.
      - id: rsf
        label: Rapid Support Forces' side
        definition: The Rapid Support Forces and forces fighting on their side.
      - id: none
        label: Neither side
        definition: "Neither belligerent: media, monitors, third parties."
    name_languages: [en, ar]
"""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path
from typing import Optional

from archive.format import spec
from archive.format.layout import VOCABULARY_FILE
from archive.format.model import VocabularyFile
from archive.format.vocabulary import DEFAULT_VOCABULARY, ArchiveVocabulary, Side
from archive.read.problems import ProblemLog, Severity, shown_path
from archive.read.reader import RecordReader
from archive.read.source import SourceError, parse_yaml, read_text

#: The vocabulary file is small: a few sides and languages.
MAX_VOCABULARY_BYTES = 256 * 1024


class _NoIds:
    """The vocabulary refers to no gazetteer entity."""

    def kind_of(self, entity_id: str) -> Optional[str]:
        return None

    def suggest(self, text: str, kinds: tuple[str, ...]) -> list[str]:
        return []


def vocabulary_path(root: Path) -> Optional[Path]:
    """The archive's vocabulary file, when it has one (a regular file: never a link, see archive.read.gate)."""
    path = Path(root) / VOCABULARY_FILE
    try:
        return path if stat.S_ISREG(os.lstat(path).st_mode) else None
    except OSError:
        return None


def read_vocabulary(file: Optional[Path], log: ProblemLog, *, shown: Optional[str] = None) -> ArchiveVocabulary:
    """The vocabulary of ``file`` (the sample's when ``file`` is ``None``); every problem goes to ``log``.

    What is valid of a file with problems is kept (the sides whose entries are right), so that
    the gazetteer is not judged against another archive's sides as well.
    """
    if file is None:
        return DEFAULT_VOCABULARY
    where = shown or shown_path(file)
    try:
        document = parse_yaml(read_text(file, MAX_VOCABULARY_BYTES), line_offset=1)
    except SourceError as exc:
        log.add(where, exc.line, exc.column, Severity.ERROR, "", exc.message, exc.hint)
        return DEFAULT_VOCABULARY
    for problem in document.problems:
        line, column = document.position_of(problem.node)
        log.add(where, line, column, Severity.ERROR, "", problem.message, problem.hint)
    data = document.data
    reader = RecordReader(where, document, log, _NoIds(), date.today())
    if data is None:
        line, column = document.position()
        log.add(where, line, column, Severity.ERROR, "", "the vocabulary file is empty", "list the sides and name_languages")
        return DEFAULT_VOCABULARY
    built = reader.record(spec.VOCABULARY, data, ())
    if not isinstance(built, VocabularyFile):
        return _partial(data, reader)
    return _checked(built, data, reader)


def _checked(built: VocabularyFile, data: dict, reader: RecordReader) -> ArchiveVocabulary:
    """The vocabulary of a file whose fields are each valid: side ids once each, ``en`` named."""
    sides: list[Side] = []
    seen: dict[str, int] = {}
    for index, side in enumerate(built.sides):
        if side.id in seen:
            reader.error(("sides", index, "id"), f"the side '{side.id}' is listed twice", f"it is sides[{seen[side.id]}] already")
            continue
        seen[side.id] = index
        sides.append(side)
    languages = list(built.name_languages)
    if "en" not in languages:
        reader.error(
            ("name_languages",),
            "English (en) must be one of the name languages",
            "every entity has an English name: the site's pages and links use it",
        )
        languages.insert(0, "en")
    return ArchiveVocabulary(tuple(sides), tuple(languages))


def _partial(data: object, reader: RecordReader) -> ArchiveVocabulary:
    """What can be kept of a file that is not a valid vocabulary (its problems are reported)."""
    if not isinstance(data, dict):
        return DEFAULT_VOCABULARY
    quiet = RecordReader(reader.path, reader.document, ProblemLog(), _NoIds(), reader.today)
    sides: list[Side] = []
    raw_sides = data.get("sides")
    for index, raw in enumerate(raw_sides if isinstance(raw_sides, list) else []):
        side = quiet.record(spec.SIDE, raw, ("sides", index))
        if isinstance(side, Side) and side.id not in {s.id for s in sides}:
            sides.append(side)
    languages_field = spec.VOCABULARY.field_named("name_languages")
    assert languages_field is not None
    ok, languages = quiet.value(languages_field.type, data.get("name_languages"), ("name_languages",))
    chosen = tuple(languages) if ok and languages else DEFAULT_VOCABULARY.name_languages
    if "en" not in chosen:
        chosen = ("en", *chosen)
    return ArchiveVocabulary(tuple(sides) if sides else DEFAULT_VOCABULARY.sides, chosen)


def archive_vocabulary(root: Path, log: Optional[ProblemLog] = None) -> ArchiveVocabulary:
    """The vocabulary of the archive at ``root`` (its problems to ``log``, when one is given)."""
    return read_vocabulary(vocabulary_path(root), log if log is not None else ProblemLog())


__all__ = ["MAX_VOCABULARY_BYTES", "archive_vocabulary", "read_vocabulary", "vocabulary_path"]
