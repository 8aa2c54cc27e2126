"""A post written only in the editor is a real post: checked, built, on every page it belongs.

The author's way: /admin/ in `reflective serve` (offline chromium), an image uploaded in
the asset library, then New Post: a Thing, three actions (one a habit, one private),
an update of an earlier post's action chosen by its text, hours, activity,
competencies, the body with the image. Then `reflective check` and a real build: the
post, the progress page and the CPD page show it, and the image is published.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from preview.served import Served, clean_build

from ._support import Offline, add_item, choose, field, open_editor, sample_project, upload_image

pytestmark = pytest.mark.browser


def _run(root, *args):
    return subprocess.run(
        [sys.executable, "-m", "reflective", *args], cwd=root, capture_output=True, text=True
    )


def clean_build_published(root, into):
    """The same content built as published: private actions left out."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            "content",
            "-o",
            str(into),
            "-s",
            "pelicanconf.py",
            "-e",
            "REFLECTIVE_SHOW_PRIVATE=false",
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_post_written_in_the_editor(tmp_path, browser):
    root = sample_project(tmp_path / "site", extra='STATIC_PATHS = ["images"]\n')
    assert _run(root, "tidy").returncode == 0
    image = tmp_path / "whiteboard.png"
    from PIL import Image

    Image.new("RGB", (64, 48), (200, 120, 40)).save(image)
    served = Served(root)
    offline = Offline(browser)
    try:
        served.wait_settled(0)
        page = offline.page()
        open_editor(page, served)
        upload_image(page, str(image))
        page.goto(served.base + "admin/#/collections/posts/new")
        page.get_by_role("button", name="Save").wait_for()
        page.get_by_role("textbox", name="Title").fill("Thing 10: Coffee with a colleague")
        page.get_by_role("textbox", name="Date").fill("2011-09-30")
        choose(page, "Thing", "Thing 10")
        plain = add_item(page, "Actions", "Id")
        field(plain, "Id").get_by_role("textbox").fill("book-a-coffee")
        field(plain, "Text").get_by_role("textbox").fill("Book a *coffee* with the new cataloguer")
        field(plain, "Due").get_by_role("textbox").fill("2011-10-14")
        field(plain, "Priority").get_by_role("radio", name="high").check()
        habit = add_item(page, "Actions", "Id")
        field(habit, "Id").get_by_role("textbox").fill("fortnightly-coffee")
        field(habit, "Text").get_by_role("textbox").fill("Keep a fortnightly coffee slot")
        field(habit, "Repeats (a habit)").get_by_role("radio", name="fortnight").check()
        private = add_item(page, "Actions", "Id")
        field(private, "Id").get_by_role("textbox").fill("ask-about-secondment")
        field(private, "Text").get_by_role("textbox").fill("Ask my manager about a secondment")
        field(private, "Private").get_by_role("switch").click()
        update = add_item(page, "Updates of earlier actions", "Action")
        field(update, "Action").get_by_role("combobox").click()
        page.get_by_role("option", name=re.compile("^Publish one CPD23 post a week")).click()
        field(update, "Note").get_by_role("textbox").fill("Still going, one a week.")
        page.get_by_role("spinbutton", name="Hours").fill("1.5")
        choose(page, "Activity", "networking")
        choose(page, "Competencies", "2.4")
        body = field(page, "Post").get_by_role("textbox")
        body.fill("## What?\n\nA coffee.\n\n![A whiteboard of plans](/images/whiteboard.png)\n")
        page.get_by_role("button", name="Save").click()
        page.get_by_text("Entry saved.").first.wait_for(timeout=15000)
    finally:
        offline.close()
        served.stop()
    written = root / "content" / "posts" / "2011-09-30-thing-10-coffee-with-a-colleague.md"
    assert written.exists(), sorted(p.name for p in written.parent.iterdir())
    assert (root / "content" / "images" / "whiteboard.png").read_bytes() == image.read_bytes()
    checked = _run(root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    clean_build(root, "built")
    out = root / "built"
    post = (out / "posts/2011/thing-10-coffee-with-a-colleague/index.html").read_text()
    for text in (
        "Book a <em>coffee</em> with the new cataloguer",
        "Keep a fortnightly coffee slot",
        "Ask my manager about a secondment",
        "Still going, one a week.",
        'src="/images/whiteboard.png"',
    ):
        assert text in post, text
    assert (out / "images" / "whiteboard.png").exists()
    progress = (out / "progress" / "index.html").read_text()
    assert '<li class="w" value="10">' in progress  # Thing 10 is written
    assert "#action-book-a-coffee" in progress and "Keep a fortnightly coffee slot" in progress
    cpd = (out / "cpd" / "index.html").read_text()
    assert "Thing 10: Coffee with a colleague" in cpd and '<td class="num">1.5</td>' in cpd
    public = root / "public"
    clean_build_published(root, public)
    published = (public / "posts/2011/thing-10-coffee-with-a-colleague/index.html").read_text()
    assert "Ask my manager about a secondment" not in published  # private stays private
    assert "Book a <em>coffee</em>" in published
