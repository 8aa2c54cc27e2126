"""Thing pages turned off (`REFLECTIVE_THING_SAVE_AS = ""`, docs/settings.md).

The sample site, built with the repo's settings (its cohort included) and the Thing
pages off: no page links to a Thing page that is not there. A Thing's badge, menu entry
and the cohort's Thing links lead to the Thing's entry on the progress page, which then
lists every post of the Thing. With the progress page off too, the build says the Thing
links lead nowhere.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reflective.core.gate import find_broken_links

REPO = Path(__file__).resolve().parent.parent


def build_sample(output: Path, *overrides: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pelican", "content", "-o", str(output)]
    command += ["-s", "pelicanconf.py", "--log-handler", "plain"]
    command += ["-e", *overrides]  # one -e: a second would replace the first
    env = dict(os.environ, COLUMNS="200", TERM="dumb", NO_COLOR="1")
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("things-off") / "output"
    build_sample(output, 'REFLECTIVE_THING_SAVE_AS=""')
    return output


def test_no_thing_pages_and_no_link_to_one(site):
    assert not (site / "things").exists()
    assert find_broken_links(str(site), "") == []
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html")]
    assert not any(re.search(r'href="[^"]*things/\d+/"', html) for html in pages)


def test_thing_links_lead_to_the_things_entry_on_the_progress_page(site):
    progress = (site / "progress" / "index.html").read_text(encoding="utf-8")
    anchors = set(re.findall(r'<li id="thing-(\d+)"', progress))
    assert len(anchors) >= 23  # every Thing of the programme has its entry
    linked = set()
    for html in (p.read_text(encoding="utf-8") for p in site.rglob("*.html")):
        linked |= set(re.findall(r'href="[^"]*progress/#thing-(\d+)"', html))
    assert linked and linked <= anchors  # badges, the Things menu, the cohort
    assert "more on the page of Thing" not in progress  # every post of a Thing is listed
    first_thing = re.search(r"<li id=\"thing-1\"[^>]*>(.*?)</li>", progress, re.S).group(1)
    assert re.search(r"href=\"[^\"]*posts/[^\"]+\"", first_thing)  # its post, from here


def test_with_the_progress_page_off_too_the_build_says_so(tmp_path):
    result = build_sample(
        tmp_path / "output", 'REFLECTIVE_THING_SAVE_AS=""', 'REFLECTIVE_PROGRESS_SAVE_AS=""'
    )
    assert (
        "REFLECTIVE_THING_SAVE_AS and REFLECTIVE_PROGRESS_SAVE_AS are both off"
        in result.stdout + result.stderr
    )
