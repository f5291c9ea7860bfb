"""Problems found in the archive, and the ways they are printed.

Every check in the core reports into a :class:`ProblemLog` instead of raising, so that a
contributor sees *all* the problems of a change at once, each pointing at a file, a line, a
column and a field, with a hint on how to fix it.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Optional

#: Character categories that are escaped when a problem is printed: controls (C0, DEL, C1 with
#: NEL), format characters (bidi embeddings, overrides and isolates, zero-width characters,
#: tag characters), surrogates (undecodable bytes of a file name), line and paragraph separators.
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with every character that could forge or hide a line written as an escape.

    Problems echo what contributors wrote (file names, keys, values), and a CI log or a terminal
    obeys what it reads: a line break followed by ``::error::`` or ``::stop-commands::`` is a
    GitHub workflow command, ``ESC [`` starts a terminal escape sequence, NEL, U+2028 and U+2029
    break lines in some viewers, and bidi controls (U+202A-U+202E, U+2066-U+2069) reorder what a
    reviewer sees. Such characters become ``\\n``, ``\\x1b``, ``\\u202e`` (Python's notation);
    everything else, non-Latin letters included, is printed as it is. Backslashes are left
    alone: the escapes are for reading, and doubling every backslash would not make a forged
    line more visible.
    """
    if text.isprintable():  # no control, format, separator or surrogate character (the usual case)
        return text
    return "".join(_escape(char) if unicodedata.category(char) in _ESCAPED_CATEGORIES else char for char in text)


def _escape(char: str) -> str:
    short = _SHORT_ESCAPES.get(char)
    if short:
        return short
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def printable_path(path: str) -> str:
    """A path for the start of an output line: :func:`printable`, and never read as a command.

    A line that starts with ``::`` (or the older ``##[``) is a workflow command to GitHub's
    runner; a relative path that would start so is written with ``./`` before it, which names
    the same file.
    """
    path = printable(path)
    return "./" + path if path.startswith((":", "#")) else path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


def shown_path(file: str | os.PathLike[str], cwd: Optional[str] = None) -> str:
    """The path as the user knows it: relative to the working directory when inside it.

    Pass ``cwd`` when showing many paths: asking the system for it once per file is a cost
    that shows on 10,000 files.
    """
    text = os.fspath(file)
    cwd = cwd if cwd is not None else os.getcwd()
    if os.path.isabs(text) and text.startswith(cwd + os.sep):
        return text[len(cwd) + 1 :]
    try:
        return os.path.relpath(text, cwd)
    except ValueError:  # pragma: no cover - another drive on Windows
        return text


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file.

    ``field`` is a readable key path such as ``claims[2].figures[0].value`` (empty when the
    problem concerns the whole file); ``hint`` says how to fix it, e.g. a did-you-mean.
    """

    path: str
    line: int
    column: int
    severity: Severity
    field: str
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self) -> str:
        """``path:line:column: severity: field: message (hint)``, the format of compilers.

        One line, whatever the problem echoes: every field goes through :func:`printable`.
        """
        where = f"{printable_path(self.path)}:{self.line}:{self.column}"
        what = f"{printable(self.field)}: {printable(self.message)}" if self.field else printable(self.message)
        hint = f" ({printable(self.hint)})" if self.hint else ""
        return f"{where}: {self.severity.value}: {what}{hint}"

    def as_dict(self) -> dict:
        """The problem for JSON, its texts escaped by :func:`printable` (see :func:`format_json`)."""
        data = asdict(self)
        data["severity"] = self.severity.value
        for name in ("path", "field", "message", "hint"):
            data[name] = printable(data[name])
        return data


@dataclass
class ProblemLog:
    """Collects problems; sorted on output so the same input always prints the same lines."""

    problems: list[Problem] = field(default_factory=list)

    def add(
        self,
        path: str,
        line: int,
        column: int,
        severity: Severity,
        field_path: str,
        message: str,
        hint: str = "",
    ) -> None:
        self.problems.append(Problem(path, line, column, severity, field_path, message, hint))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.problems)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.problems), key=lambda p: (p.path, p.line, p.column, p.field, p.message))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.sorted() if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.sorted() if not p.is_error]

    def paths_with_errors(self) -> set[str]:
        return {p.path for p in self.problems if p.is_error}


def format_json(problems: Iterable[Problem]) -> str:
    """A JSON document for tools: ``{"problems": [...], "errors": n, "warnings": n}``.

    The texts are escaped as in the other formats, not only as JSON requires: ``json.dumps``
    with ``ensure_ascii=False`` writes NEL, U+2028, U+2029 and the bidi controls raw, and even
    the control characters it escapes come back raw to a tool that decodes the JSON and prints
    a message (a bot commenting on the pull request, a CI step): it would print the forged line.
    The cost is a ``path`` that differs from the name on disk when that name has such
    characters; an article named so is refused for its name anyway.
    """
    items = [p.as_dict() for p in problems]
    errors = sum(1 for p in items if p["severity"] == "error")
    document = {"problems": items, "errors": errors, "warnings": len(items) - errors}
    return json.dumps(document, ensure_ascii=False, indent=2)


def _github_escape(value: str, *, property_value: bool = False) -> str:
    """Escape a value for a GitHub Actions workflow command (``::error file=...::message``)."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problems: Iterable[Problem]) -> str:
    """Workflow commands, so that each problem is an annotation on the line of the pull request."""
    lines = []
    for problem in problems:
        # Escaped for reading first (no character of the texts survives raw), then as GitHub
        # requires of a workflow command's values.
        title = printable(problem.field) if problem.field else "archive check"
        message = printable(problem.message) + (f" ({printable(problem.hint)})" if problem.hint else "")
        props = ",".join(
            [
                f"file={_github_escape(printable(problem.path), property_value=True)}",
                f"line={problem.line}",
                f"col={problem.column}",
                f"title={_github_escape(title, property_value=True)}",
            ]
        )
        lines.append(f"::{problem.severity.value} {props}::{_github_escape(message)}")
    return "\n".join(lines)
