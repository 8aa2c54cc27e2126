"""`reflective deploy github|rsync|netlify`, the real command in a subprocess: git
against a bare repository in a temporary folder, rsync into a local folder, Netlify's
deploy API as a server on 127.0.0.1 (tests/publish/fake_netlify.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from fixtures_cli.support import run

from reflective.publish import github

from . import fake_netlify
from .support import SITEURL, snapshot, user_site

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}
NO_ADDRESS = {"SITEURL": "", "NETLIFY": "", "URL": ""}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
        check=True,
    ).stdout


def tree(bare: Path, ref: str) -> dict[str, tuple[str, str]]:
    """path -> (mode, blob) of every file of `ref`."""
    out = {}
    for line in filter(None, git("ls-tree", "-r", "-z", ref, cwd=bare).split("\0")):
        meta, path = line.split("\t", 1)
        mode, _, blob = meta.split()
        out[path] = (mode, blob)
    return out


def blob(path: Path) -> str:
    return git("hash-object", "--no-filters", str(path), cwd=path.parent).strip()


def repository(tmp_path: Path) -> tuple[Path, Path]:
    site = user_site(tmp_path)
    git("init", "--quiet", "--initial-branch=main", cwd=site)
    git("add", "-A", cwd=site)
    git("commit", "--quiet", "-m", "My site", cwd=site)
    bare = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(bare), cwd=tmp_path)
    git("remote", "add", "origin", str(bare), cwd=site)
    return site, bare


# -- github ------------------------------------------------------------------------------


def test_deploy_github_pushes_one_commit_of_the_site_and_never_forces(tmp_path):
    site, bare = repository(tmp_path)
    deploy = ("deploy", "github", "--siteurl", SITEURL, "--cname", "reflect.example.org")
    result = run(*deploy, cwd=site, env=GIT_ENV)
    assert result.returncode == 0, result.stderr
    assert "deploy github: gh-pages on origin now holds the site for " + SITEURL in result.stdout
    files = tree(bare, "gh-pages")
    output = site / "output"
    expected = {p.relative_to(output).as_posix(): p for p in output.rglob("*") if p.is_file()}
    assert set(files) == set(expected) | {".nojekyll", "CNAME"}
    assert all(files[name] == ("100644", blob(path)) for name, path in expected.items())
    assert git("show", "gh-pages:CNAME", cwd=bare) == "reflect.example.org\n"
    assert git("log", "--format=%s", "gh-pages", cwd=bare).splitlines() == [f"Publish {SITEURL}"]
    assert git("branch", "--list", "main", cwd=bare) == ""  # the author's branch stays theirs

    again = run(*deploy, cwd=site, env=GIT_ENV)
    assert again.returncode == 0, again.stderr
    assert "the site is the same as the one on origin/gh-pages; nothing to push" in again.stdout
    assert len(git("log", "--format=%H", "gh-pages", cwd=bare).splitlines()) == 1

    # Someone else publishes from another machine; this one does not see it (its fetch
    # leaves gh-pages out), so its push is not a fast-forward: refused, never forced.
    other = tmp_path / "other"
    git("clone", "--quiet", "--branch", "gh-pages", str(bare), str(other), cwd=tmp_path)
    (other / "extra.html").write_text("from elsewhere")
    git("add", "extra.html", cwd=other)
    git("commit", "--quiet", "-m", "elsewhere", cwd=other)
    git("push", "--quiet", "origin", "gh-pages", cwd=other)
    theirs = git("rev-parse", "gh-pages", cwd=bare).strip()
    git("config", "remote.origin.fetch", "+refs/heads/none/*:refs/remotes/origin/none/*", cwd=site)
    (site / "content" / "posts" / "2011-07-11-later.md").write_text(
        "---\ntitle: A later post\ndate: 2011-07-11\n---\nWritten later.\n", encoding="utf-8"
    )
    refused = run(*deploy, cwd=site, env=GIT_ENV)
    assert refused.returncode == 1
    assert refused.stderr.strip().splitlines()[-1] == (
        "reflective: error: deploy github: the push was refused: origin/gh-pages changed "
        "while this ran (another publish?); nothing was forced: run reflective deploy "
        "github again"
    )
    assert git("rev-parse", "gh-pages", cwd=bare).strip() == theirs
    # With the normal fetch, the next deploy goes on top of theirs.
    git("config", "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*", cwd=site)
    result = run(*deploy, cwd=site, env=GIT_ENV)
    assert result.returncode == 0, result.stderr
    assert git("rev-parse", "gh-pages^", cwd=bare).strip() == theirs
    assert "posts/2011/a-later-post/index.html" in tree(bare, "gh-pages")
    assert "extra.html" not in tree(bare, "gh-pages")  # exactly the site


def test_deploy_github_checks_git_before_building(tmp_path):
    site = user_site(tmp_path)
    result = run("deploy", "github", "--siteurl", SITEURL, cwd=site, env=GIT_ENV)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"reflective: error: deploy github: {site} is not a git repository; run git init "
        "and add a remote (docs/publishing.md)"
    ]
    git("init", "--quiet", cwd=site)
    result = run("deploy", "github", "--remote", "pages", "--siteurl", SITEURL, cwd=site)
    assert result.stderr.splitlines() == [
        "reflective: error: deploy github: there is no git remote 'pages'; add it with git "
        "remote add pages URL, or name another with --remote (GITHUB_PAGES_REMOTE)"
    ]
    assert not (site / "output").exists()


def test_the_commit_holds_any_file_name_byte_for_byte(tmp_path, monkeypatch):
    """Names with spaces, quotes, backslashes and accents; bytes no line-ending rule touches."""
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    repo = tmp_path / "repo"
    repo.mkdir()
    git("init", "--quiet", cwd=repo)
    git("config", "core.autocrlf", "true", cwd=repo)
    folder = tmp_path / "out"
    names = ["a b/index.html", 'café/"quoted".txt', "back\\slash.txt", ".htaccess"]
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(b"line one\r\nline two\n\x00")
    head = github.write_commit(str(repo), str(folder), "site", None, "Publish", None)
    files = tree(repo, head)
    assert set(files) == {*names, ".nojekyll"}
    stored = subprocess.run(
        ["git", "cat-file", "blob", f"{head}:back\\slash.txt"], cwd=repo, capture_output=True
    ).stdout
    assert stored == b"line one\r\nline two\n\x00"
    assert {mode for mode, _ in files.values()} == {"100644"}


# -- rsync -------------------------------------------------------------------------------


def test_deploy_rsync_mirrors_the_site_into_a_folder_and_needs_a_destination(tmp_path):
    if not shutil.which("rsync"):
        pytest.skip("rsync is missing (install it with: sudo apt-get install rsync)")
    site = user_site(tmp_path)
    result = run("deploy", "rsync", "--siteurl", SITEURL, cwd=site, env={"RSYNC_DEST": ""})
    assert result.stderr.splitlines() == [
        "reflective: error: deploy rsync: no destination; give it as USER@HOST:FOLDER (or a "
        "folder), e.g. reflective deploy rsync me@example.org:/var/www/me, or set RSYNC_DEST"
    ]
    www = tmp_path / "www"
    www.mkdir()
    (www / "stale.html").write_text("old")
    result = run("deploy", "rsync", f"{www}/", "--siteurl", SITEURL, cwd=site)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "reflective: error: '--siteurl' came after the command's arguments: give the "
        "command's own options first (e.g. reflective deploy rsync --siteurl URL "
        "DESTINATION) and Pelican's options last, after -- (e.g. reflective build -- -v)"
    )
    result = run("deploy", "rsync", "--siteurl", SITEURL, f"{www}/", cwd=site)
    assert result.returncode == 0, result.stderr
    assert f"deploy rsync: {www}/ now holds the site" in result.stdout
    assert snapshot(www) == snapshot(site / "output")


# -- netlify -----------------------------------------------------------------------------


@pytest.fixture
def netlify():
    server = fake_netlify.Netlify()
    api = server.start()
    yield server, api
    server.stop()


def test_deploy_netlify_uploads_the_site_then_only_what_changed(tmp_path, netlify):
    server, api = netlify
    server.busy = 3  # Netlify asks to slow down: each upload is asked again, not lost
    site = user_site(tmp_path)
    env = {**NO_ADDRESS, "NETLIFY_AUTH_TOKEN": fake_netlify.TOKEN}
    deploy = ("deploy", "netlify", "--site", fake_netlify.SITE, "--api", api)
    result = run(*deploy, cwd=site, env=env)
    assert result.returncode == 0, result.stderr
    output = site / "output"
    expected = {
        "/" + p.relative_to(output).as_posix(): p.read_bytes()
        for p in output.rglob("*")
        if p.is_file()
    }
    assert server.live == expected
    assert server.busy == 0  # the three 429s were answered, and the uploads made again
    # No SITEURL given: the address Netlify has for the site.
    assert (
        f'href="{fake_netlify.ADDRESS}/about/"'
        in expected["/posts/2011/thing-1-starting-out/index.html"].decode()
    )
    assert f"deploy netlify: the site is live at {fake_netlify.ADDRESS} (deploy d1)" in (
        result.stdout
    )
    first = len(server.uploads)
    assert first == len(expected)  # a new site: every file is sent once

    # One post more: only the files whose bytes changed are sent again.
    (site / "content" / "posts" / "2011-07-11-later.md").write_text(
        "---\ntitle: A later post\ndate: 2011-07-11\n---\nWritten later.\n", encoding="utf-8"
    )
    result = run(*deploy, cwd=site, env=env)
    assert result.returncode == 0, result.stderr
    sent = server.uploads[first:]
    assert "/posts/2011/a-later-post/index.html" in sent
    assert "/theme/css/main.css" not in sent
    assert 0 < len(sent) < len(expected) / 2
    assert (
        server.live["/posts/2011/a-later-post/index.html"]
        == (output / "posts/2011/a-later-post/index.html").read_bytes()
    )


def test_deploy_netlify_says_what_is_missing_or_refused_before_building(tmp_path, netlify):
    _server, api = netlify
    site = user_site(tmp_path)
    deploy = ("deploy", "netlify", "--api", api, "--siteurl", SITEURL)
    result = run(*deploy, "--site", "x", cwd=site, env={"NETLIFY_AUTH_TOKEN": ""})
    assert result.stderr.splitlines() == [
        "reflective: error: deploy netlify: NETLIFY_AUTH_TOKEN is not set; make a personal "
        "access token at https://app.netlify.com/user/applications and set it in the "
        "environment (never in a file of the site)"
    ]
    result = run(*deploy, cwd=site, env={"NETLIFY_AUTH_TOKEN": "t", "NETLIFY_SITE_ID": ""})
    assert "deploy netlify: no site id; give --site ID or set NETLIFY_SITE_ID" in result.stderr
    assert not (site / "output").exists()
    result = run(*deploy, "--site", fake_netlify.SITE, cwd=site, env={"NETLIFY_AUTH_TOKEN": "bad"})
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "reflective: error: deploy netlify: Netlify refused NETLIFY_AUTH_TOKEN (401); make a "
        "personal access token at https://app.netlify.com/user/applications"
    )
