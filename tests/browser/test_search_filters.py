"""The search page's filters list their values in natural order, in chromium.

Pagefind gives a filter's values in code-point order ("Thing 10" before "Thing 2",
"Zines" before "advocacy"); the search page lists them as a reader counts: Things by
number, years by value, tags without regard to case. A fixture site with posts on
Things 1, 2, 3, 9, 10, 11, 12 and 23 (the sample site has no Thing past 9 published)
is built with the kit's theme, indexed by the real Pagefind and served on 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest

from ._support import _Quiet
from sitebuild import REPO, build, make_site, post

pytestmark = pytest.mark.browser

THINGS = [23, 12, 11, 10, 9, 3, 2, 1]  # written in this order, newest first
TAGS = {1: "Zines", 2: "advocacy", 3: "cpd23", 9: "Evernote", 10: "thing10", 11: "thing2"}
YEARS = {1: 2012, 2: 2009}


def _files() -> dict[str, str]:
    files = {}
    for day, number in enumerate(THINGS, start=1):
        year = YEARS.get(number, 2011)
        tags = f"\ntags: [{TAGS[number]}]" if number in TAGS else ""
        files[f"posts/thing-{number}.md"] = post(
            f"Notes on Thing {number}",
            f"thing: {number}{tags}",
            body=f"My catalogue of thoughts on Thing {number}.",
            date=f"{year}-07-{day:02d}",
        )
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("filters")
    output = root / "output"
    handler = functools.partial(_Quiet, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    make_site(
        root,
        _files(),
        THEME=str(REPO / "theme"),
        REFLECTIVE_APPEND_TO_CONTENT=False,
        SITEURL=url,
        REFLECTIVE_TODAY="2012-10-01",
    )
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "pagefind" / "pagefind-entry.json").exists()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()
    server.server_close()


def _values(page, name: str) -> list[str]:
    """The filter's values as the pane lists them, top to bottom (DOM order is the
    order a keyboard and a screen reader meet them too)."""
    group = page.locator(f"pagefind-filter-pane details[data-filter-name={name}]")
    group.locator("summary").click()
    boxes = group.locator(f"input[name={name}]")
    boxes.first.wait_for()
    return boxes.evaluate_all("inputs => inputs.map(i => i.value)")


def test_things_years_and_tags_are_listed_in_natural_order(site, page):
    page.goto(f"{site}/search/?q=catalogue")
    page.wait_for_function(
        "() => document.querySelector('#rf-search-count').textContent.startsWith('8 posts')"
    )
    things = _values(page, "thing")
    numbers = [int(re.match(r"Thing (\d+): ", value).group(1)) for value in things]
    assert numbers == [1, 2, 3, 9, 10, 11, 12, 23], things
    assert things[4] == (
        "Thing 10: Graduate traineeships, Masters degrees, Chartership and accreditation"
    )
    assert _values(page, "year") == ["2009", "2011", "2012"]
    tags = _values(page, "tag")
    assert tags == ["advocacy", "cpd23", "Evernote", "thing2", "thing10", "Zines"], tags


def test_a_thing_past_nine_still_narrows_the_results(site, page):
    page.goto(f"{site}/search/?q=catalogue")
    page.wait_for_function(
        "() => document.querySelector('#rf-search-count').textContent.startsWith('8 posts')"
    )
    _values(page, "thing")
    page.get_by_role("checkbox", name=re.compile(r"^Thing 10: Graduate")).check()
    page.wait_for_function(
        "() => document.querySelector('#rf-search-count').textContent.startsWith('1 post ')"
    )
    links = "pagefind-results a.pf-result-link"
    page.wait_for_function("sel => document.querySelectorAll(sel).length === 1", arg=links)
    assert page.locator(links).all_inner_texts() == ["Notes on Thing 10"]
    # The pane keeps its order once a filter is chosen (Pagefind re-renders it then).
    values = page.locator("pagefind-filter-pane input[name=thing]").evaluate_all(
        "inputs => inputs.map(i => i.value.split(':')[0])"
    )
    assert values[:5] == ["Thing 1", "Thing 2", "Thing 3", "Thing 9", "Thing 10"]
