"""The shipped sample archive: valid, large enough, and using every field of the model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from archive.format import spec
from archive.format.model import Article
from archive.read.loader import load_archive

SEED_ID = "2024-03-12-russian-armed-groups-claim-raids-into-belgorod-and-kursk"


@pytest.fixture(scope="module")
def sample() -> list[Article]:
    archive = load_archive(Path(__file__).resolve().parents[2] / "content")
    assert archive.log.sorted() == []
    return archive.articles


@pytest.fixture(scope="module")
def seed(sample: list[Article]) -> Article:
    return next(a for a in sample if a.id == SEED_ID)


def test_the_sample_has_at_least_eight_articles(sample: list[Article]) -> None:
    assert len(sample) >= 8


def test_the_sample_spans_2022_to_2024(sample: list[Article]) -> None:
    assert {a.year for a in sample} == {2022, 2023, 2024}


def _figures(seed: Article, claimant: str) -> set[tuple]:
    return {(f.quantity, f.value) for c in seed.claims if c.claimant == claimant for f in c.figures}


def test_the_seed_has_the_defence_ministrys_234_killed_and_tanks_destroyed(seed: Article) -> None:
    figures = _figures(seed, "ru-mod")
    assert ("killed", 234) in figures and ("tanks-destroyed", None) in figures


def test_the_seed_has_the_belgorod_governors_figures(seed: Article) -> None:
    assert {("killed", 1), ("injured", 10)} <= _figures(seed, "ru-bel-governor")


def test_the_seed_has_the_legions_tetkino_claim(seed: Article) -> None:
    claims = [c for c in seed.claims if c.claimant == "freedom-of-russia-legion"]
    assert any("Tetkino" in c.claim and c.status == "disputed" for c in claims)


def test_the_seed_has_ponomarevs_lozovaya_rudka_claim(seed: Article) -> None:
    assert any("Lozovaya Rudka" in c.claim for c in seed.claims if c.claimant == "ilya-ponomarev")


def test_the_seed_has_the_denial_by_ukraines_military(seed: Article) -> None:
    assert any(
        "involvement" in c.claim.lower() or "independent" in c.claim.lower() for c in seed.claims if c.claimant == "ua-hur"
    )


def test_the_seed_has_the_25_drones(seed: Article) -> None:
    assert ("drones-launched", 25) in _figures(seed, "ru-mod")


def test_the_seed_has_the_il76_crash_and_its_stated_cause(seed: Article) -> None:
    assert {("crew", 8), ("passengers", 7)} <= _figures(seed, "ru-mod")
    assert any("engine fire" in c.claim.lower() for c in seed.claims if c.claimant == "ru-mod")


def test_the_seed_has_the_kryvyi_rih_strike_figures(seed: Article) -> None:
    assert {("killed", 3), ("injured", 38)} <= {f for c in seed.claims for f in ((x.quantity, x.value) for x in c.figures)}


def test_the_seed_has_the_bbc_verified_footage_as_evidence(seed: Article) -> None:
    verified = [e for e in seed.evidence if e.verification.status == "verified" and e.verification.by == "bbc-news"]
    assert verified and verified[0].kind == "video"


def test_the_seed_names_its_regions_and_groups(seed: Article) -> None:
    assert {"ru-bel", "ru-krs", "ru-iva", "ua-12"} <= set(seed.regions)
    assert {"freedom-of-russia-legion", "siberian-battalion", "russian-volunteer-corps", "ru-mod"} <= set(seed.actors)


def _used_fields(record: spec.Record, values: list) -> set[str]:
    """Dotted names of the fields of ``record`` that hold a value in at least one of ``values``."""
    used: set[str] = set()
    for field in record.fields:
        present = [getattr(v, field.name) for v in values if getattr(v, field.name) not in (None, [], "")]
        if not present:
            continue
        used.add(field.name)
        kind = field.type.item if isinstance(field.type, spec.ListOf) else field.type
        if isinstance(kind, spec.Nested):
            children = [c for p in present for c in (p if isinstance(p, list) else [p])]
            used |= {f"{field.name}.{name}" for name in _used_fields(kind.record, children)}
    return used


def _all_fields(record: spec.Record) -> set[str]:
    names: set[str] = set()
    for field in record.fields:
        names.add(field.name)
        kind = field.type.item if isinstance(field.type, spec.ListOf) else field.type
        if isinstance(kind, spec.Nested):
            names |= {f"{field.name}.{n}" for n in _all_fields(kind.record)}
    return names


def test_together_the_sample_uses_every_field_of_the_model(sample: list[Article]) -> None:
    # `draft` is the one field a published sample does not use; `language` defaults to en.
    missing = _all_fields(spec.ARTICLE) - _used_fields(spec.ARTICLE, sample) - {"draft"}
    assert missing == set()


def test_the_model_records_match_their_declarations() -> None:
    for record in (spec.ARTICLE, spec.CLAIM, spec.FIGURE, spec.EVIDENCE, spec.EVENT, spec.SOURCE):
        attributes = {f.name for f in dataclasses.fields(record.cls)}
        assert {f.name for f in record.fields} <= attributes
