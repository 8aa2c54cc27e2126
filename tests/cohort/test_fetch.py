"""`reflective cohort fetch` against real local HTTP servers: good data and every failure.

The servers are `support.Server` (http.server in a thread, on a free port); the
participant with a progress.json is a site built with this kit by the real pelican
command; the others serve real Atom and RSS feeds, or fail in every way the network
fails. The CLI runs in a subprocess, as an author runs it.
"""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import yaml

from reflective.cohort import failures

from .support import Route, Server, feed_atom, feed_rss

ATOM_ENTRIES = [
    {
        "title": "Thing 3: Consider your personal brand",
        "url": "/2011/07/brand.html",
        "date": "2011-07-05",
        "tags": ["cpd23"],
    },
    {
        "title": "Reflecting on week two",
        "url": "https://b.example/2011/07/week.html",
        "date": "2011-07-10",
        "tags": ["cpd23", "thing7"],
    },
    {"title": "Holiday snaps", "url": "https://b.example/holiday", "date": "2011-07-20"},
]
RSS_ENTRIES = [
    {"title": "CPD23 Things 8 & 9", "url": "https://c.example/p/89", "date": "2011-08-02"},
]


def write_site(root: Path, participants: list[dict], **settings) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "content").mkdir(exist_ok=True)
    (root / "cohort.yaml").write_text(
        yaml.safe_dump({"participants": participants}, sort_keys=False), encoding="utf-8"
    )
    lines = ['PATH = "content"', 'REFLECTIVE_COHORT = "cohort.yaml"']
    lines += [f"{key} = {value!r}" for key, value in settings.items()]
    (root / "pelicanconf.py").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def fetch(root: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reflective", "cohort", "fetch", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, **(env or {})),
    )


def records(root: Path) -> dict[str, dict]:
    folder = root / "cohort-cache"
    out = {}
    for path in folder.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        out[record["name"]] = record
    return out


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def good_routes(built_participant: Path) -> dict[str, Route]:
    return {
        "/ann/progress.json": Route((built_participant / "progress.json").read_bytes()),
        "/bea/feed.atom": Route(
            feed_atom("Bea's blog", "https://b.example/", ATOM_ENTRIES), "application/atom+xml"
        ),
        "/cal/rss.xml": Route(
            feed_rss("Cal writes", "https://c.example/", RSS_ENTRIES),
            "application/rss+xml",
            etag=False,  # a server that sends Last-Modified only
        ),
    }


def good_people(server: Server) -> list[dict]:
    return [
        {"name": "Ann", "site": "https://a.example/", "progress": server.url("/ann/progress.json")},
        {"name": "Bea", "site": "https://b.example/", "feed": server.url("/bea/feed.atom")},
        {"name": "Cal", "site": "https://c.example/", "feed": server.url("/cal/rss.xml")},
    ]


def test_fetch_then_nothing_changed_downloads_nothing(tmp_path, built_participant):
    with Server(good_routes(built_participant)) as server:
        root = write_site(tmp_path / "site", good_people(server))
        first = fetch(root)
        assert first.returncode == 0, first.stderr
        assert "3 fetched, 0 unchanged, 0 failed of 3" in first.stderr
        got = records(root)
        assert {r["status"] for r in got.values()} == {"ok"}
        ann = got["Ann"]["data"]
        assert ann["kind"] == "progress" and ann["total"] == 23
        titles = {p["title"]: p["things"] for p in ann["posts"]}
        # Our own progress.json carries plain text; markup in it would be text too.
        assert titles["Things 8 and 9: calendars"] == [8, 9]
        assert titles["Thing 1: blogging & me"] == [1]
        assert "A bonus post" not in titles  # not on a Thing: not in programme.things
        bea = {p["title"]: p for p in got["Bea"]["data"]["posts"]}
        assert bea["Thing 3: Consider your personal brand"]["things"] == [3]
        # relative links are resolved against the feed's address
        assert bea["Thing 3: Consider your personal brand"]["url"] == server.url(
            "/2011/07/brand.html"
        )
        assert bea["Reflecting on week two"]["things"] == [7]  # from the tag
        assert bea["Holiday snaps"]["things"] == []
        assert got["Cal"]["data"]["posts"][0]["things"] == [8, 9]
        sent = server.total(server.bytes_sent)
        assert server.total(server.full) == 3

        second = fetch(root)
        assert second.returncode == 0, second.stderr
        assert "0 fetched, 3 unchanged, 0 failed of 3" in second.stderr
        assert "0 bytes downloaded" in second.stderr
        assert server.total(server.full) == 3  # no body sent again
        assert server.total(server.not_modified) == 3
        assert server.total(server.bytes_sent) == sent
        assert records(root)["Ann"]["data"] == got["Ann"]["data"]
        # A 304 need not repeat the validators; they are kept for the next fetch.
        assert fetch(root).returncode == 0
        assert server.total(server.not_modified) == 6 and server.total(server.full) == 3


def test_every_failure_is_one_line_and_the_rest_is_fetched(tmp_path, built_participant):
    routes = good_routes(built_participant)
    routes.update(
        {
            "/slow.json": Route(b"{}", delay=5),
            "/error.json": Route(status=500),
            "/gone.xml": Route(status=404),
            "/notjson.json": Route(b"<html><body>Hello</body></html>", "text/html"),
            "/notfeed.xml": Route(b"<html><body>Not a feed</body></html>", "text/html"),
            "/future.json": Route(json.dumps({"schema_version": 99, "programme": {}}).encode()),
            "/list.json": Route(b"[1, 2, 3]"),
            "/huge.json": Route(b"[" + b"1," * 400_000 + b"1]"),
            "/endless.xml": Route(endless=True, content_type="application/rss+xml"),
            "/loop-a": Route(location="/loop-b"),
            "/loop-b": Route(location="/loop-a"),
            "/to-js": Route(location="javascript:alert(1)"),
            "/drop.json": Route(drop=True),
        }
    )
    dead = closed_port()
    with Server(routes) as server:
        people = good_people(server) + [
            {
                "name": "Unreachable",
                "site": "https://u.example/",
                "progress": f"http://127.0.0.1:{dead}/progress.json",
            },
            {"name": "Slow", "site": "https://s.example/", "progress": server.url("/slow.json")},
            {"name": "Error", "site": "https://e.example/", "progress": server.url("/error.json")},
            {"name": "Gone", "site": "https://g.example/", "feed": server.url("/gone.xml")},
            {
                "name": "NotJSON",
                "site": "https://n.example/",
                "progress": server.url("/notjson.json"),
            },
            {"name": "NotFeed", "site": "https://f.example/", "feed": server.url("/notfeed.xml")},
            {
                "name": "Future",
                "site": "https://v.example/",
                "progress": server.url("/future.json"),
            },
            {"name": "List", "site": "https://l.example/", "progress": server.url("/list.json")},
            {"name": "Huge", "site": "https://h.example/", "progress": server.url("/huge.json")},
            {"name": "Endless", "site": "https://x.example/", "feed": server.url("/endless.xml")},
            {"name": "Loop", "site": "https://o.example/", "feed": server.url("/loop-a")},
            {"name": "ToJS", "site": "https://j.example/", "feed": server.url("/to-js")},
            {"name": "Drop", "site": "https://d.example/", "progress": server.url("/drop.json")},
        ]
        root = write_site(tmp_path / "site", people, REFLECTIVE_COHORT_MAX_BYTES=200_000)
        result = fetch(root, "--timeout", "2")
    assert result.returncode == 4, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("reflective:")]
    by_name = {line.split(" <", 1)[0]: line for line in lines}
    assert sorted(by_name) == sorted(p["name"] for p in people[3:]), result.stderr
    expected = {
        "Unreachable": "cannot connect",
        "Slow": "no complete answer within 2 s",
        "Error": "HTTP 500",
        "Gone": "HTTP 404",
        "NotJSON": "progress.json is not JSON",
        "NotFeed": "feed is not an Atom or RSS feed",
        "Future": "schema_version 99, which this version of Reflective cannot read",
        "List": "not a progress.json",
        "Huge": "over the limit of 200,000",
        "Endless": "over the limit of 200,000 bytes",
        "Loop": "more than 5 redirects",
        "ToJS": "not a valid http(s) address",
        "Drop": "the server broke the HTTP exchange",
    }
    for name, words in expected.items():
        assert words in by_name[name], by_name[name]
    assert "3 fetched, 0 unchanged, 13 failed of 16" in result.stderr
    got = records(root)
    assert {got[n]["status"] for n in ("Ann", "Bea", "Cal")} == {"ok"}
    for name in expected:
        assert got[name]["status"] == "failed" and got[name]["data"] is None
        assert got[name]["error"]
    # The cohort page groups them by reason: every one of these has its own group.
    groups = {name: failures.reason(got[name]["error"]).key for name in expected}
    assert groups == {
        "Unreachable": "connect",
        "Slow": "timeout",
        "Error": "http-500",
        "Gone": "http-404",
        "NotJSON": "not-json",
        "NotFeed": "not-feed",
        "Future": "schema",
        "List": "not-progress",
        "Huge": "too-big",
        "Endless": "too-big",
        "Loop": "redirects",
        "ToJS": "bad-redirect",
        "Drop": "protocol",
    }
    # The size limit holds while streaming: the endless body was cut off near it.
    assert server.bytes_sent["/endless.xml"] < 20_000_000


def test_a_failed_participant_keeps_its_previous_data_marked_stale(tmp_path, built_participant):
    routes = good_routes(built_participant)
    with Server(routes) as server:
        root = write_site(tmp_path / "site", good_people(server))
        assert fetch(root).returncode == 0
        before = records(root)["Bea"]
        routes_now = server.routes
        routes_now["/bea/feed.atom"] = Route(status=503)
        result = fetch(root)
    assert result.returncode == 4
    assert "Bea <" in result.stderr and "HTTP 503" in result.stderr
    assert "previous data kept, marked stale" in result.stderr
    after = records(root)["Bea"]
    assert after["status"] == "stale"
    assert after["data"] == before["data"]
    assert after["fetched_at"] == before["fetched_at"]
    assert "503" in after["error"]
    status = subprocess.run(
        [sys.executable, "-m", "reflective", "cohort", "status"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert status.returncode == 4
    assert "Ann: ok, data from " in status.stdout
    assert f"Bea: stale, data from {before['fetched_at']}: the server answered HTTP 503" in (
        status.stdout
    )


def test_a_changed_document_is_downloaded_again(tmp_path, built_participant):
    routes = good_routes(built_participant)
    with Server(routes) as server:
        root = write_site(tmp_path / "site", good_people(server))
        assert fetch(root).returncode == 0
        server.routes["/cal/rss.xml"] = Route(
            feed_rss(
                "Cal writes",
                "https://c.example/",
                RSS_ENTRIES
                + [{"title": "Thing 10", "url": "https://c.example/10", "date": "2011-08-20"}],
            ),
            "application/rss+xml",
            etag=False,
            modified="Sat, 20 Aug 2011 12:00:00 GMT",
        )
        result = fetch(root)
    assert result.returncode == 0
    assert "1 fetched, 2 unchanged" in result.stderr
    posts = records(root)["Cal"]["data"]["posts"]
    assert [p["things"] for p in posts] == [[10], [8, 9]]


def test_cohort_file_problems_stop_the_fetch(tmp_path):
    root = write_site(
        tmp_path / "site",
        [
            {"name": "Ann", "site": "javascript:alert(1)", "progress": "https://a.example/p.json"},
            {"name": "Bo", "site": "https://b.example/", "feed": "ftp://b.example/feed"},
            {"name": "Cy", "site": "https://c.example/"},
        ],
    )
    result = fetch(root)
    assert result.returncode == 1
    assert (
        "cohort.yaml:3: participants[0].site: must be the participant's home page" in result.stdout
    )
    assert "participants[1].feed: must be an http(s) address" in result.stdout
    assert "participants[2]: needs exactly one of 'progress'" in result.stdout
    assert "3 problems in the cohort file cohort.yaml; nothing fetched" in result.stderr
    assert not (root / "cohort-cache").exists()
    # `reflective check` runs the same check as a build
    check = subprocess.run(
        [sys.executable, "-m", "reflective", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 1
    assert "cohort.yaml:3: participants[0].site: must be the participant's home page" in (
        check.stdout
    )


def test_fetch_without_a_cohort_setting_says_so(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "pelicanconf.py").write_text('PATH = "content"\n')
    result = fetch(tmp_path)
    assert result.returncode == 1
    assert "REFLECTIVE_COHORT is not set" in result.stderr


def test_participants_removed_from_the_file_leave_the_cache(tmp_path, built_participant):
    with Server(good_routes(built_participant)) as server:
        people = good_people(server)
        root = write_site(tmp_path / "site", people)
        assert fetch(root).returncode == 0
        write_site(root, people[:2])
        result = fetch(root)
    assert result.returncode == 0
    assert "1 removed" in result.stderr
    assert sorted(records(root)) == ["Ann", "Bea"]


def test_redirects_within_the_limit_are_followed_and_a_gzip_bomb_is_cut_off(
    tmp_path, built_participant
):
    routes = good_routes(built_participant)
    routes.update(
        {
            "/old/progress.json": Route(status=301, location="/moved/progress.json"),
            "/moved/progress.json": Route(status=302, location="/ann/progress.json"),
            "/bomb.json": Route(
                gzip.compress(b" " * 50_000_000), headers={"Content-Encoding": "gzip"}
            ),
            "/drip.xml": Route(endless=True, chunk=16, chunk_delay=0.2),
        }
    )
    with Server(routes) as server:
        people = [
            {
                "name": "Moved",
                "site": "https://m.example/",
                "progress": server.url("/old/progress.json"),
            },
            {"name": "Bomb", "site": "https://b.example/", "progress": server.url("/bomb.json")},
            {"name": "Drip", "site": "https://d.example/", "feed": server.url("/drip.xml")},
        ]
        root = write_site(tmp_path / "site", people, REFLECTIVE_COHORT_MAX_BYTES=1_000_000)
        result = fetch(root, "--timeout", "2")
    assert result.returncode == 4, result.stderr
    got = records(root)
    assert got["Moved"]["status"] == "ok"
    assert got["Moved"]["final_url"] == server.url("/ann/progress.json")
    # links in the document resolve against where it really was
    assert all(p["url"].startswith(server.url("/")) for p in got["Moved"]["data"]["posts"])
    assert "over the limit of 1,000,000 bytes" in got["Bomb"]["error"]
    assert server.bytes_sent["/bomb.json"] < 100_000  # 50 MB once unpacked
    assert got["Drip"]["error"].startswith("no complete answer within 2 s")


def test_a_cache_that_cannot_be_written_is_refused_before_fetching(tmp_path):
    root = write_site(
        tmp_path / "site",
        [{"name": "Ann", "site": "https://a.example/", "feed": "https://a.example/feed"}],
    )
    (root / "cohort-cache").write_text("a file where the folder should be")
    result = fetch(root)
    assert result.returncode == 1
    assert "cannot write the cohort cache" in result.stderr
    assert "REFLECTIVE_COHORT_CACHE" in result.stderr
