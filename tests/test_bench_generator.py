"""The bench's corpus generator and runner (bench/): deterministic, complete, and clean.

Builds small generated sites with the real `pelican` command; speed is never asserted.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bench import generate, run


def files(folder: Path) -> dict[str, bytes]:
    base = folder / "content"
    return {str(p.relative_to(base)): p.read_bytes() for p in sorted(base.rglob("*.md"))}


def front_matters(folder: Path) -> list[dict]:
    out = []
    for path in sorted((folder / "content" / "posts").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n"), path
        out.append(yaml.safe_load(text.split("\n---\n", 1)[0][4:]))
    return out


def test_same_seed_same_bytes_and_a_longer_corpus_extends_a_shorter_one(tmp_path):
    one = generate.generate(tmp_path / "one", 25)
    two = generate.generate(tmp_path / "two", 25)
    generate.generate(tmp_path / "longer", 40)
    assert files(tmp_path / "one") == files(tmp_path / "two")
    assert one.today == two.today and one.edit_target.name == two.edit_target.name
    short, long_ = files(tmp_path / "one"), files(tmp_path / "longer")
    assert all(long_[name] == data for name, data in short.items())
    posts = lambda found: [n for n in found if n.startswith("posts/")]  # noqa: E731
    assert len(posts(long_)) == len(posts(short)) + 15
    assert len(long_) > len(short) + 15  # and the new posts' comments (issue 13)
    generate.generate(tmp_path / "other", 25, seed="another seed")
    assert files(tmp_path / "other") != short


def test_the_corpus_has_every_kind_of_content(tmp_path):
    corpus = generate.generate(tmp_path, 60)
    posts = front_matters(tmp_path)
    assert len(posts) == corpus.posts == 60
    actions = [a for p in posts for a in p["actions"]]
    mappings = [a for a in actions if isinstance(a, dict)]
    updates = [u for p in posts for u in p.get("updates", [])]
    assert all(1 <= len(p["actions"]) <= 6 for p in posts)
    assert {a.get("status") for a in mappings} >= {"todo", "doing", "done", "dropped"}
    assert any("done" in a and "status" not in a for a in mappings)  # done date only
    assert any(isinstance(a, str) for a in actions)  # the short form
    assert any("id" not in a for a in mappings) and any("id" in a for a in mappings)
    assert {a.get("every") for a in mappings} - {None}
    assert any(a.get("private") for a in mappings)
    assert {a.get("priority") for a in mappings} >= {"high", "low"}
    assert any("due" in a for a in mappings) and any("note" in a for a in mappings)
    assert {u.get("status") for u in updates} >= {"doing", "done", "dropped", None}
    assert any(p.get("status") == "draft" for p in posts)
    assert any(p.get("thing") == [8, 9] for p in posts)
    assert any("thing" not in p for p in posts)  # bonus posts
    bodies = "\n".join(p.read_text() for p in (tmp_path / "content" / "posts").glob("*.md"))
    for marker in ("\n## ", "\n- [x] ", "\n- [ ] ", "\n```", "](https://", "\n1. ", "\n> "):
        assert marker in bodies, marker
    words = [
        len(p.read_text().split("\n---\n", 1)[1].split())
        for p in (tmp_path / "content" / "posts").glob("*.md")
    ]
    assert 600 <= min(words) and max(words) <= 1450  # words plus list and table markers


def test_the_corpus_builds_strictly_with_no_problems(tmp_path):
    corpus = generate.generate(tmp_path, 60)
    settings = run.write_settings(tmp_path, "A", corpus.today.isoformat(), cache=False)
    with open(settings, "a", encoding="utf-8") as handle:
        handle.write(
            "REFLECTIVE_STRICT = True\nREFLECTIVE_SHOW_PRIVATE = False\nPLUGINS = ['reflective']\n"
        )
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "out", "-s", str(settings)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, COLUMNS="200", TERM="dumb", NO_COLOR="1"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reflective:" not in result.stdout + result.stderr
    data = json.loads((tmp_path / "out" / "progress.json").read_text(encoding="utf-8"))
    posts = front_matters(tmp_path)
    published = [a for p in posts if p.get("status") != "draft" for a in p["actions"]]
    public = [a for a in published if not (isinstance(a, dict) and a.get("private"))]
    assert len(data["actions"]) == len(public) < len(published)
    counts = data["counts"]
    assert all(counts[key] > 0 for key in ("todo", "doing", "done", "dropped", "overdue", "habits"))
    assert any(u["status"] is None for a in data["actions"] for u in a["history"])


def test_make_bench_measures_both_sides_and_ends_with_the_overhead_line(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--n",
            "20",
            "--rounds",
            "1",
            "--work",
            str(tmp_path),
            "--json",
            str(tmp_path / "results.json"),
        ],
        cwd=run.REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert re.fullmatch(r"plugin overhead at 20 posts: -?\d+\.\d %", lines[-1]), lines[-1]
    assert "`reflective check`" in result.stdout and "% of B" in result.stdout  # the CLI is here
    (summary,) = json.loads((tmp_path / "results.json").read_text())
    assert summary["problems"] == 0
    assert summary["check_exit"] == [0] and summary["check_s"] > 0  # `reflective check` ran
    parts = summary["plugin_parts"]
    assert parts["model"] > 0 and parts["outputs"] > 0 and parts["article_includes"] > 0
    # the timer wraps what the build really calls (it once timed a function no longer used)
    assert parts["json"] > 0 and parts["ics"] > 0
    assert summary["reader_frontmatter_B"] > 0 and summary["reader_markdown_B"] > 0
    assert summary["sizes"]["progress_html"] > 0 and summary["sizes"]["progress_json"] > 0
    out_a, out_b = tmp_path / "n20" / "out-A", tmp_path / "n20" / "out-B"
    assert (out_a / "progress" / "index.html").exists()
    assert not (out_b / "progress").exists() and not (out_b / "progress.json").exists()
    article = next((out_b / "posts").rglob("index.html")).read_text(encoding="utf-8")
    assert "rf-action" not in article and "<h1" in article  # same theme, no plugin output
    article_a = next((out_a / "posts").rglob("index.html")).read_text(encoding="utf-8")
    assert "rf-action" in article_a


def test_an_empty_corpus_is_refused_cleanly(tmp_path, capsys):
    with pytest.raises(SystemExit):
        generate.main([str(tmp_path), "0"])
    assert "N must be at least 1, not 0" in capsys.readouterr().err
    with pytest.raises(ValueError, match="at least one post"):
        generate.generate(tmp_path, 0)


def test_the_corpus_has_comments_replies_questions_and_builds_clean(tmp_path):
    """About five comments a post, a third replies; every comment lands on its post."""
    from pelican.settings import DEFAULT_CONFIG

    from reflective.comments import checks
    from reflective.core import content as content_mod

    corpus = generate.generate(tmp_path, 40)
    settings = dict(DEFAULT_CONFIG, PATH=str(tmp_path / "content"), ARTICLE_PATHS=["posts"])
    corpus_comments = corpus.comments
    found = list((tmp_path / "content" / "comments").rglob("*.md"))
    assert len(found) == corpus_comments
    assert 3.5 * 40 <= corpus_comments <= 6.5 * 40
    replies = sum("replyto:" in p.read_text() for p in found)
    assert 0.2 <= replies / corpus_comments <= 0.45
    loaded = content_mod.load_site(settings, str(tmp_path), checks=[checks.check])
    problems = [p for p in loaded.problems if "comments" in p.file or p.field == "questions"]
    result, _ = checks.checked(loaded.site, settings)
    assert problems == []
    assert sum(len(c.all) for c in result.by_slug.values()) == corpus.comments
    assert any(q.answers for q in result.questions)
