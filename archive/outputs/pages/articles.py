"""Article pages: the record around the body MkDocs converted (once) and the sanitiser cleaned."""

from __future__ import annotations

from collections import Counter

from archive.catalogue import article_updated, claim_anchor
from archive.format import layout
from archive.format.model import Article, Claim
from archive.outputs.components import (
    Helpers,
    SiteContext,
    entity_link,
)
from archive.outputs.display import bibtex, citation
from archive.outputs.html import Html, Links, Rendered, esc
from archive.outputs.pages import PageSpec


class ArticlePages:
    name = "article"

    def pages(self, ctx: SiteContext) -> list[PageSpec]:
        return [
            PageSpec(
                uri=layout.article_uri(a.id),
                title=a.title,
                generator=self.name,
                key=a.id,
                description=a.summary or "",
                updated=article_updated(a),
                markdown=a.body,
            )
            for a in ctx.catalogue.articles.values()
        ]

    def render(self, ctx: SiteContext, spec: PageSpec, links: Links, body_html: str) -> Rendered:
        article = ctx.catalogue.articles[spec.key]
        h = ArticleHelpers(ctx, links)
        url = ctx.absolute_url(layout.article_uri(article.id))
        html = h.render(
            "archive/article.html",
            article=article,
            body=Html(body_html),
            events={e.id: e for e in article.events},
            about_counts=Counter(c.about for c in article.claims if c.about),
            citation=citation(article, ctx.site_name, url),
            bibtex=bibtex(article, ctx.site_name, url),
        )
        return Rendered(html, h.toc)


class ArticleHelpers(Helpers):
    """The helpers of an article's page: its claims' anchors, events and disputes."""

    def claim_anchor(self, claim: Claim, index: int) -> str:
        return claim_anchor(claim, index)

    def event_label(self, event) -> str:
        return _event_label(self.ctx, event)

    def dispute(self, article: Article, ref: str) -> Html:
        return Html(_dispute(self.ctx, self.links, article, ref))


def _event_label(ctx: SiteContext, event) -> str:
    """``Cross-border raid, 2024-03-12``: an event's type and date, else its id."""
    name = ctx.catalogue.name(event.type) if event.type else event.id.replace("-", " ")
    return f"{name}, {event.date.text}" if event.date else name


def _dispute(ctx: SiteContext, links: Links, article: Article, ref: str) -> str:
    """A ``disputed_by`` entry: an actor, a claim of this article, or a claim of another one."""
    if "#" not in ref:
        return entity_link(ctx, links, ref, chip=False)
    other, _, claim_id = ref.partition("#")
    if not other or other == article.id:
        own = next((c for c in article.claims if c.id == claim_id), None)
        who = ctx.catalogue.name(own.claimant) if own else claim_id
        return f'<a href="#claim-{esc(claim_id)}">{esc(who)}</a>'
    entry = ctx.catalogue.claims_by_ref.get(ref)
    if entry is None:
        return esc(ref)
    who = ctx.catalogue.name(entry.claim.claimant)
    return links.a(layout.article_uri(other), f"{who} ({other})", fragment=entry.anchor)
