"""Helpers for tests that build real fixture sites with the real `pelican` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BASE_SETTINGS = {
    "AUTHOR": "Test Author",
    "SITENAME": "Fixture site",
    "SITEURL": "",
    "PATH": "content",
    "TIMEZONE": "UTC",
    "DEFAULT_LANG": "en",
    "PLUGIN_PATHS": [str(REPO / "plugins")],
    "PLUGINS": ["reflective"],
    "REFLECTIVE_TODAY": "2011-10-01",
    "REFLECTIVE_STRICT": True,
    "FEED_ALL_ATOM": None,
    "CATEGORY_FEED_ATOM": None,
    "TRANSLATION_FEED_ATOM": None,
    "AUTHOR_FEED_ATOM": None,
    "AUTHOR_FEED_RSS": None,
    "ARTICLE_URL": "{slug}.html",
    "ARTICLE_SAVE_AS": "{slug}.html",
}


def post(
    title: str, front: str = "", body: str = "Some words of reflection.", date: str = "2011-07-01"
) -> str:
    """A Markdown post with YAML front matter; `front` is extra YAML lines."""
    front = textwrap.dedent(front).strip("\n")
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"date: {date}"]
    if front:
        lines.append(front)
    lines.append("---")
    return "\n".join(lines) + "\n" + body + "\n"


def make_site(root: Path, files: dict[str, str | bytes], **settings) -> Path:
    """Write a site: `files` maps paths under content/ to their text or bytes."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    config = dict(BASE_SETTINGS, **settings)
    lines = [f"{key} = {value!r}" for key, value in config.items()]
    (root / "pelicanconf.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def build(
    root: Path,
    output: str = "output",
    settings: str = "pelicanconf.py",
    extra: list[str] | None = None,
) -> subprocess.CompletedProcess:
    """Run the real pelican command on the site at `root`."""
    env = dict(os.environ, COLUMNS="200", TERM="dumb", NO_COLOR="1")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            "content",
            "-o",
            output,
            "-s",
            settings,
            "--log-handler",
            "plain",
            *(extra or []),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def read_json(root: Path, output: str = "output") -> dict:
    return json.loads((root / output / "progress.json").read_text(encoding="utf-8"))


def output_files(root: Path, output: str = "output") -> dict[str, bytes]:
    base = root / output
    return {
        str(p.relative_to(base)): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()
    }


def wait_for(predicate, what: str, timeout: float = 60) -> None:
    """Poll `predicate` until it is true; fail the test after `timeout` seconds."""
    import pytest

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def page_weight(output: Path, html: Path) -> int:
    """A built page's bytes with every stylesheet and icon it links: what the 30 KB page
    budget counts. Links are absolute (SITEURL) or root-relative, as in a published build."""
    from urllib.parse import urlsplit

    from bs4 import BeautifulSoup

    size = html.stat().st_size
    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    for link in soup.select('link[rel~="stylesheet"], link[rel~="icon"]'):
        target = output / urlsplit(link["href"]).path.lstrip("/")
        size += (target / "index.html" if target.is_dir() else target).stat().st_size
    return size
