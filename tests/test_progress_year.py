"""A real year's published progress page: within the 30 KB budget and scannable.

The bench generator's 30-post site (a year of the programme: 92 actions, 40 updates)
built with publishconf.py and the theme, by the real pelican command. The page lists
every action that needs doing as one line linked to its full item, the most recent
done ones (all of them on the group's own page), every Thing; the full histories stay
on the posts (and one click away from the Thing pages).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from bench.generate import generate

from sitebuild import page_weight as weight

ROOT = Path(__file__).resolve().parent.parent
SITEURL = "https://me.example.org"
BUDGET = 30 * 1024
DONE_SHOWN = 10  # REFLECTIVE_PROGRESS_DONE_LIMIT's default


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    folder = tmp_path_factory.mktemp("year")
    corpus = generate(folder, 30)
    assert (corpus.actions, corpus.updates) == (92, 40)  # the real year
    output = folder / "output"
    env = dict(os.environ, SITEURL=SITEURL, REFLECTIVE_TODAY=corpus.today.isoformat())
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(folder / "content"), "-o", str(output)]
        + ["-s", "publishconf.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def page(output: Path, url: str) -> Path:
    path = output / urlsplit(url).path.lstrip("/")
    return path / "index.html" if path.is_dir() or url.endswith("/") else path


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def test_a_years_progress_page_is_within_30_kb_with_its_css(year):
    progress = year / "progress" / "index.html"
    assert weight(year, progress) <= BUDGET, weight(year, progress)
    for group_page in (year / "progress").rglob("*/index.html"):
        assert weight(year, group_page) <= BUDGET, group_page


def test_it_shows_every_thing_and_every_action_to_do_as_one_line(year):
    data = json.loads((year / "progress.json").read_text())
    html = soup(year / "progress" / "index.html")
    stats = {
        li.get_text(" ", strip=True).split(" ", 1)[1]: int(li.strong.get_text())
        for li in html.select(".stats > li")
    }
    counts = data["counts"]
    assert stats == {
        "overdue": counts["overdue"],
        "to do": counts["todo"],
        "doing": counts["doing"],
        "done": counts["done"],
        "dropped": counts["dropped"],
        "habits": counts["habits"],
    }
    assert len(html.select("ol.thing-grid > li")) == 23
    by_group = Counter(a["group"] for a in data["actions"])
    for key, count in by_group.items():
        assert f"({count})" in html.select_one(f"#g-{key}").get_text(), key
    links = Counter(a["href"].split("#action-")[1] for a in html.select('main a[href*="#action-"]'))
    assert max(links.values()) == 1
    needs_doing = {a["id"] for a in data["actions"] if a["group"] != "done"}
    assert needs_doing <= set(links)
    for key in ("overdue", "open", "habits", "dropped"):
        lines = html.select(f".g-{key} .rf-action-lines > li")
        assert len(lines) == by_group[key], key
        assert all(len(li.select('a[href*="#action-"]')) == 1 for li in lines)
    assert "Doing" in html.select_one(".g-open").get_text()  # the state, in words
    assert "rf-history" not in str(html.select_one("main"))  # histories: on the posts


def test_the_most_recent_done_actions_are_shown_and_all_on_their_page(year):
    data = json.loads((year / "progress.json").read_text())
    done = sorted(
        (a for a in data["actions"] if a["group"] == "done"),
        key=lambda a: a["done"] or a["post"]["date"],
        reverse=True,
    )
    html = soup(year / "progress" / "index.html")
    shown = [a["href"].split("#action-")[1] for a in html.select('.g-done a[href*="#action-"]')]
    assert shown == [a["id"] for a in done[:DONE_SHOWN]]
    more = html.select_one(".g-done .rf-more a")
    assert more.get_text() == f"All {len(done)} actions in “Done”"
    group = soup(page(year, more["href"]))
    listed = [a["href"].split("#action-")[1] for a in group.select('main a[href*="#action-"]')]
    assert sorted(listed) == sorted(a["id"] for a in done)


def test_every_line_leads_to_the_full_item_with_its_history(year):
    data = {a["id"]: a for a in json.loads((year / "progress.json").read_text())["actions"]}
    html = soup(year / "progress" / "index.html")
    checked = 0
    for link in html.select('main a[href*="#action-"]'):
        target, action_id = link["href"].split("#")
        line = soup(page(year, target)).select_one(f"#{action_id}")
        assert line is not None, link["href"]
        if "/things/" in target:  # the Thing page's line links on to the post
            target = line.select_one('a[href*="#action-"]')["href"].split("#")[0]
        item = soup(page(year, target)).select_one(f"#{action_id}")
        history = data[action_id.removeprefix("action-")]["history"]
        assert len(item.select(".rf-history > li")) == len(history), action_id
        checked += bool(history)
    assert checked >= 10
