"""`make serve`'s server (scripts/serve.py): serves, rebuilds on change, survives bad posts."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from sitebuild import REPO, make_site, post, wait_for

GOOD = post("Good", "thing: 1\nactions:\n  - {id: good, text: Good action}", date="2011-06-01")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


@pytest.mark.parametrize("strict", [False, True])
def test_serve_rebuilds_and_survives_bad_posts(tmp_path, strict):
    root = make_site(tmp_path, {"posts/good.md": GOOD}, THEME="simple", REFLECTIVE_STRICT=strict)
    port = free_port()
    log = open(root / "serve.log", "w")
    server = subprocess.Popen(
        [
            sys.executable,
            str(REPO / "scripts" / "serve.py"),
            "--input",
            "content",
            "--output",
            "output",
            "--settings",
            "pelicanconf.py",
            "--port",
            str(port),
        ],
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=dict(os.environ, COLUMNS="200"),
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Good action" in fetch(base + "progress/"), "the first build")
        assert "livereload.js" in fetch(base)

        later = root / "content" / "posts" / "later.md"
        later.write_text(post("Later", "actions:\n  - {id: later, text: Later, status: finished}"))
        wait_for(
            lambda: "unknown status 'finished'" in (root / "serve.log").read_text(),
            "the problem to be reported",
        )
        time.sleep(1)
        assert server.poll() is None

        later.write_text(
            post("Later", "actions:\n  - {id: later, text: Fixed later, status: done}")
        )
        wait_for(lambda: "Fixed later" in fetch(base + "progress/"), "the fixed build")
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=10)
