"""Sending against the 23 discovery cases of webmention.rocks and the answers an
endpoint may give, all served on 127.0.0.1 (tests/mentions/rocks.py)."""

from __future__ import annotations

import pytest

from reflective.mentions import send
from reflective.mentions.net import Net

from .rocks import CASES, Rocks, case

SOURCE = "https://me.example.org/2026/01/a-post/"


@pytest.fixture(scope="module")
def rocks():
    with Rocks() as server:
        yield server


@pytest.fixture
def net():
    client = Net(timeout=1, allow_local=True)
    yield client
    client.close()


@pytest.mark.parametrize("n", sorted(CASES), ids=[f"{n}-{CASES[n]}" for n in sorted(CASES)])
def test_discovery_case(rocks, net, n):
    target = f"{rocks.base}/test/{n}" + ("/page" if n == 23 else "")
    outcome = send.send_one(net, SOURCE, target)
    _, _, right = case(n, rocks.base)
    assert outcome.status == "sent", outcome.line()
    assert outcome.endpoint == rocks.base + right
    assert rocks.posted(right) == [{"source": SOURCE, "target": target}]
    assert not [p for p, _ in rocks.posts if p.startswith(f"/test/{n}/") and "error" in p]


def test_all_23_cases_are_there():
    assert sorted(CASES) == list(range(1, 24))


@pytest.mark.parametrize(
    ("what", "status", "detail"),
    [
        ("202", "sent", "202"),
        ("201", "sent", "201, status at"),
        ("400", "rejected", "400: target does not belong here"),
        ("429", "sent", "202"),
        ("429-long", "failed", "429 too many requests; the endpoint asks to wait 3600 s"),
        ("500", "failed", "500: broken; sent next time"),
        ("slow", "failed", "timed out"),
    ],
)
def test_endpoint_answers(rocks, net, what, status, detail):
    waits = []
    outcome = send.send_one(net, SOURCE, f"{rocks.base}/status/{what}", sleep=waits.append)
    assert outcome.status == status, outcome.line()
    assert detail in outcome.detail
    assert outcome.final == (status in ("sent", "rejected"))
    if what == "429":
        assert waits == [1.0]  # Retry-After honoured, then sent once more
        assert len(rocks.posted(f"/status/{what}/wm")) == 2


def test_redirect_loop_is_reported(rocks, net):
    outcome = send.send_one(net, SOURCE, f"{rocks.base}/loop/a")
    assert outcome.status == "failed"
    assert "redirect loop" in outcome.detail


def test_no_endpoint(rocks, net):
    outcome = send.send_one(net, SOURCE, f"{rocks.base}/plain/page")
    assert (outcome.status, outcome.final) == ("no-endpoint", True)


def test_loopback_refused_without_the_option(rocks):
    before = len(rocks.posts)
    client = Net(timeout=1)
    try:
        outcome = send.send_one(client, SOURCE, f"{rocks.base}/test/3")
    finally:
        client.close()
    assert outcome.status == "refused"
    assert "--allow-local-addresses" in outcome.detail
    assert len(rocks.posts) == before  # not even the page was asked for


def test_response_size_is_capped(rocks):
    client = Net(timeout=1, allow_local=True, max_bytes=100)
    try:
        page = client.get(f"{rocks.base}/test/3")
    finally:
        client.close()
    assert len(page.body) == 100


def test_retry_after_as_a_date():
    import datetime as dt

    now = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
    assert send.retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now) == 30
    assert send.retry_after("soon", now) is None
