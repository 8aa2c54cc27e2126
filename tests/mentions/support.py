"""Helpers for the mentions tests: a site on the kit's theme, published as `make publish`
publishes, served on 127.0.0.1; other sites that receive webmentions; the CLI."""

from __future__ import annotations

import functools
import os
import socket
import subprocess
import sys
import urllib.parse
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler
from pathlib import Path

from .loopback import Loopback, reply
from sitebuild import REPO, make_site

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def kit_site(root: Path, files: dict, **settings) -> Path:
    """A site on the kit's own theme, with a publishconf.py like the kit's."""
    make_site(
        root,
        files,
        THEME=str(REPO / "theme"),
        ARTICLE_URL="{date:%Y}/{slug}/",
        ARTICLE_SAVE_AS="{date:%Y}/{slug}/index.html",
        REFLECTIVE_APPEND_TO_CONTENT=False,  # as the kit's pelicanconf.py: the theme places it
        **settings,
    )
    (root / "publishconf.py").write_text(
        "import os, sys\nsys.path.append(os.curdir)\nfrom pelicanconf import *  # noqa\n"
        "SITEURL = os.environ['SITEURL']\nRELATIVE_URLS = False\nFEED_DOMAIN = SITEURL\n",
        encoding="utf-8",
    )
    return root


def publish(root: Path, siteurl: str) -> None:
    """Publish as `make publish` does: `reflective publish`, strict, gated, atomic."""
    result = reflective(root, "publish", "--siteurl", siteurl)
    assert result.returncode == 0, result.stdout + result.stderr


def reflective(root: Path, *args, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "reflective"), *args],
        cwd=root, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, **(env or {})),
    )  # fmt: skip


class Served(Loopback):
    """A folder served on 127.0.0.1 at a fixed port (the folder may be swapped)."""

    def __init__(self, folder: Path, port: int):
        super().__init__(functools.partial(_Quiet, directory=str(folder)), port)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Others(Loopback):
    """Other people's sites: `/a/<page>` names its endpoint in a Link header, `/b/<page>`
    in a <link>, `/none/<page>` has none, `/refuse/<page>` answers the POST with 400.
    Every POST is recorded as (endpoint path, form)."""

    def __init__(self):
        self.posts: list[tuple[str, dict]] = []
        self.gets: list[str] = []
        others = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                others.gets.append(self.path)
                kind, _, name = self.path.strip("/").partition("/")
                headers, html = [], "<!DOCTYPE html><title>x</title><p>Their page.</p>"
                if kind == "a":
                    headers = [("Link", f'</endpoint/a/{name}>; rel="webmention"')]
                elif kind in ("b", "refuse"):
                    html += f'<link rel="webmention" href="/endpoint/{kind}/{name}">'
                self._reply(200, headers, html)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
                others.posts.append((self.path, form))
                self._reply(400 if self.path.startswith("/endpoint/refuse") else 202, [], "ok")

            def _reply(self, code, headers, body):
                reply(self, code, headers, body)

        super().__init__(Handler)

    def take(self) -> list[tuple[str, dict]]:
        taken, self.posts[:] = list(self.posts), []
        return taken
