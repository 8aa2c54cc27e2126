"""`reflective new`: a post skeleton that builds cleanly, and its refusals."""

from __future__ import annotations

from fixtures_cli.support import build, copy_site, run

from reflective.core import newpost


def test_new_writes_a_post_that_checks_and_builds_cleanly(tmp_path):
    site = copy_site("site", tmp_path)
    result = run("new", "--thing", "5", "--date", "2011-09-20", cwd=site)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "content/posts/2011-09-20-thing-5-reflective-practice.md\n"
    assert result.stderr == ""  # Thing 5 has no post yet: no warning
    text = (site / result.stdout.strip()).read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Thing 5: Reflective practice"\ndate: 2011-09-20\n')
    assert "\nthing: 5\n" in text
    assert "actions:\n  # One action per line." in text and "  # - id: example-action\n" in text
    for heading in ("## What?", "## So what?", "## Now what?"):
        assert f"\n{heading}\n" in text
    assert run("check", cwd=site).returncode == 0
    built = build(site, tmp_path / "out")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "out" / "thing-5-reflective-practice.html").read_text(encoding="utf-8")
    assert "So what?" in page
    assert "Thing 5 of 23" in page


def test_each_model_has_its_headings(tmp_path):
    site = copy_site("site", tmp_path)
    expected = {
        "gibbs": ["Description", "Feelings", "Evaluation", "Analysis", "Conclusion", "Action plan"],
        "kolb": [
            "Concrete experience",
            "Reflective observation",
            "Abstract conceptualisation",
            "Active experimentation",
        ],
        "free": [],
    }
    for offset, (model, headings) in enumerate(expected.items()):
        result = run(
            "new",
            "--thing",
            str(10 + offset),
            "--model",
            model,
            "--date",
            f"2011-09-2{offset}",
            cwd=site,
        )
        assert result.returncode == 0, result.stderr
        text = (site / result.stdout.strip()).read_text(encoding="utf-8")
        assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == headings
    assert sorted(newpost.MODELS) == ["free", "gibbs", "kolb", "rolfe"]
    assert run("check", cwd=site).returncode == 0
    assert build(site, tmp_path / "out").returncode == 0


def test_title_bonus_post_and_warning_for_a_written_thing(tmp_path):
    site = copy_site("site", tmp_path)
    result = run(
        "new",
        "--thing",
        "1",
        "--title",
        "Thing 1 again: what I'd do # differently",
        "--date",
        "2011-10-01",
        cwd=site,
    )
    assert result.returncode == 0, result.stderr
    assert (
        "warning: Thing 1 already has a post: content/posts/2011-06-20-thing-1-blogging.md"
        in result.stderr
    )
    path = site / result.stdout.strip()
    assert path.name == "2011-10-01-thing-1-thing-1-again-what-i-d-do-differently.md"
    assert 'title: "Thing 1 again: what I\'d do # differently"\n' in path.read_text()
    bonus = run("new", "--title", "Northern libraries day", "--date", "2011-09-14", cwd=site)
    assert bonus.returncode == 0, bonus.stderr
    assert bonus.stdout.strip() == "content/posts/2011-09-14-northern-libraries-day.md"
    assert "\nthing:" not in (site / bonus.stdout.strip()).read_text()
    checked = run("check", cwd=site)
    assert checked.returncode == 0, checked.stdout
    # The default date is the real today in TIMEZONE (SOURCE_DATE_EPOCH fixes it here),
    # not REFLECTIVE_TODAY (2011-10-01), which only fixes "today" for overdue actions.
    today = run("new", "--thing", "7", cwd=site, env={"SOURCE_DATE_EPOCH": "1318075200"})
    assert today.stdout.strip().startswith("content/posts/2011-10-08-thing-7-")


def test_new_refuses_to_overwrite_and_reports_misuse(tmp_path):
    site = copy_site("site", tmp_path)
    first = run("new", "--thing", "6", "--date", "2011-09-01", cwd=site)
    assert first.returncode == 0
    path = site / first.stdout.strip()
    path.write_text(path.read_text() + "\nMy words.\n")
    kept = path.read_bytes()
    cases = [
        (["new", "--thing", "6", "--date", "2011-09-01"], 1, "already exists; nothing was written"),
        (["new", "--thing", "99"], 2, "Thing 99 is not in the programme"),
        (["new", "--thing", "six"], 2, "'six' is not a Thing number"),
        (["new", "--thing", "6", "--date", "01/09/2011"], 2, "'01/09/2011' is not a date"),
        (["new", "--thing", "6", "--model", "schon"], 2, "invalid choice: 'schon'"),
        (["new"], 2, "give --thing N for a programme post, or --title for a bonus post"),
    ]
    for args, code, text in cases:
        result = run(*args, cwd=site)
        assert "Traceback" not in result.stderr
        assert result.returncode == code, (args, result.stderr)
        assert text in result.stderr, (args, result.stderr)
    assert path.read_bytes() == kept
    assert len(list((site / "content/posts").iterdir())) == 5
