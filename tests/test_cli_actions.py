"""`reflective actions`: every action's current state, overdue first (real CLI)."""

from __future__ import annotations

import json

from fixtures_cli.support import copy_site, run


def _json(site, *args):
    result = run("actions", "--json", *args, cwd=site)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_has_every_action_with_its_state_after_updates(tmp_path):
    site = copy_site("site", tmp_path)
    data = _json(site)
    assert data["today"] == "2011-10-01"
    actions = {a["id"]: a for a in data["actions"]}
    assert set(actions) == {
        "add-an-about-page-that-says",
        "tidy-the-sidebar-fewer-widgets",
        "weekly-post",
        "blog-theme",
        "flow-action",
        "private-thing",
        "last-one",
        "rss-reader",
        "headshot",
        "twitter-list",
    }
    # State after updates: rss-reader is todo in its post, doing by a later update.
    assert actions["rss-reader"]["own_status"] == "todo"
    assert actions["rss-reader"]["status"] == "doing"
    assert actions["rss-reader"]["history"][0]["file"].endswith("2011-08-01-thing-3-brand.md")
    assert actions["weekly-post"]["history"][0]["note"] == "Two posts so far."
    # Private and draft actions are included and marked (this is the author's machine).
    assert actions["private-thing"]["private"] is True
    assert actions["twitter-list"]["draft"] is True
    # Overdue first, most overdue first.
    overdue = [a["id"] for a in data["actions"] if a["overdue"]]
    assert overdue == ["flow-action", "rss-reader", "headshot", "private-thing"]
    assert [a["id"] for a in data["actions"][:4]] == overdue
    assert actions["last-one"]["things"] == [1]
    assert actions["last-one"]["post"]["line"] == 26


def test_filters(tmp_path):
    site = copy_site("site", tmp_path)
    assert {a["id"] for a in _json(site, "--status", "doing")["actions"]} == {
        "blog-theme",
        "rss-reader",
    }
    assert {a["id"] for a in _json(site, "--status", "doing,todo", "--thing", "2")["actions"]} == {
        "rss-reader"
    }
    assert [a["id"] for a in _json(site, "--overdue", "--thing", "3")["actions"]] == ["headshot"]
    assert _json(site, "--status", "dropped")["actions"] == []


def test_table_lists_overdue_first_and_marks_private_and_drafts(tmp_path):
    site = copy_site("site", tmp_path)
    result = run("actions", cwd=site)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Overdue (4)"
    headings = [line for line in lines if line and not line.startswith(" ")]
    assert headings == ["Overdue (4)", "To do and in progress (5)", "Habits (1)"]
    row = next(line for line in lines if " private-thing " in line)
    assert "○ To do" in row and "due 2011-09-01" in row and "[OVERDUE 30d, private]" in row
    draft = next(line for line in lines if " twitter-list " in line)
    assert "[draft]" in draft
    by_update = next(line for line in lines if " rss-reader " in line)
    assert "◐ Doing" in by_update and "by update" in by_update
    text_line = lines[lines.index(row) + 1]
    assert text_line.strip() == "Ask my manager about study leave"
    empty = run("actions", "--status", "dropped", cwd=site)
    assert empty.stdout == "No actions match.\n"


def test_actions_misuse_and_problem_note(tmp_path):
    site = copy_site("site", tmp_path)
    cases = [
        (["actions", "--status", "finished"], "unknown status 'finished'; allowed: todo"),
        (["actions", "--thing", "24"], "Thing 24 is not in the programme"),
        (["actions", "--thing", "x"], "'x' is not a Thing number"),
    ]
    for args, text in cases:
        result = run(*args, cwd=site)
        assert "Traceback" not in result.stderr
        assert result.returncode == 2, (args, result.stderr)
        assert text in result.stderr
    bad = copy_site("bad", tmp_path)
    result = run("actions", cwd=bad)
    assert result.returncode == 0
    assert "note: 11 problems in the content; `reflective check` lists them" in result.stderr
