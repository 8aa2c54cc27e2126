"""In `reflective serve`, a post saved in the editor reaches the preview (not timed).

The author's two tabs: the editor at /admin/ and the post's page; after Save in the
first, the second shows the new sentence (the preview reloads it) and a clean build of
the saved files equals what the server now serves.
"""

from __future__ import annotations

import json

import pytest
from preview.served import Served, assert_same_as_clean_build

from ._support import Offline, field, open_editor, open_entry, sample_project, save

pytestmark = pytest.mark.browser


def test_a_save_in_the_editor_is_shown_by_the_preview(tmp_path, browser):
    root = sample_project(tmp_path)
    served = Served(root)
    offline = Offline(browser)
    try:
        served.wait_settled(0)
        page = offline.page()
        shown = offline.page()
        shown.goto(served.base + "posts/2011/thing-4-taming-the-feeds/")
        open_editor(page, served)
        open_entry(page, served, "posts", "2011-07-05-thing-4-current-awareness")
        body = field(page, "Post").get_by_role("textbox")
        marker = "A sentence written in the browser's editor."
        body.fill(body.input_value().rstrip("\n") + f"\n\n{marker}\n")
        page.wait_for_timeout(500)
        settled = served.settled()
        assert save(page)
        shown.wait_for_function(
            f"document.body && document.body.innerText.includes({json.dumps(marker)})",
            timeout=60_000,
        )
        served.wait_settled(settled)
    finally:
        offline.close()
        served.stop()
    assert offline.asked == []
    assert_same_as_clean_build(root)
