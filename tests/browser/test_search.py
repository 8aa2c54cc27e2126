"""Search in chromium against the served published sample site (Pagefind's index of it).

Pagefind matches the start of words when nothing matches a word whole ("shortlist"
finds "short"), so the words that must find nothing are ones no public text starts
like; tests/search/test_search_build.py checks the decoded index for every such word.

What a reader finds: a word of one post's body, of an action item, of a comment;
nothing from a private action or a draft; a Thing filter narrows. How: from the
header's form of any page, by keyboard alone, with the count announced once, without JavaScript, and with
axe finding nothing in either colour scheme.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

THING_3 = "Thing 3: A brand, or just a consistent name?"
THING_4 = "Thing 4: Taming the feeds"
THING_6 = "Thing 6: Networks for people who'd rather type"
COUNT = "#rf-search-count"
RESULT_LINKS = "pagefind-results a.pf-result-link"


def search(page, site, words: str) -> list[str]:
    """Type `words` into the search page's field; the titles of the results."""
    page.goto(site.page("search/"))
    field = page.get_by_role("searchbox", name="Search this site")
    field.fill(words)
    return wait_for_results(page, words)


def wait_for_results(page, words: str) -> list[str]:
    """The titles of all results (Pagefind loads a result when it scrolls into view)."""
    page.set_viewport_size({"width": 1280, "height": 3000})
    page.wait_for_function(
        "([sel, words]) => document.querySelector(sel).textContent.includes(words)",
        arg=[COUNT, f"“{words}”"],
    )
    expected = count_of(page)
    page.wait_for_function(
        "([sel, n]) => document.querySelectorAll(sel).length === n", arg=[RESULT_LINKS, expected]
    )
    return page.locator(RESULT_LINKS).all_inner_texts()


def count_of(page) -> int:
    text = page.locator(COUNT).inner_text()
    found = re.match(r"(\d+|No) posts? found", text)
    assert found, text
    return 0 if found.group(1) == "No" else int(found.group(1))


def test_a_word_in_one_posts_body_finds_that_post(site, page):
    assert search(page, site, "urn") == [THING_6]
    assert page.locator(COUNT).inner_text() == "1 post found for “urn”."
    page.locator(RESULT_LINKS).first.click()
    page.wait_for_url(site.page("posts/2011/thing-6-networks-for-people-whod-rather-type/"))


def test_a_word_in_an_action_item_finds_its_post(site, page):
    # "headshot" is only in an action item of Thing 3, not in any post's body.
    assert search(page, site, "headshot") == [THING_3]


@pytest.mark.parametrize(
    ("word", "title"),
    [("handshake", THING_6), ("nightmare", "Thing 5: Reflecting on reflecting")],
)
def test_a_word_in_a_comment_finds_its_post(site, page, word, title):
    # Words found only in a reader's comment (content/comments/<post>/) or the
    # author's reply there: the post is the result.
    assert search(page, site, word) == [title]


@pytest.mark.parametrize(
    "word",
    ["Helen", "regrading", "bluntly", "buddy"],
    ids=["private-action", "private-note", "draft-body", "draft-action"],
)
def test_a_word_only_a_private_action_or_a_draft_has_finds_nothing(site, page, word):
    assert search(page, site, word) == []
    assert page.locator(COUNT).inner_text() == f"No posts found for “{word}”."


def test_a_thing_filter_narrows_the_results(site, page):
    everything = search(page, site, "engineering")
    assert len(everything) > 2 and THING_4 in everything
    page.locator("pagefind-filter-pane summary", has_text="Thing").click()  # open the group
    page.get_by_role("checkbox", name=re.compile(r"^Thing 4: Current awareness")).check()
    page.wait_for_function(
        "sel => document.querySelector(sel).textContent.includes('filtered by Thing 4')",
        arg=COUNT,
    )
    assert wait_for_results(page, "engineering") == [THING_4]
    assert page.locator(COUNT).inner_text() == (
        "1 post found for “engineering”, filtered by "
        "Thing 4: Current awareness: Twitter, RSS and Pushnote."
    )


def test_the_header_form_of_any_page_searches_without_script(site, page):
    page.goto(site.page("posts/2011/thing-4-taming-the-feeds/"))
    assert page.locator("script").count() == 0
    form = page.get_by_role("search")
    field = form.get_by_role("searchbox", name="Search")
    field.focus()
    page.keyboard.type("shoebox")
    page.keyboard.press("Enter")
    page.wait_for_url(site.page("search/?q=shoebox"))
    assert "Things 8 and 9: A calendar and a shoebox" in wait_for_results(page, "shoebox")
    # The query is in the field, ready to change.
    assert page.get_by_role("searchbox", name="Search this site").input_value() == "shoebox"


def test_keyboard_and_screen_reader(site, page):
    page.goto(site.page("search/"))
    field = page.get_by_role("searchbox", name="Search this site")
    field.wait_for()  # Pagefind's UI loads once the page has painted
    # Tab from the top of the page reaches the field (after the skip link and the menu).
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "search":
            break
    assert field.evaluate("e => e === document.activeElement")
    page.keyboard.type("engineering")
    titles = wait_for_results(page, "engineering")
    # The count is announced once: one status region, ours, in the accessibility tree.
    tree = page.locator("main").aria_snapshot()
    assert tree.count("- status") == 1 and "posts found for “engineering”" in tree
    assert (
        page.locator("[data-pagefind-announcer]").evaluate("e => getComputedStyle(e).display")
        == "none"
    )
    assert page.get_by_role("list", name="Search results").is_visible()
    # Down from the field into the results, and through them; Up back to the field.
    seen = []
    for _ in range(len(titles) + 3):
        page.keyboard.press("ArrowDown")
        active = page.evaluate("document.activeElement.textContent.trim()")
        if active in titles and active not in seen:
            seen.append(active)
        if len(seen) == 2:
            break
    assert seen == titles[:2]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.textContent.trim()") == titles[0]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.type") == "search"
    # Escape clears the search, the results and the count, and the address.
    page.keyboard.press("Escape")
    assert field.input_value() == ""
    page.wait_for_function("sel => document.querySelectorAll(sel).length === 0", arg=RESULT_LINKS)
    assert page.locator(COUNT).inner_text() == ""
    assert page.url == site.page("search/")


def test_without_javascript_it_says_where_else_to_look(site, browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site.page("search/?q=urn"))
    note = tab.locator(".rf-search-nojs").first
    assert note.is_visible() and "needs JavaScript" in note.inner_text()
    assert note.get_by_role("link", name="archives").get_attribute("href") == "/archives/"
    assert note.get_by_role("link", name="tags").get_attribute("href") == "/tags/"
    context.close()


def test_a_missing_index_says_so_instead_of_a_dead_page(site, page):
    page.route(re.compile(r".*/pagefind/pagefind-component-ui\.js$"), lambda route: route.abort())
    page.goto(site.page("search/?q=urn"))
    note = page.locator("#rf-search-broken")
    note.wait_for(state="visible")
    assert "index is missing" in note.inner_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_the_search_page_with_results_and_filters(site, browser, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.goto(site.page("search/?q=engineering"))
    wait_for_results(tab, "engineering")
    tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    tab.wait_for_timeout(300)
    results = Axe().run(tab)
    violations = [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]
    assert violations == [], f"{scheme}: {violations}"
    # The UI takes the page's colours: dark on dark, light on light.
    background = tab.locator("pagefind-input input").evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    assert background == tab.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()


def test_print_shows_the_results_not_the_controls(site, page):
    page.goto(site.page("search/?q=engineering"))
    wait_for_results(page, "engineering")
    page.emulate_media(media="print")
    assert not page.locator("pagefind-input").is_visible()
    assert not page.locator("pagefind-filter-pane").is_visible()
    assert page.locator(RESULT_LINKS).first.is_visible()


def test_the_search_page_is_light_but_for_pagefinds_own_files(site):
    """Its HTML and the theme's CSS keep the 30 KB budget; Pagefind's UI is on top."""
    page = site.output / "search" / "index.html"
    css = site.output / "theme" / "css"
    ours = page.stat().st_size + (css / "main.css").stat().st_size
    ours += (css / "search.css").stat().st_size
    assert ours <= 30 * 1024
    pagefind = site.output / "pagefind"
    ui = sum(
        (pagefind / name).stat().st_size
        for name in ("pagefind-component-ui.js", "pagefind-component-ui.css")
    )
    assert ui < 300 * 1024  # Pagefind 1.5: about 215 KB uncompressed


def test_a_site_under_a_sub_path_links_its_results_there(tmp_path, browser):
    """A GitHub project site (SITEURL https://USER.github.io/REPO): results under /REPO/."""
    import functools
    import http.server
    import os
    import subprocess
    import sys
    import threading

    from ._support import ROOT, _Quiet

    handler = functools.partial(_Quiet, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    siteurl = f"http://127.0.0.1:{server.server_address[1]}/repo"
    built = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", str(tmp_path / "repo")]
        + ["-s", "publishconf.py"],
        cwd=ROOT,
        env=dict(os.environ, SITEURL=siteurl),
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(siteurl + "/search/?q=urn")
        assert wait_for_results(tab, "urn") == [THING_6]
        tab.locator(RESULT_LINKS).first.click()
        tab.wait_for_url(siteurl + "/posts/2011/thing-6-networks-for-people-whod-rather-type/")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
