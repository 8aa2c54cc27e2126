"""Search through real builds of the sample site: `make publish` (strict, gated) and the
preview settings. The index is decoded (Pagefind's gzip'd fragments) to see what a
visitor can find; a missing or failing Pagefind binary fails a strict build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reflective.search import core

ROOT = Path(__file__).resolve().parents[2]
SITEURL = "https://me.example.org/blog"
POSTS = 7  # published posts of the sample site, plus its one page (about/)
# Words found only in a private action (and its note) or in the draft, nowhere public.
PRIVATE_WORDS = ["Helen", "hunting", "regrading", "departments"]
DRAFT_WORDS = ["mechanical", "Shortlist", "buddy", "trainee"]


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}
    env.update(COLUMNS="200", TERM="dumb", NO_COLOR="1", **extra)
    return env


def pelican(output: Path, settings: str, *options: str, siteurl: str = SITEURL):
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", str(output), "-s", settings]
        + ["--log-handler", "plain", *options],
        cwd=ROOT,
        env=_env(SITEURL=siteurl),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("search") / "output"
    result = subprocess.run(
        ["make", "--no-print-directory", "publish", f"OUTPUTDIR={output}"],
        cwd=ROOT,
        env=_env(SITEURL=SITEURL),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def preview(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("preview") / "output"
    result = pelican(output, "pelicanconf.py", siteurl="")
    assert result.returncode == 0, result.stderr
    return output


def _indexed_text(fragment: dict) -> str:
    values = [fragment["content"], *fragment["meta"].values()]
    values += [v for vs in fragment["filters"].values() for v in vs]
    return " ".join(values).lower()


def test_the_published_index_has_every_post_and_page_with_title_and_filters(published):
    fragments = {f["url"]: f for f in core.read_fragments(str(published / "pagefind"))}
    assert len(fragments) == POSTS + 1
    assert "/about/" in fragments  # the UI puts base-url (/blog/) before them
    post = fragments["/posts/2011/things-8-and-9-a-calendar-and-a-shoebox/"]
    assert post["meta"]["title"] == "Things 8 and 9: A calendar and a shoebox"
    assert post["filters"]["thing"] == ["Thing 8: Google Calendar", "Thing 9: Evernote"]
    assert post["filters"]["year"] == ["2011"]
    assert "evernote" in post["filters"]["tag"]
    # The body, the action items and their history are on the post's entry; the date
    # line and the site's navigation are not.
    assert "shoebox" in post["content"] and "Action items" in post["content"]
    assert "by Ruth Ashdown" not in post["content"] and "Archives" not in post["content"]
    # An action's history names the posts that updated it; their titles are not
    # indexed on this post ("shoebox" is in the title of Things 8 and 9 only).
    assert "shoebox" not in fragments["/posts/2011/thing-4-taming-the-feeds/"]["content"]
    assert "Dropped" in fragments["/posts/2011/thing-4-taming-the-feeds/"]["content"]
    # Comments (content/comments/<post>/) are inside the post's article: on its entry.
    thing_6 = fragments["/posts/2011/thing-6-networks-for-people-whod-rather-type/"]
    assert "handshake" in thing_6["content"] and "Conversation" in thing_6["content"]
    bonus = fragments["/posts/2011/notes-from-the-northern-academic-libraries-day/"]
    assert "thing" not in bonus["filters"]


@pytest.mark.parametrize("build", ["published", "preview"])
def test_no_private_action_or_draft_is_in_the_index(build, request):
    output = request.getfixturevalue(build)
    fragments = core.read_fragments(str(output / "pagefind"))
    assert fragments and not [f["url"] for f in fragments if "drafts/" in f["url"]]
    text = " ".join(_indexed_text(f) for f in fragments)
    for word in PRIVATE_WORDS + DRAFT_WORDS:
        assert not re.search(rf"\b{word.lower()}\b", text), word
    # The preview shows them (marked), so the test would see them were they indexed.
    if build == "preview":
        shown = output / "posts/2011/thing-6-networks-for-people-whod-rather-type/index.html"
        assert "Helen" in shown.read_text()
        assert (
            "mechanical"
            in (output / "drafts/thing-11-looking-for-a-mentor-draft/index.html").read_text()
        )


def test_only_the_search_page_loads_search_code_and_every_other_page_has_the_form(published):
    search = (published / "search" / "index.html").read_text()
    assert 'const bundle = "/blog/pagefind/";' in search  # loaded once the page has painted
    assert 'base-url="/blog/"' in search and "<noscript>" in search
    assert '<form action="/blog/search/"' not in search  # no header form on the page itself
    for page in published.rglob("*.html"):
        if page.parent.name == "search" or page.name == "404.html":
            continue
        text = page.read_text()
        assert "<script" not in text and "/pagefind/" not in text, page
        form = re.search(r'<form action="([^"]+)" role="search">', text)
        assert form and form.group(1) == "/blog/search/", page
        assert 'name="q"' in text, page


def test_the_bundle_holds_no_page_of_its_own(published):
    assert not list((published / "pagefind").rglob("*.html"))
    assert not [p for p in published.iterdir() if p.name.startswith(".pagefind")]


def test_a_strict_build_without_the_binary_fails_in_one_line(tmp_path):
    output = tmp_path / "output"
    result = pelican(output, "publishconf.py", "-e", 'REFLECTIVE_PAGEFIND="/nowhere/pagefind"')
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if "pagefind" in line.lower()]
    assert len(lines) == 1, result.stderr
    assert "REFLECTIVE_PAGEFIND = '/nowhere/pagefind' was not found" in lines[0]
    assert "pip install 'pagefind[bin]'" in lines[0]
    # Found by the search capability's check, before anything is written (as `reflective
    # check` finds it: tests/test_check_agrees.py).
    assert lines[0].startswith("settings: REFLECTIVE_PAGEFIND: ")
    assert not output.exists() or not any(output.iterdir())


def test_make_publish_with_a_failing_binary_publishes_nothing(tmp_path):
    output = tmp_path / "output"
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: could not read the site' >&2\nexit 2\n")
    broken.chmod(0o755)
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "publish",
            f"OUTPUTDIR={output}",
            f"PELICANOPTS=-e REFLECTIVE_PAGEFIND='\"{broken}\"'",
        ],
        cwd=ROOT,
        env=_env(SITEURL=SITEURL),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0
    assert (
        "Pagefind failed" in result.stderr
        and "(exit 2): Error: could not read the site" in result.stderr
    )
    assert "the build failed" in result.stderr
    assert not output.exists()


def test_a_lenient_build_reports_and_builds_the_rest(tmp_path):
    output = tmp_path / "output"
    result = pelican(
        output, "pelicanconf.py", "-e", 'REFLECTIVE_PAGEFIND="/nowhere/pagefind"', siteurl=""
    )
    assert result.returncode == 0, result.stderr
    # said once (by the check, with the content's problems), not again when indexing
    assert (result.stderr + result.stdout).count("was not found or is not executable") == 1
    assert (output / "index.html").exists() and (output / "search" / "index.html").exists()
    assert not (output / "pagefind").exists()


def test_a_relative_binary_is_found_from_the_settings_files_folder(tmp_path):
    """REFLECTIVE_PAGEFIND = "tools/pagefind" is the same file whatever the working
    folder: the build runs it (Pagefind itself runs inside the output folder) and
    `reflective check` finds it, both started from elsewhere with -s."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "hello.md").write_text(
        "---\ntitle: Hello\ndate: 2011-06-20\nthing: 1\n---\nA word: marmalade.\n"
    )
    (site / "tools").mkdir()
    (site / "tools" / "pagefind").symlink_to(core.find_binary())
    (site / "conf.py").write_text(
        f'PATH = "content"\nPLUGIN_PATHS = [{str(ROOT / "plugins")!r}]\n'
        'PLUGINS = ["reflective"]\nTIMEZONE = "UTC"\nREFLECTIVE_STRICT = True\n'
        'REFLECTIVE_TODAY = "2011-10-01"\nREFLECTIVE_PAGEFIND = "tools/pagefind"\n'
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    output = tmp_path / "output"

    def run(*command):  # started from another folder than the settings file's
        return subprocess.run(
            list(command), cwd=elsewhere, env=_env(), capture_output=True, text=True, timeout=300
        )

    conf = str(site / "conf.py")
    pelican_command = [sys.executable, "-m", "pelican", str(site / "content"), "-o", str(output)]
    built = run(*pelican_command, "-s", conf, "--log-handler", "plain")
    assert built.returncode == 0, built.stdout + built.stderr
    assert "marmalade" in _indexed_text(core.read_fragments(str(output / "pagefind"))[0])
    checked = run(str(Path(sys.executable).parent / "reflective"), "check", "-s", conf)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout == ""


def test_search_can_be_turned_off(tmp_path):
    output = tmp_path / "output"
    result = pelican(output, "pelicanconf.py", "-e", "REFLECTIVE_SEARCH=false", siteurl="")
    assert result.returncode == 0, result.stderr
    assert not (output / "pagefind").exists() and not (output / "search").exists()
    assert 'role="search"' not in (output / "index.html").read_text()
