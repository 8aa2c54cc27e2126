"""The cohort's pure core with plain data: Thing detection, the cohort file, parsing
fetched documents, the view the pages show."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from reflective.cohort import config, parse, view
from reflective.core import programme, things

from .support import feed_atom, feed_rss

KNOWN = range(1, 24)


@pytest.mark.parametrize(
    ("title", "tags", "expected"),
    [
        ("Thing 7: Face-to-face networks", [], [7]),
        ("cpd23 Things 8 and 9: calendars", [], [8, 9]),
        ("Things 8 & 9", [], [8, 9]),
        ("Thing #10 – Routes into librarianship", [], [10]),
        ("Things 11-13: catching up", [], [11, 12, 13]),
        ("Thing 8/9", [], [8, 9]),
        ("Something 5 about it", [], []),
        ("Twenty-three things", [], []),
        ("Thing 42", [], []),  # not in the programme
        ("A reflection", ["cpd23", "thing7", "Thing 12", "thing-3", "cpd23thing4"], [3, 4, 7, 12]),
        ("A reflection", ["things", "23things"], []),
    ],
)
def test_detect(title, tags, expected):
    assert things.detect(title, tags, valid=KNOWN).things == expected


def test_cohort_file_problems_name_the_field_and_line():
    text = """participants:
  - {name: Ann, site: https://a.example/, progress: https://a.example/progress.json}
  - {name: Ann again, site: https://a.example/, progress: https://a.example/progress.json}
  - {name: Bo, site: https://b.example/, feed: https://b.example/feed, progres: x}
  - just a string
  - {site: https://c.example/, feed: https://c.example/feed}
extra: 1
"""
    people, problems = config.parse(text, "cohort.yaml")
    assert [p.name for p in people] == ["Ann"]
    lines = [p.format() for p in problems]
    assert "cohort.yaml:7: extra: is not a cohort field; the file holds 'participants:'" in lines
    assert any(
        line.startswith(
            "cohort.yaml:3: participants[1].progress: https://a.example/"
            "progress.json is already listed for Ann"
        )
        for line in lines
    )
    assert any(
        "cohort.yaml:4: participants[2].progres: is not a participant field" in line
        and "did you mean 'progress'" in line
        for line in lines
    )
    assert any(
        line.startswith("cohort.yaml:5: participants[3]: must be a mapping") for line in lines
    )
    assert any(line.startswith("cohort.yaml:6: participants[4].name: is missing") for line in lines)


def test_cohort_file_that_does_not_parse():
    people, problems = config.parse("participants:\n  - {name: [Ann\n", "c.yaml")
    assert people == [] and "the YAML does not parse" in problems[0].format()
    assert config.parse("participants: 3\n", "c.yaml")[1][0].field == "participants"
    assert config.parse("{}\n", "c.yaml")[1][0].message.startswith("is missing")


def test_a_participant_key_follows_the_url():
    a = config.Participant("Ann", "https://a.example/", "https://a.example/p.json", "progress")
    b = config.Participant("Ann", "https://a.example/", "https://a.example/q.json", "progress")
    assert a.key.startswith("ann-") and a.key != b.key


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://x.example/a", "https://x.example/a"),
        ("HTTP://x.example/", "HTTP://x.example/"),
        ("javascript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("//x.example/", None),
        ("https:///nohost", None),
        ("https://x.example/a b", None),
        ("https://x.example/\x00", None),
        (None, None),
        (42, None),
    ],
)
def test_web_url(value, expected):
    assert config.web_url(value) == expected


def test_text_and_links_are_made_safe():
    assert parse.text("<b>Bold</b> &amp; <script>x</script>\n new") == "Bold & x new"
    assert parse.text("x" * 400).endswith("…") and len(parse.text("x" * 400)) == 300
    assert parse.link("/post/", "https://a.example/feed.xml") == "https://a.example/post/"
    assert parse.link("javascript:alert(1)", "https://a.example/") is None
    assert parse.link("JaVaScRiPt:alert(1)", "https://a.example/") is None


def _progress(**programme_fields) -> bytes:
    return json.dumps({"schema_version": 1, "programme": programme_fields}).encode()


def test_progress_json_tolerates_bad_entries_and_counts_them():
    body = _progress(
        name="cpd23",
        total=23,
        things=[
            {
                "number": 1,
                "posts": [
                    {"title": "One", "url": "one.html", "date": "2011-06-01", "things": [1]},
                    {"title": "", "url": "x", "things": [1]},
                    {"title": "No things", "url": "x"},
                    "not a post",
                ],
            },
            {
                "number": 8,
                "posts": [
                    {
                        "title": "Eight",
                        "url": "89.html",
                        "date": "2011-13-01",
                        "things": [8, 9, True],
                    },
                ],
            },
            {
                "number": 9,
                "posts": [
                    {"title": "Eight", "url": "89.html", "date": "2011-13-01", "things": [8, 9]},
                ],
            },
            "garbage",
        ],
    )
    data = parse.progress_json(body, "https://a.example/progress.json")
    assert data["skipped"] == 4
    assert [(p["title"], p["url"], p["date"], p["things"]) for p in data["posts"]] == [
        ("One", "https://a.example/one.html", "2011-06-01", [1]),
        ("Eight", "https://a.example/89.html", None, [8, 9]),
    ]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"\xff\xfe\x00garbage", "is not JSON"),
        (b"null", "not an object"),
        (json.dumps({"schema_version": "1"}).encode(), "schema_version '1'"),
        (json.dumps({"programme": {}}).encode(), "schema_version None"),
        (json.dumps({"schema_version": 1, "programme": []}).encode(), "no programme.things"),
    ],
)
def test_progress_json_that_is_not_one(body, words):
    with pytest.raises(parse.ParseError, match=words.replace("(", r"\(").replace(")", r"\)")):
        parse.progress_json(body, "https://a.example/progress.json")


def test_feeds_atom_and_rss():
    atom = feed_atom(
        "A",
        "https://a.example/",
        [
            {"title": "Thing 2: <i>blogs</i>", "type": "html", "url": "/2", "date": "2011-06-10"},
            {
                "title": "Hello",
                "url": "https://a.example/h",
                "date": "2011-06-11",
                "tags": ["thing-4"],
            },
        ],
    )
    data = parse.feed(atom, "https://a.example/feed.atom")
    assert data["title"] == "A"
    assert [(p["title"], p["url"], p["things"]) for p in data["posts"]] == [
        ("Hello", "https://a.example/h", [4]),
        ("Thing 2: blogs", "https://a.example/2", [2]),
    ]
    rss = feed_rss(
        "R",
        "https://r.example/",
        [
            {"title": "Thing 5", "url": "javascript:alert(1)", "date": "2011-06-12"},
        ],
    )
    post = parse.feed(rss, "https://r.example/rss")["posts"][0]
    assert post["url"] is None and post["date"] == "2011-06-12" and post["things"] == [5]
    with pytest.raises(parse.ParseError, match="not an Atom or RSS feed"):
        parse.feed(b"<html><p>hi</p></html>", "https://r.example/")
    with pytest.raises(parse.ParseError, match="not an Atom or RSS feed"):
        parse.feed(b'{"json": true}', "https://r.example/")


def test_view_counts_things_of_this_programme_and_orders_posts():
    prog = programme.load("cpd23")
    bonus = (
        next(t.number for t in prog.things if t.optional)
        if any(t.optional for t in prog.things)
        else None
    )
    ann = config.Participant("Ann", "https://a.example/", "https://a.example/p.json", "progress")
    bo = config.Participant("Bo", "javascript:x", "https://b.example/feed", "feed")
    cy = config.Participant("cy", "https://c.example/", "https://c.example/feed", "feed")
    posts = [
        {"title": "Later", "url": "https://a.example/2", "date": "2011-07-02", "things": [3]},
        {"title": "Earlier", "url": "javascript:x", "date": "2011-07-01", "things": [3, 99]},
        {"title": "Bonus", "url": None, "date": None, "things": [bonus] if bonus else []},
    ]
    records = {
        ann.key: {
            "url": ann.url,
            "status": "ok",
            "fetched_at": "2011-09-30T12:00:00+00:00",
            "data": {"posts": posts},
        },
        bo.key: {
            "url": bo.url,
            "status": "stale",
            "error": "HTTP 500",
            "fetched_at": "2011-09-01T00:00:00+00:00",
            "data": {"posts": [{"title": "Bo 3", "things": [3], "date": "2011-07-03"}]},
        },
        cy.key: {"url": "https://elsewhere.example/", "status": "ok", "data": {"posts": []}},
    }
    cohort = view.build(prog, [bo, cy, ann], records, dt.date(2011, 10, 1))
    assert [m.name for m in cohort.members] == ["Ann", "Bo", "cy"]
    ann_m, bo_m, cy_m = cohort.members
    assert (ann_m.written, ann_m.total, ann_m.latest) == (1, prog.total, dt.date(2011, 7, 2))
    assert ann_m.age_days == 1
    assert bo_m.status == "stale" and bo_m.error == "HTTP 500" and bo_m.site is None
    assert cy_m.status == "failed"  # its record is for another URL
    assert [(p.title, p.url) for p in cohort.others(3)] == [
        ("Bo 3", None),
        ("Later", "https://a.example/2"),
        ("Earlier", None),
    ]
    assert cohort.writers(3) == 2
    assert [m.name for m in cohort.failed] == ["Bo", "cy"]
    assert cohort.oldest.date() == dt.date(2011, 9, 1)
