"""The sample's cohort page on a phone and on paper (docs/cohort.md).

On a phone (320 and 375 px) nothing scrolls sideways, not the page and not the
participants' table, which becomes one card per participant; axe finds nothing there.
In print the table is a table again, fits the page width, and its header row shows.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Every element of the article that would scroll sideways (hidden ones aside).
SCROLLERS = """() => [document.documentElement.scrollWidth, window.innerWidth,
    [...document.querySelectorAll('main *')]
      .filter(e => e.clientWidth > 1 && e.scrollWidth > e.clientWidth + 1
                   && getComputedStyle(e).overflowX !== 'visible')
      .map(e => e.tagName + '.' + e.className)]"""


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_the_table_is_cards_and_nothing_scrolls_sideways(site, browser, width):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(
        viewport={"width": width, "height": 800}, is_mobile=True, device_scale_factor=2
    )
    tab = context.new_page()
    tab.goto(site.page("cohort/"))
    wide = tab.evaluate(SCROLLERS)
    assert wide[0] <= wide[1] and wide[2] == [], f"cohort/ at {width}px: {wide}"
    assert tab.evaluate("getComputedStyle(document.querySelector('.cohort-table tr')).display") == (
        "block"
    )
    # One card per participant, one under another, each as wide as the column.
    rows = tab.locator(".cohort-table tbody tr")
    boxes = [rows.nth(i).bounding_box() for i in range(rows.count())]
    assert all(a["y"] + a["height"] <= b["y"] for a, b in zip(boxes, boxes[1:], strict=False))
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= width for box in boxes)
    results = Axe().run(tab, options={"rules": {"color-contrast-enhanced": {"enabled": True}}})
    violations = [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]
    assert violations == []
    context.close()


def test_in_print_the_participants_are_a_table_that_fits_the_page(site, browser):
    context = browser.new_context(viewport={"width": 718, "height": 1000})  # A4, 96 dpi
    tab = context.new_page()
    tab.goto(site.page("cohort/"))
    tab.emulate_media(media="print")
    table = tab.locator("table.cohort-table")
    assert tab.evaluate("getComputedStyle(document.querySelector('.cohort-table tr')).display") == (
        "table-row"
    )
    assert tab.locator(".cohort-table thead th").first.bounding_box()["width"] > 20
    sizes = table.evaluate("t => [t.scrollWidth, t.clientWidth]")
    assert sizes[0] <= sizes[1], sizes
    assert tab.evaluate(SCROLLERS)[2] == []
    assert tab.pdf(format="A4").startswith(b"%PDF")
    context.close()
