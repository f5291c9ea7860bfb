"""The gazetteer: its own rules, and the lookups articles and search rely on."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.read.gazetteer import Gazetteer, find_gazetteer_files, load_gazetteer
from archive.read.problems import ProblemLog


def load(tmp_path: Path, text: str) -> tuple[Gazetteer, list[str]]:
    (tmp_path / "g.yml").write_text(text, encoding="utf-8")
    log = ProblemLog()
    gazetteer = load_gazetteer([tmp_path / "g.yml"], log)
    return gazetteer, [f"{p.line}: {p.field}: {p.message}" for p in log.sorted()]


COUNTRY = "countries:\n  - id: ru\n    names: {en: Russia}\n"


def test_entities_are_built_with_their_kind_and_names(tmp_path: Path) -> None:
    gazetteer, problems = load(
        tmp_path,
        COUNTRY + "regions:\n  - id: ru-bel\n    parent: ru\n    names: {en: Belgorod Oblast, ru: Белгородская область}\n",
    )
    assert problems == []
    assert (gazetteer["ru-bel"].kind, gazetteer["ru-bel"].names["ru"]) == ("region", "Белгородская область")


def test_a_duplicate_id_is_an_error_naming_the_first(tmp_path: Path) -> None:
    _, problems = load(tmp_path, COUNTRY + "regions:\n  - id: ru\n    names: {en: Again}\n")
    assert problems == ["5: regions[0].id: duplicate id 'ru'"]


def test_a_parent_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "places:\n  - id: x\n    parent: nowhere\n    names: {en: X}\n")
    assert problems == ["3: places[0].parent: unknown region or place id 'nowhere'"]


def test_parents_may_not_form_a_cycle(tmp_path: Path) -> None:
    _, problems = load(
        tmp_path, "tags:\n  - id: a\n    parent: b\n    names: {en: A}\n  - id: b\n    parent: a\n    names: {en: B}\n"
    )
    assert any("form a cycle" in p for p in problems)


def test_an_alias_naming_two_entities_is_an_error(tmp_path: Path) -> None:
    text = (
        COUNTRY
        + "regions:\n  - id: a\n    names: {en: A}\n    aliases: [Donbas]\n  - id: b\n    names: {en: B}\n    aliases: [Donbas]\n"
    )
    _, problems = load(tmp_path, text)
    assert len([p for p in problems if "'donbas' also names" in p]) == 2


def test_an_alias_marked_ambiguous_on_both_entities_is_allowed(tmp_path: Path) -> None:
    text = (
        "regions:\n  - id: a\n    names: {en: A}\n    aliases: [Donbas]\n    ambiguous_aliases: [Donbas]\n"
        "  - id: b\n    names: {en: B}\n    aliases: [Donbass, Donbas]\n    ambiguous_aliases: [Donbas]\n"
    )
    gazetteer, problems = load(tmp_path, text)
    assert problems == []
    assert sorted(gazetteer.lookup("donbas")) == ["a", "b"]


def test_an_unknown_section_suggests_the_right_one(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "actor:\n  - id: x\n    names: {en: X}\n")
    assert problems == ["1: actor: unknown section 'actor'"]


def test_an_actor_needs_a_known_type(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "actors:\n  - id: x\n    type: army\n    names: {en: X}\n")
    assert problems == ["3: actors[0].type: the text 'army' is not an allowed value"]


def test_an_english_name_is_required(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "tags:\n  - id: x\n    names: {ru: Икс}\n")
    assert problems == ["3: tags[0].names: an English name (en) is required"]


@pytest.fixture(scope="module")
def sample() -> Gazetteer:
    directory = Path(__file__).resolve().parents[2] / "content" / "gazetteer"
    log = ProblemLog()
    gazetteer = load_gazetteer(find_gazetteer_files(directory), log)
    assert not log.errors
    return gazetteer


@pytest.mark.parametrize(
    ("spelling", "entity_id"),
    [
        ("Kyiv", "ua-30"),
        ("Kiev", "ua-30"),
        ("Київ", "ua-30"),
        ("Киев", "ua-30"),
        ("Belgorod Oblast", "ru-bel"),
        ("Bilhorod Oblast", "ru-bel"),
        ("Белгородская область", "ru-bel"),
        ("Тёткино", "ru-krs-tetkino"),
        ("Теткино", "ru-krs-tetkino"),
    ],
)
def test_every_spelling_finds_its_entity(sample: Gazetteer, spelling: str, entity_id: str) -> None:
    assert entity_id in sample.lookup(spelling)


def test_a_place_knows_its_region_and_country(sample: Gazetteer) -> None:
    assert sample.ancestors("ru-krs-tetkino") == ("ru-krs", "ru")


def test_a_near_miss_name_is_suggested_by_kind(sample: Gazetteer) -> None:
    assert sample.suggest("Belgrod", ("region", "country"))[0] == "ru-bel"
    assert sample.suggest("Belgrod", ("place",))[0] == "ru-bel-belgorod"
