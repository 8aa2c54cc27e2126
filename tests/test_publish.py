"""Publishing routes, end to end: the real `make publish`, `make github` (real git, a
local bare repository) and `make rsync_upload` (rsync's local mode) on a fixture site.

The fixture (tests/fixtures_publish/content) has a private action, a draft post and a
draft page, each with words found nowhere else, a {static} image, a #fragment link and
a tag named "core" (which rsync's --cvs-exclude would drop).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures_publish" / "content"
SITEURL = "https://me.example.org"
# Words that exist only in the private action, its update, the draft post and the draft page.
SECRET_WORDS = ["Quillfeather", "Harrowgate", "zebra-striped", "marmalade"]
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def make(
    target: str, *variables: str, siteurl: str | None = SITEURL, cwd: Path = ROOT, **env
) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("SITEURL", "CNAME", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    }
    if siteurl is not None:
        environment["SITEURL"] = siteurl
    environment.update(env)
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(cwd), target, *variables],
        env=environment,
        capture_output=True,
        text=True,
    )


def publish(output: Path, content: Path = FIXTURE, *variables: str, **kwargs):
    return make("publish", f"OUTPUTDIR={output}", f"INPUTDIR={content}", *variables, **kwargs)


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, with the sha256 of each file's bytes."""
    out = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        out[key] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return out


def copy_content(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    return content


def add_post(content: Path, name: str, body: str, title: str = "A later post") -> None:
    (content / "posts" / name).write_text(
        f"---\ntitle: {title}\ndate: 2011-07-11\ncategory: cpd23\n---\n{body}\n", encoding="utf-8"
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("published") / "output"
    result = publish(output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


# -- make publish and its gate ----------------------------------------------------------


def test_publish_without_siteurl_fails_clearly_and_builds_nothing(tmp_path):
    output = tmp_path / "output"
    result = publish(output, siteurl=None)
    assert result.returncode != 0
    assert "SITEURL is not set" in result.stderr
    assert "reflective publish --siteurl https://me.example.org" in result.stderr
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []


def test_publish_rejects_a_siteurl_that_is_not_an_address(tmp_path):
    result = publish(tmp_path / "output", siteurl="me.example.org")
    assert result.returncode != 0
    assert "SITEURL must be an http(s) address" in result.stderr
    assert "'me.example.org'" in result.stderr


def test_published_site_holds_no_private_action_and_no_draft_anywhere(published):
    files = [path for path in published.rglob("*") if path.is_file()]
    assert len(files) > 15
    for path in files:
        data = path.read_bytes()
        for word in SECRET_WORDS:
            assert word.encode() not in data, f"{word} leaked into {path}"
    assert not (published / "drafts").exists()
    # The same build does publish the public actions, absolutely addressed, with feeds.
    progress = (published / "progress.json").read_text(encoding="utf-8")
    assert "Follow five other programme blogs" in progress
    post = (published / "posts/2011/thing-1-starting-out/index.html").read_text("utf-8")
    assert "Publish one post a week about the programme" in post
    assert f'href="{SITEURL}/about/"' in post
    assert f'src="{SITEURL}/images/diagram.png"' in post
    assert (published / "feeds/all.atom.xml").is_file()
    assert (published / "tags/core/index.html").is_file()


def test_a_broken_internal_link_fails_the_publish_naming_page_and_link(tmp_path, published):
    output = tmp_path / "output"
    shutil.copytree(published, output)
    before = snapshot(output)
    content = copy_content(tmp_path)
    add_post(
        content,
        "2011-07-11-later.md",
        "My [old notes](../no-such-post/) and [the plan](/posts/2011/thing-1-starting-out/#no-such-heading).",
    )
    result = publish(output, content)
    assert result.returncode != 0
    page = "posts/2011/a-later-post/index.html"
    assert f"{page}:" in result.stderr
    assert (
        "broken link '../no-such-post/': the output has no posts/2011/no-such-post/index.html"
        in result.stderr
    )
    assert (
        "broken link '/posts/2011/thing-1-starting-out/#no-such-heading': "
        "posts/2011/thing-1-starting-out/index.html has no element with id "
        "'no-such-heading'"
    ) in result.stderr
    assert "was left as it was" in result.stderr
    # Byte for byte as before, and no half-built folder left beside it.
    assert snapshot(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_the_gate_stops_a_build_that_would_show_private_actions_or_drafts(tmp_path, published):
    """Settings that leak (as a careless edit of publishconf.py would) fail the publish."""
    output = tmp_path / "output"
    shutil.copytree(published, output)
    before = snapshot(output)
    leaky = (
        "PELICANOPTS=-e REFLECTIVE_SHOW_PRIVATE=true "
        "DRAFT_SAVE_AS='\"drafts/{slug}.html\"' "
        "DRAFT_PAGE_SAVE_AS='\"drafts/pages/{slug}.html\"'"
    )
    result = publish(output, FIXTURE, leaky)
    assert result.returncode != 0, result.stdout
    err = result.stderr
    assert (
        "posts/2011/thing-1-starting-out/index.html: holds the private action "
        "'bursary-ask' of posts/2011-06-20-thing-1-starting.md: "
        "'Ask Dr Quillfeather about the travel bursary deadline'"
    ) in err
    assert "progress.json: holds the private action 'bursary-ask'" in err
    assert "actions.ics: holds the private action 'bursary-ask'" in err
    assert "an update of the private action 'bursary-ask' in posts/2011-06-27-thing-2" in err
    assert (
        "drafts/thing-3-notes-on-the-zebra-striped-cabinet.html: a draft page is in the output"
    ) in err
    assert "holds the title of the draft posts/2011-07-04-thing-3-draft.md" in err
    assert "drafts/pages/my-unannounced-plans.html: holds text of the draft pages/plans.md" in err
    assert snapshot(output) == before


def test_a_project_site_siteurl_with_a_path_is_checked_under_that_path(tmp_path):
    output = tmp_path / "output"
    result = publish(output, siteurl="https://me.github.io/cpd23-blog/")
    assert result.returncode == 0, result.stderr
    post = (output / "posts/2011/thing-1-starting-out/index.html").read_text("utf-8")
    assert 'href="https://me.github.io/cpd23-blog/about/"' in post


# -- make github ------------------------------------------------------------------------


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_ENV},
        check=True,
    )
    return result.stdout


def site_project(tmp_path: Path) -> Path:
    """A user's site: the kit's files in a git repository of its own."""
    site = tmp_path / "site"
    listed = git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file() and not name.startswith("content/"):
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, site / name)  # keeps mtimes: .venv stays up to date
    shutil.copytree(FIXTURE, site / "content")
    git("init", "--quiet", "--initial-branch=main", cwd=site)
    git("add", "-A", cwd=site)
    git("commit", "--quiet", "-m", "My site", cwd=site)
    return site


def branch_files(bare: Path, branch: str) -> dict[str, str]:
    """path -> blob id of every file on `branch` of the bare repository."""
    out = {}
    for line in git("ls-tree", "-r", branch, cwd=bare).splitlines():
        meta, path = line.split("\t", 1)
        out[path] = meta.split()[2]
    return out


def blob_ids(folder: Path) -> dict[str, str]:
    paths = sorted(p for p in folder.rglob("*") if p.is_file())
    ids = subprocess.run(
        ["git", "hash-object", "--stdin-paths"],
        capture_output=True,
        text=True,
        check=True,
        input="\n".join(str(p) for p in paths),
    ).stdout.split()
    return {p.relative_to(folder).as_posix(): i for p, i in zip(paths, ids, strict=True)}


def test_make_github_pushes_exactly_the_site_and_republishing_updates_it(tmp_path):
    site = site_project(tmp_path)
    bare = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(bare), cwd=tmp_path)
    git("remote", "add", "origin", str(bare), cwd=site)
    venv = f"VENV={ROOT / '.venv'}"

    result = make("github", venv, "CNAME=reflect.example.org", siteurl=None, cwd=site, **GIT_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    output = site / "output"
    expected = blob_ids(output)
    on_branch = branch_files(bare, "gh-pages")
    assert set(on_branch) == set(expected) | {".nojekyll", "CNAME"}
    assert all(on_branch[path] == blob for path, blob in expected.items())
    assert git("show", "gh-pages:CNAME", cwd=bare).strip() == "reflect.example.org"
    assert git("show", "gh-pages:.nojekyll", cwd=bare) == ""
    # SITEURL came from CNAME; the project's own branch is untouched.
    post = output / "posts/2011/thing-1-starting-out/index.html"
    assert "https://reflect.example.org/about/" in post.read_text("utf-8")
    assert git("branch", "--list", "main", cwd=bare) == ""  # only gh-pages was pushed
    first = git("rev-parse", "gh-pages", cwd=bare).strip()

    # The same content again: the same bytes, so no new commit is pushed.
    result = make("github", venv, "CNAME=reflect.example.org", siteurl=None, cwd=site, **GIT_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "nothing to push" in result.stdout
    assert git("rev-parse", "gh-pages", cwd=bare).strip() == first

    # Republish after removing a post and adding one.
    (site / "content/posts/2011-06-27-thing-2-updates.md").unlink()
    add_post(site / "content", "2011-07-11-later.md", "A post written later.")
    result = make("github", venv, siteurl="https://me.github.io/blog", cwd=site, **GIT_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    expected = blob_ids(output)
    on_branch = branch_files(bare, "gh-pages")
    assert set(on_branch) == set(expected) | {".nojekyll"}
    assert all(on_branch[path] == blob for path, blob in expected.items())
    assert "posts/2011/a-later-post/index.html" in on_branch
    assert "posts/2011/thing-2-reading-other-blogs/index.html" not in on_branch
    assert git("rev-parse", "gh-pages^", cwd=bare).strip() == first  # history kept

    # A publish that fails pushes nothing: the live branch stays as it was.
    second = git("rev-parse", "gh-pages", cwd=bare).strip()
    add_post(site / "content", "2011-07-12-broken.md", "A [dead link](../gone/).", title="Broken")
    result = make("github", venv, siteurl="https://me.github.io/blog", cwd=site, **GIT_ENV)
    assert result.returncode != 0
    assert "broken link '../gone/'" in result.stderr
    assert git("rev-parse", "gh-pages", cwd=bare).strip() == second


def test_make_github_without_the_remote_says_how_to_add_it(tmp_path):
    site = site_project(tmp_path)
    result = make("github", f"VENV={ROOT / '.venv'}", cwd=site, **GIT_ENV)
    assert result.returncode != 0
    assert not (site / "output").exists()  # said before building anything
    assert "there is no git remote 'origin'; add it with git remote add origin URL" in result.stderr


# -- make rsync_upload ------------------------------------------------------------------


def _rsync_or_skip() -> None:
    """As the browser tests: skipped without rsync (the reason in one line), failed under CI."""
    if shutil.which("rsync"):
        return
    line = "rsync is missing (install it with: sudo apt-get install rsync)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI: {line}; make test installs it when run as root")
    pytest.skip(line)


def path_without(tmp_path: Path, *programs: str) -> str:
    """A PATH that finds what this machine's PATH finds, except `programs`."""
    folder = tmp_path / "limited-bin"
    folder.mkdir(exist_ok=True)
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for entry in os.listdir(directory):
            target = folder / entry
            if entry in programs or target.exists() or target.is_symlink():
                continue
            target.symlink_to(Path(directory) / entry)
    return str(folder)


def test_make_rsync_upload_without_rsync_says_so_in_one_line_and_builds_nothing(tmp_path):
    output = tmp_path / "output"
    result = make(
        "rsync_upload",
        f"OUTPUTDIR={output}",
        f"INPUTDIR={FIXTURE}",
        f"RSYNC_DEST={tmp_path / 'www'}/",
        PATH=path_without(tmp_path, "rsync"),
    )
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if not line.startswith("make: ***")]
    assert ours == [
        "reflective: error: deploy rsync: rsync is not installed; install it (Debian/Ubuntu: "
        "sudo apt-get install rsync, macOS: brew install rsync; on Windows it comes with WSL "
        "or Cygwin), or publish with reflective deploy github or reflective deploy netlify"
    ]
    assert not output.exists()  # said before building anything


def test_make_rsync_upload_to_a_local_folder_mirrors_the_output(tmp_path):
    _rsync_or_skip()
    output = tmp_path / "output"
    destination = tmp_path / "www"
    destination.mkdir()
    (destination / "stale.html").write_text("left over from an old site")
    content = copy_content(tmp_path)
    result = make(
        "rsync_upload", f"OUTPUTDIR={output}", f"INPUTDIR={content}", f"RSYNC_DEST={destination}/"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(destination) == snapshot(output)
    assert (destination / "tags/core/index.html").is_file()

    (content / "posts/2011-06-27-thing-2-updates.md").unlink()
    result = make(
        "rsync_upload", f"OUTPUTDIR={output}", f"INPUTDIR={content}", f"RSYNC_DEST={destination}/"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert snapshot(destination) == snapshot(output)
    assert not (destination / "posts/2011/thing-2-reading-other-blogs").exists()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-v"]))


# -- the hosted routes: their files run the same make publish ---------------------------


def test_the_pages_workflow_and_netlify_toml_run_make_publish_into_output(tmp_path):
    """Run each file's build command as written, in a copy of the kit, and check that the
    folder each deploys is the one the Makefile writes."""
    import tomllib

    import yaml

    dry_run = make("publish", "-n", siteurl="https://x.example.org").stdout
    output_dir = Path(dry_run.split('--output "', 1)[1].split('"', 1)[0])
    deployed = output_dir.relative_to(ROOT).as_posix()
    assert deployed == "output"

    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    build = next(step for step in steps if "make" in step.get("run", ""))
    assert build["run"] == "make publish"
    assert build["env"] == {"SITEURL": "${{ steps.pages.outputs.base_url }}"}
    assert any(
        s.get("id") == "pages" and s["uses"].startswith("actions/configure-pages@") for s in steps
    )
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-"))
    assert upload["with"]["path"] == deployed
    assert workflow["jobs"]["deploy"]["needs"] == "build"

    netlify = tomllib.loads((ROOT / "netlify.toml").read_text())
    assert netlify["build"]["publish"] == deployed
    assert "context" not in netlify  # one command: it reads Netlify's variables itself
    command = netlify["build"]["command"].split()
    site = site_project(tmp_path)
    # The workflow's step is `make publish` with SITEURL, as every test above runs it;
    # Netlify's command is run as written, with the variables Netlify sets in a build.
    preview = "https://deploy-preview-3--a.netlify.app"
    for env, siteurl in [
        ({"CONTEXT": "production", "URL": "https://a.netlify.app"}, "https://a.netlify.app"),
        (
            {"CONTEXT": "production", "URL": "https://a.netlify.app", "SITEURL": SITEURL},
            SITEURL,
        ),
        (
            {"CONTEXT": "deploy-preview", "SITEURL": SITEURL, "DEPLOY_PRIME_URL": preview},
            preview,
        ),
    ]:
        shutil.rmtree(site / deployed, ignore_errors=True)
        environment = {
            k: v
            for k, v in os.environ.items()
            if k not in ("SITEURL", "URL", "DEPLOY_PRIME_URL", "MAKEFLAGS")
        }
        environment.update(env, NETLIFY="true", VENV=str(ROOT / ".venv"))
        result = subprocess.run(command, cwd=site, env=environment, capture_output=True, text=True)
        assert result.returncode == 0, str(env) + result.stdout + result.stderr
        post = site / deployed / "posts/2011/thing-1-starting-out/index.html"
        assert f'href="{siteurl}/about/"' in post.read_text("utf-8"), env
