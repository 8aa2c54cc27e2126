"""The closing task list followed by a sign-off: under a heading that names tasks, a list
followed by one short paragraph ("See you at Thing 2!") is lifted into `actions:`, the
paragraph (and the heading it now sits under) kept; anything longer, or a heading that
does not name tasks, leaves the list in the body. No word is ever lost."""

from __future__ import annotations

import pytest
import yaml

from reflective.importer import tomarkdown, wptext

from ._support import make_site, reflective_import, wordpress_export

LIST = "<ul>\n<li>Set up the blog</li>\n<li>Read <em>three</em> other posts</li>\n</ul>"
TASKS = ["Set up the blog", "Read *three* other posts"]
SIGN_OFF = "See you at Thing 2!"


def _lift(stored: str):
    """(items, why, body Markdown, words before, words after) for a post as stored."""
    doc = tomarkdown.soup(wptext.expand(stored))
    before = tomarkdown.plain_text(doc).split()
    items, why = tomarkdown.lift_actions(doc)
    return items, why, tomarkdown.to_markdown(doc), before, tomarkdown.plain_text(doc).split()


def _words(items):
    return " ".join(items).replace("*", "").split()


@pytest.mark.parametrize(
    "lead",
    [
        "<h3>Action points</h3>",
        "<h2>Next steps</h2>",
        "<h4>To do:</h4>",
        "<h3>Tasks</h3>",
        "<h3>My action plan</h3>",
        "<p><strong>Actions</strong></p>",
    ],
)
def test_a_task_list_then_a_sign_off_is_lifted_and_the_sign_off_kept(lead):
    items, why, body, before, after = _lift(
        f"I started a blog this week.\n\n{lead}\n{LIST}\n\n{SIGN_OFF}"
    )
    assert items == TASKS
    assert "the closing line 'See you at Thing 2!' stays in the body" in why
    assert "Set up the blog" not in body
    assert body.strip().startswith("I started a blog this week.")
    assert body.strip().endswith(SIGN_OFF)
    # the heading now heads the sign-off: kept, and no word is lost
    heading = tomarkdown.plain_text(tomarkdown.soup(lead))
    assert heading in body
    assert sorted(after + _words(items)) == sorted(before)


def test_a_sign_off_of_25_words_is_short_and_one_of_26_is_not():
    words = "one two three four five six seven eight nine ten " * 3
    short = " ".join(words.split()[:25]) + "."
    items, _, body, before, after = _lift(f"Hello.\n\n<h3>Action points</h3>\n{LIST}\n\n{short}")
    assert items == TASKS and body.strip().endswith(short)
    assert sorted(after + _words(items)) == sorted(before)
    long = " ".join(words.split()[:26]) + "."
    items, why, body, before, after = _lift(f"Hello.\n\n<h3>Action points</h3>\n{LIST}\n\n{long}")
    assert (items, why) == ([], "") and "- Set up the blog" in body and after == before


@pytest.mark.parametrize(
    "stored",
    [
        # a heading that does not name tasks: the list is the post's own, with or without
        f"<h3>Blogs I liked</h3>\n{LIST}\n\n{SIGN_OFF}",
        f"Some reflection.\n\n<h3>Blogs I liked</h3>\n{LIST}",
        # two paragraphs after the list are more of the post, however short
        f"<h3>Action points</h3>\n{LIST}\n\nThat is all.\n\n{SIGN_OFF}",
        # a closing paragraph with more than text in it
        f'<h3>Action points</h3>\n{LIST}\n\n<img src="cat.jpg" alt="My cat"> {SIGN_OFF}',
        f"<h3>Action points</h3>\n{LIST}\n\n<strong>{SIGN_OFF}</strong>",  # a heading
        f"<h3>Action points</h3>\n{LIST}\n\n<h3>{SIGN_OFF}</h3>",
        # after an announcing sentence (no heading) the list must still come last
        f"Some reflection. Here are the tasks I set myself:\n{LIST}\n\n{SIGN_OFF}",
    ],
)
def test_otherwise_the_list_stays_in_the_body(stored):
    items, why, body, before, after = _lift(stored)
    assert (items, why) == ([], "")
    assert "- Set up the blog" in body and after == before


def test_a_list_under_a_heading_that_ends_the_post_still_takes_the_heading_with_it():
    items, why, body, _, _ = _lift(f"Some reflection.\n\n<h3>Action points</h3>\n{LIST}")
    assert items == TASKS and why == "the list under 'Action points'"
    assert body.strip() == "Some reflection."  # nothing left under the heading: it goes


def test_the_import_command_lifts_it_and_reports_the_sign_off(tmp_path):
    body = (
        "Thing 1 asks us to start a blog, so here it is.\n\n"
        f"<h3>Action points</h3>\n{LIST}\n{SIGN_OFF}"
    )
    export = wordpress_export(tmp_path / "thing-1.xml", "Thing 1: hello", body, slug="hello")
    site = make_site(tmp_path)
    result = reflective_import(site, "wordpress", export)
    assert result.returncode == 0, result.stderr
    text = (site / "content" / "posts" / "2011-07-18-hello.md").read_text(encoding="utf-8")
    _, head, markdown = text.split("---\n", 2)
    fields = yaml.safe_load(head)
    assert fields["thing"] == 1 and fields["actions"] == TASKS
    assert markdown.strip().endswith("### Action points\n\nSee you at Thing 2!")
    assert (
        "2 actions lifted from the list under 'Action points' "
        "(the closing line 'See you at Thing 2!' stays in the body)" in result.stdout
    )
