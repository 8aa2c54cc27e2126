"""Pelican's content cache gives a clean build's output; the same input gives the same bytes."""

import os
import shutil

from sitebuild import build, make_site, output_files, post

A = post(
    "First",
    "thing: 1\nactions:\n  - {id: keep, text: Keep going, due: 2011-08-01}\n"
    "  - {id: rename-me, text: To be renamed}",
    date="2011-06-01",
)
B = post(
    "Second",
    "thing: 2\nupdates:\n  - {action: keep, status: doing}\n  - {action: rename-me, status: done}",
    date="2011-07-01",
)
C = post("Third", "thing: 3\nactions:\n  - {id: third, text: Third action}", date="2011-08-01")
CACHE = dict(CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True, CACHE_PATH="cache", THEME="simple")


def clean_output(tmp_path, name, files):
    root = make_site(tmp_path / name, files, THEME="simple")
    result = build(root)
    assert result.returncode == 0, result.stderr
    return output_files(root)


def rebuild(root):
    shutil.rmtree(root / "output", ignore_errors=True)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return output_files(root)


def bump(path):
    stat = path.stat()
    os.utime(path, (stat.st_atime + 10, stat.st_mtime + 10))


def test_cached_rebuilds_match_clean_builds(tmp_path):
    files = {"posts/a.md": A, "posts/b.md": B, "posts/c.md": C}
    root = make_site(tmp_path / "cached", files, **CACHE)
    first = rebuild(root)
    assert first == clean_output(tmp_path, "clean0", files)

    # edit an action
    edited = A.replace("Keep going", "Keep going and edit")
    (root / "content/posts/a.md").write_text(edited)
    bump(root / "content/posts/a.md")
    files["posts/a.md"] = edited
    assert rebuild(root) == clean_output(tmp_path, "clean1", files)

    # remove a post
    (root / "content/posts/c.md").unlink()
    del files["posts/c.md"]
    assert rebuild(root) == clean_output(tmp_path, "clean2", files)

    # rename an id, and the update that names it
    renamed_a = files["posts/a.md"].replace("rename-me", "renamed")
    renamed_b = B.replace("rename-me", "renamed")
    (root / "content/posts/a.md").write_text(renamed_a)
    (root / "content/posts/b.md").write_text(renamed_b)
    bump(root / "content/posts/a.md")
    bump(root / "content/posts/b.md")
    files.update({"posts/a.md": renamed_a, "posts/b.md": renamed_b})
    out = rebuild(root)
    assert out == clean_output(tmp_path, "clean3", files)
    assert b"renamed" in out["progress.json"] and b"rename-me" not in out["progress.json"]


def test_cached_build_still_reports_problems(tmp_path):
    bad = post("Bad", "actions:\n  - {text: A, status: finished}")
    root = make_site(tmp_path, {"posts/a.md": A, "posts/bad.md": bad}, **CACHE)
    first = build(root)
    second = build(root)  # everything now comes from the cache
    assert first.returncode == second.returncode == 1
    assert "actions[0].status: unknown status 'finished'" in second.stderr + second.stdout


def test_same_input_same_bytes(tmp_path, monkeypatch):
    files = {"posts/a.md": A, "posts/b.md": B, "posts/c.md": C}
    settings = dict(
        THEME="simple",
        SITEURL="https://me.example.org",
        FEED_ALL_ATOM="feeds/all.atom.xml",
        REFLECTIVE_TODAY=None,
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1317427200")
    one = make_site(tmp_path / "one", files, **settings)
    two = make_site(tmp_path / "two", files, **settings)
    assert build(one).returncode == 0
    for path in (two / "content" / "posts").iterdir():
        bump(path)  # different file times must not matter
    assert build(two).returncode == 0
    assert output_files(one) == output_files(two)
    assert b'"today": "2011-10-01"' in output_files(one)["progress.json"]
