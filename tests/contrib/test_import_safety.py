"""Nothing is lost by ``archive import`` or ``archive new`` (issue 9).

``--overwrite`` replaces drafts only; nothing is written through a symbolic link; a draft's id
depends on its report alone, so re-importing one file never replaces another report's draft; a
destination that cannot be written is one message for that report, and the batch goes on.
Every test works on real files in a copy of the fixture archive.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from archive.contrib import scaffold
from archive.contrib.importer import ImportOptions, draft_id, import_reports, read_reports

from .conftest import FIXTURES, REPORTS, run

ARTICLES = Path("content/articles")
KURSK = "Drone attack reported in Kursk region"
BODY = "Officials in the Kursk region said a drone hit a fuel depot near Tetkino."


def record(
    url: str | None = "https://example.org/kursk-drone", *, title: str = KURSK, day: str = "2024-03-14", body: str = BODY
) -> dict[str, Any]:
    fields: dict[str, Any] = {"title": title, "date": day, "body": body, "publisher": "Example News", "language": "en"}
    if url is not None:
        fields["url"] = url
    return fields


def jsonl(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (links as where they point), to compare before and after."""
    found: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path.relative_to(folder))] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


def new_archive(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name / "content"
    shutil.copytree(FIXTURES / "archive", root)
    return root


def ids_by_origin(files: list[Path], root: Path, gazetteer, *, overwrite: bool = False) -> dict[str, str]:
    result = import_reports(
        files, root, gazetteer, ImportOptions(today=date.today(), default_date=date(2024, 3, 12), overwrite=overwrite)
    )
    assert not result.failures, [str(f) for f in result.failures]
    return {Path(w.report.origin).name: w.article_id for w in result.written}  # "a.jsonl:2": the id


def imported_draft(report: Path = REPORTS / "kiev-bilhorod.txt") -> Path:
    before = set(ARTICLES.rglob("*.md"))
    result = run("import", "--date", "2024-03-12", str(report))
    assert result.exit_code == 0, result.output
    (draft,) = set(ARTICLES.rglob("*.md")) - before
    return draft


# -- --overwrite replaces drafts, and nothing else --------------------------------------------


@pytest.mark.parametrize(
    "review",
    [
        pytest.param(lambda text: text.replace("draft: true\n", ""), id="draft-removed"),
        pytest.param(lambda text: text.replace("draft: true\n", "draft: false\n"), id="draft-false"),
        pytest.param(lambda text: text.replace("draft: true\n", "draft: yes\n"), id="draft-yes-is-a-word"),
        pytest.param(lambda text: text.replace("draft: true\n", 'draft: "true"\n'), id="draft-quoted"),
    ],
)
def test_overwrite_leaves_a_reviewed_article_as_it_is(archive_dir, review):
    article = imported_draft()
    article.write_text(review(article.read_text(encoding="utf-8")) + "Reviewed by a person.\n", encoding="utf-8")
    reviewed = article.read_bytes()
    result = run("import", "--overwrite", "--date", "2024-03-12", str(REPORTS / "kiev-bilhorod.txt"))
    assert result.exit_code == 1
    assert (
        f"kiev-bilhorod.txt: {article} is a reviewed article, not a draft (it has no 'draft: true'); "
        "it was left as it is (--overwrite replaces only drafts: edit the article by hand" in result.output
    )
    assert article.read_bytes() == reviewed
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"Reviewed text without front matter\n", id="no-front-matter"),
        pytest.param(b"---\ndraft: true\ntitle: [unclosed\n---\n", id="broken-yaml"),
        pytest.param(b"---\ndraft: true\ndraft: true\n---\n", id="duplicate-key"),
        pytest.param(b"\xff\xfe\x00binary", id="binary"),
    ],
)
def test_overwrite_leaves_a_file_it_cannot_read_as_it_is(archive_dir, content):
    article = imported_draft()
    article.write_bytes(content)
    result = run("import", "--overwrite", "--date", "2024-03-12", str(REPORTS / "kiev-bilhorod.txt"))
    assert result.exit_code == 1
    assert "so it is not known to be a draft; it was left as it is" in result.output
    assert article.read_bytes() == content


def test_overwrite_replaces_a_draft_in_place_and_leaves_no_temporary_file(archive_dir, gazetteer):
    article = imported_draft()
    article.write_text(article.read_text(encoding="utf-8") + "an edit of the draft\n", encoding="utf-8")
    result = import_reports(
        [REPORTS / "kiev-bilhorod.txt"],
        archive_dir,
        gazetteer,
        ImportOptions(today=date.today(), default_date=date(2024, 3, 12), overwrite=True),
    )
    assert not result.failures
    (written,) = result.written
    assert written.overwritten and written.path.resolve() == article.resolve()
    assert "an edit of the draft" not in article.read_text(encoding="utf-8")
    assert sorted(p.name for p in article.parent.iterdir()) == sorted(
        ["2024-03-12-armed-groups-claim-raids-into-kursk-region.md", article.name]
    )


def test_overwrite_does_not_replace_a_symlinked_draft_nor_what_it_points_to(archive_dir, tmp_path: Path):
    article = imported_draft()
    elsewhere = tmp_path / "elsewhere.md"
    shutil.move(article, elsewhere)
    article.symlink_to(elsewhere)
    kept = elsewhere.read_bytes()
    result = run("import", "--overwrite", "--date", "2024-03-12", str(REPORTS / "kiev-bilhorod.txt"))
    assert result.exit_code == 1
    assert f"{article} is a symbolic link: nothing is written through links; it was left as it is" in result.output
    assert article.is_symlink() and os.readlink(article) == str(elsewhere)
    assert elsewhere.read_bytes() == kept


@pytest.mark.parametrize("overwrite", [[], ["--overwrite"]], ids=["plain", "overwrite"])
def test_a_dangling_link_at_the_draft_is_refused_and_nothing_is_made_where_it_points(archive_dir, tmp_path: Path, overwrite):
    article = imported_draft()
    article.unlink()
    nowhere = tmp_path / "outside" / "planted.md"
    nowhere.parent.mkdir()
    article.symlink_to(nowhere)
    result = run("import", *overwrite, "--date", "2024-03-12", str(REPORTS / "kiev-bilhorod.txt"))
    assert result.exit_code == 1
    assert f"{article} is a symbolic link: nothing is written through links; it was left as it is" in result.output
    assert not nowhere.exists() and article.is_symlink()


# -- never through a symbolic link --------------------------------------------------------------


def test_import_does_not_write_through_a_symlinked_year_folder(archive_dir, tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (ARTICLES / "2023").symlink_to(outside, target_is_directory=True)
    reports = jsonl(tmp_path / "two.jsonl", record(day="2023-05-01"), record("https://example.org/other"))
    result = run("import", str(reports))
    assert result.exit_code == 1
    assert re.search(
        r"two\.jsonl:1: content/articles/2023 is a symbolic link, not a folder: nothing is written "
        r"through links; content/articles/2023/2023-05-01-drone-attack-reported-in-kursk-region-[0-9a-f]{6}"
        r"\.md was not written \(replace the link with a real folder",
        result.output,
    ), result.output
    assert list(outside.iterdir()) == []
    assert "imported 1 of 2 reports as a draft" in result.output  # the other report still is


def test_import_does_not_write_through_a_symlinked_articles_folder(archive_dir, tmp_path: Path):
    outside = tmp_path / "outside-articles"
    shutil.move(ARTICLES, outside)
    ARTICLES.symlink_to(outside, target_is_directory=True)
    before = tree(outside)
    result = run("import", "--overwrite", "--date", "2024-03-12", str(REPORTS))
    assert result.exit_code == 1
    assert "content/articles is a symbolic link, not a folder: nothing is written through links" in result.output
    assert tree(outside) == before


def test_a_file_where_the_year_folder_belongs_is_one_message_and_the_batch_goes_on(archive_dir, tmp_path: Path):
    (ARTICLES / "2023").write_text("not a folder\n", encoding="utf-8")
    reports = jsonl(
        tmp_path / "batch.jsonl",
        record(day="2023-05-01"),
        record("https://example.org/second"),
        record("https://example.org/third", title="Explosions heard in Belgorod"),
    )
    result = run("import", str(reports))
    assert result.exit_code == 1
    failures = [line for line in result.output.splitlines() if line.startswith("  batch.jsonl:")]
    assert len(failures) == 1
    assert re.fullmatch(
        r"  batch\.jsonl:1: content/articles/2023 is a file where a folder belongs; content/articles/2023/"
        r"2023-05-01-drone-attack-reported-in-kursk-region-[0-9a-f]{6}\.md was not written "
        r"\(move the file out of the way, then run the command again\)",
        failures[0],
    ), failures
    assert (ARTICLES / "2023").read_text(encoding="utf-8") == "not a folder\n"
    assert "imported 2 of 3 reports as drafts" in result.output
    assert len(list((ARTICLES / "2024").glob("2024-03-14-*.md"))) == 2


def test_a_folder_where_the_draft_belongs_is_refused(archive_dir, tmp_path: Path):
    article = imported_draft()
    article.unlink()
    article.mkdir()
    result = run("import", "--overwrite", "--date", "2024-03-12", str(REPORTS / "kiev-bilhorod.txt"))
    assert result.exit_code == 1
    assert f"{article} is not a regular file; it was left as it is" in result.output
    assert article.is_dir()


# -- what the system refuses: one message, and the batch goes on ----------------------------------


class _FailingOs(SimpleNamespace):
    """``os`` as scaffold sees it, with one call failing for the files whose name contains ``name``."""

    def __init__(self, call: str, name: str, code: int) -> None:
        super().__init__()
        real = getattr(os, call)
        opened: set[int] = set()

        def failing(*args: Any, **kwargs: Any) -> Any:
            if call == "open" and name in str(args[0]) and args[1] & os.O_CREAT:
                raise OSError(code, os.strerror(code), str(args[0]))
            if call == "write" and args[0] in opened:
                opened.discard(args[0])  # the descriptor is closed next, and its number reused
                raise OSError(code, os.strerror(code))
            return real(*args, **kwargs)

        def tracking_open(*args: Any, **kwargs: Any) -> int:
            descriptor = os.open(*args, **kwargs)
            if name in str(args[0]) and args[1] & os.O_CREAT:
                opened.add(descriptor)
            return descriptor

        self.__dict__[call] = failing
        if call == "write":
            self.__dict__["open"] = tracking_open

    def __getattr__(self, attribute: str) -> Any:
        return getattr(os, attribute)


@pytest.mark.parametrize(
    "call, code, message, hint",
    [
        ("open", errno.EACCES, "Permission denied", "the folder content/articles/2024 cannot be written to"),
        ("open", errno.EROFS, "Read-only file system", "the folder content/articles/2024 cannot be written to"),
        ("open", errno.ENAMETOOLONG, "File name too long", "the file name is too long for this file system"),
        ("write", errno.ENOSPC, "No space left on device", "the disk is full: free some space and import again"),
    ],
)
def test_a_destination_the_system_refuses_is_one_message_and_the_batch_goes_on(
    archive_dir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call, code, message, hint
):
    monkeypatch.setattr(scaffold, "os", _FailingOs(call, "fuel-depot", code))
    reports = jsonl(
        tmp_path / "batch.jsonl", record(title="Drone hit a fuel depot in Kursk region"), record("https://example.org/second")
    )
    result = run("import", str(reports))
    assert result.exit_code == 1
    assert re.search(
        r"batch\.jsonl:1: content/articles/2024/2024-03-14-drone-hit-a-fuel-depot-in-kursk-region-"
        rf"[0-9a-f]{{6}}\.md could not be written: {message} \({re.escape(hint)}",
        result.output,
    ), result.output
    assert "Traceback" not in result.output
    assert "imported 1 of 2 reports as a draft" in result.output
    assert not list((ARTICLES / "2024").glob("*fuel-depot*")), "a partly written file was left behind"
    assert not list((ARTICLES / "2024").glob(".*")), "a temporary file was left behind"


def test_a_full_disk_while_replacing_a_draft_leaves_the_draft_as_it_was(archive_dir, monkeypatch: pytest.MonkeyPatch):
    article = imported_draft()
    draft = article.read_bytes()
    monkeypatch.setattr(scaffold, "os", _FailingOs("write", ".tmp", errno.ENOSPC))
    result = run("import", "--overwrite", "--date", "2024-03-12", str(REPORTS / "kiev-bilhorod.txt"))
    assert result.exit_code == 1
    assert "could not be written: No space left on device" in result.output
    assert article.read_bytes() == draft
    assert [p.name for p in article.parent.iterdir() if p.name.startswith(".")] == []


# -- ids depend on the report alone ---------------------------------------------------------------


def test_reimporting_one_file_gives_the_ids_it_had_in_the_batch(tmp_path: Path, gazetteer):
    one = jsonl(tmp_path / "a.jsonl", record("https://example.org/a"), record(None, body="No link, one text."))
    other = jsonl(tmp_path / "b.jsonl", record("https://example.org/b"), record(None, body="No link, another text."))
    reports = [REPORTS / "kiev-bilhorod.txt", one, other]
    batch = ids_by_origin(reports, new_archive(tmp_path, "batch"), gazetteer)
    assert len(set(batch.values())) == 5
    for alone in reports:
        ids = ids_by_origin([alone], new_archive(tmp_path, f"alone-{alone.stem}"), gazetteer)
        assert ids and ids == {origin: i for origin, i in batch.items() if origin.startswith(alone.name)}, alone
    backwards = ids_by_origin(list(reversed(reports)), new_archive(tmp_path, "backwards"), gazetteer)
    assert backwards == batch


def test_reimporting_one_file_with_overwrite_replaces_only_its_own_drafts(archive_dir, tmp_path: Path):
    first = jsonl(tmp_path / "first.jsonl", record("https://example.org/first"))
    second = jsonl(tmp_path / "second.jsonl", record("https://example.org/second"))  # same date and title
    assert run("import", str(first), str(second)).exit_code == 0
    drafts = sorted((ARTICLES / "2024").glob("2024-03-14-drone-attack-reported-in-kursk-region-*.md"))
    assert len(drafts) == 2
    for draft in drafts:
        draft.write_text(draft.read_text(encoding="utf-8") + "an edit of the draft\n", encoding="utf-8")
    edited = tree(ARTICLES)
    result = run("import", "--overwrite", str(second))
    assert result.exit_code == 0, result.output
    changed = {name for name, data in tree(ARTICLES).items() if edited[name] != data}
    assert len(changed) == 1
    (name,) = changed
    assert "url: https://example.org/second" in (ARTICLES / name).read_text(encoding="utf-8")
    assert set(tree(ARTICLES)) == set(edited)  # nothing added, nothing removed


def test_same_date_and_title_with_different_links_get_different_ids_in_either_order(tmp_path: Path, gazetteer):
    a, b = record("https://example.org/a"), record("https://example.org/b")
    forwards = ids_by_origin([jsonl(tmp_path / "forwards.jsonl", a, b)], new_archive(tmp_path, "f"), gazetteer)
    backwards = ids_by_origin([jsonl(tmp_path / "backwards.jsonl", b, a)], new_archive(tmp_path, "b"), gazetteer)
    assert forwards["forwards.jsonl:1"] == backwards["backwards.jsonl:2"]
    assert forwards["forwards.jsonl:2"] == backwards["backwards.jsonl:1"]
    assert forwards["forwards.jsonl:1"] != forwards["forwards.jsonl:2"]
    for draft_id_ in forwards.values():
        assert re.fullmatch(r"2024-03-14-drone-attack-reported-in-kursk-region-[0-9a-f]{6}", draft_id_)


def test_the_id_is_date_slug_and_a_hash_of_the_link_or_of_the_text(tmp_path: Path):
    options = ImportOptions(today=date.today())
    reports = [
        r
        for r in read_reports(
            jsonl(
                tmp_path / "r.jsonl",
                record("https://example.org/a"),
                record("https://example.org/a", body="Another text, same link."),
                record(None),
                record(None, body="Another text, no link."),
            ),
            "r.jsonl",
            options,
        )
    ]
    ids = [draft_id(r) for r in reports]
    assert ids[0] == ids[1]  # the link is the report
    assert len({ids[0], ids[2], ids[3]}) == 3  # without one, the text is
    assert all(len(i) <= 120 for i in ids)


def test_the_same_report_twice_in_one_import_is_written_once_and_reported(archive_dir, tmp_path: Path):
    reports = jsonl(tmp_path / "twice.jsonl", record(), record(body="The same link, an updated text."))
    result = run("import", str(reports))
    assert result.exit_code == 0, result.output
    assert len(list((ARTICLES / "2024").glob("2024-03-14-*.md"))) == 1
    assert "1 report repeated an earlier one of this import" in result.output
    assert "twice.jsonl:2: the same report as twice.jsonl:1 (2024-03-14-drone-attack-reported-in-kursk-region-" in result.output


# -- archive new ---------------------------------------------------------------------------------

FLAGS = [
    "--title",
    "Drone strike on the Belgorod region",
    "--date",
    "2023-03-20",
    "--url",
    "https://example.org/strike",
    "--publisher",
    "Example News",
]
NEW_FILE = ARTICLES / "2023" / "2023-03-20-drone-strike-on-the-belgorod-region.md"


def test_new_refuses_a_symlinked_year_folder(archive_dir, tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (ARTICLES / "2023").symlink_to(outside, target_is_directory=True)
    result = run("new", *FLAGS)
    assert result.exit_code == 1
    assert (
        "content/articles/2023 is a symbolic link, not a folder: nothing is written through links; "
        f"{NEW_FILE} was not written" in result.output
    )
    assert list(outside.iterdir()) == []
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback


def test_new_refuses_a_symlinked_articles_folder(archive_dir, tmp_path: Path):
    outside = tmp_path / "outside-articles"
    shutil.move(ARTICLES, outside)
    ARTICLES.symlink_to(outside, target_is_directory=True)
    before = tree(outside)
    result = run("new", *FLAGS)
    assert result.exit_code == 1
    assert "content/articles is a symbolic link, not a folder" in result.output
    assert tree(outside) == before


def test_new_refuses_a_dangling_link_where_the_article_goes(archive_dir, tmp_path: Path):
    NEW_FILE.parent.mkdir()
    NEW_FILE.symlink_to(tmp_path / "planted.md")
    result = run("new", *FLAGS)
    assert result.exit_code == 1
    assert f"{NEW_FILE} is a symbolic link: nothing is written through links; it was left as it is" in result.output
    assert not (tmp_path / "planted.md").exists()


def test_new_says_so_when_a_file_is_where_the_year_folder_belongs(archive_dir):
    (ARTICLES / "2023").write_text("x", encoding="utf-8")
    result = run("new", *FLAGS)
    assert result.exit_code == 1
    assert "content/articles/2023 is a file where a folder belongs" in result.output


def test_new_makes_missing_folders(archive_dir):
    shutil.rmtree(ARTICLES)
    result = run("new", *FLAGS)
    assert result.exit_code == 0, result.output
    assert NEW_FILE.is_file()


# -- the shared writer ------------------------------------------------------------------------------


def test_the_writer_refuses_a_path_outside_the_archive(tmp_path: Path):
    root = tmp_path / "content"
    root.mkdir()
    with pytest.raises(ValueError):
        scaffold.write_new_file(root, tmp_path / "elsewhere.md", b"x")
    with pytest.raises(ValueError):
        scaffold.write_new_file(root, root / "articles" / ".." / ".." / "elsewhere.md", b"x")
    assert not (tmp_path / "elsewhere.md").exists()


def test_the_writer_does_not_replace_a_file_that_changed_after_it_was_judged(tmp_path: Path):
    root = tmp_path / "content"
    root.mkdir()
    target = root / "articles" / "2024" / "a.md"
    scaffold.write_new_file(root, target, b"draft\n")

    def judged_then_changed(path: Path) -> bool:
        path.write_bytes(b"reviewed meanwhile, and longer\n")
        return True

    with pytest.raises(scaffold.UnsafeDestination, match="changed while it was being replaced"):
        scaffold.write_new_file(root, target, b"new draft\n", replace_if=judged_then_changed)
    assert target.read_bytes() == b"reviewed meanwhile, and longer\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.md"]


def test_the_writer_replaces_only_what_replace_if_accepts(tmp_path: Path):
    root = tmp_path / "content"
    root.mkdir()
    target = root / "articles" / "2024" / "a.md"
    assert scaffold.write_new_file(root, target, b"first\n") is False
    with pytest.raises(FileExistsError):
        scaffold.write_new_file(root, target, b"second\n")
    with pytest.raises(scaffold.NotReplaced):
        scaffold.write_new_file(root, target, b"second\n", replace_if=lambda path: False)
    assert target.read_bytes() == b"first\n"
    assert scaffold.write_new_file(root, target, b"second\n", replace_if=lambda path: True) is True
    assert target.read_bytes() == b"second\n"
