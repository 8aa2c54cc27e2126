"""User text with markup, quotes, separators and long lines comes out escaped and valid."""

import json

import icalendar
import pytest
from bs4 import BeautifulSoup

from sitebuild import REPO, build, make_site, output_files, read_json

NASTY_TEXT = (
    'Fix </script><script>alert("t")</script> & <img src=x onerror=alert(1)> "quoted", a;b\\c'
)
NASTY_NOTE = "Line one,\nline two; with \\ backslash and </textarea> " + "long " * 80
NASTY_TITLE = '<script>alert("title")</script> Tea & "cake"'
FRONT = f"""---
title: {json.dumps(NASTY_TITLE)}
date: 2011-07-01
tags: [{json.dumps("<b>bold</b> tag")}, "a;b"]
thing: 3
actions:
  - id: nasty
    text: {json.dumps(NASTY_TEXT)}
    due: 2011-08-01
    note: {json.dumps(NASTY_NOTE)}
  - id: link
    text: "[click](javascript:void) or [fine](https://example.org/?a=1&b=2)"
    due: 2011-08-02
---
Body.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_site(
        tmp_path_factory.mktemp("nasty"),
        {"posts/nasty.md": FRONT},
        THEME=str(REPO / "theme"),
        SITEURL="https://me.example.org",
        FEED_ALL_ATOM="feeds/all.atom.xml",
        TAG_FEED_ATOM="feeds/{slug}.atom.xml",
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


def html_pages(root):
    return {
        name: data.decode() for name, data in output_files(root).items() if name.endswith(".html")
    }


def test_no_injected_markup_in_any_page(site):
    pages = html_pages(site)
    assert len(pages) >= 6
    for name, page in pages.items():
        soup = BeautifulSoup(page, "html.parser")
        for script in soup.find_all("script"):
            assert "alert" not in script.get_text(), name
        assert not soup.find_all(attrs={"onerror": True}), name
        assert not soup.find_all("b", string="bold"), name
        assert "javascript:" not in page, name


def test_text_reads_as_written(site):
    pages = html_pages(site)
    post_page = next(p for n, p in pages.items() if "tea-cake" in n)
    soup = BeautifulSoup(post_page, "html.parser")
    text = soup.select_one("#action-nasty .rf-text").get_text()
    assert text == NASTY_TEXT
    note = soup.select_one("#action-nasty .rf-note").get_text()
    assert " ".join(note.split()) == " ".join(NASTY_NOTE.split())
    assert NASTY_TITLE in soup.title.get_text()
    assert NASTY_TITLE in soup.h1.get_text()
    assert soup.select_one("#action-link a[href='https://example.org/?a=1&b=2']")
    assert soup.select_one("#action-link .rf-text").get_text() == "click or fine"


def test_json_round_trips(site):
    data = read_json(site)
    by_id = {a["id"]: a for a in data["actions"]}
    assert by_id["nasty"]["text"] == NASTY_TEXT and by_id["nasty"]["note"] == NASTY_NOTE
    assert by_id["nasty"]["post"]["title"] == NASTY_TITLE
    assert "<script>" not in by_id["nasty"]["html"]


def test_calendar_round_trips_and_folds(site):
    raw = (site / "output" / "actions.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    todos = {str(t["uid"]): t for t in icalendar.Calendar.from_ical(raw).walk("VTODO")}
    nasty = todos["nasty@me.example.org"]
    assert str(nasty["summary"]) == " ".join(NASTY_TEXT.split())
    assert str(nasty["description"]) == NASTY_NOTE
    assert str(todos["link@me.example.org"]["summary"]) == "click or fine"


def test_feeds_are_well_formed(site):
    from xml.etree import ElementTree

    feeds = [n for n in output_files(site) if n.endswith(".xml")]
    assert feeds
    for name in feeds:
        ElementTree.fromstring((site / "output" / name).read_bytes())
