"""Reading files from strangers: bounded, decoded, split, parsed with positions."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from archive.read import source
from archive.read.fastyaml import fast_load
from archive.read.source import MAX_VALUES, SourceError, parse_yaml, read_text, split_front_matter


def test_a_file_over_the_limit_is_refused_without_being_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    opened: list[str] = []
    monkeypatch.setattr("builtins.open", lambda *a, **k: opened.append(a[0]) or (_ for _ in ()).throw(AssertionError("read")))
    with pytest.raises(SourceError, match=r"the limit is 1,048,576 bytes \(1 MiB\)"):
        read_text(big)
    assert opened == []


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("\ufeff---\ntitle: x\n---\n".encode("utf-8"))
    assert read_text(path).startswith("---\n")


def test_crlf_line_ends_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\r\ntitle: x\r\n---\r\nbody\r\n")
    assert read_text(path) == "---\ntitle: x\n---\nbody\n"


def test_a_bad_byte_is_located_by_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: caf\xe9\n---\n")
    with pytest.raises(SourceError) as caught:
        read_text(path)
    assert (caught.value.line, caught.value.column) == (2, 11)


def test_front_matter_and_body_are_split_with_the_body_line() -> None:
    front = split_front_matter("---\ntitle: x\ndate: 2024-03-12\n---\nThe body.\n")
    assert front.yaml_text == "title: x\ndate: 2024-03-12\n"
    assert front.body == "The body.\n"
    assert front.body_line == 5


def test_front_matter_may_close_with_three_dots() -> None:
    assert split_front_matter("---\ntitle: x\n...\nbody").body == "body"


def test_values_keep_the_line_and_column_they_came_from() -> None:
    document = parse_yaml("title: x\nclaims:\n  - claimant: ru-mod\n    status: unverified\n", line_offset=2)
    assert document.position(("claims", 0, "status")) == (5, 13)
    assert document.position(("claims", 0, "status"), key=True) == (5, 5)


def test_a_missing_path_points_at_its_nearest_parent() -> None:
    document = parse_yaml("claims:\n  - claimant: ru-mod\n", line_offset=2)
    assert document.position(("claims", 0, "status")) == (3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: no", "no"),  # Norway stays Norway (YAML 1.2)
        ("a: yes", "yes"),
        ("a: false", False),
        ("a: True", True),
        ("a: 2024-03-12", "2024-03-12"),  # dates are text, read by the validator
        ("a: '234'", "234"),
        ("a: 234", 234),
        ("a: -1.5", -1.5),
        ("a: 1_000", "1_000"),
        ("a: 0x1F", 31),
        ("a: ~", None),
        ("a:", None),
        ("a: !!str 12", "12"),
    ],
)
def test_scalars_are_read_as_yaml_1_2(text: str, expected: object) -> None:
    assert parse_yaml(text).data == {"a": expected}


def test_a_duplicate_key_is_reported_at_the_repeat() -> None:
    document = parse_yaml("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert [p.message for p in document.problems] == ["duplicate key 'c'"]
    assert document.position_of(document.problems[0].node) == (4, 3)


def test_an_alias_bomb_is_stopped_by_the_value_budget() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdefgh", "abcdefg"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    document = parse_yaml("\n".join(lines))
    assert document.data is None
    assert f"more than {MAX_VALUES:,} values" in document.problems[0].message


def test_a_recursive_alias_does_not_hang() -> None:
    document = parse_yaml("a: &a [*a]\n")
    assert document.problems and document.data is None


def test_a_syntax_error_names_its_line() -> None:
    with pytest.raises(SourceError) as caught:
        parse_yaml("title: x\nregions: [ru-bel\nactors: []\n", line_offset=2)
    assert caught.value.line >= 3 and "invalid YAML" in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # aliases
        "a: 1\na: 2\n",  # duplicate keys
        "a: 1\nb: {c: 2, c: 3}\n",  # ... in a nested mapping
        "claims:\n  - status: false\n    note: x\n    status: true\n",  # ... in a list item
        "a: 'x\": y'\nb: 1\nb: 2\n",  # ... next to a text that holds '":'
        '"a\\\\": 1\nb: 2\nb: 3\n',  # ... next to a key that ends with a backslash
        "a:\n\t- x\n",  # tabs
        "a: '007'\n",  # a quoted value that looks like a number
        "a: 007\n",  # a plain one the two parsers read differently
        "a: ~\n",
        "a: [1, 2\n",  # a syntax error
        "<<: {a: 1}\n",
        "",  # empty front matter (rapidyaml emits no JSON at all)
        "# only a comment\n",
        # Found by comparing the two loaders on mutated front matter: rapidyaml reads these as
        # text (or differently), libyaml refuses them (or folds them).
        "a: b\u2028c\n",
        "a: b\x85c\n",
        "a: b\rc\n",
        "a: b\x07c\n",
        "a: \ufeffb\n",
        "a: Київ\x07\n",  # odd characters
        "a: }x\n",
        "a: ]x\n",
        "- {a: 1} -\n",  # a closing bracket starting a token
        "a: {note: x #y}\n",
        "a: [x,\n  y #z]\n",  # a comment inside a flow collection
        "a: [x:, y]\n",
        "a: {k:? v}\n",
        "a: [: x]\n",
        'a: {"k":&x v}\n',  # colons
        "a: x\n... y\n",
        "--- x\n",  # document markers
        "a: | text\n",
        "a: >1x\n",  # a block scalar header with text after it
        "a: |\n  text",  # no line break at the end (rapidyaml keeps one, libyaml does not)
    ],
)
def test_the_fast_loader_leaves_doubtful_text_to_the_positioned_loader(text: str) -> None:
    assert fast_load(text) is None


def test_the_fast_loader_agrees_with_the_positioned_loader_on_the_sample(repo_root: Path) -> None:
    files = sorted((repo_root / "content" / "articles").rglob("*.md"))
    fast_files = 0
    for file in files:
        front = split_front_matter(read_text(file))
        fast = fast_load(front.yaml_text)
        if fast is not None:
            fast_files += 1
            assert fast == parse_yaml(front.yaml_text).data, file.name
    assert fast_files >= len(files) * 0.8


def test_the_fast_loader_reads_a_good_text_alike_after_a_broken_one() -> None:
    good = "title: x\nregions: [ru-bel, ua-30]\nclaims:\n  - {claimant: ru-mod, status: false}\n"
    first = fast_load(good)
    assert fast_load("a: [1, 2\nb: {c\n") is None
    assert fast_load(good) == first == parse_yaml(good).data


def test_the_fast_loader_reads_front_matter_larger_than_its_buffer() -> None:
    text = "".join(f"key{i}: '{'word ' * 40}'\n" for i in range(2_000))  # about 460 KB of JSON
    assert fast_load(text) == parse_yaml(text).data


def test_rapidyaml_messages_are_kept_off_stderr_and_stderr_comes_back(capfd: pytest.CaptureFixture[str]) -> None:
    assert fast_load("a: [1, 2\nb: c\n") is None  # (rapidyaml writes its message to descriptor 2)
    assert fast_load("a: b: c\n") is None
    os.write(2, b"still here\n")
    assert capfd.readouterr().err == "still here\n"


def test_threads_reading_front_matter_at_once_leave_stderr_pointing_where_it_was(capfd: pytest.CaptureFixture[str]) -> None:
    """The swap of descriptor 2 is held under a lock: interleaved, two threads could restore
    each other's /dev/null and leave the process without a stderr."""
    from concurrent.futures import ThreadPoolExecutor

    texts = ["a: [1, 2\n", "title: fine\n", "a: b: c\n"] * 300
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch as often as they can
    try:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(fast_load, texts))
    finally:
        sys.setswitchinterval(interval)
    os.write(2, b"still here\n")
    assert capfd.readouterr().err == "still here\n"


def test_a_quoted_text_with_a_colon_after_a_quote_takes_the_fast_path() -> None:
    text = "title: 'Amnesty report \"Children\": the theatre strike'\ndate: 2022-06-30\n"
    assert (
        fast_load(text)
        == parse_yaml(text).data
        == {"title": 'Amnesty report "Children": the theatre strike', "date": "2022-06-30"}
    )


def test_a_file_that_is_not_as_large_as_fstat_said_is_read_to_its_end_within_the_limit() -> None:
    from archive.read.source import _read_to_end

    read_end, write_end = os.pipe()  # fstat says 0 bytes; a pipe also returns short reads
    os.write(write_end, b"a: 1\n" * 100)
    os.close(write_end)
    try:
        assert _read_to_end(read_end, 0, max_bytes=1_000) == b"a: 1\n" * 100
    finally:
        os.close(read_end)
    read_end, write_end = os.pipe()
    os.write(write_end, b"x" * 5_000)
    os.close(write_end)
    try:
        assert len(_read_to_end(read_end, 0, max_bytes=1_000)) == 1_001  # one byte past: "too large"
    finally:
        os.close(read_end)


def test_no_break_spaces_and_cyrillic_take_the_fast_path() -> None:
    text = "title: 'Київ:\u00a010\u00a0000 — «Киев»'\nregions: [ua-30]\n"
    assert fast_load(text) == parse_yaml(text).data


def test_a_lone_surrogate_escape_is_named_as_such():
    with pytest.raises(SourceError, match="half of a surrogate pair") as caught:
        parse_yaml('title: ok\nsummary: "a \\ud800 b"\n', line_offset=2)
    assert caught.value.line == 3


def test_the_nesting_limit_is_placed_at_the_value_that_exceeds_it():
    document = parse_yaml("title: ok\ntags:\n" + "  " + "- " * 30 + "x\n", line_offset=2)
    (problem,) = document.problems
    assert "nested more than" in problem.message
    assert document.position_of(problem.node)[0] == 4


@pytest.mark.parametrize(
    "shape",
    [
        lambda n: "ids: [" + ", ".join(f"id-{i}" for i in range(n)) + "]\n",
        lambda n: "ids:\n" + "".join(f"  - id-{i}\n" for i in range(n)),
        lambda n: "events:\n" + "".join(f"  - {{id: e{i}, places: [a, b]}}\n" for i in range(n // 4)),
        lambda n: "m:\n" + "".join(f"  k{i}: v\n" for i in range(n)),
    ],
    ids=["flow list", "block list", "records", "mapping"],
)
def test_yaml_past_the_value_budget_is_refused_at_the_same_value_whether_counted_early_or_built(
    shape, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The early count (parser events, no nodes) and the builder agree on the message and the
    value where the budget runs out; only the early count stops there."""
    text = shape(MAX_VALUES + 50)
    with pytest.raises(SourceError) as early:
        parse_yaml(text, line_offset=2)
    monkeypatch.setattr(source, "might_exceed_value_budget", lambda _text: False)
    built = parse_yaml(text, line_offset=2)
    assert [p.message for p in built.problems] == [early.value.message]
    assert built.position_of(built.problems[0].node) == (early.value.line, early.value.column)


def test_yaml_within_the_value_budget_is_read_whole_even_when_counted_early() -> None:
    text = "summary: " + "north - south, " * 100 + "\nids: [" + ", ".join(f"a-{i}" for i in range(MAX_VALUES - 10)) + "]\n"
    assert source.might_exceed_value_budget(text)
    document = parse_yaml(text)
    assert document.problems == [] and len(document.data["ids"]) == MAX_VALUES - 10


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1, 2]\nb: [" + ", ".join(["*x"] * (MAX_VALUES // 2)) + "]\n",  # aliases: the builder counts
        "k: [" + ", ".join(["v"] * (MAX_VALUES // 2)) + "]\nk: [" + ", ".join(["v"] * (MAX_VALUES // 2)) + "]\n",
    ],
    ids=["aliases", "a repeated key"],
)
def test_what_the_early_count_cannot_judge_is_left_to_the_builder(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "might_exceed_value_budget", lambda _text: False)
    try:
        expected = [p.message for p in parse_yaml(text).problems]
    except SourceError as exc:
        expected = [exc.message]
    monkeypatch.undo()
    try:
        found = [p.message for p in parse_yaml(text).problems]
    except SourceError as exc:
        found = [exc.message]
    assert found == expected
