"""The Isso round trip, for real: a comment posted through Isso's form in chromium,
approved with Isso's moderation link, pulled into a comment file, built into the page.

Isso (an optional extra; scripts/ensure_isso.py installs it for `make test`) runs as
its own process on 127.0.0.1 and a free port, with the config `reflective comments
server` writes; the site is served on another free port, so the form posts across
origins exactly as on a real site.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from ._support import CHROMIUM
from sitebuild import REPO, build, make_site, post

pytestmark = pytest.mark.browser
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _reflective(*args, cwd):
    return subprocess.run(
        [str(BIN / "reflective"), *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture()
def isso_site(tmp_path):
    if not (BIN / "isso").exists():
        message = "Isso is not installed (scripts/ensure_isso.py installs it for make test)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), None)
    site_url = f"http://127.0.0.1:{server.server_address[1]}"
    isso_port = _free_port()
    isso_url = f"http://127.0.0.1:{isso_port}"
    root = make_site(
        tmp_path / "site",
        {
            "posts/talk.md": post(
                "Let's talk", "questions:\n  - id: favourite\n    text: Your favourite tool?"
            )
        },
        THEME=str(REPO / "theme"),
        REFLECTIVE_APPEND_TO_CONTENT=False,  # as the kit's pelicanconf.py
        SITEURL=site_url,
        RELATIVE_URLS=False,
        REFLECTIVE_COMMENTS_ISSO=isso_url,
    )
    assert build(root).returncode == 0
    server.RequestHandlerClass = functools.partial(_Quiet, directory=str(root / "output"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    made = _reflective(
        "comments", "server", "--config-only", "--port", str(isso_port),
        "--origin", site_url, cwd=root,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    config = Path(root / made.stdout.strip())
    log = open(tmp_path / "isso.log", "w+", encoding="utf-8")
    process = subprocess.Popen(
        [str(BIN / "isso"), "-c", str(config), "run"], stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{isso_url}/config", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    log.seek(0)
                    pytest.fail(f"Isso did not start:\n{log.read()}")
                time.sleep(0.2)
        yield root, site_url, isso_url, tmp_path / "isso.log"
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        server.shutdown()
        server.server_close()


def _activate(log_path: Path, seen: set) -> None:
    """Approve every new comment with the moderation link Isso printed."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        links = re.findall(r"Activate comment: (\S+)", log_path.read_text(encoding="utf-8"))
        fresh = [link for link in links if link not in seen]
        if fresh:
            for link in fresh:
                request = urllib.request.Request(link, method="POST", data=b"")
                assert urllib.request.urlopen(request, timeout=5).status == 200
                seen.add(link)
            return
        time.sleep(0.2)
    pytest.fail("Isso printed no activation link")


def test_post_approve_pull_rebuild(isso_site, browser):
    root, site_url, isso_url, log_path = isso_site
    assert os.path.exists(CHROMIUM)
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(f"{site_url}/lets-talk.html")
    tab.wait_for_selector("#isso-thread .isso-textarea", timeout=15000)
    tab.fill("#isso-thread .isso-postbox .isso-textarea", "Posted through *Isso*, for real.")
    tab.fill("#isso-thread .isso-postbox [name=author]", "Iris & Co <Tester>")
    tab.fill("#isso-thread .isso-postbox [name=email]", "iris@example.net")
    with tab.expect_response(lambda r: "/new" in r.url and r.request.method == "POST") as info:
        tab.click("#isso-thread .isso-postbox [type=submit]")
    assert info.value.status == 202, info.value.text()  # 202: held for moderation
    context.close()
    pending = _reflective("comments", "pull", cwd=root)
    assert pending.returncode == 0, pending.stderr
    assert pending.stdout == ""  # not approved yet: nothing is pulled
    seen: set = set()
    _activate(log_path, seen)
    # a reply, through Isso's API as its form would send it, approved as well
    request = urllib.request.Request(
        f"{isso_url}/new?uri=lets-talk",
        data=json.dumps({"text": "And a reply.", "author": "Ruth", "parent": 1}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    assert urllib.request.urlopen(request, timeout=5).status == 202
    _activate(log_path, seen)

    pulled = _reflective("comments", "pull", cwd=root)
    assert pulled.returncode == 0, pulled.stderr
    paths = sorted(pulled.stdout.split())
    assert paths == [
        "content/comments/lets-talk/isso-1.md",
        "content/comments/lets-talk/isso-2.md",
    ]
    first = (root / paths[0]).read_text(encoding="utf-8")
    assert 'author: "Iris & Co <Tester>"' in first  # as typed, not Isso's escaped form
    assert "Posted through *Isso*, for real." in first
    assert "example.net" not in first  # the address stays in Isso, never in the repository
    assert "replyto: isso-1" in (root / paths[1]).read_text(encoding="utf-8")
    # idempotent, and an edit by the author is never overwritten
    (root / paths[0]).write_text(first.replace("for real.", "for real (edited)."))
    again = _reflective("comments", "pull", cwd=root)
    assert again.returncode == 0 and again.stdout == ""
    assert "(edited)" in (root / paths[0]).read_text(encoding="utf-8")

    assert build(root).returncode == 0
    page = (root / "output" / "lets-talk.html").read_text(encoding="utf-8")
    thread = page[page.index('class="rf-thread"') :]
    assert "Iris &amp; Co &lt;Tester&gt;" in thread  # escaped once, by the build
    assert "Posted through <em>Isso</em>, for real (edited)." in thread
    reply = thread[thread.index('id="comment-isso-2"') - 200 :]
    assert "<ol>" in reply[:200]  # nested under the comment it answers
