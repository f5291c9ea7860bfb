"""Loading a whole archive: the gazetteer, then every article, then the archive-wide rules.

``load_archive`` is the one entry point used by ``archive check``, by the MkDocs plugins and by
the exports. Each file is parsed once; an optional :class:`ArticleCache` keyed by file stamp
lets ``mkdocs serve`` re-read only the files that changed.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

from archive.format.layout import GENERATED_FOLDERS, entity_uri, url_for
from archive.format.model import Article
from archive.read.article import ArticleResult, ClaimReference, article_id_for, read_article
from archive.read.gate import GAZETTEER_DIR, Manifest, survey
from archive.read.gazetteer import Gazetteer, load_gazetteer
from archive.read.pages import check_page
from archive.read.problems import Problem, ProblemLog, Severity, shown_path
from archive.read.source import SourceError, parse_yaml, read_text, split_front_matter
from archive.read.vocabulary import read_vocabulary


class ArchiveNotFound(Exception):
    """The path is not inside an archive (no ``gazetteer/`` folder above it)."""


@dataclass
class Archive:
    """A loaded archive: what passed every rule, and the problems of what did not."""

    root: Path
    gazetteer: Gazetteer
    #: Valid articles, drafts included, in timeline order (date, then id).
    articles: list[Article]
    log: ProblemLog
    #: Number of article files read.
    files_checked: int = 0
    #: What the gate admitted: the site publishes its pages and media, nothing else of the folder.
    manifest: Optional[Manifest] = None

    @property
    def ok(self) -> bool:
        return not self.log.errors

    def published(self, include_drafts: bool = False) -> list[Article]:
        return [a for a in self.articles if include_drafts or not a.draft]


@dataclass
class _CacheEntry:
    stamp: tuple[int, int]
    gazetteer_stamp: tuple
    result: ArticleResult
    problems: list[Problem]


@dataclass
class ArticleCache:
    """Results of reading article files, reused while neither the file nor the gazetteer changed."""

    entries: dict[str, _CacheEntry] = field(default_factory=dict)
    hits: int = 0


def find_root(path: Path) -> Path:
    """The archive root for ``path``: the nearest folder at or above it holding ``gazetteer/``."""
    path = path.resolve()
    for candidate in [path, *path.parents]:
        if (candidate / GAZETTEER_DIR).is_dir():
            return candidate
    raise ArchiveNotFound(f"{path} is not inside an archive: no '{GAZETTEER_DIR}/' folder found at or above it")


def article_files(root: Path) -> list[Path]:
    """Every ``*.md`` under ``articles/``, in a stable order."""
    return [Path(p) for p in article_paths(root)]


def article_paths(root: Path) -> list[str]:
    """Every article the gate admits (``articles/**/*.md``, no link), as sorted absolute strings.

    Strings, not ``Path`` objects: making 10,000 of those, and sending them to worker
    processes, costs more than a tenth of a second.
    """
    return survey(root).articles


def load_archive(
    root: Path,
    *,
    only: Optional[Iterable[Path]] = None,
    today: Optional[date] = None,
    cache: Optional[ArticleCache] = None,
    keep_articles: bool = True,
) -> Archive:
    """Load and validate the archive at ``root``.

    With ``only``, just those article files are validated (a pull request's changes), while the
    archive-wide rules still see every file name, so duplicate ids are still caught.
    ``keep_articles=False`` is for checking only: large archives are then read by one process
    per core, which send back their problems but not the articles.
    """
    root = Path(root)
    today = today or date.today()
    log = ProblemLog()
    manifest = survey(root, shown_path(root))
    log.extend(manifest.problems)
    gazetteer_files = [Path(f) for f in manifest.gazetteer]
    if not gazetteer_files:
        log.add(
            shown_path(root / GAZETTEER_DIR),
            1,
            1,
            Severity.ERROR,
            "",
            "no gazetteer files found",
            "the gazetteer lives in gazetteer/*.yml (regions, places, actors, tags)",
        )
    vocabulary_file = Path(manifest.vocabulary) if manifest.vocabulary else None
    vocabulary = read_vocabulary(vocabulary_file, log)
    gazetteer = load_gazetteer(gazetteer_files, log, today=today, vocabulary=vocabulary)
    gazetteer_stamp = tuple(_stamp(f) for f in gazetteer_files + ([vocabulary_file] if vocabulary_file else []))
    for page in manifest.pages:
        check_page(os.path.join(root, page), shown_path(root / page), log)
    _check_urls(gazetteer, manifest.pages, root, log)

    all_files = manifest.articles
    if only is None:
        selected = all_files
    else:  # (absolute, never resolved: a link is not followed, and the gate has refused it)
        admitted = set(all_files)
        selected = sorted({a for a in (os.path.abspath(p) for p in only) if a in admitted})
    if cache is None and len(selected) >= PARALLEL_THRESHOLD and usable_cores() > 1:
        results = _read_in_parallel(selected, gazetteer, today, log, keep_articles)
    else:
        results = [_read_cached(f, gazetteer, gazetteer_stamp, today, log, cache) for f in selected]

    _check_unique_ids(all_files, selected, log)
    external_problems = _resolve_external_claims(results, all_files, gazetteer, today)
    log.extend(external_problems)

    articles = sorted((r.article for r in results if r.article is not None), key=lambda a: (a.date, a.id))
    bad_paths = log.paths_with_errors()
    articles = [a for a in articles if a.path not in bad_paths]
    return Archive(root, gazetteer, articles, log, files_checked=len(selected), manifest=manifest)


#: From this many files on, ``archive check`` reads with one process per core.
PARALLEL_THRESHOLD = 400
_worker_context: tuple = ()


def usable_cores() -> int:
    """The cores this process may run on (a container or ``taskset`` may allow fewer than exist)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - macOS and Windows


def _read_in_parallel(
    files: list[str], gazetteer: Gazetteer, today: date, log: ProblemLog, keep_articles: bool
) -> list[ArticleResult]:
    """Read ``files`` in worker processes (forked, so the gazetteer is shared, not sent)."""
    global _worker_context
    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - platforms without fork read serially
        return [read_article(f, shown_path(f), gazetteer, today, log) for f in files]
    _worker_context = (gazetteer, today, keep_articles)
    processes = min(usable_cores(), 8)
    size = max(50, len(files) // (processes * 8))  # measured: fewer is as fast, more is slower
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    try:
        with context.Pool(processes) as pool:
            outputs = pool.map(_read_chunk, chunks, chunksize=1)
    finally:
        _worker_context = ()
    results: list[ArticleResult] = []
    for chunk_results, problems in outputs:
        results.extend(chunk_results)
        log.extend(problems)
    return results


def _read_chunk(files: list[str]) -> tuple[list[ArticleResult], list[Problem]]:
    gazetteer, today, keep_articles = _worker_context
    log = ProblemLog()
    results = []
    cwd = os.getcwd()
    for file in files:
        result = read_article(file, shown_path(file, cwd), gazetteer, today, log)
        if keep_articles:
            results.append(result)
        elif result.external_claim_refs:
            # A check needs back only what the archive-wide rules use: references to
            # other articles' claims (their targets are read again, which is rare).
            result.article = None
            results.append(result)
    return results, log.problems


def _stamp(file: str | os.PathLike) -> tuple[int, int]:
    stat = os.stat(file)
    return stat.st_mtime_ns, stat.st_size


def _read_cached(
    file: str, gazetteer: Gazetteer, gazetteer_stamp: tuple, today: date, log: ProblemLog, cache: Optional[ArticleCache]
) -> ArticleResult:
    shown = shown_path(file)
    if cache is None:
        return read_article(file, shown, gazetteer, today, log)
    stamp = _stamp(file)
    entry = cache.entries.get(shown)
    if entry and entry.stamp == stamp and entry.gazetteer_stamp == gazetteer_stamp:
        cache.hits += 1
        log.extend(entry.problems)
        return entry.result
    own_log = ProblemLog()
    result = read_article(file, shown, gazetteer, today, own_log)
    cache.entries[shown] = _CacheEntry(stamp, gazetteer_stamp, result, list(own_log.problems))
    log.extend(own_log.problems)
    return result


def _check_urls(gazetteer: Gazetteer, pages: list[str], root: Path, log: ProblemLog) -> None:
    """No two pages at one URL: an entity's page and another's, or an editorial page and one the
    site generates (which would silently replace it), whichever way URLs are formed."""
    claimed: dict[str, tuple[str, int, str]] = {}  # URL → (path, line, what)
    for entity in sorted(gazetteer.entities.values(), key=lambda e: (e.path, e.line, e.id)):
        uri = entity_uri(entity.kind, entity.id)
        _claim(claimed, uri, (entity.path, entity.line or 1, f"the {entity.kind} '{entity.id}'"), log)
    for page in pages:
        shown = shown_path(root / page)
        folder = page.split("/", 1)[0] if "/" in page else ""
        if folder in GENERATED_FOLDERS:
            log.add(
                shown,
                1,
                1,
                Severity.ERROR,
                "",
                f"the site generates the pages of {folder}/: this page would be replaced",
                f"move it out of {folder}/ (editorial pages may live anywhere else)",
            )
            continue
        _claim(claimed, page, (shown, 1, f"the page {page}"), log)


def _claim(claimed: dict[str, tuple[str, int, str]], uri: str, owner: tuple[str, int, str], log: ProblemLog) -> None:
    for directory_urls in (True, False):
        url = url_for(uri, directory_urls)
        other = claimed.get(f"{directory_urls}:{url}")
        if other is not None:
            path, line, what = owner
            log.add(
                path,
                line,
                1,
                Severity.ERROR,
                "",
                f"{what} would have the same address ({url or '/'}) as {other[2]} ({other[0]}:{other[1]})",
                "rename one of them",
            )
            return
    for directory_urls in (True, False):
        claimed[f"{directory_urls}:{url_for(uri, directory_urls)}"] = owner


def _check_unique_ids(all_files: list[str], selected: list[str], log: ProblemLog) -> None:
    """An article's id is its file name: two files with one name in different folders collide."""
    by_id: dict[str, list[str]] = defaultdict(list)
    for file in all_files:
        by_id[article_id_for(file)].append(file)
    selected_set = set(selected)
    for article_id, files in by_id.items():
        if len(files) < 2:
            continue
        for file in files:
            if str(Path(file).resolve()) not in selected_set and file not in selected_set:
                continue
            others = ", ".join(shown_path(f) for f in files if f != file)
            log.add(
                shown_path(file),
                1,
                1,
                Severity.ERROR,
                "",
                f"the article id '{article_id}' is also used by {others}",
                "article ids are unique across the archive: rename one file",
            )


def _placed(ref: ClaimReference) -> ClaimReference:
    """``ref`` with the line and column of its value: a file read by the fast path has no
    positions, so it is parsed again here (only for the references that are checked)."""
    if not ref.file:
        return ref
    try:
        front = split_front_matter(read_text(ref.file))
        line, column = parse_yaml(front.yaml_text, line_offset=front.yaml_line).position(ref.key)
    except SourceError:
        return ref
    return dataclasses.replace(ref, line=line, column=column, file="")


def _resolve_external_claims(
    results: list[ArticleResult], all_files: list[str], gazetteer: Gazetteer, today: date
) -> list[Problem]:
    """``article-id#claim-id`` references must name an existing article and claim."""
    wanted = [ref for r in results for ref in r.external_claim_refs]
    if not wanted:
        return []
    loaded = {r.article_id: r for r in results}
    files_by_id = {article_id_for(f): f for f in all_files}
    problems: list[Problem] = []
    for ref in wanted:
        ref = _placed(ref)
        target = loaded.get(ref.article_id)
        if target is None and ref.article_id in files_by_id:
            target = read_article(
                files_by_id[ref.article_id], shown_path(files_by_id[ref.article_id]), gazetteer, today, ProblemLog()
            )
            loaded[ref.article_id] = target
        if target is None:
            problems.append(
                Problem(
                    ref.path,
                    ref.line,
                    ref.column,
                    Severity.ERROR,
                    ref.field,
                    f"no article with id '{ref.article_id}'",
                    "write 'article-id#claim-id'",
                )
            )
        elif ref.claim_id not in target.claim_ids:
            problems.append(
                Problem(
                    ref.path,
                    ref.line,
                    ref.column,
                    Severity.ERROR,
                    ref.field,
                    f"article '{ref.article_id}' has no claim with id '{ref.claim_id}'",
                )
            )
    return problems
