"""The files a branch changes, from git: what ``archive check --changed-since REF`` checks.

A pull request touches a few articles of a large archive; checking only those keeps the check
fast, while the gazetteer is still loaded whole so their references are validated. "Changed"
means added, copied, modified or renamed (``--diff-filter=ACMR``) in the commits since the
branch left ``REF`` (``REF...HEAD``), plus what is staged, what is modified in the working
tree and what is new and untracked, so a contributor gets the same answer before committing.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitError(Exception):
    """Git could not answer: not installed, not a repository, an unknown ref..."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message + (f" ({self.hint})" if self.hint else "")


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            check=False,
            timeout=120,
        )
    except FileNotFoundError:
        raise GitError("git is not installed", "install git, or check the files by naming them: archive check FILE...") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {' '.join(args[:2])} took longer than 2 minutes") from None
    if done.returncode != 0:
        raise GitError(os.fsdecode(done.stderr).strip().splitlines()[-1] if done.stderr.strip() else f"git {args[0]} failed")
    return os.fsdecode(done.stdout)


def repository_top(cwd: Path) -> Path:
    """The top folder of the git work tree that holds ``cwd``."""
    try:
        return Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    except GitError as exc:
        raise GitError(
            f"{cwd} is not inside a git repository", "--changed-since needs git history; name the files to check instead"
        ) from exc


def changed_files(ref: str, cwd: Path) -> list[Path]:
    """Paths (absolute, sorted, existing, links included) that differ from ``ref`` as described in the module doc."""
    top = repository_top(cwd)
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], top)
    except GitError:
        raise GitError(
            f"unknown git revision '{ref}'",
            "fetch it first, e.g. 'git fetch origin main'; in GitHub Actions, check out with 'fetch-depth: 0'",
        ) from None
    try:
        committed = _git(["diff", "--name-only", "-z", "--diff-filter=ACMR", f"{ref}...HEAD"], top)
    except GitError as exc:
        raise GitError(
            f"cannot compare with '{ref}': {exc.message}",
            "the branch and REF need a common ancestor; fetch more history (fetch-depth: 0)",
        ) from None
    staged = _git(["diff", "--name-only", "-z", "--diff-filter=ACMR", "--cached"], top)
    unstaged = _git(["diff", "--name-only", "-z", "--diff-filter=ACMR"], top)
    untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], top)
    names = {name for output in (committed, staged, unstaged, untracked) for name in output.split("\0") if name}
    # Never resolved and never followed: a link the branch adds is reported by the gate, by its
    # own path, and must not turn into the file it points at.
    files = [Path(os.path.abspath(top / name)) for name in names]
    return sorted(f for f in files if os.path.lexists(f))


__all__ = ["GitError", "changed_files", "repository_top"]
