"""Did-you-mean indexed once per gazetteer: the same suggestions as comparing with every
candidate (difflib), at a cost that does not grow with the gazetteer for each unknown id."""

from __future__ import annotations

import difflib
import importlib.util
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

from archive.names.normalise import normalise_name, without_generic_words
from archive.names.suggest import CloseMatcher, close_matches
from archive.read.gazetteer import Gazetteer, find_gazetteer_files, load_gazetteer
from archive.read.problems import ProblemLog

REPO = Path(__file__).resolve().parents[2]


def test_close_matcher_answers_as_difflib_does() -> None:
    rng = random.Random(11)
    for _ in range(1500):
        alphabet = rng.choice(["ab", "abc-", "abcdefgh ", "aбв-1"])
        candidates = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9))) for _ in range(rng.randint(0, 30))]
        matcher = CloseMatcher(candidates)
        for _ in range(5):
            word = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
            n = rng.randint(1, 5)
            cutoff = rng.choice([0.0, 0.3, 0.6, 0.6, 0.75, 0.75, 0.9, 1.0])
            assert matcher.matches(word, n, cutoff) == difflib.get_close_matches(word, candidates, n, cutoff), (
                word,
                candidates,
                n,
                cutoff,
            )


def test_close_matcher_refuses_what_difflib_refuses() -> None:
    with pytest.raises(ValueError):
        CloseMatcher(["a"]).matches("a", 0)
    with pytest.raises(ValueError):
        CloseMatcher(["a"]).matches("a", 1, 1.5)


def test_close_matches_keeps_one_matcher_per_collection() -> None:
    fields = ["title", "summary", "regions"]
    assert close_matches("sumary", fields, n=1, cutoff=0.6) == ["summary"]
    assert close_matches("titel", tuple(fields), n=1, cutoff=0.6) == ["title"]
    assert close_matches("xyz", fields) == []


def _suggest_by_comparing_every_candidate(gazetteer: Gazetteer, text: str, kinds: tuple[str, ...]) -> list[str]:
    """Gazetteer.suggest as it was: the candidate table built for every text, difflib over all of it."""
    wanted = [e for e in gazetteer.entities.values() if e.kind in kinds]
    exact = [i for i in gazetteer.lookup(text) if gazetteer.kind_of(i) in kinds]
    if exact:
        return exact[:3]
    by_key: dict[str, list[str]] = defaultdict(list)
    for entity in wanted:
        by_key[entity.id].append(entity.id)
        for spelling in entity.spellings():
            words = normalise_name(spelling)
            by_key[words].append(entity.id)
            core = without_generic_words(words)
            if core:
                by_key[core].append(entity.id)
    found: list[str] = []
    for key in difflib.get_close_matches(normalise_name(text) or text, list(by_key), n=5, cutoff=0.75):
        for entity_id in by_key[key]:
            if entity_id not in found:
                found.append(entity_id)
    for key in difflib.get_close_matches(text, [e.id for e in wanted], n=3, cutoff=0.75):
        if key not in found:
            found.append(key)
    return found[:3]


@pytest.fixture(scope="module")
def sample() -> Gazetteer:
    return load_gazetteer(find_gazetteer_files(REPO / "content" / "gazetteer"), ProblemLog())


KINDS = [("region", "country"), ("place",), ("region", "place"), ("actor",), ("tag",)]


def test_suggestions_are_those_of_comparing_every_candidate(sample: Gazetteer) -> None:
    rng = random.Random(12)
    texts = [
        "Belgrod",
        "Kharkov",
        "Kharkiv Oblast",
        "Kyev",
        "ru-blg",
        "ua-63-harkiv",
        "Zaporozhye",
        "МинОбороны",
        "Белгородскя",
        "wagnr",
        "drone strke",
        "",
        "   ",
        "x",
    ]
    for entity in sample.entities.values():
        for spelling in [entity.id, entity.name]:
            if len(spelling) > 3:
                cut = rng.randrange(len(spelling))
                texts.append(spelling[:cut] + spelling[cut + 1 :])
                texts.append(spelling[:cut] + rng.choice("aeioxz") + spelling[cut + 1 :])
    for text in texts[:14] + rng.sample(texts[14:], 100):
        for kinds in KINDS:
            assert sample._suggest_uncached(text, kinds) == _suggest_by_comparing_every_candidate(sample, text, kinds), (
                text,
                kinds,
            )


def test_the_candidates_are_indexed_once_per_gazetteer_and_kinds(sample: Gazetteer) -> None:
    gazetteer = Gazetteer(dict(sample.entities))
    gazetteer.suggest("Belgrod", ("region", "country"))
    index = gazetteer._suggestion_index(("region", "country"))
    gazetteer.suggest("Kursc", ("region", "country"))
    gazetteer.suggest("Belgorod Oblst", ("region", "country"))
    assert gazetteer._suggestion_index(("region", "country")) is index
    gazetteer.entities = {k: v for k, v in sample.entities.items() if k != "ru-bel"}
    assert gazetteer._suggestion_index(("region", "country")) is not index
    assert "ru-bel" not in gazetteer.suggest("Belgorod Oblst", ("region", "country"))


def _bench():
    spec = importlib.util.spec_from_file_location("pathological_bench", REPO / "benchmarks" / "pathological_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["pathological_bench"] = module  # (its dataclasses look themselves up there)
    spec.loader.exec_module(module)
    return module


def test_500_unknown_place_ids_against_3000_places_are_suggested_for_quickly(tmp_path: Path) -> None:
    bench = _bench()
    for file in find_gazetteer_files(bench.FIXTURE / "gazetteer"):  # (the regions of the places)
        (tmp_path / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in bench.big_gazetteer().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    gazetteer = load_gazetteer(sorted(tmp_path.glob("*.yml")), ProblemLog())
    assert len(gazetteer.of_kind("place")) > bench.GAZETTEER_PLACES
    typos = bench._typos()
    unknown = [next(typos) for _ in range(500)]
    started = time.process_time()
    found = [gazetteer.suggest(text, ("place",)) for text in unknown]
    spent = time.process_time() - started
    assert sum(1 for f in found if f) > 400  # one letter off: nearly all have a suggestion
    assert spent < 2.0, f"{spent:.2f} s CPU (comparing with every candidate took about 40 s)"


def test_a_file_gets_a_did_you_mean_for_its_first_unknown_ids_only(sample: Gazetteer) -> None:
    """Each suggestion compares an id with every spelling of its kinds: a file full of unknown
    ids gets them for the first MAX_SUGGESTIONS_PER_FILE, and the plain hint after that."""
    from datetime import date

    from archive.format import spec
    from archive.read.reader import MAX_SUGGESTIONS_PER_FILE, RecordReader
    from archive.read.source import parse_yaml

    place = sorted(entity.id for entity in sample.of_kind("place"))[0]
    typos = [place[:-1] + letter for letter in "qxzjvw"] * 5  # one letter off, again and again
    document = parse_yaml("places: [" + ", ".join(typos) + "]\n")
    log = ProblemLog()
    reader = RecordReader("a.md", document, log, sample, date(2030, 1, 1))
    reader.value(spec.ListOf(spec.Ref(("place",))), document.data["places"], ("places",))
    hints = [p.hint for p in log.problems if "unknown place id" in p.message]
    assert len(hints) == len(typos) > MAX_SUGGESTIONS_PER_FILE
    assert all(place in hint for hint in hints[:MAX_SUGGESTIONS_PER_FILE])
    assert not any(place in hint for hint in hints[MAX_SUGGESTIONS_PER_FILE:])
