"""No file name, key or value can forge a line of `archive check`'s output, in any format.

A CI log obeys lines that start with a workflow command (``::error::``, ``::add-mask::``,
``::stop-commands::``), a terminal obeys escape sequences, and bidi controls reorder what a
reviewer reads. Contributors' text reaches the output in file names (a line break is legal in a
Linux file name), keys and values; all of it is escaped in one place, ``archive.read.problems.printable``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive.cli.main import main
from archive.read.problems import Problem, Severity, format_github, format_json, printable, printable_path

from .helpers import write_article

FORGED = "\n::error::forged\r\x1b[31m\u2028\u202e"
#: The same characters and more, as YAML double-quoted escapes: \e is ESC, \L U+2028, \P U+2029, \N NEL.
YAML_FORGED = (
    "\\n::error::forged\\r::set-output name=x::y\\e[31m\\e[2J\\e]8;;https://evil.example\\a"
    "\\L\\P\\N\\u202e\\u2066\\u2069\\x0b\\x0c\\u200b\\x9b"
)
#: What must never be printed raw: line breaks of any kind, controls, bidi and invisible characters.
RAW = [
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x1d",
    "\x1e",
    "\x85",
    "\u2028",
    "\u2029",
    "\x1b",
    "\x07",
    "\x9b",
    "\u200b",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
]
#: A real annotation: `::error file=...,line=N,col=N,title=...::message`, its properties escaped.
ANNOTATION = re.compile(r"::(?:error|warning) file=[^,:]*,line=\d+,col=\d+,title=[^,:]*::")
#: The styles click adds in colour (bold, red, yellow, cyan, reset): the only ESC allowed.
CLICK_STYLE = re.compile(r"\x1b\[\d+m")


def forged_article() -> str:
    return (
        "---\n"
        "title: Drone attack reported in Belgorod region\n"
        "date: 2024-03-12\n"
        f'regions: ["ru-bel{YAML_FORGED}"]\n'
        "actors: [ru-mod]\n"
        "sources:\n"
        "  - publisher: BBC News\n"
        f'    url: "https://www.bbc.co.uk/{YAML_FORGED}x"\n'
        f'    archived: "javascript:{YAML_FORGED}"\n'
        f'"sumary{YAML_FORGED}": x\n'
        f'claims:\n  - claimant: "ru-mod{YAML_FORGED}"\n    claim: x\n    status: "confirmed{YAML_FORGED}"\n'
        "---\nBody.\n"
    )


@pytest.fixture
def hostile(sample_copy: Path) -> Path:
    """An archive with articles whose file names, keys and values carry forged lines."""
    # A file name with a line break is refused by the gate (and named, escaped); its content is
    # read under an ordinary name, so that its keys and values reach the messages too.
    write_article(sample_copy, "---\ntitle: x\n---\n", name=f"2024-03-11-forged{FORGED}.md")
    write_article(sample_copy, forged_article(), name="2024-03-12-forged.md")
    # Raw characters in the file itself, where the YAML reader's own messages may quote them.
    write_article(
        sample_copy,
        "---\ntitle: A \x1b[31m title\ndate: 2024-03-12\nsumary\x1b[2J: x\n---\nBody.\n",
        name="2024-03-13-raw-escape.md",
    )
    write_article(
        sample_copy,
        f'---\ntitle: A \u202e title \x85 x\nregions: [ru-bel\u2066]\n"{FORGED[1:]}": x\n---\nB.\n',
        name="2024-03-14-raw-bidi.md",
    )
    return sample_copy


def check_output(archive: Path, output_format: str, *, color: bool = False) -> str:
    result = CliRunner().invoke(main, ["check", "--format", output_format, str(archive)], color=color)
    assert result.exit_code == 1, result.output
    return result.output


def assert_no_raw_character(output: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in output if c in RAW})
    assert found == []


def assert_no_forged_line(output: str, *, annotations: bool = False) -> list[str]:
    """Every line that starts with '::' is a real annotation (github format) or there is none."""
    real = []
    for line in output.split("\n"):
        if line.startswith("::"):
            assert annotations and ANNOTATION.match(line), line
            real.append(line)
        assert not line.startswith("##[")
    return real


def test_text_output_escapes_every_contributor_text(hostile: Path) -> None:
    output = check_output(hostile, "text")
    assert_no_raw_character(output)
    assert_no_forged_line(output)
    assert "2024-03-11-forged\\n::error::forged\\r\\x1b[31m\\u2028\\u202e.md:" in output  # the file name
    assert "sumary\\n::error::forged\\r::set-output name=x::y\\x1b[31m\\x1b[2J\\x1b]8;;https://evil.example\\x07" in output


def test_text_output_in_colour_has_no_escape_sequence_but_click_styles(hostile: Path) -> None:
    output = check_output(hostile, "text", color=True)
    assert "\x1b[1m" in output  # styled indeed
    assert_no_raw_character(CLICK_STYLE.sub("", output))
    assert_no_forged_line(CLICK_STYLE.sub("", output))


def test_github_output_has_only_real_annotations(hostile: Path) -> None:
    output = check_output(hostile, "github")
    assert_no_raw_character(output)
    annotations = assert_no_forged_line(output, annotations=True)
    problems = json.loads(check_output(hostile, "json"))["problems"]
    assert len(annotations) == len(problems) > 5
    assert any("file=" in a and "forged\\n%3A%3Aerror%3A%3Aforged\\r" in a for a in annotations)


def test_json_output_escapes_what_a_consumer_would_print(hostile: Path) -> None:
    output = check_output(hostile, "json")
    assert_no_raw_character(output)
    assert_no_forged_line(output)
    for problem in json.loads(output)["problems"]:
        for name in ("path", "field", "message", "hint"):
            bad = [c for c in problem[name] if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp")]
            assert bad == [], (name, problem[name])


# -- the one place -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, Київ, 東京", "plain text, Київ, 東京"),
        ("a\nb\rc\td", "a\\nb\\rc\\td"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("\x00\x07\x7f\x85\x9b", "\\x00\\x07\\x7f\\x85\\x9b"),
        ("a\u2028b\u2029c", "a\\u2028b\\u2029c"),
        ("\u202a\u202b\u202c\u202d\u202e", "\\u202a\\u202b\\u202c\\u202d\\u202e"),
        ("\u2066\u2067\u2068\u2069\u200e\u200f\u061c", "\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u061c"),
        ("zero\u200bwidth\ufeff", "zero\\u200bwidth\\ufeff"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("bad byte \udcff", "bad byte \\udcff"),
        ("no\u00a0break, ideographic\u3000space", "no\u00a0break, ideographic\u3000space"),  # spaces cannot forge
    ],
)
def test_printable_escapes_what_can_forge_or_hide_a_line(text: str, shown: str) -> None:
    assert printable(text) == shown


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("::error::x.md", "./::error::x.md"),
        ("##[error]x.md", "./##[error]x.md"),
        ("content/articles/2024/x.md", "content/articles/2024/x.md"),
        ("a\n::error::x.md", "a\\n::error::x.md"),
    ],
)
def test_a_path_never_starts_a_line_with_a_command(path: str, shown: str) -> None:
    assert printable_path(path) == shown


def test_every_field_of_a_problem_is_escaped_in_each_format() -> None:
    problem = Problem(f"a{FORGED}.md", 3, 4, Severity.ERROR, f"k{FORGED}", f"m{FORGED}", f"h{FORGED}")
    escaped = printable(FORGED)
    # The MkDocs build logs Problem.text() too.
    assert problem.text() == f"a{escaped}.md:3:4: error: k{escaped}: m{escaped} (h{escaped})"
    for output in (problem.text(), format_github([problem]), format_json([problem])):
        assert_no_raw_character(output)
        assert "\n" not in output.strip("\n") or output.startswith("{")
    assert json.loads(format_json([problem]))["problems"][0]["message"] == f"m{escaped}"
