"""Which files of an archive may enter the site: the gate that ``archive check`` and the build share.

Pull requests come from strangers. Whatever they add under the archive folder is either one of
four known kinds, or refused with a message naming the file and what to do instead:

- **articles**: ``articles/**/*.md``, read and validated, published as generated pages;
- **the gazetteer**: ``gazetteer/*.yml``, read, never copied to the site; of those,
  ``gazetteer/vocabulary.yml`` is the archive's vocabulary (its sides and name languages);
- **editorial pages**: Markdown (``.md``) anywhere else, checked like an article's body;
- **media**: raster images and PDF files in ``media/``, of a known kind (the first bytes must
  say so too, so an HTML file cannot pose as a picture) and at most :data:`MAX_MEDIA_BYTES`.

Everything else (HTML, SVG, JavaScript, CSS, JSON, Markdown under another extension, hidden
files, files of unknown kinds) is an error, and so is a symbolic link anywhere, pointing
anywhere: the walk never follows one, and nothing is read through one. The build publishes
exactly what :func:`survey` admitted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from archive.format.layout import ARTICLES_DIR, GAZETTEER_DIR, MEDIA_DIR, VOCABULARY_FILE
from archive.read.problems import Problem, Severity, printable

#: The suffix of every Markdown page, article or editorial.
MARKDOWN_SUFFIX = ".md"
GAZETTEER_SUFFIXES = (".yml", ".yaml")

#: Media kinds by suffix, each with the first bytes a file of that kind starts with.
MEDIA_KINDS: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".pdf": (b"%PDF-",),
}
#: The largest media file the site publishes.
MAX_MEDIA_BYTES = 10 * 1024 * 1024

#: Suffixes people reach for, with what to do instead.
_INSTEAD: dict[str, str] = {
    ".markdown": "rename it to .md",
    ".mdown": "rename it to .md",
    ".mkd": "rename it to .md",
    ".mkdn": "rename it to .md",
    ".mdwn": "rename it to .md",
    ".mdtxt": "rename it to .md",
    ".mdtext": "rename it to .md",
    ".txt": "write the page as Markdown (.md)",
    ".html": "write the page in Markdown (.md); raw pages are never published",
    ".htm": "write the page in Markdown (.md)",
    ".xhtml": "write the page in Markdown (.md)",
    ".svg": "convert it to PNG and put it in media/ (SVG files can carry scripts)",
    ".js": "scripts are never published from the archive",
    ".mjs": "scripts are never published from the archive",
    ".css": "styles belong to the site's theme, not to the archive",
    ".json": "data files are never published from the archive",
    ".xml": "data files are never published from the archive",
}


@dataclass
class Manifest:
    """What the gate admitted, by kind, and the problems of everything it refused.

    ``articles``, ``gazetteer`` and ``vocabulary`` are absolute paths (strings: cheap to make by
    the ten thousand); ``pages`` and ``media`` are paths relative to the root with ``/``, as a
    site generator names its source files.
    """

    root: Path
    articles: list[str] = field(default_factory=list)
    gazetteer: list[str] = field(default_factory=list)
    #: The vocabulary file (``gazetteer/vocabulary.yml``), when the archive has one.
    vocabulary: Optional[str] = None
    pages: list[str] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def publishable(self) -> set[str]:
        """The files the site copies or renders as they are: editorial pages and media."""
        return set(self.pages) | set(self.media)


def survey(root: Path, shown: Optional[str] = None, *, skip: Optional[Path] = None) -> Manifest:
    """Walk ``root`` without following links and sort every entry into a kind, or refuse it.

    ``shown`` is how the root is named in messages (relative to the working directory);
    ``skip`` is a folder inside ``root`` left out (an archive folder inside a docs folder,
    surveyed on its own).
    """
    root = Path(root)
    manifest = Manifest(root)
    base = shown if shown is not None else _shown(root)
    skipped = os.path.abspath(skip) if skip is not None else None
    _walk(os.path.abspath(root), "", base, manifest, skipped)
    manifest.articles.sort()
    manifest.gazetteer.sort()
    manifest.pages.sort()
    manifest.media.sort()
    return manifest


def _shown(root: Path) -> str:
    text = os.path.relpath(os.path.abspath(root))
    return "." if text == "." else text


def _walk(folder: str, relative: str, base: str, manifest: Manifest, skip: Optional[str]) -> None:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        _refuse(manifest, base, relative or ".", f"the folder cannot be read ({exc.strerror})")
        return
    for entry in entries:
        name = entry.name
        rel = _relative_join(relative, name)
        if entry.is_symlink():
            target = os.readlink(entry.path) if _readable_link(entry.path) else "?"
            _refuse(
                manifest,
                base,
                rel,
                f"a symbolic link (to '{target}') is not allowed in the archive",
                "replace it with the file itself: links are never followed, so they could publish files from outside the repository",
            )
            continue
        if printable(name) != name:
            _refuse(
                manifest,
                base,
                _relative_join(relative, printable(name)),
                "the name holds a control, invisible or line-breaking character",
                "rename it with letters, digits, '-' and '_'",
            )
            continue
        if name.startswith("."):
            _refuse(
                manifest,
                base,
                rel,
                "hidden files and folders are not allowed in the archive",
                "remove it; the site publishes only articles, the gazetteer, editorial pages and media",
            )
            continue
        try:
            # d_type from the directory listing: no system call per file for the common kinds.
            is_folder, is_file = entry.is_dir(follow_symlinks=False), entry.is_file(follow_symlinks=False)
        except OSError as exc:
            _refuse(manifest, base, rel, f"it cannot be read ({exc.strerror})")
            continue
        if is_folder:
            if skip is not None and entry.path == skip:
                continue
            _walk(entry.path, rel, base, manifest, skip)
        elif is_file:
            _admit(entry, rel, base, manifest)
        else:
            _refuse(manifest, base, rel, "only regular files and folders are allowed (this is a device, socket or pipe)")


def _relative_join(relative: str, name: str) -> str:
    return f"{relative}/{name}" if relative else name


def _readable_link(path: str) -> bool:
    try:
        os.readlink(path)
        return True
    except OSError:
        return False


def _admit(entry: os.DirEntry, rel: str, base: str, manifest: Manifest) -> None:
    path = entry.path
    top, _, rest = rel.partition("/")
    suffix = os.path.splitext(rel)[1]
    lowered = suffix.lower()
    if top == ARTICLES_DIR and rest:
        if suffix == MARKDOWN_SUFFIX:
            manifest.articles.append(path)
        else:
            _refuse(
                manifest,
                base,
                rel,
                f"only articles (.md files) belong in {ARTICLES_DIR}/",
                _INSTEAD.get(lowered, f"move it out of {ARTICLES_DIR}/; media go in {MEDIA_DIR}/"),
            )
    elif top == GAZETTEER_DIR and rest:
        if rel == VOCABULARY_FILE:
            manifest.vocabulary = path
        elif "/" not in rest and lowered in GAZETTEER_SUFFIXES:
            manifest.gazetteer.append(path)
        else:
            _refuse(
                manifest,
                base,
                rel,
                f"only gazetteer files ({GAZETTEER_DIR}/*.yml) belong in {GAZETTEER_DIR}/",
                "entries of every kind go in the .yml files directly inside the folder",
            )
    elif top == MEDIA_DIR and rest:
        problem = media_problem(path, lowered, entry.stat(follow_symlinks=False).st_size)
        if problem:
            _refuse(manifest, base, rel, *problem)
        else:
            manifest.media.append(rel)
    elif suffix == MARKDOWN_SUFFIX:
        manifest.pages.append(rel)
    else:
        what = f"'{suffix}' files are" if suffix else "files without an extension are"
        _refuse(
            manifest,
            base,
            rel,
            f"{what} not published from the archive",
            _INSTEAD.get(lowered, f"pages are Markdown (.md); images and PDF files go in {MEDIA_DIR}/"),
        )


def media_problem(path: str, suffix: str, size: int) -> Optional[tuple[str, str]]:
    """``(message, hint)`` when a file of ``media/`` may not be published; ``None`` when it may."""
    if suffix not in MEDIA_KINDS:
        kinds = ", ".join(sorted(MEDIA_KINDS))
        return (
            f"'{suffix or 'no extension'}' is not a kind of media the site publishes",
            _INSTEAD.get(suffix, f"media are {kinds}"),
        )
    if size > MAX_MEDIA_BYTES:
        return (
            f"the file is {size:,} bytes; the limit for media is {MAX_MEDIA_BYTES:,} bytes ({MAX_MEDIA_BYTES // 1024 // 1024} MiB)",
            "make it smaller, or link to where it is published",
        )
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        try:
            head = os.read(descriptor, 16)
        finally:
            os.close(descriptor)
    except OSError as exc:
        return f"it cannot be read ({exc.strerror})", ""
    if not any(head.startswith(magic) for magic in MEDIA_KINDS[suffix]) or (suffix == ".webp" and head[8:12] != b"WEBP"):
        return (
            f"the file does not start like a {suffix[1:].upper()} file",
            "save it again in the format its name says, or rename it to match",
        )
    return None


def _refuse(manifest: Manifest, base: str, rel: str, message: str, hint: str = "") -> None:
    path = rel if base in ("", ".") else f"{base}/{rel}"
    manifest.problems.append(Problem(path, 1, 1, Severity.ERROR, "", message, hint))


__all__ = [
    "ARTICLES_DIR",
    "GAZETTEER_DIR",
    "MEDIA_DIR",
    "VOCABULARY_FILE",
    "MEDIA_KINDS",
    "MAX_MEDIA_BYTES",
    "Manifest",
    "survey",
    "media_problem",
]
