"""`reflective build` and `reflective publish`, the real command in a subprocess, on a
site as a user has it (the theme by name, the plugin installed): where they read and
write, the address, Pelican's options, and the one-line errors."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from fixtures_cli.support import BIN, run

from .support import SITEURL, snapshot, user_site

NO_ADDRESS = {"SITEURL": "", "NETLIFY": "", "URL": "", "DEPLOY_PRIME_URL": "", "CONTEXT": ""}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site = user_site(tmp_path_factory.mktemp("built"))
    result = run("build", cwd=site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_build_writes_the_site_with_the_preview_settings_into_output(built):
    output = built / "output"
    index = (output / "index.html").read_text("utf-8")
    assert 'href="./theme/css/main.css"' in index  # the kit's theme, named by the package
    assert (output / "theme" / "css" / "main.css").is_file()
    assert (output / "progress" / "index.html").is_file()
    assert (output / "drafts").is_dir()  # the preview writes drafts; publishing never does
    assert not (built / "output.tmp").exists()


def test_build_takes_an_output_folder_pelicans_options_and_runs_from_any_folder(tmp_path):
    site = user_site(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(
        "build",
        "--settings",
        str(site / "pelicanconf.py"),
        "--output",
        "out",
        "--",
        "-e",
        'SITENAME="Another name"',
        cwd=elsewhere,
    )
    assert result.returncode == 0, result.stderr
    assert "Another name" in (elsewhere / "out" / "index.html").read_text("utf-8")
    assert not (site / "output").exists()
    # Without --output: OUTPUT_PATH, from the settings file's folder, not the current one.
    result = run("build", "--settings", str(site / "pelicanconf.py"), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    assert (site / "output" / "index.html").is_file()


def test_build_and_publish_errors_are_one_line_naming_the_file_and_the_fix(tmp_path):
    result = run("build", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"reflective: error: there is no settings file pelicanconf.py in {tmp_path}; run "
        "reflective in your site's folder (where pelicanconf.py is), or pass --settings FILE"
    ]
    site = user_site(tmp_path)
    (site / "pelicanconf.py").write_text("SITENAME = 'x'\nPATH = 'content'\n1/0\n")
    result = run("build", cwd=site)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "reflective: error: cannot read the settings file pelicanconf.py: "
        "ZeroDivisionError: division by zero; fix it, or pass another with --settings"
    ]
    result = run("publish", "--path", "nowhere", cwd=site, env={"SITEURL": SITEURL})
    assert result.stderr.splitlines() == [
        "reflective: error: the content folder nowhere (--path) does not exist"
    ]


def test_publish_without_an_address_builds_nothing_and_says_how_to_give_it(tmp_path):
    site = user_site(tmp_path)
    result = run("publish", cwd=site, env=NO_ADDRESS)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert "reflective: error: SITEURL is not set." in result.stderr
    assert "reflective publish --siteurl https://me.example.org" in result.stderr
    assert sorted(p.name for p in site.iterdir()) == ["content", "pelicanconf.py", "publishconf.py"]


@pytest.mark.parametrize(
    ("args", "env", "address"),
    [
        (
            ["--siteurl", "https://given.example.org/"],
            {"SITEURL": SITEURL},
            "https://given.example.org",
        ),
        ([], {"SITEURL": "https://me.github.io/blog"}, "https://me.github.io/blog"),
        (
            [],
            {**NO_ADDRESS, "NETLIFY": "true", "URL": "https://b.netlify.app"},
            "https://b.netlify.app",
        ),
    ],
)
def test_publish_takes_the_address_from_the_option_the_environment_or_netlify(
    tmp_path, args, env, address
):
    site = user_site(tmp_path)
    result = run("publish", *args, cwd=site, env=env)
    assert result.returncode == 0, result.stderr
    assert f"output now holds the new build for {address}." in result.stdout
    post = (site / "output/posts/2011/thing-1-starting-out/index.html").read_text("utf-8")
    assert f'href="{address}/about/"' in post
    assert (site / "output" / "feeds" / "all.atom.xml").is_file()
    assert not (site / "output" / "drafts").exists()
    assert sorted(p.name for p in site.iterdir()) == [
        "content",
        "output",
        "pelicanconf.py",
        "publishconf.py",
    ]


def test_publish_from_another_folder_and_a_failed_one_leaves_the_output_as_it_was(tmp_path):
    site = user_site(tmp_path)
    # publishconf.py imports pelicanconf from its own folder, wherever the command runs.
    result = run(
        "publish",
        "--settings",
        str(site / "publishconf.py"),
        cwd=tmp_path,
        env={"SITEURL": SITEURL},
    )
    assert result.returncode == 0, result.stderr
    before = snapshot(site / "output")
    (site / "content" / "posts" / "2011-07-12-broken.md").write_text(
        "---\ntitle: Broken\ndate: 2011-07-12\n---\nA [dead link](../gone/).\n", encoding="utf-8"
    )
    result = run("publish", cwd=site, env={"SITEURL": SITEURL})
    assert result.returncode == 1
    assert "broken link '../gone/'" in result.stderr
    assert "publish: nothing was published; output was left as it was." in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site / "output") == before
    # A build that fails (a strict build's problem) keeps it too, with Pelican's code.
    (site / "content" / "posts" / "2011-07-12-broken.md").write_text(
        "---\ntitle: Broken\ndate: 2011-07-32\n---\nText.\n", encoding="utf-8"
    )
    result = run("publish", cwd=site, env={"SITEURL": SITEURL})
    assert result.returncode == 1
    assert "publish: the build failed; output was left as it was." in result.stderr
    assert snapshot(site / "output") == before
    assert sorted(p.name for p in site.iterdir()) == [
        "content",
        "output",
        "pelicanconf.py",
        "publishconf.py",
    ]


@pytest.mark.skipif(os.name == "nt", reason="Ctrl-C is sent as SIGINT here")
def test_ctrl_c_during_a_publish_leaves_the_output_and_no_fresh_folder(tmp_path):
    site = user_site(tmp_path)
    assert run("publish", cwd=site, env={"SITEURL": SITEURL}).returncode == 0
    before = snapshot(site / "output")
    env = {k: v for k, v in os.environ.items() if k != "REFLECTIVE_DEBUG"}
    process = subprocess.Popen(
        [str(BIN / "reflective"), "publish", "--siteurl", SITEURL],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # its own group: Ctrl-C reaches it and Pelican, as in a terminal
    )
    deadline = time.monotonic() + 60
    while not list(site.glob("output.tmp.*")) and process.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "reflective: interrupted" in err
    assert snapshot(site / "output") == before
    assert sorted(p.name for p in site.iterdir()) == [
        "content",
        "output",
        "pelicanconf.py",
        "publishconf.py",
    ]
