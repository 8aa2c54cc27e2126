"""A large cohort fetched for real, and the sample site published with it and served:
what the tests of the cohort's pages at scale share (test_not_fetched, test_budget).

`fetch_a_year_on` writes the cohort file and runs the real `reflective cohort fetch`
twice: once when every blog is there (but those whose address never worked), then a
year on, when the planned participants fail the way blogs go (bench/cohort.py) and keep
their earlier data, stale. `publish` serves an output folder on 127.0.0.1 (a port the
OS chooses) and builds the sample site into it with `publishconf.py` and the real
pelican command, SITEURL being that server. `soup` and `local` read the pages built
and follow their links on disk.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup

from bench.cohort import a_year_on

from .test_fetch import fetch
from sitebuild import REPO

EPOCH = "1348920000"  # 2012-09-29 12:00 UTC: the fetch's clock


def fetch_a_year_on(folder: Path, people: list[dict], plan: dict, routes: dict, gone) -> None:
    """Two real fetches of `people` into `folder`/cohort-cache; `gone` is shut down."""
    (folder / "cohort.yaml").write_text(
        yaml.safe_dump({"participants": people}, sort_keys=False), "utf-8"
    )
    (folder / "content").mkdir()
    (folder / "pelicanconf.py").write_text(
        'PATH = "content"\nREFLECTIVE_COHORT = "cohort.yaml"\n', "utf-8"
    )
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    first = fetch(folder, "--quiet", env=env)
    assert first.returncode == 4, first.stderr[-2000:]
    a_year_on(plan, routes, gone)  # shuts `gone` down: its hosts cannot be reached
    second = fetch(folder, "--quiet", "--timeout", "5", env=env)
    assert second.returncode == 4, second.stderr[-2000:]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def publish(output: Path, cohort_file: Path, cache: Path):
    """The sample site published into `output` with this cohort, served: (server, URL).
    The caller shuts the server down."""
    output.mkdir()
    handler = functools.partial(_Quiet, directory=str(output))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", str(output), "-s", "publishconf.py"]
        + ["-e", f'REFLECTIVE_COHORT="{cohort_file}"', f'REFLECTIVE_COHORT_CACHE="{cache}"'],
        cwd=REPO,
        env=dict(os.environ, SITEURL=url),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, url


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def local(output: Path, href: str) -> Path:
    """The file a link of the site leads to."""
    path = output / urlsplit(href).path.lstrip("/")
    return path / "index.html" if href.endswith("/") or path.is_dir() else path


def on_a_phone(browser, url: str, paths, width: int) -> None:
    """At `width` px in chromium, nothing on these pages scrolls sideways and axe (AAA
    contrast on) finds nothing."""
    from axe_playwright_python.sync_playwright import Axe
    from browser.test_cohort_layout import SCROLLERS

    context = browser.new_context(
        viewport={"width": width, "height": 800}, is_mobile=True, device_scale_factor=2
    )
    tab = context.new_page()
    for path in paths:
        tab.goto(f"{url}/{path}")
        wide = tab.evaluate(SCROLLERS)
        assert wide[0] <= wide[1] and wide[2] == [], f"{path} at {width}px: {wide}"
        results = Axe().run(tab, options={"rules": {"color-contrast-enhanced": {"enabled": True}}})
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
        ]
        assert violations == [], f"{path} at {width}px: {violations}"
    context.close()
