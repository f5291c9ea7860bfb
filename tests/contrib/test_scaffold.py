"""The template of ``archive new`` and the helpers that name and write article files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from archive.contrib.scaffold import NewArticle, article_id, article_template, schema_reference, slugify, yaml_scalar
from archive.format import spec, vocabulary
from archive.read.source import parse_yaml, split_front_matter


def template(**given) -> str:
    article = NewArticle(title=given.pop("title", "A title"), date=given.pop("date", date(2024, 3, 12)), **given)
    return article_template(article, modeline_text="# yaml-language-server: $schema=x.json", shown_path="a.md")


def test_a_slug_is_lowercase_ascii_words_joined_by_hyphens():
    assert slugify("Russia’s drone strike on Київ: 3 dead") == "russias-drone-strike-on-kyiv-3-dead"


def test_a_slug_drops_accents_and_transliterates_polish_letters():
    assert slugify("Wojna w Ukrainie. Łódź, Gdańsk") == "wojna-w-ukrainie-lodz-gdansk"


def test_a_long_title_is_cut_at_a_word_boundary():
    slug = slugify("word " * 40)
    assert len(slug) <= 80 and slug.endswith("word")


def test_a_title_without_letters_or_digits_gets_a_placeholder_slug():
    assert slugify("¿¡…!?") == "report"


def test_an_article_id_is_the_date_then_the_slug():
    assert article_id(date(2024, 3, 12), "Drone strike") == "2024-03-12-drone-strike"


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv",
        "2024-03-12",
        "yes",
        "no",
        "null",
        "123",
        "1e5",
        "0x10",
        "-dash",
        "key: value",
        "a #hash",
        "'quoted'",
        '"double"',
        "trailing:",
        " padded ",
        "tab\there",
        "Russia's Defence Ministry",
        "[list]",
        "Легион «Свобода России»",
        "ends with backslash \\",
        "*star",
        "&anchor",
        "%percent",
        "@at",
        "`tick`",
    ],
)
def test_a_yaml_scalar_reads_back_as_the_same_text(text):
    assert parse_yaml(f"value: {yaml_scalar(text)}\n").data == {"value": text}


def test_the_template_has_every_field_of_an_article():
    text = template()
    for field in spec.ARTICLE.fields:
        assert f"\n{field.name}:" in text, field.name


def test_the_template_explains_every_verification_status():
    text = template()
    for statuses in (vocabulary.ARTICLE_STATUSES, vocabulary.CLAIM_STATUSES, vocabulary.EVIDENCE_STATUSES):
        for status, meaning in statuses.items():
            assert f"#   {status}: {meaning}" in text


def test_the_template_marks_required_fields():
    text = template()
    assert "# REQUIRED. The archive's neutral title." in text
    assert "# REQUIRED. Region ids (at least one)." in text


def test_the_modeline_is_the_first_line_inside_the_front_matter():
    lines = template().splitlines()
    assert lines[0] == "---"
    assert lines[1].startswith("# yaml-language-server: $schema=")


def test_the_template_is_valid_yaml_with_the_given_values():
    text = template(title="Strike: 3 dead", url="https://example.org/a", publisher="BBC News", regions=["ru-bel"])
    data = parse_yaml(split_front_matter(text).yaml_text).data
    assert data["title"] == "Strike: 3 dead"
    assert data["regions"] == ["ru-bel"]
    assert data["sources"] == [
        {
            "publisher": "BBC News",
            "url": "https://example.org/a",
            "title": None,
            "accessed": None,
            "language": None,
            "archived": None,
        }
    ]
    assert data["claims"] is None


def test_uncommenting_an_example_block_gives_correctly_indented_yaml():
    text = template()
    block = text.split("\nclaims:\n", 1)[1].split("\n\n", 1)[0]
    uncommented = "\n".join(line.replace("# ", "", 1) for line in block.splitlines() if line.lstrip().startswith("# "))
    data = parse_yaml("claims:\n" + uncommented + "\n").data
    claim = data["claims"][0]
    assert set(claim) == {f.name for f in spec.CLAIM.fields}
    assert set(claim["figures"][0]) == {f.name for f in spec.FIGURE.fields}


def test_the_schema_is_referenced_relative_to_the_article(tmp_path: Path):
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "front-matter.json").write_text("{}")
    root = tmp_path / "content"
    article = root / "articles" / "2024" / "2024-03-12-a.md"
    assert schema_reference(article, root) == "../../../schema/front-matter.json"
