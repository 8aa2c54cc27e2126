"""`reflective init` as an author runs it: the real command in a subprocess.

The site it makes is checked and built by the real `reflective check` and Pelican, with
both its settings files; the questions are answered through a real terminal (a pty).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest
from fixtures_cli.support import BIN, _env, build, run

NAMED = ("--name", "Field notes", "--author", "Ann Other")


def tree_hash(folder) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_yes_makes_a_site_that_checks_and_builds_for_preview_and_publishing(tmp_path):
    made = run("init", "blog", "--yes", *NAMED, "--host", "github", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    site = tmp_path / "blog"
    assert "made a new blog in blog" in made.stdout and "cd blog" in made.stdout
    assert (site / ".github" / "workflows" / "pages.yml").is_file()
    [post] = (site / "content" / "posts").iterdir()
    assert post.name.endswith("-thing-1-blogging.md")
    checked = run("check", cwd=site)
    assert checked.returncode == 0, checked.stderr
    preview = build(site, tmp_path / "out")
    assert preview.returncode == 0, preview.stderr
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Field notes" in index and "Thing 1: Blogging" in index
    about = (tmp_path / "out" / "about" / "index.html").read_text(encoding="utf-8")
    assert "I'm Ann Other." in about
    published = build(
        site, tmp_path / "pub", "publishconf.py", env={"SITEURL": "https://ann.example.org/"}
    )
    assert published.returncode == 0, published.stderr
    feed = (tmp_path / "pub" / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert "https://ann.example.org/posts/" in feed
    new = run("new", "--thing", "2", cwd=site)
    assert new.returncode == 0, new.stderr
    assert new.stdout.strip().endswith("-thing-2-investigate-other-blogs.md")


def test_a_second_init_refuses_and_changes_nothing(tmp_path):
    assert run("init", "blog", "--yes", *NAMED, cwd=tmp_path).returncode == 0
    site = tmp_path / "blog"
    before = tree_hash(site)
    again = run("init", "blog", "--yes", "--name", "Other", cwd=tmp_path)
    assert again.returncode == 1
    assert "already holds files" in again.stderr and "nothing was written" in again.stderr
    assert tree_hash(site) == before
    (tmp_path / "here").mkdir()
    (tmp_path / "here" / "notes.txt").write_text("mine", encoding="utf-8")
    assert run("init", "--yes", cwd=tmp_path / "here").returncode == 1
    assert os.listdir(tmp_path / "here") == ["notes.txt"]


def test_without_a_terminal_it_asks_for_flags_or_yes(tmp_path):
    refused = run("init", "blog", "--name", "Mine", cwd=tmp_path)
    assert refused.returncode == 2
    assert "--author, --programme, --siteurl, --host, or take the defaults with --yes" in (
        refused.stderr
    )
    assert not (tmp_path / "blog").exists()
    every = run(
        "init",
        "blog",
        *NAMED,
        "--programme",
        "cpd23",
        "--siteurl",
        "https://ann.example.org",
        "--host",
        "netlify",
        cwd=tmp_path,
    )
    assert every.returncode == 0, every.stderr
    assert (tmp_path / "blog" / "netlify.toml").is_file()


def test_a_bad_answer_on_the_command_line_writes_nothing(tmp_path):
    bad = run("init", "blog", "--yes", "--siteurl", "ann.example.org", cwd=tmp_path)
    assert bad.returncode == 2 and "--siteurl 'ann.example.org' is not a web address" in bad.stderr
    missing = run("init", "blog", "--programme", "nope.yaml", cwd=tmp_path)
    assert missing.returncode == 2  # before the questions (and the missing terminal)
    assert "--programme:" in missing.stderr and "neither a bundled programme" in missing.stderr
    assert not (tmp_path / "blog").exists()


def test_a_programme_file_travels_with_the_site(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        "name: Our Things\nthings:\n  - {number: 3, title: Read widely}\n"
        "  - {number: 4, title: Write often}\n",
        encoding="utf-8",
    )
    made = run("init", "blog", "--yes", *NAMED, "--programme", "mine.yaml", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    site = tmp_path / "blog"
    assert (site / "programme.yaml").read_text(encoding="utf-8").startswith("name: Our Things")
    assert [p.name[11:] for p in (site / "content" / "posts").iterdir()] == [
        "thing-3-read-widely.md"
    ]
    (tmp_path / "mine.yaml").unlink()  # the site no longer needs it
    assert run("check", cwd=site).returncode == 0


@pytest.mark.skipif(sys.platform == "win32", reason="a pty is POSIX; the questions are not")
def test_the_questions_on_a_terminal_ask_again_until_an_answer_is_good(tmp_path):
    import pty

    leader, follower = pty.openpty()
    replies = ["Field notes", "Ann Other", "nope.yaml", "", "not an address",
               "https://ann.example.org", "2"]  # fmt: skip
    process = subprocess.Popen(
        [str(BIN / "reflective"), "init", "blog"],
        cwd=tmp_path,
        stdin=follower,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        text=True,
    )
    os.close(follower)
    os.write(leader, "".join(f"{reply}\n" for reply in replies).encode())
    out, err = process.communicate(timeout=60)
    os.close(leader)
    assert process.returncode == 0, err
    assert "The programme (cpd23, or a programme file) [cpd23]: " in out
    assert "2. netlify: Netlify" in out
    assert "neither a bundled programme" in err and "is not a web address" in err
    conf = (tmp_path / "blog" / "pelicanconf.py").read_text(encoding="utf-8")
    assert 'SITENAME = "Field notes"' in conf and 'AUTHOR = "Ann Other"' in conf
    netlify = (tmp_path / "blog" / "netlify.toml").read_text(encoding="utf-8")
    assert 'SITEURL = "https://ann.example.org"' in netlify


def _scripted(*replies):
    queue = list(replies)
    prompts = []

    def read(prompt):
        prompts.append(prompt)
        if not queue:
            raise EOFError
        return queue.pop(0)

    return read, prompts


def test_the_questions_in_process_defaults_numbers_and_end_of_input():
    import argparse

    from reflective.cli.base import CLIError
    from reflective.init import cli as init_cli

    def args(**given):
        names = ("name", "author", "programme", "siteurl", "host")
        return argparse.Namespace(yes=False, **{n: given.get(n) for n in names})

    read, prompts = _scripted("", "", "", "3")
    answers = init_cli.answers_from(args(author="Ann"), read)
    assert answers.name == init_cli.DEFAULT_NAME and answers.author == "Ann"
    assert answers.programme == "cpd23" and answers.siteurl == "" and answers.host == "rsync"
    assert len(prompts) == 4  # the author was given: not asked
    read, _ = _scripted("Mine")
    with pytest.raises(CLIError, match="end of input"):
        init_cli.answers_from(args(author="Ann"), read)
    with pytest.raises(CLIError, match="--siteurl 'x' is not a web address") as error:
        init_cli.answers_from(args(siteurl="x"), _scripted()[0])
    assert error.value.code == 2
