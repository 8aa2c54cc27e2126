"""`reflective check` and the settings/content errors every command shares (real CLI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures_cli.support import (
    CACHE_HOME,
    PROBLEM_LINE,
    build,
    copy_site,
    generate_site,
    problem_lines,
    run,
)

from reflective.core import sourcecache


def _clean(result):
    assert "Traceback" not in result.stderr + result.stdout


def test_check_clean_site(tmp_path):
    site = copy_site("site", tmp_path)
    result = run("check", cwd=site)
    _clean(result)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "4 posts checked, no problems" in result.stderr


def test_check_agrees_with_the_strict_build(tmp_path):
    site = copy_site("bad", tmp_path)
    result = run("check", cwd=site)
    _clean(result)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(PROBLEM_LINE.match(line) for line in lines), lines
    built = build(site, tmp_path / "out")
    assert built.returncode != 0
    assert not (tmp_path / "out" / "index.html").exists()
    assert sorted(problem_lines(built.stderr)) == sorted(lines)
    # Every SPEC §4 problem of the fixture is found, each with its file, line and field.
    text = result.stdout
    for expected in (
        "2011-06-01-yaml.md:4: front matter: the YAML does not parse",
        "2011-06-02-values.md:4: thing: expected a whole number",
        "2011-06-02-values.md:8: actions[0].status: unknown status 'finished'",
        "2011-06-02-values.md:11: actions[1].priority: unknown priority 'urgent'",
        "2011-06-02-values.md:14: actions[2].every: unknown period 'year'",
        "2011-06-02-values.md:17: actions[3].due: '2011-02-30' is not a real date",
        "2011-06-02-values.md:20: actions[4].status: unknown status 'no'",
        "2011-06-02-values.md:21: actions[5].id: an id must be text",
        "2011-06-03-programme.md:4: thing: Thing 42 is not in the programme",
        "2011-06-03-programme.md:6: actions[0].id: the id 'bad-status' is already used",
        "2011-06-03-programme.md:9: updates[0].action: no action has the id 'bad-statuss'",
    ):
        assert expected in text, expected
    assert "did you mean 'bad-status'?" in text
    assert "11 problems in 3 files (4 posts checked)" in result.stderr


def test_check_reports_non_utf8_and_missing_title_like_the_build(tmp_path):
    site = copy_site("site", tmp_path)
    posts = site / "content" / "posts"
    (posts / "2011-09-10-latin1.md").write_bytes(
        "---\ntitle: Café\ndate: 2011-09-10\n---\nBody\n".encode("latin-1")
    )
    (posts / "2011-09-11-untitled.md").write_text("---\ndate: 2011-09-11\nthing: 7\n---\nB\n")
    result = run("check", cwd=site)
    _clean(result)
    assert result.returncode == 1
    assert "2011-09-10-latin1.md: file: is not UTF-8 text (byte 0xe9" in result.stdout
    assert "2011-09-11-untitled.md:2: title: is missing" in result.stdout
    built = build(site, tmp_path / "out")
    assert built.returncode != 0
    assert sorted(problem_lines(built.stderr)) == sorted(problem_lines(result.stdout))


def test_check_reports_a_missing_date_like_the_build(tmp_path):
    site = copy_site("site", tmp_path)
    (site / "content" / "posts" / "undated.md").write_text("---\ntitle: No date\n---\nB\n")
    result = run("check", cwd=site)
    assert result.returncode == 1
    assert (
        "undated.md:2: date: is missing; every post needs 'date: YYYY-MM-DD' in its front "
        "matter (the file's modification time is used until then)"
    ) in result.stdout
    built = build(site, tmp_path / "out")
    assert built.returncode != 0
    assert problem_lines(built.stderr) == problem_lines(result.stdout)


def test_check_with_path_and_settings_from_elsewhere(tmp_path):
    site = copy_site("site", tmp_path)
    result = run("check", "--settings", str(site / "pelicanconf.py"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # --path alone (no settings file here): Pelican's defaults, whole folder read.
    bad = copy_site("bad", tmp_path)
    result = run("--path", str(bad / "content"), "check", cwd=tmp_path)
    assert result.returncode == 1
    assert "actions[0].status: unknown status 'finished'" in result.stdout
    # --path overrides PATH of the settings file.
    result = run("check", "--path", str(bad / "content"), cwd=site)
    assert result.returncode == 1
    assert "unknown period 'year'" in result.stdout


def test_python_dash_m_is_the_same_command(tmp_path):
    site = copy_site("bad", tmp_path)
    script = run("check", cwd=site)
    module = run("check", cwd=site, module=True)
    assert module.returncode == script.returncode == 1
    assert module.stdout == script.stdout


def test_misuse_gives_one_clear_line_and_an_exit_code(tmp_path):
    site = copy_site("site", tmp_path)
    cases = [
        # (args, cwd, exit code, text in stderr)
        (["check"], tmp_path, 1, "there is no pelicanconf.py in"),
        (["check", "--settings", "nope.py"], site, 1, "the settings file nope.py does not exist"),
        (
            ["check", "--path", "missing"],
            site,
            1,
            "the content folder missing (--path) does not exist",
        ),
        (
            ["check"],
            "NOCONTENT",
            1,
            "the content folder content does not exist (PATH in pelicanconf.py)",
        ),
        (["frobnicate"], site, 2, "invalid choice: 'frobnicate'"),
        ([], site, 2, "the following arguments are required: COMMAND"),
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "pelicanconf.py").write_text((site / "pelicanconf.py").read_text())
    for args, cwd, code, text in cases:
        result = run(*args, cwd=empty if cwd == "NOCONTENT" else cwd)
        _clean(result)
        assert result.returncode == code, (args, result.stderr)
        assert text in result.stderr, (args, result.stderr)


def test_broken_settings_are_reported_not_raised(tmp_path):
    site = copy_site("site", tmp_path)
    conf = site / "pelicanconf.py"
    original = conf.read_text()
    conf.write_text(original + "\nREFLECTIVE_TODAY = '2011-13-01'\n")
    result = run("check", cwd=site)
    _clean(result)
    assert result.returncode == 1
    # Reported as the build reports it: a problem of the settings, not a crash.
    assert result.stdout.startswith("settings: REFLECTIVE_TODAY: REFLECTIVE_TODAY must be an ISO")
    conf.write_text(original + "\ndef broken(:\n")
    result = run("check", cwd=site)
    _clean(result)
    assert result.returncode == 1
    assert "cannot read the settings file pelicanconf.py: SyntaxError" in result.stderr
    conf.write_text(original + "\nREFLECTIVE_PROGRAMME = 'no-such-programme'\n")
    result = run("check", cwd=site)
    _clean(result)
    assert result.returncode == 1
    assert (
        "REFLECTIVE_PROGRAMME: 'no-such-programme' is neither a bundled programme" in result.stdout
    )


@pytest.mark.slow
def test_check_on_a_thousand_posts(tmp_path):
    """The site used to measure `check` (docs/cli.md); its result, not its time, is tested."""
    site = generate_site(tmp_path / "big", posts=1000)
    result = run("check", cwd=site)
    assert result.returncode == 0, result.stdout[:2000]
    assert "1000 posts checked, no problems" in result.stderr
    post = site / "content" / "posts" / "2011-09-25-post-500.md"
    post.write_text(post.read_text().replace("priority: ", "priority: very-", 1))
    result = run("check", cwd=site)
    assert result.returncode == 1
    assert problem_lines(result.stdout) == result.stdout.splitlines()
    assert len(result.stdout.splitlines()) == 1
    assert "2011-09-25-post-500.md:10: actions[0].priority: unknown priority" in result.stdout


def test_the_cache_of_read_posts_never_hides_a_change(tmp_path, monkeypatch):
    site = copy_site("site", tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", CACHE_HOME)
    cache = Path(sourcecache.cache_file({"PATH": str(site / "content")}))
    first = run("check", cwd=site)
    assert first.returncode == 0 and cache.is_file()
    post = site / "content/posts/2011-08-01-thing-3-brand.md"
    text = post.read_text()
    # A change of the same size, saved a second later: found, not served from the cache.
    post.write_text(text.replace("due: 2011-08-15", "due: 2011-08-35"))
    stat = post.stat()
    os.utime(post, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    changed = run("check", cwd=site)
    assert changed.returncode == 1
    assert "2011-08-01-thing-3-brand.md:8: actions[0].due: '2011-08-35'" in changed.stdout
    assert run("check", "--no-cache", cwd=site).stdout == changed.stdout
    # A damaged cache is ignored.
    cache.write_bytes(b"not a pickle")
    assert run("check", cwd=site).stdout == changed.stdout
    post.write_text(text)
    assert run("check", cwd=site).returncode == 0
