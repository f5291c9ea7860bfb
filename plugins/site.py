"""The ``archive`` MkDocs plugin: the archive's articles and their cross-links, as pages.

Thin on purpose: each event hands over to :mod:`archive.outputs.site`, which knows nothing of
MkDocs. Another plugin reaches the current build through :func:`current_site` (the plan: the
catalogue and the outputs) or :func:`current_catalogue`, never through this plugin's attributes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.toc import AnchorLink

from archive import __version__
from archive.catalogue import Catalogue
from archive.outputs import site as build
from archive.outputs.html import esc
from archive.outputs.render import Templates
from archive.read.loader import ArticleCache

from . import fragments, theme
from .files import ASSET_URIS, replace_sources

log = get_plugin_logger(__name__)


class ArchiveConfig(base.Config):
    archive_dir = c.Optional(c.Dir(exists=True))
    """The archive: a folder holding ``gazetteer/`` and ``articles/``. Default: the docs folder."""
    include_drafts = c.Type(bool, default=build.Options.include_drafts)
    """Put drafts on the site too (also set by the environment variable ARCHIVE_INCLUDE_DRAFTS=1)."""
    related_count = c.Type(int, default=build.Options.related_count)
    """How many related articles an article page lists."""
    alongside_count = c.Type(int, default=build.Options.alongside_count)
    """How many actors and regions an entity page lists as appearing alongside it."""
    latest_count = c.Type(int, default=build.Options.latest_count)
    """How many of the newest articles the home page's ``<!-- archive:latest -->`` block lists."""
    entity_claims_limit = c.Type(int, default=build.Options.entity_claims_limit)
    """How many claims an actor's page lists in each claims section (newest first)."""
    claims_page_limit = c.Type(int, default=build.Options.claims_page_limit)
    """Above this many claims, the claims tracker gets one page per year."""


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    #: The site's plan: None from on_config until on_pre_build makes it.
    site: Optional[build.SitePlan]

    def _planned(self) -> build.SitePlan:
        # MkDocs runs on_pre_build, which plans the site or stops the build, before every event
        # that reads the plan.
        assert self.site is not None, "the site is planned in on_pre_build"
        return self.site

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup keeps this instance (and its cache) across `mkdocs serve` rebuilds.
        self.cache = ArticleCache()
        # `mkdocs serve` injects an inline live-reload script that changes with every request: no
        # hash can allow it, so the preview goes without the policy (a built site always has it).
        self.with_policy = command != "serve"

    def on_config(self, config):
        self.site, self.cache = None, getattr(self, "cache", None) or ArticleCache()
        self.root = Path(self.config.archive_dir or config.docs_dir).resolve()
        if not self.root.is_relative_to(Path(config.docs_dir).resolve()):  # `mkdocs serve` watches it too
            config.watch.append(str(self.root))
        theme.register_templates(config.theme)
        config.extra_css.append(ASSET_URIS["css"])
        config.extra_javascript.append(ASSET_URIS["js"])
        return config

    def on_pre_build(self, *, config) -> None:
        # Before MkDocs empties the site folder, so a failed `serve` rebuild keeps the last good site.
        try:
            templates = Templates(theme.page_loader(config.theme.custom_dir))
            self.site = build.prepare(self.root, self.cache, build.Options.from_mapping(self.config), config, templates)
        except build.ArchiveErrors as exc:
            raise PluginError(str(exc)) from None
        for problem in self.site.report.warnings:
            log.warning(problem.text())
        for problem in self.site.report.notes:
            log.info(problem.text())

    def on_files(self, files: Files, *, config) -> Files:
        replace_sources(files, config, self._planned(), self.config.latest_count)
        return files

    def on_nav(self, nav, *, config, files):
        # Every page and file of the site, the other plugins' too: a link to one is a link.
        self.known = {f.src_uri for f in files if not f.inclusion.is_excluded()}
        self.fragments = fragments.FragmentCache(set(self._planned().pages) - {p.file.src_uri for p in nav.pages})
        return nav

    def on_env(self, env, *, config, files):
        fragments.install(env, theme.theme_dirs(config.theme), self.fragments)
        env.globals["archive_version"] = __version__  # (the footer names the generator's version)
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        site = self._planned()
        page.meta = build.page_meta(site, page.file.src_uri, page.meta)
        # The sitemap's lastmod: the day the content changed, not the day of the build.
        page.update_date = build.lastmod(site, page.file.src_uri) or page.update_date
        return markdown

    def on_page_content(self, html, *, page, config, files):
        uri = page.file.src_uri
        build.safe_toc(page.toc.items)  # the headings of the author's Markdown
        site = self._planned()
        if uri not in site.pages:
            html, unknown = build.fill_blocks(site, page.url, html, self.known)
            for name in unknown:
                log.warning(f"{uri}: unknown block '<!-- archive:{name} -->'")
            if "title" not in page.meta and page.title:  # the theme prints it unescaped
                page.meta["title"] = build.plain_title(page.title)
            return html
        rendered = build.render(site, uri, page.url, html, self.known)
        page.toc.items.extend(AnchorLink(esc(title), anchor, level) for level, anchor, title in rendered.toc)
        if not page.toc.items:
            page.meta["hide"] = ["navigation", "toc"]
        return rendered.html

    def on_post_page(self, output, *, page, config):
        # The Content-Security-Policy (plugins/csp.py). The body is the one block the theme does
        # not write itself: a script in it, were one to slip past the sanitiser, gets no hash.
        from .csp import add_policy

        if not getattr(self, "with_policy", True):
            return output
        try:
            return add_policy(output, untrusted=(page.content or "",))
        except ValueError as exc:
            raise PluginError(f"{page.file.src_uri}: {exc}") from None

    def on_post_template(self, output_content, *, template_name, config):
        # Theme and extra templates rendered on their own: 404.html gets the policy, sitemap.xml not.
        from .csp import add_policy

        if not getattr(self, "with_policy", True) or not template_name.endswith((".html", ".htm")):
            return output_content
        return add_policy(output_content)


def current_site(config) -> build.SitePlan:
    """The current build's plan (its catalogue and outputs), from ``on_files`` on; for plugins
    listed after ``archive``."""
    plugin = config.plugins.get("archive")
    if not isinstance(plugin, ArchivePlugin):
        raise PluginError("this plugin reads the archive the 'archive' plugin loads: add '- archive' to plugins")
    if getattr(plugin, "site", None) is None:
        raise PluginError("the archive is loaded in on_pre_build: read it from a later event")
    return plugin._planned()


def current_catalogue(config) -> Catalogue:
    """The current build's catalogue: every record and cross-reference of the archive."""
    return current_site(config).ctx.catalogue
