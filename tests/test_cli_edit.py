"""`reflective done` and `reflective set`: in-place edits that leave every other byte alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixtures_cli.support import build, copy_site, progress, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflective.core import edit, frontmatter, schema

THING1 = "content/posts/2011-06-20-thing-1-blogging.md"


def _lines(path):
    return path.read_bytes().splitlines(keepends=True)


def _assert_only(
    before: list[bytes], after: list[bytes], start: int, stop: int, replacement: list[bytes]
):
    """`after` is `before` with lines [start, stop) (0-based) replaced, nothing else."""
    assert after[:start] == before[:start]
    assert after[start : start + len(replacement)] == replacement
    assert after[start + len(replacement) :] == before[stop:]


def test_done_on_a_bare_action_changes_only_its_line(tmp_path):
    site = copy_site("site", tmp_path)
    post = site / THING1
    before = _lines(post)
    assert before[7] == b"  - Add an About page that says who I am   # a bare action\n"
    result = run("done", "add-an-about-page-that-says", "--date", "2011-09-30", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "add-an-about-page-that-says: todo → done (2011-09-30)" in result.stdout
    _assert_only(
        before,
        _lines(post),
        7,
        8,
        [
            b"  - text: Add an About page that says who I am   # a bare action\n",
            b"    status: done\n",
            b"    done: 2011-09-30\n",
        ],
    )
    assert run("check", cwd=site).returncode == 0


def test_done_with_note_on_a_quoted_bare_action(tmp_path):
    site = copy_site("site", tmp_path)
    post = site / THING1
    before = _lines(post)
    result = run(
        "done",
        "tidy-the-sidebar-fewer-widgets",
        "--date",
        "2011-09-30",
        "--note",
        "Down to two: search, archive",
        cwd=site,
    )
    assert result.returncode == 0, result.stderr
    _assert_only(
        before,
        _lines(post),
        8,
        9,
        [
            b"  - text: 'Tidy the sidebar: fewer widgets'\n",
            b"    status: done\n",
            b"    done: 2011-09-30\n",
            b'    note: "Down to two: search, archive"\n',
        ],
    )


def test_done_on_a_mapping_adds_lines_after_its_last_field(tmp_path):
    site = copy_site("site", tmp_path)
    post = site / THING1
    before = _lines(post)
    result = run("done", "last-one", "--date", "2011-10-01", cwd=site)
    assert result.returncode == 0, result.stderr
    # last-one ends at line 29 (index 28, `due: 2011-12-01`); the new lines follow it.
    assert before[28] == b"    due: 2011-12-01\n"
    _assert_only(before, _lines(post), 29, 29, [b"    status: done\n", b"    done: 2011-10-01\n"])


def test_set_replaces_a_status_and_a_folded_note_in_place(tmp_path):
    site = copy_site("site", tmp_path)
    post = site / THING1
    before = _lines(post)
    result = run(
        "set", "blog-theme", "--status", "dropped", "--note", "Kept the old one.", cwd=site
    )
    assert result.returncode == 0, result.stderr
    after = _lines(post)
    assert before[16:20] == [
        b"    status: doing\n",
        b"    note: >-\n",
        b"      Sunday evening is the\n",
        b"      only slot that works.\n",
    ]
    _assert_only(
        before, after, 16, 20, [b"    status: dropped\n", b"    note: Kept the old one.\n"]
    )
    assert "the note was: Sunday evening is the only slot that works." in result.stdout
    # blog-theme is also set to doing by an update in a later post: the CLI says so.
    assert "2011-07-01-thing-2-other-blogs.md" in result.stderr
    assert "the last update wins, so the site shows 'blog-theme' as doing" in result.stderr


def test_done_on_a_flow_mapping_and_back_to_todo(tmp_path):
    site = copy_site("site", tmp_path)
    post = site / THING1
    original = post.read_bytes()
    before = _lines(post)
    assert run("done", "flow-action", "--date", "2011-07-02", cwd=site).returncode == 0
    _assert_only(
        before,
        _lines(post),
        20,
        21,
        [
            b'  - {id: flow-action, text: "Write the first draft", due: 2011-07-01, '
            b"status: done, done: 2011-07-02}\n"
        ],
    )
    result = run("set", "flow-action", "--status", "todo", cwd=site)
    assert result.returncode == 0, result.stderr
    _assert_only(
        before,
        _lines(post),
        20,
        21,
        [b'  - {id: flow-action, text: "Write the first draft", due: 2011-07-01, status: todo}\n'],
    )
    assert post.read_bytes() != original


def test_set_done_then_doing_removes_the_done_date(tmp_path):
    site = copy_site("site", tmp_path)
    post = site / THING1
    original = _lines(post)
    assert (
        run("set", "private-thing", "--status", "done", "--date", "2011-08-30", cwd=site).returncode
        == 0
    )
    assert b"    done: 2011-08-30\n" in _lines(post)
    assert run("set", "private-thing", "--status", "doing", cwd=site).returncode == 0
    after = _lines(post)
    assert b"    done: 2011-08-30\n" not in after
    _assert_only(original, after, 25, 25, [b"    status: doing\n"])
    assert run("check", cwd=site).returncode == 0


def test_crlf_and_bom_are_kept(tmp_path):
    site = copy_site("site", tmp_path)
    post = site / "content/posts/2011-07-01-thing-2-other-blogs.md"
    data = b"\xef\xbb\xbf" + post.read_bytes().replace(b"\n", b"\r\n")
    post.write_bytes(data)
    result = run("done", "rss-reader", "--date", "2011-07-30", cwd=site)
    assert result.returncode == 0, result.stderr
    after = post.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf---\r\n")
    before_lines, after_lines = data.splitlines(keepends=True), after.splitlines(keepends=True)
    _assert_only(
        before_lines,
        after_lines,
        8,
        8,
        [b"        status: done\r\n", b"        done: 2011-07-30\r\n"],
    )


def test_done_is_shown_by_the_rebuild(tmp_path):
    site = copy_site("site", tmp_path)
    assert build(site, tmp_path / "out1").returncode == 0
    states = {a["id"]: a for a in progress(tmp_path / "out1")["actions"]}
    assert states["headshot"]["status"] == "todo" and states["headshot"]["overdue"]
    assert run("done", "headshot", "--date", "2011-09-01", cwd=site).returncode == 0
    built = build(site, tmp_path / "out2")
    assert built.returncode == 0, built.stderr
    states = {a["id"]: a for a in progress(tmp_path / "out2")["actions"]}
    assert states["headshot"]["status"] == "done"
    assert states["headshot"]["done"] == "2011-09-01"
    assert not states["headshot"]["overdue"]


def test_refusals(tmp_path):
    site = copy_site("site", tmp_path)
    post = site / THING1
    original = post.read_bytes()
    cases = [
        (["done", "blog-them"], 1, "no action has the id 'blog-them'; did you mean blog-theme?"),
        (["done", "headshot", "--date", "2011-02-30"], 2, "'2011-02-30' is not a date"),
        (["set", "headshot", "--status", "finished"], 2, "invalid choice: 'finished'"),
        (["set", "headshot"], 2, "the following arguments are required: --status"),
        (
            ["set", "headshot", "--status", "doing", "--date", "2011-09-01"],
            2,
            "--date is for --status done only",
        ),
        (["done", "headshot", "--note", "  "], 2, "--note is empty"),
    ]
    for args, code, text in cases:
        result = run(*args, cwd=site)
        assert "Traceback" not in result.stderr
        assert result.returncode == code, (args, result.stderr)
        assert text in result.stderr, (args, result.stderr)
    assert post.read_bytes() == original


def test_a_duplicate_id_is_refused(tmp_path):
    site = copy_site("bad", tmp_path)
    before = {p: p.read_bytes() for p in (site / "content/posts").iterdir()}
    result = run("done", "bad-status", cwd=site)
    assert result.returncode == 1
    assert "the id 'bad-status' is used by 2 actions" in result.stderr
    assert {p: p.read_bytes() for p in (site / "content/posts").iterdir()} == before


def test_nothing_to_change_leaves_the_file_alone(tmp_path):
    site = copy_site("site", tmp_path)
    post = site / THING1
    assert run("done", "headshot", "--date", "2011-09-01", cwd=site).returncode == 0
    other = site / "content/posts/2011-08-01-thing-3-brand.md"
    stamp = other.stat().st_mtime_ns
    result = run("done", "headshot", "--date", "2011-09-01", cwd=site)
    assert result.returncode == 0
    assert "already done (2011-09-01); nothing changed" in result.stdout
    again = run("done", "headshot", cwd=site)  # no --date: the recorded date is kept
    assert "already done (2011-09-01); nothing changed" in again.stdout
    assert other.stat().st_mtime_ns == stamp
    assert post.exists()


def test_the_write_is_refused_when_the_file_changed_meanwhile(tmp_path):
    path = tmp_path / "post.md"
    path.write_text("---\ntitle: t\nactions:\n  - Do it\n---\nBody\n")
    before = edit.snapshot(str(path))
    new = edit.change_action(before.data.decode(), 0, {"status": "done"}, "post.md")
    path.write_text("---\ntitle: t\nactions:\n  - Do it now\n---\nBody, edited\n")
    with pytest.raises(edit.EditError, match="changed while reflective was working"):
        edit.write_atomic(before, new.encode())
    assert path.read_text().endswith("Body, edited\n")
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]  # no temporary file left
    fresh = edit.snapshot(str(path))
    edit.write_atomic(fresh, new.encode())
    assert (
        path.read_text()
        == "---\ntitle: t\nactions:\n  - text: Do it\n    status: done\n---\nBody\n"
    )


TEMPLATE = """---
title: "Notes"   # keep me
actions:
  - first one
  - id: target
    text: The target action
  - id: after
    text: After it
---
Body
"""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    note=st.text(min_size=1, max_size=40).filter(lambda s: s.strip()),
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_any_note_reads_back_exactly(note, day):
    new = edit.change_action(TEMPLATE, 1, {"status": "done", "done": day, "note": note}, "x.md")
    fm = frontmatter.split(new, "x.md")
    fields, problems = schema.read_fields(fm, "x.md")
    assert not fm.problems and not problems
    target = fields["actions"][1]
    assert (target["status"], target["done"], target["note"]) == ("done", day.isoformat(), note)
    old_lines, new_lines = TEMPLATE.split("\n"), new.split("\n")
    assert new_lines[:6] == old_lines[:6] and new_lines[-5:] == old_lines[-5:]


def _action_spans(text: str):
    """(index, first line, end line) of each action, 1-based, end exclusive."""
    fm = frontmatter.split(text, "x.md")
    actions = fm.data.get("actions") or []
    closing = text.split("\n").index("---", 1) + 1
    starts = [fm.line(("actions", i)) for i in range(len(actions))]
    following = (
        [line for key, line in ((k, fm.line((k,))) for k in fm.data) if line > starts[-1]]
        if starts
        else []
    )
    stop = min(following) if following else closing
    return [
        (i, start, starts[i + 1] if i + 1 < len(starts) else stop) for i, start in enumerate(starts)
    ]


POSTS = sorted((Path(__file__).parent.parent / "content" / "posts").glob("*.md")) + sorted(
    (Path(__file__).parent / "fixtures_cli" / "site" / "content" / "posts").glob("*.md")
)


@pytest.mark.parametrize("path", POSTS, ids=lambda p: p.name)
def test_every_action_of_the_sample_posts_can_be_changed_in_its_own_lines(path):
    text = path.read_text(encoding="utf-8")
    old = text.split("\n")
    for index, start, stop in _action_spans(text):
        for changes in (
            {"status": "done", "done": dt.date(2011, 10, 1)},
            {"status": "dropped", "done": None, "note": "No: not now, #later"},
            {"status": "doing", "done": None},
        ):
            new = edit.change_action(text, index, changes, path.name).split("\n")
            if new == old:  # e.g. already doing: nothing to change
                continue
            first = next(i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b)
            tail = next(i for i in range(1, len(old)) if old[-i] != new[-i]) - 1
            # Lines are 0-based here, `start`/`stop` 1-based: changes stay in the action.
            assert first >= start - 1, (index, changes)
            assert len(old) - tail <= stop - 1, (index, changes)
