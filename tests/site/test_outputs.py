"""The output registry (archive/outputs/output.py): every page and file the site publishes, planned without MkDocs."""

from __future__ import annotations

from sitebuild import FIXTURE

from archive.format import layout
from archive.outputs import site as build
from archive.outputs.html import Rendered
from archive.outputs.output import Output, Registry
from archive.outputs.pages import PageSpec


def _plan(**extra) -> build.SitePlan:
    archive, report = build.load(FIXTURE, None, drafts=False)
    return build.plan(archive, report, build.Options(), **extra)


def test_every_generated_page_is_an_output_with_its_markdown():
    site = _plan()
    raids = site.outputs.get(layout.article_uri("2024-03-12-raids-into-kursk-and-belgorod"))
    assert raids is not None and raids.page and raids.media_type == "text/html"
    assert raids.content is not None and raids.content().startswith("\n")  # never read as front matter
    timeline = site.outputs.get(layout.TIMELINE)
    assert timeline is not None and timeline.content is not None and timeline.content() == ""
    assert set(site.pages) == {o.path for o in site.outputs if o.family is not None}


class Dataset:
    """A family of a site's own: one page, rendered by the family."""

    name = "dataset"

    def pages(self, ctx):
        return [PageSpec("data/index.md", "Data", self.name, "data")]

    def render(self, ctx, spec, links, body_html):
        return Rendered(f"<p>{len(ctx.catalogue.articles)} articles</p>")


def test_a_site_plans_with_families_of_its_own_and_files():
    site = _plan(families=[Dataset()])
    assert list(site.pages) == ["data/index.md"]
    site.outputs.add(Output.file("data/articles.json", lambda: b"[]"))
    exported = site.outputs.get("data/articles.json")
    assert exported is not None and exported.media_type == "application/json" and not exported.page
    assert layout.url_for(exported.path) == "data/articles.json"
    assert build.render(site, "data/index.md", "data/", "").html.startswith("<p>")


def test_a_later_output_replaces_an_earlier_one():
    registry = Registry([Output.file("a.txt", lambda: "1"), Output.file("a.txt", lambda: "2")])
    assert len(registry) == 1 and registry.get("a.txt").content() == "2"  # type: ignore[union-attr]

