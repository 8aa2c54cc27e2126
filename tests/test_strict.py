"""SPEC §4 through a real build: strict stops with file and field, lenient builds the rest."""

import pytest

from sitebuild import build, make_site, output_files, post

GOOD = post(
    "A good post",
    "thing: 1\nactions:\n  - {id: brand-audit, text: Audit my brand}",
    date="2011-06-01",
)

CASES = {
    "yaml": (
        "---\ntitle: Broken\ndate: 2011-07-01\nactions: [unclosed\n---\nBody\n",
        "bad.md:4: front matter: the YAML does not parse",
    ),
    "thing-type": (post("T", "thing: six"), "bad.md:4: thing: expected a whole number"),
    "thing-range": (post("T", "thing: 99"), "bad.md:4: thing: Thing 99 is not in the programme"),
    "status": (
        post("T", "actions:\n  - {text: A, status: finished}"),
        "bad.md:5: actions[0].status: unknown status 'finished'",
    ),
    "priority": (
        post("T", "actions:\n  - {text: A, priority: urgent}"),
        "actions[0].priority: unknown priority 'urgent'",
    ),
    "period": (
        post("T", "actions:\n  - {text: A, every: weekly}"),
        "actions[0].every: unknown period 'weekly'",
    ),
    "date": (
        post("T", "actions:\n  - text: A\n    due: 2011-02-30"),
        "bad.md:6: actions[0].due: '2011-02-30' is not a real date",
    ),
    "status-no": (
        post("T", "actions:\n  - text: A\n    status: no"),
        "actions[0].status: unknown status 'no'",
    ),
    "id-010": (
        post("T", "actions:\n  - text: A\n    id: 010"),
        "actions[0].id: an id must be text, found the number '010'",
    ),
    "duplicate": (
        post("T", "actions:\n  - {id: brand-audit, text: Again}"),
        "actions[0].id: the id 'brand-audit' is already used",
    ),
    "update": (
        post("T", "updates:\n  - action: brand-audti\n    status: done"),
        "bad.md:5: updates[0].action: no action has the id 'brand-audti'",
    ),
    "encoding": ("---\ntitle: Caf\xe9\n---\n".encode("latin-1"), "bad.md: file: is not UTF-8"),
    "no-title": ("---\ndate: 2011-07-01\nthing: 2\n---\nBody\n", "title: is missing"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_strict_build_stops_and_writes_nothing(tmp_path, case):
    text, expected = CASES[case]
    root = make_site(tmp_path, {"posts/good.md": GOOD, "posts/bad.md": text})
    (root / "output").mkdir()
    (root / "output" / "index.html").write_text("the previous site")
    before = output_files(root)
    result = build(root)
    assert result.returncode != 0
    log = " ".join((result.stdout + result.stderr).split())
    assert expected in log, log
    assert "the build stopped" in log
    assert "Traceback" not in log
    assert output_files(root) == before


@pytest.mark.parametrize("case", sorted(CASES))
def test_lenient_build_reports_and_builds_the_rest(tmp_path, case):
    text, expected = CASES[case]
    root = make_site(
        tmp_path, {"posts/good.md": GOOD, "posts/bad.md": text}, REFLECTIVE_STRICT=False
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    log = " ".join((result.stdout + result.stderr).split())
    assert expected in log, log
    assert "the rest of the site is built" in log
    files = output_files(root)
    assert "a-good-post.html" in files and "progress/index.html" in files
    # the bad post itself is still there, never silently dropped
    assert (
        len(
            [
                n
                for n in files
                if n.endswith(".html")
                and "/" not in n
                and n
                not in {
                    "index.html",
                    "archives.html",
                    "authors.html",
                    "categories.html",
                    "tags.html",
                }
            ]
        )
        == 2
    )


def test_all_problems_are_listed_together(tmp_path):
    root = make_site(
        tmp_path,
        {
            "posts/good.md": GOOD,
            "posts/bad.md": post("T", "thing: 99\nactions:\n  - {text: A, status: finished}"),
            "posts/other.md": post("U", "updates:\n  - action: nope"),
        },
    )
    result = build(root)
    log = " ".join((result.stdout + result.stderr).split())
    assert "3 problems in the content" in log
    for piece in (
        "bad.md:4: thing",
        "bad.md:6: actions[0].status",
        "other.md:5: updates[0].action",
    ):
        assert piece in log


def test_a_post_pelican_itself_drops_is_reported(tmp_path):
    # A Markdown file without YAML front matter goes to Pelican's own reader, which
    # skips a post with no title; the plugin makes sure that never passes quietly.
    native = "Date: 2011-07-01\n\nA post whose author forgot the title.\n"
    root = make_site(tmp_path, {"posts/good.md": GOOD, "posts/native.md": native})
    result = build(root)
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 1
    # Why, in the plugin's words (the same line `reflective check` gives).
    assert "native.md: title: is missing, so Pelican leaves this post out of the site" in log
