"""`make serve` with chromium open on a post: every save reaches the browser.

The old server dropped a reload that came less than 3 s after the previous one, so a
second save shortly after the first was rebuilt but never shown.
"""

import time

import pytest
import yaml

from served import Served, make_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def add_line(path, text):
    body = path.read_text(encoding="utf-8")
    path.write_text(body.rstrip("\n") + f"\n\n{text}\n", encoding="utf-8")


def test_quick_saves_all_reach_the_browser(tmp_path, browser):
    root = make_project(tmp_path / "site", 40)
    server = Served(root)
    page = browser.new_page()
    try:
        server.wait_settled(0)
        post = sorted((root / "content" / "posts").glob("*.md"))[6]
        front = post.read_text(encoding="utf-8").split("---")[1]
        title = yaml.safe_load(front)["title"]
        page_file = next(
            p
            for p in (root / "output" / "posts").rglob("index.html")
            if f"<h1>{title}</h1>" in p.read_text(encoding="utf-8")
            or f">{title}</h1>" in p.read_text(encoding="utf-8")
        )
        url = server.base + str(page_file.parent.relative_to(root / "output")) + "/"
        page.goto(url)
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=20_000)
        time.sleep(0.5)  # the websocket handshake

        # one save, then a second one well within a second of the first
        add_line(post, "First save of the morning.")
        time.sleep(0.3)
        add_line(post, "Second save, straight after.")
        page.wait_for_function(
            "() => document.body.innerText.includes('Second save, straight after.')",
            timeout=30_000,
        )
        # a save right after the browser showed the last one (the old 3 s blind spot)
        page.wait_for_load_state()
        add_line(post, "Third save, just after the reload.")
        page.wait_for_function(
            "() => document.body.innerText.includes('Third save, just after the reload.')",
            timeout=30_000,
        )
        assert page.url == url
        assert server.process.poll() is None
    finally:
        page.close()
        server.stop()
