"""The catalogue, built from the small fixture archive and from synthetic articles, without MkDocs."""

from __future__ import annotations

from datetime import date, timedelta

from archive.catalogue import article_references, build_catalogue, related_articles
from archive.read.gazetteer import Gazetteer
from archive.format.model import Article, Entity

RAIDS = "2024-03-12-raids-into-kursk-and-belgorod"
BELGOROD_RAID = "2023-05-22-raid-into-belgorod-region"
DRONES = "2023-05-30-drones-over-belgorod"
KHARKIV = "2024-03-20-shelling-of-kharkiv"


def test_articles_are_in_timeline_order_without_drafts(fixture_catalogue):
    assert fixture_catalogue.timeline == [BELGOROD_RAID, DRONES, RAIDS, KHARKIV]
    assert "2024-04-02-draft-report" not in fixture_catalogue.articles


def test_drafts_are_kept_when_asked(fixture_archive):
    catalogue = build_catalogue(fixture_archive.gazetteer, fixture_archive.published(include_drafts=True))
    assert catalogue.timeline[-1] == "2024-04-02-draft-report"


def test_entity_lists_articles_newest_first(fixture_catalogue):
    assert fixture_catalogue.articles_for("ru-mod") == [RAIDS, DRONES, BELGOROD_RAID]


def test_a_place_counts_for_its_region_and_country(fixture_catalogue):
    # The Kharkiv article lists the place and the region; Ukraine comes from the ancestors.
    assert fixture_catalogue.articles_for("ua") == [KHARKIV]
    assert RAIDS in fixture_catalogue.articles_for("ru")


def test_ids_named_only_in_claims_get_pages(fixture_catalogue):
    # The Belgorod raid's video was verified by bbc-news, listed; checkers and subjects are referenced.
    assert fixture_catalogue.has_page("bbc-news")
    assert fixture_catalogue.has_page("ru-armed-forces")
    assert not fixture_catalogue.has_page("no-such-entity")


def test_kinds_are_sorted_by_name(fixture_catalogue):
    names = [fixture_catalogue.name(i) for i in fixture_catalogue.kinds["region"]]
    assert names == sorted(names, key=str.casefold)
    assert fixture_catalogue.kinds["country"] == ["ru", "ua"]


def test_months_and_years(fixture_catalogue):
    assert list(fixture_catalogue.months) == ["2023-05", "2024-03"]
    assert fixture_catalogue.months["2024-03"] == [RAIDS, KHARKIV]
    assert fixture_catalogue.years == {2023: ["2023-05"], 2024: ["2024-03"]}


def test_claims_about_one_event_are_grouped(fixture_catalogue):
    groups = [g for g in fixture_catalogue.claim_groups if g.article_id == RAIDS]
    assert [g.event.id if g.event else None for g in groups] == ["border-raids", "drones", None]
    raid = groups[0]
    assert [e.claim.claimant for e in raid.claims] == ["ru-mod", "legion"]
    assert raid.quantities == ["killed", "tanks-destroyed"]


def test_claims_are_indexed_by_claimant_subject_quantity_status_and_checker(fixture_catalogue):
    catalogue = fixture_catalogue
    assert [e.article_id for e in catalogue.claims_by_claimant["legion"]] == [BELGOROD_RAID, RAIDS]
    assert [e.claim.id for e in catalogue.claims_by_subject["ua-armed-forces"]] == ["mod-thwarted"]
    assert len(catalogue.claims_by_quantity["killed"]) == 3
    assert [e.claim.id for e in catalogue.claims_by_status["disputed"]] == ["mod-70-killed", "legion-tetkino"]
    assert [e.claim.id for e in catalogue.claims_by_checker["bbc-news"]] == ["mod-thwarted", "three-blocks"]


def test_claim_references_across_articles_resolve(fixture_catalogue):
    entry = fixture_catalogue.claims_by_ref[f"{BELGOROD_RAID}#mod-70-killed"]
    assert entry.anchor == "claim-mod-70-killed"


def test_claims_without_an_id_are_anchored_by_position(fixture_catalogue):
    entry = [e for e in fixture_catalogue.claims if e.article_id == DRONES][0]
    assert entry.anchor == "claim-1"


def test_cooccurring_actors_and_regions_are_counted_per_article(fixture_catalogue):
    actors = dict(fixture_catalogue.alongside_actors["ru-mod"])
    assert actors["legion"] == 2
    assert "ru-mod" not in actors
    regions = dict(fixture_catalogue.alongside_regions["ru-mod"])
    assert regions == {"ru-bel": 3, "ru-krs": 1}


def test_previous_and_next_follow_the_timeline(fixture_catalogue):
    assert fixture_catalogue.previous(BELGOROD_RAID) is None
    assert fixture_catalogue.next(BELGOROD_RAID) == DRONES
    assert fixture_catalogue.previous(KHARKIV) == RAIDS
    assert fixture_catalogue.next(KHARKIV) is None


def test_latest_is_newest_first(fixture_catalogue):
    assert fixture_catalogue.latest(2) == [KHARKIV, RAIDS]


def test_counts(fixture_catalogue):
    counts = fixture_catalogue.counts
    assert (counts.articles, counts.claims, counts.sources) == (4, 8, 4)
    assert counts.first == date(2023, 5, 22) and counts.last == date(2024, 3, 20)
    assert counts.claim_statuses["disputed"] == 2


def test_references_list_each_entity_once(fixture_archive):
    article = next(a for a in fixture_archive.articles if a.id == RAIDS)
    refs = article_references(article, fixture_archive.gazetteer)
    assert len(refs) == len(set(refs))
    assert refs[:2] == ["ru-krs", "ru-bel"]
    assert "ru" in refs and "cross-border-raid" in refs


# --------------------------------------------------------------------------------------------
# Related articles, on synthetic archives


def _gazetteer(*ids: str) -> Gazetteer:
    return Gazetteer({i: Entity(i, "actor" if i.startswith("a-") else "place", {"en": i}) for i in ids})


def _article(n: int, day: date, actors: list[str], places: list[str] = ()) -> Article:
    return Article(id=f"{day.isoformat()}-a{n:05d}", path="", title=f"A{n}", date=day,
                   regions=[], actors=list(actors), places=list(places), sources=[])


def test_related_prefers_a_shared_rare_place_over_a_common_actor():
    start = date(2024, 1, 1)
    articles = [_article(i, start + timedelta(days=i), ["a-common"]) for i in range(30)]
    articles.append(_article(100, start + timedelta(days=2), ["a-common"], ["p-rare"]))
    articles.append(_article(101, start + timedelta(days=29), ["a-common"], ["p-rare"]))
    related = related_articles(articles, _gazetteer("a-common", "p-rare"), limit=3)
    assert related[articles[-2].id][0] == articles[-1].id


def test_related_breaks_ties_by_nearness_in_time():
    start = date(2024, 1, 1)
    articles = [_article(i, start + timedelta(days=10 * i), ["a-x"]) for i in range(5)]
    related = related_articles(articles, _gazetteer("a-x"), limit=2)
    assert related[articles[2].id] == [articles[1].id, articles[3].id]


def test_related_scans_only_neighbours_of_an_actor_in_every_article():
    # 3,000 articles share one actor: each article looks at 2 x neighbours postings, not 3,000.
    start = date(2020, 1, 1)
    articles = [_article(i, start + timedelta(days=i // 3), ["a-everywhere"]) for i in range(3000)]
    related = related_articles(articles, _gazetteer("a-everywhere"), limit=5, neighbours=4)
    middle = articles[1500]
    assert len(related[middle.id]) == 5
    days = {abs((a.date - middle.date).days) for a in articles if a.id in related[middle.id]}
    assert max(days) <= 2


def test_related_never_lists_the_article_itself(fixture_catalogue):
    for article_id, related in fixture_catalogue.related.items():
        assert article_id not in related
