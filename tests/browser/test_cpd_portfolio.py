"""The portfolio as one HTML file, in a real browser: axe finds nothing, nothing is fetched."""

from __future__ import annotations

import pytest
from cpd.sites import cpd_site, reflective

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("private", [False, True])
def test_the_html_portfolio_passes_axe_and_loads_nothing_else(tmp_path, browser, private):
    from axe_playwright_python.sync_playwright import Axe

    root = cpd_site(tmp_path / "site")
    args = ["portfolio", "-o", "p.html", "--thing", "1"] + (["--private"] if private else [])
    assert reflective(*args, cwd=root).returncode == 0
    context = browser.new_context(viewport={"width": 390, "height": 800})
    tab = context.new_page()
    requests = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto((root / "p.html").as_uri())
    violations = [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(tab).response["violations"]
    ]
    assert violations == []
    assert requests == [(root / "p.html").as_uri()]
    # No horizontal scrolling on a phone.
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    banner = tab.locator(".personal-banner")
    assert banner.is_visible() is private
    context.close()
