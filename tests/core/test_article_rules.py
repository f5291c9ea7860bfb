"""The rules of the data model that go beyond a field's type: one behaviour per test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from archive.read.loader import load_archive

from .helpers import article_text, write_article


def check(content: Path) -> list[tuple[str, str, str]]:
    """(severity, field, message + hint) of every problem, for compact assertions."""
    archive = load_archive(content, today=date(2026, 1, 1))
    return [(p.severity.value, p.field, f"{p.message} ({p.hint})") for p in archive.log.sorted()]


def only_file(sample_copy: Path) -> Path:
    """The sample's gazetteer with no articles but the one a test writes."""
    for path in (sample_copy / "articles").rglob("*.md"):
        path.unlink()
    return sample_copy


def test_a_valid_article_has_no_problems(sample_copy: Path) -> None:
    write_article(only_file(sample_copy), article_text())
    assert check(sample_copy) == []


def test_a_valid_article_is_built_into_a_record(sample_copy: Path) -> None:
    write_article(only_file(sample_copy), article_text("summary: A summary.\n"))
    article = load_archive(sample_copy).articles[0]
    assert (article.id, article.date, article.regions, article.summary) == (
        "2024-03-12-test-article",
        date(2024, 3, 12),
        ["ru-bel"],
        "A summary.",
    )


def test_a_source_without_an_archived_copy_is_a_warning(sample_copy: Path) -> None:
    sources = "sources:\n  - publisher: BBC News\n    url: https://www.bbc.co.uk/news/x\n"
    write_article(only_file(sample_copy), article_text(sources=sources))
    assert check(sample_copy) == [
        (
            "warning",
            "sources[0]",
            "the source from BBC News has no archived copy "
            "(add 'archived:' with a Wayback Machine or archive.today link; news pages change)",
        )
    ]


def test_a_claimant_missing_from_the_actors_is_a_warning(sample_copy: Path) -> None:
    claims = "claims:\n  - claimant: ru-bel-governor\n    claim: One person was killed.\n    status: unverified\n"
    write_article(only_file(sample_copy), article_text(claims))
    assert check(sample_copy) == [
        ("warning", "claims[0].claimant", "'ru-bel-governor' is not in the article's actors (add it to actors)")
    ]


def test_a_places_region_counts_as_listed_for_events(sample_copy: Path) -> None:
    events = "places: [ru-krs-tetkino]\nevents:\n  - id: raid\n    regions: [ru-krs]\n"
    write_article(only_file(sample_copy), article_text(events, regions="[ru-bel]"))
    assert check(sample_copy) == []


def test_a_claim_may_dispute_another_claim_of_the_article(sample_copy: Path) -> None:
    claims = (
        "claims:\n  - id: first\n    claimant: ru-mod\n    claim: A.\n    status: disputed\n"
        "    disputed_by: ['#second', ru-mod]\n"
        "  - id: second\n    claimant: ru-mod\n    claim: B.\n    status: unverified\n"
    )
    write_article(only_file(sample_copy), article_text(claims))
    assert check(sample_copy) == []


def test_a_dispute_naming_a_missing_claim_is_an_error(sample_copy: Path) -> None:
    claims = "claims:\n  - id: first\n    claimant: ru-mod\n    claim: A.\n    status: disputed\n    disputed_by: ['#secnd']\n"
    write_article(only_file(sample_copy), article_text(claims))
    assert check(sample_copy) == [
        ("error", "claims[0].disputed_by[0]", "no claim with id 'secnd' in this article (give the disputing claim an 'id')")
    ]


def test_a_dispute_may_name_a_claim_of_another_article(sample_copy: Path) -> None:
    content = only_file(sample_copy)
    other = "claims:\n  - id: toll\n    claimant: ru-mod\n    claim: A.\n    status: unverified\n"
    write_article(content, article_text(other, date="2024-03-11"), "2024-03-11-other.md")
    mine = "claims:\n  - claimant: ru-mod\n    claim: B.\n    status: disputed\n    disputed_by: ['2024-03-11-other#toll', '2024-03-11-other#nope']\n"
    write_article(content, article_text(mine))
    assert check(content) == [("error", "claims[0].disputed_by[1]", "article '2024-03-11-other' has no claim with id 'nope' ()")]


def test_a_figure_range_needs_no_value(sample_copy: Path) -> None:
    claims = "claims:\n  - claimant: ru-mod\n    claim: A.\n    status: unverified\n    figures: [{quantity: killed, min: 10, max: 20}]\n"
    write_article(only_file(sample_copy), article_text(claims))
    assert check(sample_copy) == []


def test_a_figure_with_min_above_max_is_an_error(sample_copy: Path) -> None:
    claims = "claims:\n  - claimant: ru-mod\n    claim: A.\n    status: unverified\n    figures: [{quantity: killed, min: 20, max: 10}]\n"
    write_article(only_file(sample_copy), article_text(claims))
    assert check(sample_copy) == [("error", "claims[0].figures[0].min", "min (20) is greater than max (10) ()")]


def test_several_means_a_figure_without_a_number(sample_copy: Path) -> None:
    claims = "claims:\n  - claimant: ru-mod\n    claim: A.\n    status: unverified\n    figures: [{quantity: tanks-destroyed, qualifier: several, value: 3}]\n"
    write_article(only_file(sample_copy), article_text(claims))
    assert [p[1] for p in check(sample_copy)] == ["claims[0].figures[0].qualifier"]


def test_event_and_claim_ids_are_unique_within_an_article(sample_copy: Path) -> None:
    events = "events:\n  - id: raid\n  - id: raid\n"
    write_article(only_file(sample_copy), article_text(events))
    assert check(sample_copy) == [("error", "events[1].id", "the id 'raid' is used twice in events ()")]


def test_a_draft_lacking_required_fields_gets_warnings_not_errors(sample_copy: Path) -> None:
    text = "---\ntitle: Imported report\ndate: 2024-03-12\ndraft: true\n---\nBody.\n"
    write_article(only_file(sample_copy), text)
    problems = check(sample_copy)
    assert {p[0] for p in problems} == {"warning"}
    assert {p[1] for p in problems} == {"", "draft"}
    assert len([p for p in problems if "this draft must have it" in p[2]]) == 3


def test_a_draft_still_gets_errors_for_wrong_values(sample_copy: Path) -> None:
    text = "---\ntitle: Imported report\ndate: 2024-03-12\ndraft: true\nregions: [nowhere]\n---\nBody.\n"
    write_article(only_file(sample_copy), text)
    assert ("error", "regions[0]") in [(p[0], p[1]) for p in check(sample_copy)]


def test_two_files_with_one_id_in_different_years_collide(sample_copy: Path) -> None:
    content = only_file(sample_copy)
    path = write_article(content, article_text())
    copy = content / "articles" / "2023" / path.name
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(article_text())
    messages = [p[2] for p in check(content)]
    assert sum("is also used by" in m for m in messages) == 2


def test_an_article_in_the_wrong_year_folder_is_a_warning(sample_copy: Path) -> None:
    content = only_file(sample_copy)
    path = content / "articles" / "2023" / "2024-03-12-test-article.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(article_text())
    assert check(content) == [
        ("warning", "", "the article is dated 2024 but sits in the folder 2023/ (move it to articles/2024/)")
    ]


def test_a_script_in_the_body_is_an_error(sample_copy: Path) -> None:
    write_article(only_file(sample_copy), article_text(body="Text.\n\n<script>alert(1)</script>\n"))
    ((severity, _field, message),) = check(sample_copy)
    assert severity == "error" and message.startswith("raw HTML <script> is not allowed")


def test_a_mistyped_id_suggests_the_entity_by_its_name(sample_copy: Path) -> None:
    write_article(only_file(sample_copy), article_text(regions="[Kiev]"))
    assert "did you mean 'ua-30'?" in check(sample_copy)[0][2]


def test_every_problem_of_a_file_is_reported_in_one_run(sample_copy: Path) -> None:
    text = "---\ntitle: {a: 1}\ndate: 2024-13-01\nregions: [nowhere]\nactors: []\nsumary: x\n---\n"
    write_article(only_file(sample_copy), text, "2024-01-01-many-faults.md")
    fields = {p[1] for p in check(sample_copy) if p[0] == "error"}
    assert fields >= {"title", "date", "regions[0]", "actors", "sumary", ""}


def test_a_claim_id_that_is_another_claims_positional_anchor_is_an_error(sample_copy: Path) -> None:
    """An unnamed claim is anchored by its position (#claim-2 for the second): a claim named
    '2' would share that anchor, and links to one would land on the other."""
    claims = (
        "claims:\n  - id: '2'\n    claimant: ru-mod\n    claim: A.\n    status: unverified\n"
        "  - claimant: ru-mod\n    claim: B.\n    status: unverified\n"
    )
    write_article(only_file(sample_copy), article_text(claims))
    assert check(sample_copy) == [
        (
            "error",
            "claims[0].id",
            "the id '2' is also the anchor of claims[1], which has no id (choose another id, or give that one an id too)",
        )
    ]


def test_an_id_used_twice_is_reported_once_at_the_repeat(sample_copy: Path) -> None:
    claims = "claims:\n" + "  - id: same\n    claimant: ru-mod\n    claim: A.\n    status: unverified\n" * 2
    write_article(only_file(sample_copy), article_text(claims))
    assert check(sample_copy) == [("error", "claims[1].id", "the id 'same' is used twice in claims ()")]
