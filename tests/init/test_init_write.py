"""Writing a new site: refused where anything is, and all or nothing."""

from __future__ import annotations

import shutil

import pytest

from reflective.init import write
from reflective.init.plan import PlannedFile

PLANNED = [PlannedFile("a.txt", "one\n"), PlannedFile("deep/er/b.txt", "two\n")]


def tree(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_a_new_folder_and_its_parents_are_made(tmp_path):
    target = tmp_path / "new" / "blog"
    write.write(target, PLANNED)
    assert (target / "deep" / "er" / "b.txt").read_bytes() == b"two\n"
    assert tree(target) == ["a.txt", "deep", "deep/er", "deep/er/b.txt"]


def test_an_empty_folder_or_an_empty_clone_is_fine(tmp_path):
    (tmp_path / "empty").mkdir()
    write.write(tmp_path / "empty", PLANNED)
    (tmp_path / "clone" / ".git").mkdir(parents=True)
    write.write(tmp_path / "clone", PLANNED)
    assert (tmp_path / "clone" / "a.txt").exists()


@pytest.mark.parametrize("held", ["notes.md", ".hidden", "sub/"])
def test_a_folder_that_holds_anything_is_refused_untouched(tmp_path, held):
    folder = tmp_path / "blog"
    folder.mkdir()
    if held.endswith("/"):
        (folder / held).mkdir()
    else:
        (folder / held).write_text("mine", encoding="utf-8")
    before = tree(folder)
    with pytest.raises(write.Refused, match="already holds files .* never writes over anything"):
        write.write(folder, PLANNED)
    assert tree(folder) == before


def test_a_file_in_the_way_is_refused(tmp_path):
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert "is a file" in write.refusal(tmp_path / "f")
    assert "is a file" in write.refusal(tmp_path / "f" / "blog")


@pytest.mark.parametrize("existing", [False, True])
def test_a_failure_half_way_removes_exactly_what_it_made(tmp_path, existing):
    folder = tmp_path / "parent" / "blog"
    if existing:
        folder.mkdir(parents=True)
    # "a.txt" is written, then "a.txt/c.txt" needs a folder where the file is: OSError.
    broken = [*PLANNED, PlannedFile("a.txt/c.txt", "three\n")]
    with pytest.raises(OSError):
        write.write(folder, broken)
    if existing:
        assert folder.is_dir() and tree(folder) == []
    else:
        assert not (tmp_path / "parent").exists()


def test_an_interrupt_half_way_removes_what_it_made(tmp_path):
    folder = tmp_path / "blog"

    class Interrupting:
        path = "c.txt"

        @property
        def text(self):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write.write(folder, [*PLANNED, Interrupting()])
    assert not folder.exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed here")
def test_git_init_makes_a_main_branch_and_leaves_an_existing_repository(tmp_path):
    import subprocess

    assert "made a git repository" in write.git_init(tmp_path)
    head = subprocess.run(
        ["git", "symbolic-ref", "HEAD"], cwd=tmp_path, capture_output=True, text=True
    )
    assert head.stdout.strip() == "refs/heads/main"
    assert "already" in write.git_init(tmp_path)


def test_without_git_it_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    assert "git is not installed" in write.git_init(tmp_path)
    assert not (tmp_path / ".git").exists()
