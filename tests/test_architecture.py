"""Rules of the house that a test can hold: the core never imports MkDocs, and its packages are
the stages of the data flow, each importing only from the stages before it."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "archive"

#: The stages, in the order data flows (README, "The code"); a stage may import from earlier ones.
STAGES = ("format", "names", "read", "catalogue", "outputs", "search", "contrib", "cli")
#: Stages that do not depend on each other (the same rank).
RANK = {"format": 0, "names": 1, "read": 2, "catalogue": 3, "outputs": 4, "search": 4, "contrib": 5, "cli": 6}


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import that runs (those under ``if TYPE_CHECKING:`` do not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only |= {id(child) for child in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import (the core imports by full name)"
            found.append((node.lineno, node.module))
    return found


def _stage(module_or_path: str) -> str:
    return module_or_path.split(".")[1]


def test_nothing_in_the_core_imports_mkdocs() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        offenders += [
            f"{path.name}:{line}: {name}"
            for line, name in _imports(path)
            if name == "mkdocs" or name.startswith(("mkdocs.", "material"))
        ]
    assert offenders == []


def test_every_module_of_the_core_belongs_to_a_stage() -> None:
    stray = [p.name for p in CORE.glob("*.py") if p.stem not in {"__init__", "__main__", *STAGES}]
    stray += [p.name for p in CORE.iterdir() if p.is_dir() and p.name not in STAGES and not p.name.startswith("__")]
    assert stray == []


def test_each_stage_imports_only_from_the_stages_before_it() -> None:
    offenders = []
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(CORE).with_suffix("").parts
        if parts[0] in ("__init__", "__main__"):
            continue
        stage = parts[0]
        for line, name in _imports(path):
            if not name.startswith("archive."):
                continue
            other = _stage(name)
            if other != stage and RANK[other] >= RANK[stage]:
                offenders.append(f"{'/'.join(parts)}:{line} ({stage}) imports {name} ({other})")
    assert offenders == []
