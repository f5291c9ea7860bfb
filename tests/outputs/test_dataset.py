"""The dataset: a valid Frictionless Data Package whose codebook is the format's, holding every
record exactly once, read back equal, neutralised against spreadsheet formulas, the same bytes
on every run and from ``archive export``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from exportkit import NAME, SITE, Loaded
from frictionless import validate

from archive import __version__
from archive.cli.main import main
from archive.format import spec, vocabulary
from archive.outputs.dataset import (
    FORMULA_STARTS,
    JSONL,
    PACKAGE,
    dataset_files,
    neutralise,
    read_jsonl,
    restore,
    source_path,
    twin_files,
)


def _files(loaded: Loaded) -> dict[str, bytes]:
    return dataset_files(loaded.catalogue, site_name=NAME, site_url=SITE, version="1.2.3", licence="CC-BY-4.0", root=loaded.root)


def _write(files: dict[str, bytes], dest: Path) -> Path:
    for relative, data in files.items():
        (dest / relative).parent.mkdir(parents=True, exist_ok=True)
        (dest / relative).write_bytes(data)
    return dest


def _table(files: dict[str, bytes], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"data/{name}.csv"].decode("utf-8"), newline="")))


def _package(files: dict[str, bytes]) -> dict:
    return json.loads(files[PACKAGE])


def _errors(path: Path) -> list:
    report = validate(str(path))
    return [] if report.valid else report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_the_package_validates(loaded: Loaded, tmp_path):
    dest = _write(_files(loaded), tmp_path)
    assert _errors(dest / PACKAGE) == []


def test_validation_catches_a_broken_reference_and_a_changed_file(hostile: Loaded, tmp_path):
    """The validation above can fail: a claimant missing from actors.csv, and a changed byte."""
    dest = _write(_files(hostile), tmp_path)
    claims = dest / "data" / "claims.csv"
    rows = list(csv.reader(io.StringIO(claims.read_text(encoding="utf-8"), newline="")))
    column = rows[0].index("claimant")
    rows[1][column] = "no-such-actor"
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    claims.write_text(out.getvalue(), encoding="utf-8", newline="")
    kinds = {error[3] for error in _errors(dest / PACKAGE)}
    assert {"foreign-key", "hash-count"} <= kinds


def test_every_record_appears_exactly_once(loaded: Loaded):
    files = _files(loaded)
    catalogue = loaded.catalogue
    articles = [catalogue.articles[i] for i in catalogue.timeline]
    assert [r["id"] for r in _table(files, "articles")] == catalogue.timeline

    def keys(table: str, attribute: str) -> list[str]:
        return [f"{a.id}/{table}/{n}" for a in articles for n, _ in enumerate(getattr(a, attribute), 1)]

    for table in ("sources", "claims", "evidence", "events", "corrections"):
        assert [r["key"] for r in _table(files, table)] == keys(table, table), table
    claim_keys = [f"{e.article_id}/claims/{e.index + 1}" for e in catalogue.claims]
    assert [r["key"] for r in _table(files, "claims")] == claim_keys
    for table in ("figures", "checks"):
        expected = [
            f"{k}/{table}/{n}" for k, e in zip(claim_keys, catalogue.claims) for n, _ in enumerate(getattr(e.claim, table), 1)
        ]
        assert [r["key"] for r in _table(files, table)] == expected, table
    counts = catalogue.counts
    assert (len(_table(files, "claims")), len(_table(files, "sources"))) == (counts.claims, counts.sources)
    assert (len(_table(files, "evidence")), len(_table(files, "events"))) == (counts.evidence, counts.events)
    for field in ("regions", "places", "actors", "tags"):
        links = [(r["article_id"], r[f"{field[:-1]}_id"]) for r in _table(files, f"article_{field}")]
        assert links == [(a.id, i) for a in articles for i in getattr(a, field)], field
    gazetteer = catalogue.gazetteer
    for table, kinds in (("regions", {"country", "region"}), ("places", {"place"}), ("actors", {"actor"}), ("tags", {"tag"})):
        assert sorted(r["id"] for r in _table(files, table)) == sorted(
            e.id for e in gazetteer.entities.values() if e.kind in kinds
        )


def test_archive_jsonl_reads_back_as_the_loaded_records(loaded: Loaded):
    files = _files(loaded)
    back = read_jsonl(files[JSONL])
    expected = [loaded.catalogue.articles[i] for i in loaded.catalogue.timeline]
    # Only the file's path changes: it is named from the archive's folder, not the build machine's.
    for article in expected:
        assert source_path(article, loaded.root).startswith("articles/")
    assert [a.path for a in back] == [source_path(a, loaded.root) for a in expected]
    for article, original in zip(back, expected):
        article.path = original.path
    assert back == expected
    assert len(files[JSONL].splitlines()) == len(expected)


def test_two_runs_give_the_same_bytes(loaded: Loaded):
    assert _files(loaded) == _files(loaded)
    twins = twin_files(loaded.catalogue, site_url=SITE, root=loaded.root)
    assert twins == twin_files(loaded.catalogue, site_url=SITE, root=loaded.root)


def test_the_codebook_is_the_formats(sample: Loaded):
    package = _package(_files(sample))
    fields = {r["name"]: {f["name"]: f for f in r["schema"]["fields"]} for r in package["resources"]}
    for table, record in (("claims", spec.CLAIM), ("sources", spec.SOURCE), ("evidence", spec.EVIDENCE), ("events", spec.EVENT)):
        for f in record.fields:
            column = fields[table].get(f.name)
            if column is None:  # a list with a table of its own, a nested record, or a fuzzy date
                assert (
                    f"{f.name}_start" in fields[table]
                    or any(n.startswith(f"{f.name}_") for n in fields[table])
                    or any(r["name"].endswith(f"_{f.name}") or r["name"] == f.name for r in package["resources"])
                ), (table, f.name)
                continue
            assert column["description"].startswith(f.doc), (table, f.name)
            assert column["title"]
    assert fields["claims"]["status"]["constraints"]["enum"] == list(vocabulary.CLAIM_STATUSES)
    assert fields["articles"]["verification_status"]["constraints"]["enum"] == list(vocabulary.ARTICLE_STATUSES)
    assert fields["figures"]["value"]["constraints"] == {"minimum": 0, "maximum": 10**12}
    assert fields["articles"]["title"]["constraints"] == {"required": True}
    assert "apostrophe" in package["description"]
    assert package["version"] == "1.2.3" and package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["name"] == "test-archive-co"


def test_text_cells_are_neutralised_against_formulas(hostile: Loaded):
    files = _files(hostile)
    package = _package(files)
    seen = 0
    for resource in package["resources"]:
        text = {f["name"] for f in resource["schema"]["fields"] if f["type"] == "string"}
        for row in _table(files, resource["name"]):
            for name, cell in row.items():
                if name in text and cell:
                    assert not cell.startswith(FORMULA_STARTS) or cell.startswith("'"), (resource["name"], name, cell)
                    seen += cell.startswith("'")
    assert seen >= 8
    claims = {r["key"]: r for r in _table(files, "claims")}
    article = hostile.catalogue.articles["2024-03-16-formulas"]
    assert claims["2024-03-16-formulas/claims/1"]["claim"] == "'" + article.claims[0].claim
    assert claims["2024-03-16-formulas/claims/2"]["claim"] == "'@SUM(A1:A9)"
    checks = _table(files, "checks")
    assert [r["note"] for r in checks if r["claim_key"] == "2024-03-16-formulas/claims/1"] == ["''=quoted"]


def test_a_neutralised_cell_restores_to_the_records_value(hostile: Loaded):
    files = _files(hostile)
    rows = {r["id"]: r for r in _table(files, "articles")}
    for article_id in hostile.catalogue.timeline:
        article = hostile.catalogue.articles[article_id]
        assert restore(rows[article_id]["title"]) == article.title
        assert restore(rows[article_id]["summary"]) == (article.summary or "")
    for row, entry in zip(_table(files, "claims"), hostile.catalogue.claims):
        assert restore(row["claim"]) == entry.claim.claim
    for value in ("=1", "+1", "-1", "@a", "\t=1", "\r=1", "'=1", "''", "plain", ""):
        assert restore(neutralise(value)) == value


def test_twins_hold_the_record_and_the_entities_articles(hostile: Loaded):
    catalogue = hostile.catalogue
    twins = twin_files(catalogue, site_url=SITE, root=hostile.root)
    assert len(twins) == len(catalogue.articles) + sum(len(ids) for ids in catalogue.kinds.values())
    twin = json.loads(twins["articles/2024/2024-03-16-formulas.json"])
    assert twin["url"] == SITE + "articles/2024/2024-03-16-formulas/"
    (back,) = read_jsonl(json.dumps(twin["article"]))
    back.path = catalogue.articles["2024-03-16-formulas"].path
    assert back == catalogue.articles["2024-03-16-formulas"]
    actor = json.loads(twins["actors/evil-corp.json"])
    assert actor["entity"]["names"]["en"] == "<b onmouseover=alert(1)>Evil</b> & Co"
    assert actor["articles"] == catalogue.articles_for("evil-corp") and "path" not in actor["entity"]


def test_archive_export_writes_the_same_bytes(sample: Loaded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here: the name and URL come from the options
    args = ["export", "out", "--archive", str(sample.root), "--site-url", SITE, "--site-name", NAME, "--licence", "CC-BY-4.0"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    expected = dataset_files(
        sample.catalogue, site_name=NAME, site_url=SITE, version=__version__, licence="CC-BY-4.0", root=sample.root
    )
    expected.update(twin_files(sample.catalogue, site_url=SITE, root=sample.root))
    written = {p.relative_to(tmp_path / "out").as_posix(): p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert written == expected
    assert CliRunner().invoke(main, [*args[:1], "again", *args[2:]]).exit_code == 0
    again = {p.relative_to(tmp_path / "again").as_posix(): p.read_bytes() for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert again == written


def test_archive_export_reads_the_sites_name_and_url(sample: Loaded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SITE_URL", "https://env.example.org/")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: From Config\nsite_url: !ENV [SITE_URL, '']\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["export", "out", "--archive", str(sample.root)])
    assert result.exit_code == 0, result.output
    package = json.loads((tmp_path / "out" / PACKAGE).read_text(encoding="utf-8"))
    assert package["title"] == "From Config" and package["homepage"] == "https://env.example.org/"


def test_archive_export_refuses_an_archive_with_errors(tmp_path):
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "articles" / "2024").mkdir(parents=True)
    (tmp_path / "articles" / "2024" / "2024-01-01-bad.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(tmp_path / "out"), "--archive", str(tmp_path)])
    assert result.exit_code == 1 and "errors" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@x", "\tx", "\rx", "'x"])
def test_neutralise(value):
    assert neutralise(value) == "'" + value
