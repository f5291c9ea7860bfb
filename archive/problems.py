"""Problems found in the archive, and the ways they are printed.

Every check in the core reports into a :class:`ProblemLog` instead of raising, so that a
contributor sees *all* the problems of a change at once, each pointing at a file, a line, a
column and a field, with a hint on how to fix it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Iterable, Iterator


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


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
        """``path:line:column: severity: field: message (hint)``, the format of compilers."""
        where = f"{self.path}:{self.line}:{self.column}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}: {self.severity.value}: {what}{hint}"

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
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
    """A JSON document for tools: ``{"problems": [...], "errors": n, "warnings": n}``."""
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
        title = f"{problem.field}" if problem.field else "archive check"
        message = problem.message + (f" ({problem.hint})" if problem.hint else "")
        props = ",".join(
            [
                f"file={_github_escape(problem.path, property_value=True)}",
                f"line={problem.line}",
                f"col={problem.column}",
                f"title={_github_escape(title, property_value=True)}",
            ]
        )
        lines.append(f"::{problem.severity.value} {props}::{_github_escape(message)}")
    return "\n".join(lines)
