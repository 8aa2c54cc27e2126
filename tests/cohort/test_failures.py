"""`cohort.failures`: why each participant was not fetched, grouped, and cut into pages.

The messages are the ones `reflective cohort fetch` writes (test_fetch checks that every
failure it provokes lands in its group, not under "Other errors").
"""

from __future__ import annotations

import datetime as dt

import pytest

from reflective.cohort import failures
from reflective.cohort.view import Member


def member(name: str, error: str | None, status: str = "failed") -> Member:
    return Member(
        name=name,
        site=None,
        kind="feed",
        status=status,
        error=error,
        fetched_at=None if status == "failed" else dt.datetime(2012, 9, 1, tzinfo=dt.UTC),
        age_days=None,
        written=0,
        total=23,
        latest=None,
        posts=0,
        programme=None,
    )


@pytest.mark.parametrize(
    "error, key, label, detail",
    [
        ("the server answered HTTP 404 Not Found", "http-404", None, None),
        ("the server answered HTTP 410 Gone", "http-410", None, None),
        (
            "cannot connect: [Errno -2] Name or service not known",
            "connect",
            "Cannot connect (unknown host, unreachable, or refused)",
            "[Errno -2] Name or service not known",
        ),
        (
            "cannot connect",
            "connect",
            "Cannot connect (unknown host, unreachable, or refused)",
            None,
        ),
        ("no complete answer within 10 s (REFLECTIVE_COHORT_TIMEOUT)", "timeout", None, None),
        ("more than 5 redirects (a redirect loop?)", "redirects", None, None),
        (
            "redirected to an address that is not a valid http(s) address",
            "bad-redirect",
            None,
            None,
        ),
        (
            "the document is 6,000,000 bytes, over the limit of 5,000,000 "
            "(REFLECTIVE_COHORT_MAX_BYTES)",
            "too-big",
            "Too big (over REFLECTIVE_COHORT_MAX_BYTES)",
            "whole",
        ),
        (
            "the document is over the limit of 5,000,000 bytes (REFLECTIVE_COHORT_MAX_BYTES); "
            "stopped reading",
            "too-big",
            None,
            "whole",
        ),
        (
            "the progress.json is not JSON (Expecting value: line 1 column 1 (char 0)); "
            "is this the progress.json?",
            "not-json",
            "The progress.json is not JSON",
            "whole",
        ),
        (
            "the progress.json is JSON but not a progress.json (not an object)",
            "not-progress",
            "Not a progress.json",
            "whole",
        ),
        (
            "the progress.json is not a progress.json: it has no programme.things list",
            "not-progress",
            None,
            "whole",
        ),
        (
            "the progress.json has schema_version 99, which this version of Reflective cannot "
            "read (it reads 1); upgrade Reflective",
            "schema",
            None,
            "whole",
        ),
        ("the feed is not an Atom or RSS feed (no entries)", "not-feed", None, "whole"),
        (
            "the server broke the HTTP exchange: Server disconnected without sending a response.",
            "protocol",
            "The server broke the HTTP exchange",
            "Server disconnected without sending a response.",
        ),
        ("the body could not be decoded: Error -3", "decoding", None, "Error -3"),
        ("not fetched yet: run 'reflective cohort fetch'", "not-yet", None, None),
        (None, "not-yet", "Not fetched yet", None),
        ("unexpected KeyError: 'x' (please report it)", "other", "Other errors", "whole"),
    ],
)
def test_each_message_fetch_writes_has_its_reason(error, key, label, detail):
    why = failures.reason(error)
    assert why.key == key
    if label is not None:
        assert why.label == label
    elif detail is None:
        assert why.label == error[0].upper() + error[1:]  # the message names its group
    assert why.detail == (error if detail == "whole" else detail)
    assert why.key.replace("-", "").isalnum()  # an anchor


def test_groups_are_largest_first_and_say_only_what_differs():
    members = [
        member("Bea", "the server answered HTTP 404 Not Found", "stale"),
        member("Ann", "cannot connect: [Errno 111] Connection refused"),
        member("Cal", "the server answered HTTP 404 Not Found"),
        member("Dot", "the server answered HTTP 404", "stale"),  # no reason phrase
        member("Eve", "the server answered HTTP 503 Service Unavailable"),
        member("Fay", None, "ok"),
    ]
    groups = failures.group(members)
    assert [(g.key, len(g)) for g in groups] == [("http-404", 3), ("connect", 1), ("http-503", 1)]
    assert groups[0].label == "The server answered HTTP 404 Not Found"
    assert [(f.member.name, f.detail) for f in groups[0].failures] == [
        ("Bea", None),
        ("Cal", None),
        ("Dot", "the server answered HTTP 404"),  # says something else: shown
    ]
    assert groups[0].stale == 2
    assert groups[1].failures[0].detail == "[Errno 111] Connection refused"


def test_pages_keep_the_order_and_mark_a_group_continued():
    members = [member(f"A{i:02d}", "the server answered HTTP 410 Gone") for i in range(7)]
    members += [member(f"B{i:02d}", "cannot connect: refused") for i in range(4)]
    groups = failures.group(members)
    pages = failures.pages(groups, 5)
    shape = [[(p.group.key, len(p.failures), p.continued) for p in page] for page in pages]
    assert shape == [
        [("http-410", 5, False)],
        [("http-410", 2, True), ("connect", 3, False)],
        [("connect", 1, True)],
    ]
    names = [f.member.name for page in pages for p in page for f in p.failures]
    assert names == [m.name for m in members]
    assert failures.pages([], 5) == []
