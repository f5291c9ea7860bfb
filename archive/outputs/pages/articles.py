"""Article pages: the record around the body MkDocs converted (once) and the sanitiser cleaned."""

from __future__ import annotations

from collections import Counter

from archive.catalogue import article_updated, claim_anchor
from archive.format import layout
from archive.format.model import Article, Claim
from archive.format.vocabulary import EVIDENCE_KINDS
from archive.outputs.components import (
    SiteContext,
    article_link,
    article_list,
    badge,
    checks,
    chips,
    entity_link,
    figures,
    language_name,
)
from archive.outputs.display import bibtex, citation, format_date
from archive.outputs.html import Links, Rendered, esc, heading, join, time_tag
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
        toc: list[tuple[int, str, str]] = []
        parts = [
            _header(ctx, links, article),
            f'<div class="archive-body">{body_html}</div>',
            _claims(ctx, links, article, toc),
            _evidence(ctx, links, article, toc),
            _events(ctx, links, article, toc),
            _sources(article, toc),
            _corrections(article, toc),
            _related(ctx, links, article, toc),
            _cite(ctx, article, toc),
            _prev_next(ctx, links, article),
        ]
        return Rendered(f'<article class="archive-article">{join(parts)}</article>', toc)


def _header(ctx: SiteContext, links: Links, article: Article) -> str:
    meta = [
        time_tag(article.date, format_date(article.date)),
        badge(ctx, links, "article", article.verification.status),
    ]
    if article.language != "en":
        meta.append(f'<span class="archive-language">original in {esc(language_name(article.language))}</span>')
    rows = []
    for title, ids in (
        ("Regions", article.regions),
        ("Places", article.places),
        ("Actors", article.actors),
        ("Tags", article.tags),
    ):
        if ids:
            rows.append(f"<dt>{title}</dt><dd>{chips(ctx, links, ids)}</dd>")
    out = [
        f"<h1>{esc(article.title)}</h1>",
        f'<p class="archive-meta">{" ".join(meta)}</p>',
    ]
    if article.title_original:
        out.append(
            f'<p class="archive-original">Original headline: <q lang="{esc(article.language)}">{esc(article.title_original)}</q></p>'
        )
    if article.summary:
        out.append(f'<p class="archive-summary">{esc(article.summary)}</p>')
    if article.verification.notes:
        out.append(f'<div class="archive-verification"><strong>Verification.</strong> {esc(article.verification.notes)}</div>')
    if rows:
        out.append(f'<dl class="archive-refs">{"".join(rows)}</dl>')
    return f'<header class="archive-article__header">{"".join(out)}</header>'


def _claim_row(ctx: SiteContext, links: Links, article: Article, index: int, claim: Claim, events: dict) -> str:
    details = []
    if claim.date:
        details.append(f"Date: {esc(claim.date.text)}")
    if claim.about and claim.about in events:
        details.append(f'About: <a href="#event-{esc(claim.about)}">{esc(_event_label(ctx, events[claim.about]))}</a>')
    if claim.disputed_by:
        details.append("Disputed by: " + ", ".join(_dispute(ctx, links, article, ref) for ref in claim.disputed_by))
    text = f'<p class="archive-claim__text">{esc(claim.claim)}</p>'
    if details:
        text += "".join(f'<div class="archive-note">{d}</div>' for d in details)
    if claim.note:
        text += f'<div class="archive-note archive-note--comment">{esc(claim.note)}</div>'
    return (
        f'<tr id="{esc(claim_anchor(claim, index))}">'
        f'<td data-label="Claimant">{entity_link(ctx, links, claim.claimant, chip=False)}</td>'
        f'<td data-label="Claim">{text}</td>'
        f'<td data-label="Figures">{figures(ctx, claim)}</td>'
        f'<td data-label="Status">{badge(ctx, links, "claim", claim.status)}</td>'
        f'<td data-label="Checks">{checks(ctx, links, claim)}</td>'
        "</tr>"
    )


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


def _claims(ctx: SiteContext, links: Links, article: Article, toc: list) -> str:
    if not article.claims:
        return ""
    events = {e.id: e for e in article.events}
    rows = "".join(_claim_row(ctx, links, article, i, c, events) for i, c in enumerate(article.claims))
    tracker = links.a(ctx.tracker_uri(article.date.year), "claims tracker")
    return (
        heading(2, "article-claims", "Claims", toc)
        + f'<p class="archive-note">Who asserts what, in the claimant\'s framing. Compare them with other claims in the {tracker}.</p>'
        + '<div class="archive-table"><table class="archive-claims"><thead><tr>'
        + "<th>Claimant</th><th>Claim</th><th>Figures</th><th>Status</th><th>Checks</th>"
        + f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _evidence(ctx: SiteContext, links: Links, article: Article, toc: list) -> str:
    if not article.evidence:
        return ""
    items = []
    for index, item in enumerate(article.evidence):
        anchor = f"evidence-{item.id}" if item.id else f"evidence-{index + 1}"
        kind = f'<span class="archive-kind" title="{esc(EVIDENCE_KINDS.get(item.kind, ""))}">{esc(item.kind)}</span>'
        line = [kind, badge(ctx, links, "evidence", item.verification.status)]
        if item.verification.by:
            line.append(
                f"verified by {entity_link(ctx, links, item.verification.by, chip=False)}"
                if item.verification.status == "verified"
                else f"checked by {entity_link(ctx, links, item.verification.by, chip=False)}"
            )
        if item.date:
            line.append(esc(item.date.text))
        body = [f'<div class="archive-evidence__meta">{" ".join(line)}</div>']
        if item.description:
            body.append(f"<p>{esc(item.description)}</p>")
        if item.verification.note:
            body.append(f'<p class="archive-note">{esc(item.verification.note)}</p>')
        urls = []
        if item.url:
            urls.append(f'<a href="{esc(item.url)}" rel="nofollow noopener">original</a>')
        if item.archived:
            urls.append(f'<a href="{esc(item.archived)}" rel="nofollow noopener">archived copy</a>')
        if urls:
            body.append(f'<p class="archive-note">{" &middot; ".join(urls)}</p>')
        items.append(f'<li id="{esc(anchor)}" class="archive-evidence">{"".join(body)}</li>')
    return heading(2, "article-evidence", "Evidence", toc) + f'<ul class="archive-cards">{"".join(items)}</ul>'


def _events(ctx: SiteContext, links: Links, article: Article, toc: list) -> str:
    if not article.events:
        return ""
    about_counts = Counter(c.about for c in article.claims if c.about)
    items = []
    for event in article.events:
        meta = []
        if event.date:
            meta.append(f"<strong>{esc(event.date.text)}</strong>")
        if event.type:
            meta.append(entity_link(ctx, links, event.type))
        body = [f'<div class="archive-event__meta">{" ".join(meta)}</div>']
        if event.summary:
            body.append(f"<p>{esc(event.summary)}</p>")
        where = [*event.regions, *event.places]
        if where:
            body.append(f'<p class="archive-note">Where: {chips(ctx, links, where)}</p>')
        if event.actors:
            body.append(f'<p class="archive-note">Who: {chips(ctx, links, event.actors)}</p>')
        about = about_counts.get(event.id, 0)
        if about:
            body.append(f'<p class="archive-note">{about} claim{"s" if about != 1 else ""} about this event (see Claims)</p>')
        items.append(f'<li id="event-{esc(event.id)}" class="archive-event">{"".join(body)}</li>')
    return heading(2, "article-events", "Events", toc) + f'<ul class="archive-cards">{"".join(items)}</ul>'


def _sources(article: Article, toc: list) -> str:
    if not article.sources:
        return ""
    items = []
    for source in article.sources:
        title = source.title or source.url
        parts = [
            f'<strong>{esc(source.publisher)}</strong>: <a href="{esc(source.url)}" rel="nofollow noopener">{esc(title)}</a>'
        ]
        extra = []
        if source.language:
            extra.append(f"in {esc(language_name(source.language))}")
        if source.accessed:
            extra.append(f"accessed {esc(source.accessed.isoformat())}")
        if source.archived:
            extra.append(f'<a href="{esc(source.archived)}" rel="nofollow noopener" class="archive-archived">archived copy</a>')
        else:
            extra.append('<span class="archive-missing">no archived copy</span>')
        parts.append(f' <span class="archive-note">({"; ".join(extra)})</span>')
        items.append(f"<li>{''.join(parts)}</li>")
    return heading(2, "article-sources", "Sources", toc) + f'<ul class="archive-sources">{"".join(items)}</ul>'


def _corrections(article: Article, toc: list) -> str:
    if not article.corrections:
        return ""
    items = "".join(
        f"<li>{time_tag(c.date, c.date.isoformat())}: {esc(c.note)}</li>"
        for c in sorted(article.corrections, key=lambda c: c.date)
    )
    return heading(2, "article-corrections", "Corrections", toc) + f'<ul class="archive-corrections">{items}</ul>'


def _related(ctx: SiteContext, links: Links, article: Article, toc: list) -> str:
    related = ctx.catalogue.related.get(article.id, [])
    if not related:
        return ""
    return heading(2, "article-related", "Related articles", toc) + article_list(ctx, links, related)


def _cite(ctx: SiteContext, article: Article, toc: list) -> str:
    url = ctx.absolute_url(layout.article_uri(article.id))
    return (
        heading(2, "article-cite", "Cite this", toc)
        + f'<pre class="archive-cite"><code>{esc(citation(article, ctx.site_name, url))}</code></pre>'
        + f'<details class="archive-bibtex"><summary>BibTeX</summary><pre><code>{esc(bibtex(article, ctx.site_name, url))}</code></pre></details>'
    )


def _prev_next(ctx: SiteContext, links: Links, article: Article) -> str:
    previous, following = ctx.catalogue.previous(article.id), ctx.catalogue.next(article.id)
    if not previous and not following:
        return ""
    parts = []
    if previous:
        parts.append(
            f'<div class="archive-prevnext__prev"><span class="archive-note">&larr; Previous</span> {article_link(ctx, links, previous)}</div>'
        )
    if following:
        parts.append(
            f'<div class="archive-prevnext__next"><span class="archive-note">Next &rarr;</span> {article_link(ctx, links, following)}</div>'
        )
    return f'<nav class="archive-prevnext" aria-label="Timeline">{"".join(parts)}</nav>'
