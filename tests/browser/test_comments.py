"""The conversation on the sample site's Thing 6 post, as a browser and its
accessibility tree present it: labelled regions, headings, nested lists, keyboard order.
(axe on this page and on questions/, light and dark: test_accessibility's PAGE_TYPES.)"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
POST = "posts/2011/thing-6-networks-for-people-whod-rather-type/"


def test_the_conversation_is_a_labelled_region_with_headings_and_nested_lists(site, page):
    page.goto(site.page(POST))
    region = page.get_by_role("region", name="Conversation (8 comments, 2 links)")
    assert region.count() == 1
    headings = region.locator("h2, h3").all_inner_texts()
    assert headings == [
        "Conversation (8 comments, 2 links)",
        "Questions for readers",
        "Comments",
        "Linked from",
    ]
    questions = region.get_by_role("region", name="Questions for readers")
    assert questions.get_by_role("listitem").count() == 3
    thread = region.get_by_role("list", name="Comments")
    top = thread.locator(":scope > li")
    assert top.count() == 4
    # Tom's comment, the author's reply under it, and Tom's answer under that
    tom = page.locator("#comment-tom-1")
    nested = tom.locator("xpath=following-sibling::ol//article")
    assert nested.evaluate_all("els => els.map(e => e.id)") == ["comment-ruth-2", "comment-tom-2"]
    depth = page.locator("#comment-tom-2").evaluate(
        "e => { let n = 0; for (let p = e; p; p = p.parentElement) if (p.tagName === 'OL') n++; return n }"
    )
    assert depth == 3
    # each comment is an article named by a heading: its author (H-key navigation)
    names = thread.get_by_role("heading", level=4).all_inner_texts()
    assert len(names) == 8 and names[0] == "Priya Natarajan"
    assert page.locator("#comment-ruth-2 h4").inner_text() == "Ruth Ashdown post author"
    # the post author's replies are marked in words, not only by colour
    assert "post author" in page.locator("#comment-ruth-2").inner_text()
    linked = region.get_by_role("list", name="Linked from")
    assert linked.get_by_role("link").count() == 2
    # each comment has a permalink to its own anchor, showing its date
    permalink = page.locator("#comment-priya-1 a[href='#comment-priya-1']")
    assert permalink.locator("time").get_attribute("datetime") == "2011-07-19T21:14:00"


def test_keyboard_order_follows_the_reading_order(site, page):
    page.goto(site.page(POST))
    expected = page.eval_on_selector_all(
        "#conversation a[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    assert len(expected) > 15
    page.locator("#conversation a[href]").first.focus()
    seen = [page.evaluate("document.activeElement.getAttribute('href')")]
    for _ in range(len(expected) - 1):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.getAttribute('href')"))
    assert seen == expected
    # every focused link is visible on screen when focused (nothing hidden off-screen)
    page.locator("#conversation a[href]").last.focus()
    box = page.evaluate("document.activeElement.getBoundingClientRect().height")
    assert box > 0


def test_an_answer_link_jumps_to_the_comment(site, page):
    page.goto(site.page(POST))
    page.get_by_role("region", name="Questions for readers").get_by_role(
        "link", name="Grace Odum"
    ).click()
    assert page.evaluate("location.hash") == "#comment-grace-1"
    assert page.locator("#comment-grace-1").is_visible()


def test_the_questions_page_lists_answers_and_links_back(site, page):
    page.goto(site.page("questions/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Questions for readers"
    items = page.locator(".rf-question-list > li")
    assert items.count() >= 3
    first = items.first.inner_text()
    assert "answer" in first or "Open" in first
    link = items.first.get_by_role("link").first
    assert "#question-" in link.get_attribute("href")


def test_phone_width_keeps_the_thread_readable(site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto(site.page(POST))
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    width = tab.locator("#comment-tom-2").evaluate("e => e.getBoundingClientRect().width")
    assert width > 250  # nested three deep, still a readable column
    context.close()
