"""`make serve` (reflective serve) indexes in the background: the page is served and
reloaded before Pagefind has finished, and the index follows each rebuild."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from reflective.search import core

from sitebuild import REPO, make_site, post, wait_for


def free_port():  # (were test_serve's, which moved to tests/preview/)
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


SLOW = 6  # seconds the fake binary waits before running the real Pagefind


def test_serve_does_not_wait_for_the_index(tmp_path):
    slow = tmp_path / "slow-pagefind"
    slow.write_text(f'#!/bin/sh\nsleep {SLOW}\nexec "{core.find_binary()}" "$@"\n')
    slow.chmod(0o755)
    root = make_site(
        tmp_path / "site",
        {"posts/one.md": post("One", body="Words about walruses.", date="2011-06-01")},
        THEME=str(REPO / "theme"),
        REFLECTIVE_STRICT=False,
        REFLECTIVE_PAGEFIND=str(slow),
    )
    port = free_port()
    log = open(root / "serve.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "reflective", "serve", "--path", "content"]
        + ["--output", "output", "--settings", "pelicanconf.py", "--port", str(port)],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, COLUMNS="200"),
    )
    base = f"http://127.0.0.1:{port}/"
    bundle = root / "output" / "pagefind"
    try:
        wait_for(lambda: "One" in fetch(base), "the first build to be served")
        served = time.monotonic()
        assert not (bundle / "pagefind.js").exists()  # the server did not wait for it
        wait_for(lambda: (bundle / "pagefind.js").exists(), "the background index", timeout=90)
        assert time.monotonic() - served > 1
        assert "walruses" in core.read_fragments(str(bundle))[0]["content"]

        (root / "content" / "posts" / "two.md").write_text(
            post("Two", body="Words about narwhals.", date="2011-06-02")
        )
        wait_for(lambda: "Two" in fetch(base), "the rebuild")
        wait_for(
            lambda: any("narwhals" in f["content"] for f in core.read_fragments(str(bundle))),
            "the index of the rebuild",
            timeout=90,
        )
        wait_for(lambda: "search: indexed 2 pages" in (root / "serve.log").read_text(), "the log")
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not [p for p in (root / "output").iterdir() if p.name.startswith(".pagefind.")]
