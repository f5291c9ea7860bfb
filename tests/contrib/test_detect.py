"""Entity detection: reports name things loosely, in any script; detection finds them anyway."""

from __future__ import annotations

import time

import pytest

from archive.names.detect import DetectionIndex, detect
from archive.read.gazetteer import find_gazetteer_files, load_gazetteer
from archive.read.problems import ProblemLog

from .conftest import REPO, REPORTS, SEED, needs


@pytest.fixture(scope="module")
def index(gazetteer):
    return DetectionIndex.build(gazetteer)


def found(text: str, index: DetectionIndex, section: str) -> list[str]:
    return detect(text, index).ids(section)


# -- the model case and held-out reports ---------------------------------------------------------


def test_the_seed_report_yields_its_regions_groups_and_ministry(index):
    detection = detect(needs(SEED).read_text(encoding="utf-8"), index)
    assert {"ru-bel", "ru-krs", "ru-iva", "ua-12"} <= set(detection.ids("regions"))
    assert {"freedom-of-russia-legion", "siberian-battalion", "russian-volunteer-corps", "ru-mod"} <= set(detection.ids("actors"))


def test_the_seed_report_yields_the_same_with_the_archives_own_gazetteer():
    log = ProblemLog()
    gazetteer = load_gazetteer(find_gazetteer_files(REPO / "content" / "gazetteer"), log)
    detection = detect(needs(SEED).read_text(encoding="utf-8"), DetectionIndex.build(gazetteer))
    assert {"ru-bel", "ru-krs", "ru-iva", "ua-12"} <= set(detection.ids("regions"))
    assert {"freedom-of-russia-legion", "siberian-battalion", "russian-volunteer-corps", "ru-mod"} <= set(detection.ids("actors"))


def test_an_english_report_with_kiev_and_bilhorod_is_detected(index):
    detection = detect((REPORTS / "kiev-bilhorod.txt").read_text(encoding="utf-8"), index)
    assert {"ru-bel", "ru-krs", "ua-30"} <= set(detection.ids("regions"))
    assert {"ru-mod", "ru-fsb", "freedom-of-russia-legion", "siberian-battalion", "russian-volunteer-corps"} <= set(
        detection.ids("actors")
    )


def test_a_russian_report_with_inflected_names_is_detected(index):
    detection = detect((REPORTS / "belgorod-ru.txt").read_text(encoding="utf-8"), index)
    assert {"ru-bel", "ru-krs", "ua-30"} <= set(detection.ids("regions"))
    assert {"ru-mod", "ru-fsb", "freedom-of-russia-legion", "russian-volunteer-corps"} <= set(detection.ids("actors"))


def test_a_ukrainian_report_with_inflected_names_is_detected(index):
    detection = detect((REPORTS / "kyiv-uk.md").read_text(encoding="utf-8"), index)
    assert {"ru-bel", "ua-30", "ua-12"} <= set(detection.ids("regions"))
    assert detection.ids("places") == ["ua-12-kryvyi-rih"]
    assert {"ru-mod", "freedom-of-russia-legion", "siberian-battalion"} <= set(detection.ids("actors"))


# -- one rule each ---------------------------------------------------------------------------


def test_a_possessive_country_matches_an_alias_written_with_the_adjective(index):
    assert found("Russia’s Defence Ministry said so.", index, "actors") == ["ru-mod"]


def test_a_core_name_next_to_a_generic_word_is_the_region_not_the_city(index):
    assert found("Shelling in the Bilhorod region.", index, "regions") == ["ru-bel"]
    assert found("Shelling in the Bilhorod region.", index, "places") == []


def test_a_generic_word_shared_by_two_names_makes_both_regions(index):
    assert found("fighting in the Belgorod and Kursk regions", index, "regions") == ["ru-bel", "ru-krs"]


def test_a_core_name_alone_is_the_place_that_bears_it(index):
    assert found("Explosions were heard in Belgorod.", index, "places") == ["ru-bel-belgorod"]


def test_a_place_also_suggests_its_region(index):
    detection = detect("A strike on Kryvyi Rih.", index)
    assert detection.ids("regions") == ["ua-12"]
    assert detection.regions[0].via == ["ua-12-kryvyi-rih"]


def test_a_cyrillic_name_matches_in_any_case_ending(index):
    assert found("атака на Белгородскую область", index, "regions") == ["ru-bel"]
    assert found("в Белгородской области", index, "regions") == ["ru-bel"]


def test_a_ukrainian_vowel_alternation_still_matches(index):
    assert found("Вибухи у Києві", index, "regions") == ["ua-30"]


def test_a_one_word_name_matches_only_a_capitalised_word(index):
    assert found("an amnesty for prisoners", index, "actors") == []
    assert found("Amnesty said", index, "actors") == ["amnesty-international"]


def test_an_acronym_matches_only_in_capitals(index):
    assert found("the FSB said", index, "actors") == ["ru-fsb"]
    assert found("the fsb said", index, "actors") == []


def test_the_longest_name_wins_over_the_names_inside_it(index):
    detection = detect("The Russian Federation said", index)
    assert [f.spellings for f in detection.regions] == [["Russian Federation"]]


def test_mentions_are_counted_with_their_spellings(index):
    detection = detect("Kiev said. Kyiv said. Київ said.", index)
    kyiv = detection.regions[0]
    assert (kyiv.id, kyiv.mentions, kyiv.spellings) == ("ua-30", 3, ["Kiev", "Kyiv", "Київ"])


def test_a_country_is_suggested_only_without_a_region_inside_it(index):
    assert detect("Russia said", index).ids("regions") == ["ru"]
    detection = detect("Russia said the Kursk region was hit", index)
    assert detection.ids("regions") == ["ru-krs"]
    assert detection.ids("also_mentioned") == ["ru"]


def test_results_are_ordered_by_mentions_then_id(index):
    detection = detect("Kursk region. Kiev. Kiev. Belgorod region.", index)
    assert detection.ids("regions") == ["ua-30", "ru-bel", "ru-krs"]


def test_detection_stays_fast_on_a_long_text(index):
    text = (REPORTS / "kiev-bilhorod.txt").read_text(encoding="utf-8") * 1000  # ~80,000 words
    started = time.perf_counter()
    detection = detect(text, index)
    assert time.perf_counter() - started < 5
    assert detection.regions[0].mentions == 3000
