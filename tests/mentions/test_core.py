"""The pure parts of mentions: the send plan and its state, JF2 entries as comment
files, the blocklist, discovery from headers and HTML."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from reflective.core import comment_format
from reflective.mentions import blocklist, discover, jf2, pages, plan, state
from reflective.mentions.send import Outcome

A, B = "https://me.example/2026/a/", "https://me.example/2026/b/"


def post(url, date, targets, digest):
    return pages.Post(url, date, targets, digest, "x.html")


def test_first_run_records_a_baseline_and_sends_nothing():
    posts = [
        post(A, "2020-01-01", ["https://t/1"], "h1"),
        post(B, "2026-05-01", ["https://t/2"], "h2"),
    ]
    jobs, baseline = plan.plan(posts, state.empty(), "2026-06-01")
    assert baseline == "2026-06-01" and [j.send_to for j in jobs] == [[], []]
    jobs, _ = plan.plan(posts, state.empty(), "2026-06-01", since="2026-01-01")
    assert [j.send_to for j in jobs] == [[], ["https://t/2"]]


def test_changed_posts_send_to_old_and_new_links_and_pending_ones():
    current = {"version": 1, "baseline": "2026-01-01", "pulled": [], "sent": {
        A: {"hash": "old", "targets": ["https://t/gone", "https://t/kept"], "pending": []},
        B: {"hash": "h2", "targets": ["https://t/2"], "pending": ["https://t/2"]},
    }}  # fmt: skip
    posts = [
        post(A, "2026-02-01", ["https://t/kept", "https://t/new"], "new"),
        post(B, "2026-02-02", ["https://t/2"], "h2"),
        post("https://me.example/2026/c/", "2026-03-01", ["https://t/3"], "h3"),  # new
        post("https://me.example/2019/old/", "2019-03-01", ["https://t/4"], "h4"),  # imported
    ]
    jobs, baseline = plan.plan(posts, current, "2026-06-01")
    assert baseline == "2026-01-01"
    assert [(j.reason, j.send_to) for j in jobs] == [
        ("changed", ["https://t/kept", "https://t/new", "https://t/gone"]),
        ("pending", ["https://t/2"]),
        ("new", ["https://t/3"]),
        ("recorded", []),  # dated before the baseline: an archive imported later
    ]
    outcomes = {
        (A, "https://t/kept"): Outcome("https://t/kept", "sent"),
        (A, "https://t/new"): Outcome("https://t/new", "failed", "timed out"),
        (A, "https://t/gone"): Outcome("https://t/gone", "no-endpoint"),
    }
    after = plan.record(current, jobs[:1], baseline, outcomes)
    assert after["sent"][A] == {
        "hash": "new", "targets": ["https://t/kept", "https://t/new"], "pending": ["https://t/new"]
    }  # fmt: skip


def test_state_file_round_trip_and_refusals(tmp_path):
    path = tmp_path / "webmentions.json"
    data = dict(state.empty(), baseline="2026-01-01")
    assert state.write(str(path), data) is True
    assert state.write(str(path), data) is False  # same bytes: not written again
    assert state.read(str(path)) == data
    path.write_text("{not json")
    with pytest.raises(state.StateError, match="restore it from version control"):
        state.read(str(path))
    path.write_text(json.dumps({"version": 9}))
    assert state.problems(str(path))[0].field == "file"


TARGETS = jf2.Targets("https://me.example", {"2026/a/": "a", "2026/b.html": "b"})


def item(**more):
    base = {"wm-id": 5, "wm-property": "in-reply-to", "wm-target": A,
            "wm-source": "https://them.example/p", "url": "https://them.example/p",
            "published": "2026-02-01T10:20:30Z", "content": {"text": "Hello"},
            "author": {"name": "Them", "url": "https://them.example/",
                       "photo": "https://them.example/me.jpg"}}  # fmt: skip
    base.update(more)
    return base


def test_a_reply_becomes_a_comment_file_without_the_photo():
    slug, fields, body = jf2.entry(item(), TARGETS, lambda s: set())
    assert slug == "a" and fields["kind"] == "reply" and body == "Hello"
    assert fields["date"] == dt.datetime(2026, 2, 1, 10, 20, tzinfo=dt.UTC)
    text = comment_format.render(fields, body)
    assert "photo" not in text and "me.jpg" not in text
    assert 'website: "https://them.example/"' in text


@pytest.mark.parametrize(
    ("more", "reason"),
    [
        ({"wm-private": True}, "private"),
        ({"wm-target": "https://me.example/2026/z/"}, "not for one of our posts"),
        ({"url": A, "wm-source": A}, "its source is the post itself"),
        ({"wm-id": None}, "no wm-id"),
        ({"published": None, "wm-received": None}, "no date"),
    ],
)
def test_entries_that_are_skipped(more, reason):
    slug, why, _ = jf2.entry(item(**more), TARGETS, lambda s: set())
    assert slug is None and why.startswith(reason)


def test_kinds_threading_and_address_forms():
    entry = item(**{"wm-target": "http://ME.example/2026/a/index.html#comment-c3"})
    _, fields, _ = jf2.entry(entry, TARGETS, lambda s: {"c3"})
    assert fields["replyto"] == "c3"
    _, fields, _ = jf2.entry(entry, TARGETS, lambda s: set())
    assert "replyto" not in fields  # names no comment of the post: a comment of its own
    for prop, kind in (("like-of", "like"), ("repost-of", "repost"), ("bookmark-of", "bookmark")):
        slug, fields, body = jf2.entry(
            item(**{"wm-property": prop, "wm-target": "https://me.example/2026/b.html"}),
            TARGETS, lambda s: set(),
        )  # fmt: skip
        assert (slug, fields["kind"], body) == ("b", kind, "")
    _, fields, body = jf2.entry(
        item(**{"wm-property": "mention-of"}, name="My round-up"), TARGETS, lambda s: set()
    )
    assert fields["kind"] == "mention" and body == "My round-up"


def test_text_stays_text():
    content = {"text": "![x](https://them.example/pic.jpg) <script>x</script> " + "word " * 2000}
    _, _, body = jf2.entry(item(content=content), TARGETS, lambda s: set())
    assert "\\![x]" in body and not re.search(r"(?<!\\)!\[", body)  # never an image
    assert "<script" not in body
    assert len(body) <= jf2.MAX_REPLY + 1 and body.endswith("…")


def test_blocklist(tmp_path):
    path = tmp_path / "block.txt"
    path.write_text("# spam\nspam.example\nhttps://blog.example/bad/  # one section\nbad entry!\n")
    found, problems = blocklist.read(str(path))
    assert [p.line for p in problems] == [4]
    assert found.blocks("https://www.spam.example/x") == "spam.example"
    assert found.blocks("http://blog.example/bad/post") == "blog.example/bad/"
    assert found.blocks("https://blog.example/good/") is None
    assert found.blocks("https://notspam.example/") is None
    _, why, _ = jf2.entry(
        item(url="https://spam.example/p"), TARGETS, lambda s: set(), found.blocks
    )
    assert why == "blocked (spam.example)"


def test_discovery_from_headers_and_html():
    base = "https://t.example/a/b"
    assert discover.from_headers(['<x>; rel="other webmention"'], base) == "https://t.example/a/x"
    assert discover.from_headers(["<x>; rel=not-webmention"], base) is None
    assert discover.from_headers(['<a>; rel="other", <y?q=1>; rel=webmention'], base) == (
        "https://t.example/a/y?q=1"
    )
    html = '<!-- <link rel=webmention href=/no> --><a rel="WebMention" href="">x</a>'
    assert discover.endpoint(base, [], html) == base
    assert discover.endpoint(base, [], '<a rel=webmention href="javascript:x">') is None
