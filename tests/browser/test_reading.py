"""A reader's way through the site in a real browser: links, keyboard, small screens."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_home_to_post_to_progress_to_thing_by_clicking(site, page):
    page.goto(site.page(""))
    first = page.locator("main article.summary h2 a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == title
    assert page.locator("main article.post").count() == 1

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    assert page.url == site.page("progress/")
    assert page.locator("h1").inner_text().startswith("Progress on 23 Things")

    page.locator(".thing-grid").get_by_role("link", name="Thing 5: Reflective practice").click()
    assert page.url == site.page("things/5/")
    assert page.locator("h1").inner_text() == "Thing 5 of 23: Reflective practice"
    # ... and from the Thing page on to its post and the next Thing.
    page.locator("main .thing-post h2 a").first.click()
    assert page.locator("h1").inner_text() == "Thing 5: Reflecting on reflecting"
    page.get_by_role("navigation", name="Previous and next Thing").get_by_role(
        "link", name=re.compile("Next Thing")
    ).click()
    assert page.locator("h1").inner_text().startswith("Thing 6:")


def test_skip_link_is_first_visible_on_focus_and_moves_to_main(site, page):
    page.goto(site.page("posts/2011/thing-4-taming-the-feeds/"))
    skip = page.locator("a.skip")
    assert skip.bounding_box()["y"] < 0  # off screen until focused
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 10
    page.keyboard.press("Enter")
    # the fragment is set by the browser a moment after the key (page.url lags behind it)
    page.wait_for_function("location.hash === '#main'", timeout=10_000)
    page.keyboard.press("Tab")
    # The next stop is the first link inside main, not the header navigation.
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_tab_order_follows_the_page_and_focus_is_visible(site, page):
    page.goto(site.page(""))
    expected = page.evaluate("""() => [...document.querySelectorAll(
        'a[href], summary, input:not([disabled]), button')].filter(e => e.checkVisibility()).slice(0, 12).map(e => e.outerHTML)""")
    seen = []
    for _ in expected:
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.outerHTML"))
        outline = page.evaluate(
            "getComputedStyle(document.activeElement).outlineStyle + ' ' + "
            "getComputedStyle(document.activeElement).outlineWidth"
        )
        assert outline.split()[0] != "none" and outline.split()[1] != "0px", seen[-1]
    assert seen == expected


def test_things_menu_opens_with_the_keyboard(site, page):
    page.goto(site.page(""))
    menu = page.locator(".site-nav details")
    menu.locator("summary").focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("open") is not None
    link = menu.get_by_role("link", name=re.compile(r"^5\. "))
    assert link.is_visible()
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site.page("things/5/"))


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize(
    "path", ["", "posts/2011/thing-4-taming-the-feeds/", "progress/", "things/8/", "archives/"]
)
def test_no_horizontal_scrolling_on_small_screens(site, browser, width, path):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, is_mobile=True, device_scale_factor=2
    )
    tab = context.new_page()
    tab.goto(site.page(path))
    widths = tab.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    context.close()
    assert widths[0] <= widths[1], f"{path} at {width}px scrolls sideways: {widths}"


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_main_navigation_wraps_into_even_rows_and_reaches_the_questions(site, browser, width):
    """Nine items (the sample has every capability page, questions included): on a phone
    they take rows of about the same length, never one item left alone on a row, each a
    44 px target; the questions page is one tap away and marked as the current page."""
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 400)
    tab = context.new_page()
    tab.goto(site.page(""))
    nav = tab.get_by_role("navigation", name="Main")
    boxes = [
        item.bounding_box() for item in nav.locator(":scope > ul > li > :is(a, details)").all()
    ]
    rows: dict[int, int] = {}
    for box in boxes:
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= width
        rows[round(box["y"])] = rows.get(round(box["y"]), 0) + 1
    counts = list(rows.values())
    assert len(boxes) == 9 and sum(counts) == 9
    assert len(counts) == 1 or (min(counts) >= 2 and max(counts) - min(counts) <= 2), rows
    nav.get_by_role("link", name="Questions").click()
    tab.wait_for_url(site.page("questions/"))
    assert tab.locator("h1").inner_text() == "Questions for readers"
    current = tab.get_by_role("navigation", name="Main").locator("[aria-current=page]")
    assert current.inner_text() == "Questions"
    context.close()
