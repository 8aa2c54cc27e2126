"""The print stylesheet: no navigation, link targets printed, one post per page."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

POST = "posts/2011/thing-6-networks-for-people-whod-rather-type/"


def test_a_printed_post_has_no_navigation_and_shows_link_targets(site, page):
    page.goto(site.page(POST))
    assert page.locator(".site-nav").is_visible()
    page.emulate_media(media="print")
    for selector in (".site-nav", ".site-footer", ".prev-next", "a.skip", ".rf-more"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("main h1").is_visible()
    assert page.locator(".rf-actions").is_visible()
    after = page.evaluate("""() => {
        const a = document.querySelector('main .rf-history a[href]');
        return [a.getAttribute('href'), getComputedStyle(a, '::after').content];
    }""")
    assert after[0] in after[1], after
    # One post per page: the post ends with a page break.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('article.post')).breakAfter")
        == "page"
    )


def test_a_printed_post_is_light_even_in_the_dark_scheme(site, browser):
    context = browser.new_context(color_scheme="dark")
    tab = context.new_page()
    tab.goto(site.page("posts/2011/thing-4-taming-the-feeds/"))
    dark = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    tab.emulate_media(media="print")
    printed = tab.evaluate("getComputedStyle(document.body).backgroundColor")
    code = tab.evaluate("getComputedStyle(document.querySelector('.highlight')).backgroundColor")
    context.close()
    assert dark != printed
    assert printed == "rgb(255, 255, 255)"
    assert code == "rgb(254, 254, 254)"  # a11y-high-contrast-light, as on screen


def test_the_progress_page_prints_as_a_portfolio_page(site, page):
    page.goto(site.page("progress/"))
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert page.locator(".ring").is_visible()
    assert page.locator(".thing-grid > li").count() == 23
    assert page.locator(".thing-grid > li.w").count() == 7
    columns = page.evaluate(
        "getComputedStyle(document.querySelector('.thing-grid')).gridTemplateColumns"
    )
    assert len(columns.split()) == 3
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
