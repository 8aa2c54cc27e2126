"""Shared fixtures (used from conftest.py) for the theme tests: a published build of the sample site, served.

Owns building the sample site once per test session with publishconf.py (the real
Pelican CLI in a subprocess) into a temporary folder, with SITEURL pointing at a local
http.server on 127.0.0.1 and a free port, and launching Debian's chromium through
Playwright. Without chromium the browser tests are skipped, except under CI=true,
where a missing browser fails them.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("REFLECTIVE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@dataclass
class Site:
    output: Path
    url: str  # SITEURL, no trailing slash

    def page(self, path: str) -> str:
        return f"{self.url}/{path}"

    def html_files(self) -> list[Path]:
        return sorted(self.output.rglob("*.html"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def site_fixture(tmp_path_factory) -> Site:
    """The sample site built with publishconf.py, served on 127.0.0.1."""
    yield from _served_build(tmp_path_factory.mktemp("published"))


def split_site_fixture(tmp_path_factory) -> Site:
    """The same with tiny progress limits, so groups get pages of their own."""
    yield from _served_build(
        tmp_path_factory.mktemp("split"),
        "REFLECTIVE_PROGRESS_GROUP_LIMIT=2",
        "REFLECTIVE_PROGRESS_PAGE_SIZE=2",
    )


def _served_build(output: Path, *extra_settings: str):
    handler = functools.partial(_Quiet, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    env = dict(os.environ, SITEURL=url)
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", str(output), "-s", "publishconf.py"]
        + (["-e", *extra_settings] if extra_settings else []),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"publish build failed:\n{result.stdout}\n{result.stderr}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(output, url)
    server.shutdown()
    server.server_close()


def browser_fixture():
    """Debian's chromium through Playwright; skipped when absent, except under CI."""
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing (install it with: apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: {message}; browser tests must run in CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def page_fixture(browser):
    """A fresh tab at a phone-ish desktop size, light scheme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    tab = context.new_page()
    yield tab
    context.close()


def markdown_settings() -> dict:
    """The MARKDOWN setting the site is built with (pelicanconf.py, read by Pelican)."""
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    config = dict(settings["MARKDOWN"])
    config["extensions"] = list(config.get("extensions", []))
    for name in config.get("extension_configs", {}):
        if name not in config["extensions"]:
            config["extensions"].append(name)
    return config


# The page types Pelican and the plugin make, by path in the sample site.
PAGE_TYPES = {
    "index": "",
    "index page 2": "index2.html",
    "article with a task list": "posts/2011/things-8-and-9-a-calendar-and-a-shoebox/",
    "article with code": "posts/2011/thing-4-taming-the-feeds/",
    "bonus article": "posts/2011/notes-from-the-northern-academic-libraries-day/",
    "page": "about/",
    "progress": "progress/",
    "thing": "things/5/",
    "cohort": "cohort/",  # == cohort ==
    "unwritten thing": "things/7/",  # == cohort ==: its page exists for the cohort's posts
    "archives": "archives/",
    "tags": "tags/",
    "tag": "tags/cpd23/",
    "categories": "categories/",
    "category": "categories/cpd23/",
    "authors": "authors/",
    "author": "authors/ruth-ashdown/",
    "404": "404.html",
    # -- comments (issue 13) --
    "article with comments": "posts/2011/thing-6-networks-for-people-whod-rather-type/",
    "questions": "questions/",
}
