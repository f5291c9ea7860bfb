"""The whole sample site, byte for byte: every file ``mkdocs build --strict`` writes for ``content/``
against the expected copy kept in ``tests/golden/``.

This is the contract for refactoring the code: a change that moves code around must leave the
sample site identical. A change that alters the output on purpose regenerates the golden, in the
same commit, and the reviewer reads the change in ``git diff tests/golden``::

    ARCHIVE_REGENERATE_GOLDEN=1 .nox/tests/bin/pytest tests/site/test_site_golden.py

(the same switch as the article golden of ``test_fixture_site.py``). What is kept:

- ``tests/golden/site/``: every file the project produces, in full: the HTML pages, 404, the
  project's own CSS and JavaScript, the search index, the sitemap and its gzip copy.
- ``tests/golden/site.theme-files.txt``: the files MkDocs copies verbatim from the installed
  mkdocs-material theme (its javascripts, stylesheets, images...), one ``sha256  path`` line each
  (sha256sum's format: ``cd site && sha256sum -c ../tests/golden/site.theme-files.txt``). They
  are not stored: the test checks that each built copy is byte-identical to the installed theme's
  file and has the recorded hash. A regeneration puts a built file here exactly when the
  installed theme holds the same bytes at the same path.

The pages name the MkDocs and Material versions (the generator meta tag) and Material's asset
names carry content hashes, so the golden holds for the versions pinned in
``requirements/test-constraints.txt``; a failure says which installed versions differ from them.
Those versions need Python 3.11.5, so below it the comparison is skipped.

Nothing is normalised: two builds of the same input (another working directory, hash seed, time
zone and build date) are compared byte for byte too. The one date MkDocs writes, the gzip header
time of ``sitemap.xml.gz``, is the pages' ``update_date``, which the archive plugin sets from the
content (its newest record), never from the clock.
"""

from __future__ import annotations

import difflib
import gzip
import hashlib
import json
import os
import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

import pytest
from mkdocs.utils import get_theme_dir
from packaging.requirements import Requirement
from sitebuild import REPO, mkdocs_build

GOLDEN = REPO / "tests" / "golden" / "site"
THEME_MANIFEST = REPO / "tests" / "golden" / "site.theme-files.txt"
CONSTRAINTS = REPO / "requirements" / "test-constraints.txt"
REGENERATE = "ARCHIVE_REGENERATE_GOLDEN"
REGENERATE_COMMAND = f"{REGENERATE}=1 .nox/tests/bin/pytest tests/site/test_site_golden.py"

#: How much of a failure to print: files listed per kind, files shown as a diff, lines per diff.
LISTED, DIFFED, DIFF_LINES, LINE_WIDTH = 25, 3, 40, 160


@pytest.fixture(scope="module")
def sample_site(sample_build) -> Path:
    site, result = sample_build
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.skipif(
    sys.version_info < (3, 11, 5),
    reason="the pinned Material, Markdown and pymdown-extensions need Python 3.11.5 (requirements/test-constraints.txt)",
)
def test_the_sample_site_matches_the_golden_copy(sample_site: Path) -> None:
    theme = Path(get_theme_dir("material"))
    if os.environ.get(REGENERATE):
        _regenerate(sample_site, theme)
    if not GOLDEN.is_dir() or not THEME_MANIFEST.is_file():
        pytest.fail(f"{GOLDEN} or {THEME_MANIFEST} is missing: run {REGENERATE_COMMAND}", pytrace=False)

    built = _files(sample_site)
    stored = _files(GOLDEN)
    manifest = _read_manifest()
    problems = _compare(stored, built, only=set(stored) | (set(built) - set(manifest)))
    problems += _check_theme_files(manifest, built, theme)
    if problems:
        pytest.fail(
            "\n".join(
                [
                    f"The built sample site differs from {GOLDEN.relative_to(REPO)}/ (and {THEME_MANIFEST.name}).",
                    f"If the change is intended, regenerate the golden and review it in git diff: {REGENERATE_COMMAND}",
                    *_version_drift(),
                    *problems,
                ]
            ),
            pytrace=False,
        )


def test_two_builds_are_byte_identical(sample_site: Path, tmp_path: Path) -> None:
    # Everything that may vary between two runs and must not reach the output: the working folder,
    # the hash seed (set and dict order), the time zone and the build date MkDocs would use.
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    env = {"PYTHONHASHSEED": seed, "TZ": "Pacific/Kiritimati", "SOURCE_DATE_EPOCH": "86400"}
    again = tmp_path / "site"
    result = mkdocs_build(REPO / "mkdocs.yml", strict=True, cwd=tmp_path, env=env, site_dir=again)
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = _files(sample_site), _files(again)
    problems = _compare(first, second, only=set(first) | set(second), names=("first build", "second build"))
    if problems:
        pytest.fail(
            "\n".join(["Two builds of the same sample site differ: the build is not deterministic.", *problems]), pytrace=False
        )


# The golden copy ------------------------------------------------------------------------------


def _files(root: Path) -> dict[str, Path]:
    """Every file under ``root`` by its ``/``-separated path."""
    return {path.relative_to(root).as_posix(): path for path in sorted(root.rglob("*")) if path.is_file()}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read_manifest() -> dict[str, str]:
    manifest = {}
    for number, line in enumerate(THEME_MANIFEST.read_text(encoding="utf-8").splitlines(), 1):
        match = re.fullmatch(r"([0-9a-f]{64})  (\S.*)", line)
        assert match, f"{THEME_MANIFEST}:{number}: not a 'sha256  path' line: {line!r}"
        manifest[match[2]] = match[1]
    return manifest


def _regenerate(site: Path, theme: Path) -> None:
    """Store the built site: the theme's verbatim files as hashes, everything else in full."""
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    manifest = []
    for name, path in _files(site).items():
        data = path.read_bytes()
        vendor = theme / name
        if vendor.is_file() and vendor.read_bytes() == data:
            manifest.append(f"{_sha256(data)}  {name}\n")
        else:
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    THEME_MANIFEST.write_text("".join(manifest), encoding="utf-8")


# Comparing and explaining ---------------------------------------------------------------------


def _compare(expected: dict[str, Path], actual: dict[str, Path], *, only: set[str], names=("golden", "build")) -> list[str]:
    """What differs among the files named in ``only``: missing, unexpected, changed (with diffs)."""
    missing = sorted(name for name in only if name in expected and name not in actual)
    unexpected = sorted(name for name in only if name in actual and name not in expected)
    changed = sorted(
        name for name in only if name in expected and name in actual and expected[name].read_bytes() != actual[name].read_bytes()
    )
    problems = []
    problems += _listing(f"Missing ({len(missing)}: in the {names[0]}, not in the {names[1]}):", missing)
    problems += _listing(f"Unexpected ({len(unexpected)}: in the {names[1]}, not in the {names[0]}):", unexpected)
    problems += _listing(f"Changed ({len(changed)}):", changed)
    for name in changed[:DIFFED]:
        problems += _diff(name, expected[name].read_bytes(), actual[name].read_bytes(), names)
    return problems


def _check_theme_files(manifest: dict[str, str], built: dict[str, Path], theme: Path) -> list[str]:
    """Each file of the manifest: built, with the recorded hash, and the installed theme's very bytes."""
    wrong = []
    for name, digest in sorted(manifest.items()):
        if name not in built:
            wrong.append(f"  {name}: in {THEME_MANIFEST.name}, not in the build")
            continue
        data = built[name].read_bytes()
        vendor = theme / name
        if _sha256(data) != digest:
            wrong.append(f"  {name}: sha256 {_sha256(data)}, {THEME_MANIFEST.name} records {digest}")
        elif not vendor.is_file() or vendor.read_bytes() != data:
            wrong.append(f"  {name}: not a verbatim copy of the installed theme's {vendor}")
    return [f"Theme files ({len(wrong)} of {len(manifest)} in {THEME_MANIFEST.name} differ):", *wrong[:LISTED]] if wrong else []


def _listing(title: str, names: list[str]) -> list[str]:
    if not names:
        return []
    more = [f"  ... and {len(names) - LISTED} more"] if len(names) > LISTED else []
    return [title, *(f"  {name}" for name in names[:LISTED]), *more]


def _diff(name: str, old: bytes, new: bytes, names: tuple[str, str]) -> list[str]:
    """A short unified diff of one changed file, its text laid out so that a diff can be read."""
    header = [
        f"--- {name}: the first {DIFF_LINES} lines of the diff, {names[0]} -> {names[1]} (HTML one tag a line, JSON indented)"
    ]
    if name.endswith(".gz"):
        try:
            old, new = gzip.decompress(old), gzip.decompress(new)
        except (OSError, EOFError) as error:
            return [*header, f"  not a readable gzip file: {error}"]
        if old == new:
            return [*header, "  same content once decompressed: only the gzip header or compression differs"]
    try:
        old_text, new_text = old.decode("utf-8"), new.decode("utf-8")
    except UnicodeDecodeError:
        offset = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
        return [*header, f"  binary: {len(old)} -> {len(new)} bytes, first difference at byte {offset}"]
    lines = _unified(_readable(name, old_text), _readable(name, new_text), name)
    if not lines:  # the layout hid the difference (whitespace in JSON, say): the raw lines
        lines = _unified(old_text.splitlines(), new_text.splitlines(), name)
    if not lines:
        lines = ["  differs only in line ends or a final newline"]
    more = [f"  ... {len(lines) - DIFF_LINES} more lines of diff"] if len(lines) > DIFF_LINES else []
    return [*header, *_clipped(lines[:DIFF_LINES]), *more]


def _unified(old: list[str], new: list[str], name: str) -> list[str]:
    return list(difflib.unified_diff(old, new, f"golden/{name}", f"built/{name}", n=2, lineterm=""))[2:]


def _clipped(lines: list[str]) -> list[str]:
    """Diff lines cut to :data:`LINE_WIDTH`: a removed line and the added line that replaces it
    around the place where they start to differ, so that the change itself is in view."""
    starts: dict[int, int] = {}  # where each line's window starts (after its diff marker)
    removed: list[int] = []  # the removed lines not yet paired with an added one
    for index, line in enumerate(lines):
        if line.startswith("-"):
            removed.append(index)
        elif line.startswith("+") and removed:
            old = removed.pop(0)
            pairs = enumerate(zip(lines[old], line))
            differ = next((i for i, (a, b) in pairs if i and a != b), min(len(lines[old]), len(line)))  # past the marker
            starts[old] = starts[index] = max(1, differ - LINE_WIDTH // 3)
        else:
            removed = []
    return [_window(line, starts.get(index, 1)) for index, line in enumerate(lines)]


def _window(line: str, start: int) -> str:
    """``line``'s diff marker and :data:`LINE_WIDTH` characters from ``start``, with what is left out marked."""
    if len(line) <= LINE_WIDTH:
        return line
    head = "[...] " if start > 1 else ""
    tail = " [...]" if start + LINE_WIDTH < len(line) else ""
    return line[0] + head + line[start : start + LINE_WIDTH] + tail


def _readable(name: str, text: str) -> list[str]:
    """For the diff only: JSON one value a line, HTML and XML one tag or text a line (the bytes are compared as they are)."""
    if name.endswith(".json"):
        try:
            return json.dumps(json.loads(text), indent=1, ensure_ascii=False).splitlines()
        except ValueError:
            pass
    if name.endswith((".html", ".xml", ".svg")):
        text = re.sub(r"(?<=>)(?=[^\n])|(?<=[^\n])(?=<)", "\n", text)
    return text.splitlines()


def _version_drift() -> list[str]:
    """The installed versions that differ from the pinned ones the golden was made with."""
    drift = []
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines() if CONSTRAINTS.is_file() else []:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        pin = Requirement(line)
        if pin.marker is not None and not pin.marker.evaluate():
            continue
        try:
            installed = metadata.version(pin.name)
        except metadata.PackageNotFoundError:
            installed = "not installed"
        if not pin.specifier.contains(installed, prereleases=True):
            drift.append(f"{pin.name} {installed} (pinned: {pin.specifier})")
    if not drift:
        return []
    return [
        f"Installed versions differ from {CONSTRAINTS.relative_to(REPO)}: {', '.join(drift)}; the golden holds for the pinned ones."
    ]
