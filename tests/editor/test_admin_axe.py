"""axe-core on /admin/'s sign-in screen, published and in `reflective serve`.

The CMS draws its sign-in screen with no landmark of its own; the page gives it one
(page.LANDMARK) and takes it back once the CMS draws its own <main>, so neither screen
has content outside a landmark nor two main landmarks.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from pelican.settings import read_settings
from preview.served import Served

from reflective.editor import config as config_mod
from reflective.editor import wiring

from ._support import Offline, open_editor, sample_project

pytestmark = pytest.mark.browser


def _violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in found]


def _mains(page) -> list[str]:
    return page.evaluate(
        "[...document.querySelectorAll('main, [role=main]')].map(e => e.id || e.tagName)"
    )


def test_the_published_sign_in_screen_passes_axe(tmp_path, browser):
    root = sample_project(tmp_path / "site")
    editor = {"repo": "ruth/blog", "branch": "pages"}
    settings = read_settings(str(root / "pelicanconf.py"), override={"REFLECTIVE_EDITOR": editor})
    admin = tmp_path / "output" / "admin"
    for name, data in wiring.files(settings, str(root), config_mod.repository(settings)).items():
        (admin / name).parent.mkdir(parents=True, exist_ok=True)
        (admin / name).write_bytes(data)
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "output")
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    offline = Offline(browser)
    try:
        page = offline.page()
        page.goto(f"http://127.0.0.1:{server.server_port}/admin/")
        page.get_by_role("button", name="Sign In with").first.wait_for(timeout=30_000)
        assert _mains(page) == ["nc-root"]
        assert _violations(page) == []
    finally:
        offline.close()
        server.shutdown()
        server.server_close()


def test_the_local_sign_in_screen_passes_axe_and_keeps_one_main(tmp_path, browser):
    root = sample_project(tmp_path)
    served = Served(root)
    offline = Offline(browser)
    try:
        served.wait_settled(0)
        page = offline.page()
        page.goto(served.base + "admin/")
        page.get_by_role("button", name="Work with Local Repository").wait_for(timeout=30_000)
        assert _mains(page) == ["nc-root"]
        assert _violations(page) == []
        open_editor(page, served)
        page.locator("main#collection-container").wait_for()
        assert _mains(page) == ["collection-container"]  # the CMS's own, and only it
        box = page.locator("#nc-root").bounding_box()  # the editor fills the window
        assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 1280, 900)
        ids = {v[0] for v in _violations(page)}
        assert not ids & {"landmark-no-duplicate-main", "landmark-main-is-top-level"}, ids
    finally:
        offline.close()
        served.stop()
