"""Writing a planned site without writing over anything, and `git init`.

Owns the one rule of `reflective init`: a folder that already holds anything (other
than an empty repository's `.git`) is refused before a byte is written; every file is
created new (`open(..., "x")`), never over another; and a failure half-way (a full
disk, Ctrl-C) removes exactly the files and folders this run created, so the folder is
as it was. Paths are `pathlib` and the planned `/` paths are split, so it runs alike on
Windows.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

# An empty repository cloned from GitHub holds only this: a fine place to start a site.
ALLOWED = {".git"}


class Refused(Exception):
    """The folder cannot take a new site; the message says why and what to do."""


def refusal(folder: Path) -> str | None:
    """Why `folder` cannot take a new site, or None when it can (absent or empty)."""
    if not folder.exists():
        blocker = _file_on_the_way(folder)
        return f"{blocker} is a file, not a folder" if blocker else None
    if not folder.is_dir():
        return f"{folder} is a file, not a folder"
    try:
        held = sorted(entry.name for entry in folder.iterdir() if entry.name not in ALLOWED)
    except OSError as error:
        return f"cannot look inside {folder}: {error.strerror}"
    if not held:
        return None
    shown = ", ".join(held[:3]) + (f" and {len(held) - 3} more" if len(held) > 3 else "")
    return (
        f"{folder} already holds files ({shown}); reflective init never writes over "
        "anything: give a new or empty folder, e.g. reflective init my-blog"
    )


def _file_on_the_way(folder: Path) -> Path | None:
    for parent in folder.parents:
        if parent.exists():
            return parent if not parent.is_dir() else None
    return None


def write(folder: Path, planned) -> None:
    """Create `folder` (if needed) and every planned file in it, or nothing at all.

    Raises Refused (nothing written) if the folder holds files; any other failure
    removes what this call created and is raised again.
    """
    why = refusal(folder)
    if why:
        raise Refused(why)
    created: list[Path] = []
    try:
        _make_folder(folder, created)
        for item in planned:
            target = folder.joinpath(*item.path.split("/"))
            _make_folder(target.parent, created)
            with open(target, "x", encoding="utf-8", newline="\n") as handle:
                created.append(target)
                handle.write(item.text)
    except BaseException:
        _remove(created)
        raise


def _make_folder(folder: Path, created: list[Path]) -> None:
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for candidate in reversed(missing):
        candidate.mkdir()
        created.append(candidate)


def _remove(created: list[Path]) -> None:
    for path in reversed(created):
        try:
            if path.is_dir():
                path.rmdir()  # only if empty: never anything this run did not make
            else:
                path.unlink()
        except OSError:
            pass


def git_init(folder: Path) -> str:
    """Make `folder` a git repository whose branch is `main`; a line saying what happened.

    Skipped when git is not installed or the folder is a repository already. No commit:
    the author looks at the files first, and a commit needs git's user.name set.
    """
    git = shutil.which("git")
    if git is None:
        return "git is not installed: no repository made (the site works without one)"
    if (folder / ".git").exists():
        return "the folder is a git repository already"
    for command in (["init", "-q"], ["symbolic-ref", "HEAD", "refs/heads/main"]):
        done = subprocess.run(
            [git, *command], cwd=folder, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            message = (done.stderr or done.stdout).strip().splitlines()
            return f"git {command[0]} failed ({message[-1] if message else done.returncode})"
    return "made a git repository (branch main; nothing committed yet)"
