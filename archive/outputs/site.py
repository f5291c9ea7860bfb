"""One build of the site, without MkDocs: load the archive, plan the pages, render each one.

The plugin (:mod:`plugins.site`) calls these functions from MkDocs events; tests call them
directly. Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

import nh3

from archive.catalogue import ALONGSIDE_LIMIT, RELATED_LIMIT, build_catalogue
from archive.outputs import editorial
from archive.outputs.components import SiteContext
from archive.outputs.html import Links, Rendered, esc
from archive.outputs.output import Output, Registry, default_families
from archive.outputs.pages import Generator, PageSpec
from archive.outputs.render import Templates
from archive.read.gate import survey
from archive.read.loader import Archive, ArticleCache, load_archive, shown_path
from archive.read.markup import namespaced_id, sanitize
from archive.read.pages import check_page
from archive.read.pages import page_meta as editorial_meta
from archive.read.problems import Problem, ProblemLog, Severity

#: Set to 1 to put drafts on the site (scale tests, previews), whatever the configuration says.
DRAFTS_ENV = "ARCHIVE_INCLUDE_DRAFTS"


class ArchiveErrors(Exception):
    """The archive has errors: the message lists them as ``archive check`` does."""


@dataclass
class Options:
    """The plugin's options and their defaults, declared here only (``ArchiveConfig`` in
    :mod:`plugins.site` reads them, and says what each means)."""

    include_drafts: bool = False
    related_count: int = RELATED_LIMIT
    alongside_count: int = ALONGSIDE_LIMIT
    latest_count: int = 10
    entity_claims_limit: int = 50
    claims_page_limit: int = 2000

    @classmethod
    def from_mapping(cls, values) -> Options:
        return cls(**{name: values[name] for name in cls.__dataclass_fields__})


@dataclass
class Report:
    """The archive's problems, sorted for the build log."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: Problems of drafts left out of the site: they do not affect it, so they are only notes.
    notes: list[Problem] = field(default_factory=list)


@dataclass
class SitePlan:
    """Everything one build needs: the catalogue, the pages to generate, the blocks to fill."""

    ctx: SiteContext
    #: Everything the site publishes (:mod:`archive.outputs.output`); plugins add their own.
    outputs: Registry
    blocks: dict
    #: The day shown as "last changed" for pages that are not about a dated record.
    updated: Optional[date]
    report: Report
    archive_root: Path
    #: Files of the docs folder the gate admitted for publishing as they are (editorial pages and
    #: media), relative to the docs folder; MkDocs publishes nothing else of it.
    publishable: set[str] = field(default_factory=set)

    @property
    def pages(self) -> dict[str, tuple[Generator, PageSpec]]:
        """The pages a family renders, by source path."""
        return self.outputs.generated_pages()


def include_drafts(configured: bool) -> bool:
    return configured or os.environ.get(DRAFTS_ENV, "").strip().lower() in ("1", "true", "yes")


def load(root: Path, cache: Optional[ArticleCache], drafts: bool, more: Optional[list[Problem]] = None) -> tuple[Archive, Report]:
    """Load and validate the archive (and take ``more`` problems, of the docs folder around it);
    errors are raised as :class:`ArchiveErrors`."""
    archive = load_archive(root, cache=cache)
    archive.log.extend(more or [])
    report = Report()
    left_out = {a.path for a in archive.articles if a.draft} if not drafts else set()
    for problem in archive.log.sorted():
        if problem.is_error:
            report.errors.append(problem)
        elif problem.path in left_out:
            report.notes.append(problem)
        else:
            report.warnings.append(problem)
    if report.errors:
        raise ArchiveErrors(error_message(archive, report))
    return archive, report


def error_message(archive: Archive, report: Report) -> str:
    lines = [p.text() for p in sorted(report.errors + report.warnings, key=lambda p: (p.path, p.line, p.column))]
    errors, warnings = len(report.errors), len(report.warnings)
    summary = f"checked {archive.files_checked} articles: {errors} error{'s' if errors != 1 else ''}"
    if warnings:
        summary += f", {warnings} warning{'s' if warnings != 1 else ''}"
    return "The archive has errors; fix them and build again (`archive check` shows the same):\n" + "\n".join(lines + [summary])


def plan(
    archive: Archive,
    report: Report,
    options: Options,
    *,
    site_name: str = "Archive",
    site_url: str = "",
    directory_urls: bool = True,
    methodology: Optional[str] = None,
    repo_url: str = "",
    families: Optional[list[Generator]] = None,
    templates: Optional[Templates] = None,
) -> SitePlan:
    """The catalogue and the outputs to publish: the pages of ``families`` (default: the
    archive's, :func:`~archive.outputs.output.default_families`), rendered with ``templates``
    (default: the package's)."""
    catalogue = build_catalogue(
        archive.gazetteer,
        archive.published(include_drafts(options.include_drafts)),
        related_limit=options.related_count,
        alongside_limit=options.alongside_count,
    )
    split = len(catalogue.claims) > options.claims_page_limit
    ctx = SiteContext(
        catalogue=catalogue,
        templates=templates or Templates(),
        site_name=site_name,
        site_url=site_url or "",
        directory_urls=directory_urls,
        methodology=methodology,
        entity_claims_limit=options.entity_claims_limit,
        claim_years=tuple(catalogue.claim_years()) if split else (),
    )
    ctx.templates.env.globals["SIDES"] = catalogue.gazetteer.vocabulary.side_definitions  # the archive's own sides
    outputs = Registry()
    for family in default_families() if families is None else families:
        outputs.extend(Output.generated_page(family, spec) for spec in family.pages(ctx))
    return SitePlan(
        ctx=ctx,
        outputs=outputs,
        blocks=editorial.blocks(options.latest_count, repo_url),
        updated=catalogue.counts.updated,
        report=report,
        archive_root=archive.root,
    )


def prepare(
    root: Path, cache: Optional[ArticleCache], options: Options, config, templates: Optional[Templates] = None
) -> SitePlan:
    """Load the archive and plan the site; ``config`` is MkDocs' configuration (read as a mapping),
    ``templates`` where the page templates are found (default: the package's only)."""
    docs = Path(config["docs_dir"]).resolve()
    publishable, docs_problems = gate_docs(docs, root)
    archive, report = load(root, cache, include_drafts(options.include_drafts), docs_problems)
    site = plan(
        archive,
        report,
        options,
        site_name=config["site_name"],
        site_url=config["site_url"] or "",
        directory_urls=config["use_directory_urls"],
        methodology="methodology.md",
        repo_url=config["repo_url"] or "",
        templates=templates,
    )
    if archive.manifest is not None and (docs == root or docs in root.parents):
        inside = root.relative_to(docs).as_posix() if docs != root else ""
        publishable |= {f"{inside}/{name}" if inside else name for name in archive.manifest.publishable()}
    site.publishable = publishable
    return site


def gate_docs(docs: Path, root: Path) -> tuple[set[str], list[Problem]]:
    """The gate over a docs folder that is not the archive itself (the archive's own files are
    gated by the loader): what it may publish, relative to ``docs``, and what it refused."""
    if docs == root:
        return set(), []
    manifest = survey(docs, shown_path(docs), skip=root if docs in root.parents else None)
    log = ProblemLog(list(manifest.problems))
    for name in manifest.articles + manifest.gazetteer:  # a docs folder holds no second archive
        log.add(
            shown_path(name),
            1,
            1,
            Severity.ERROR,
            "",
            "articles and gazetteer files belong in the archive folder",
            "move it into the folder that the plugin's archive_dir names",
        )
    for page in manifest.pages:
        check_page(str(docs / page), shown_path(docs / page), log)
    return manifest.publishable(), log.problems


def add_home(site: SitePlan, latest_count: int) -> None:
    """Generate a home page, for a docs folder without ``index.md``."""
    from archive.outputs.pages.home import HomePage

    generator = HomePage(latest_count)
    site.outputs.extend(Output.generated_page(generator, spec) for spec in generator.pages(site.ctx))


def render(site: SitePlan, uri: str, page_url: str, html: str, known: Optional[set[str]] = None) -> Rendered:
    """The final HTML of a generated page; ``html`` is what MkDocs made of its Markdown.

    An article body is sanitised here, before the generator wraps it in the record's own HTML.
    """
    generator, spec = site.pages[uri]
    links = Links(page_url, site.ctx.directory_urls, known)
    body = sanitize(html) if spec.markdown else ""
    return generator.render(site.ctx, spec, links, body)


def fill_blocks(site: SitePlan, page_url: str, html: str, known: Optional[set[str]] = None) -> tuple[str, list[str]]:
    """An editor's page, sanitised like an article body, with its ``<!-- archive:... -->`` blocks filled.

    The page is cut at its block markers and each piece sanitised on its own, so the blocks (the
    site's own HTML, with the site's classes) are never sanitised and no author text is not.
    """
    links = Links(page_url, site.ctx.directory_urls, known)
    pieces = editorial.MARKER.split(html)
    unknown: list[str] = []
    out = [sanitize(pieces[0])]
    for name, text in zip(pieces[1::2], pieces[2::2]):
        block = site.blocks.get(name)
        if block is None:
            unknown.append(name)
        else:
            out.append(block(site.ctx, links))
        out.append(sanitize(text))
    return "".join(out), unknown


def page_meta(site: SitePlan, uri: str, meta: dict) -> dict:
    """A page's metadata, escaped, since Material prints ``page.meta`` values unescaped.

    A generated page gets its title and description; an editorial page (one the gate admitted)
    keeps only the fields :data:`archive.read.pages.PAGE_FIELDS` allows (a body can never choose a
    template); a page another plugin generates keeps its own.
    """
    entry = site.pages.get(uri)
    if entry is None and uri not in site.publishable:
        return meta  # a page another plugin generates (the search page): the site's own code
    if entry is None:
        kept = editorial_meta(meta)
        for key in ("title", "description"):
            if key in kept:
                kept[key] = esc(kept[key])
        return kept
    spec = entry[1]
    # Generated pages are not in the nav: their width goes to the content instead.
    return {"title": esc(spec.title), "description": esc(spec.description), "hide": ["navigation"]}


def plain_title(title: str) -> str:
    """A title that may hold markup or entities (a heading's), as escaped text."""
    return nh3.clean(title, tags=set())


def safe_toc(items: list, namespaced: bool = True) -> None:
    """The table of contents of an author's Markdown, made safe in place: titles as escaped text
    (the theme prints them unescaped), ids in the author namespace like the body's (entries with
    an id that is not allowed are dropped)."""
    for item in list(items):
        anchor = namespaced_id(item.id) if namespaced else item.id
        if anchor is None:
            items.remove(item)
            continue
        item.id = anchor
        item.title = plain_title(item.title)
        safe_toc(item.children, namespaced)


def lastmod(site: SitePlan, uri: str) -> Optional[str]:
    """``YYYY-MM-DD``: the day a page's content last changed (its newest record), for the sitemap."""
    entry = site.pages.get(uri)
    day = entry[1].updated if entry and entry[1].updated else site.updated
    return day.isoformat() if day else None


__all__ = [
    "ArchiveErrors",
    "Options",
    "Report",
    "SitePlan",
    "DRAFTS_ENV",
    "add_home",
    "include_drafts",
    "load",
    "plan",
    "prepare",
    "render",
    "fill_blocks",
    "page_meta",
    "lastmod",
    "gate_docs",
    "plain_title",
    "safe_toc",
]
