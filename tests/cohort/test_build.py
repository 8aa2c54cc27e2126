"""Builds with a cohort: the cohort page, "Others on this Thing", Thing pages for Things
not yet written, failures and the data's age shown, everything fetched escaped.

The cache is made by the real `reflective cohort fetch` from local servers; the build
is the real pelican command, run while the servers still count requests, to show a
build reads only the cache.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .support import Route, Server, feed_atom
from .test_fetch import closed_port, fetch
from sitebuild import REPO, build, make_site, post

EPOCH = "1317384000"  # 2011-09-30 12:00 UTC: the fetch's clock, for a fixed data age
HOSTILE_PROGRESS = {
    "schema_version": 1,
    "programme": {
        "name": "cpd23",
        "total": 23,
        "things": [
            {
                "number": 5,
                "posts": [
                    {
                        "title": "<script>alert('t')</script>Thing 5 <i>notes</i>",
                        "url": "javascript:alert(1)",
                        "date": "2011-07-01",
                        "things": [5],
                    },
                    {
                        "title": "Fine &amp; dandy",
                        "things": [5],
                        "date": "2011-07-02",
                        "url": 'https://evil.example/x"onmouseover="alert(2)',
                    },
                    {
                        "title": "Data link",
                        "things": [5],
                        "date": "2011-07-03",
                        "url": "data:text/html,<script>alert(3)</script>",
                    },
                    {
                        "title": "Thing 99 is not ours",
                        "things": [99],
                        "date": "2011-07-03",
                        "url": "https://evil.example/99",
                    },
                ],
            }
        ],
    },
}
HOSTILE_FEED = [
    {
        "title": "Thing 7: <script>alert('feed')</script> networks",
        "url": "javascript:alert(4)",
        "date": "2011-07-20",
    },
    {
        "title": "&lt;img src=x onerror=alert(5)&gt; Thing 7 again",
        "type": "html",
        "url": "https://bea.example/7b",
        "date": "2011-07-21",
    },
    {"title": "Thing 3: brand", "url": "https://bea.example/3", "date": "2011-07-05"},
]


def author_site(root: Path, people: list[dict], **settings) -> Path:
    make_site(
        root,
        {
            "three.md": post("Thing 3: my own brand", "thing: 3", date="2011-07-04"),
            "one.md": post("Thing 1: starting", "thing: 1", date="2011-06-20"),
        },
        THEME=str(REPO / "theme"),
        REFLECTIVE_COHORT="cohort.yaml",
        REFLECTIVE_APPEND_TO_CONTENT=False,
        ARTICLE_URL="posts/{slug}/",
        ARTICLE_SAVE_AS="posts/{slug}/index.html",
        **settings,
    )
    import yaml

    (root / "cohort.yaml").write_text(yaml.safe_dump({"participants": people}), "utf-8")
    return root


@pytest.fixture(scope="module")
def cohort_build(tmp_path_factory, built_participant):
    routes = {
        "/ann/progress.json": Route((built_participant / "progress.json").read_bytes()),
        "/eve/progress.json": Route(json.dumps(HOSTILE_PROGRESS).encode()),
        "/bea/feed.atom": Route(
            feed_atom("Bea", "https://bea.example/", HOSTILE_FEED), "application/atom+xml"
        ),
        "/gone.json": Route(status=410),
    }
    root = tmp_path_factory.mktemp("author")
    with Server(routes) as server:
        people = [
            {
                "name": "Ann <b>Author</b>",
                "site": "https://ann.example/",
                "progress": server.url("/ann/progress.json"),
            },
            {
                "name": "Eve",
                "site": "https://eve.example/",
                "progress": server.url("/eve/progress.json"),
            },
            {"name": "Bea", "site": "https://bea.example/", "feed": server.url("/bea/feed.atom")},
            {"name": "Gil", "site": "https://gil.example/", "progress": server.url("/gone.json")},
            {
                "name": "Una",
                "site": "https://una.example/",
                "feed": f"http://127.0.0.1:{closed_port()}/feed",
            },
        ]
        author_site(root, people)
        result = fetch(root, "--timeout", "5", env={"SOURCE_DATE_EPOCH": EPOCH})
        assert result.returncode == 4, result.stderr
        before = server.total(server.requests)
        built = build(root)
        assert built.returncode == 0, built.stderr
        assert server.total(server.requests) == before  # the build read only the cache
    return root


def page(root: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((root / "output" / path).read_text("utf-8"), "html.parser")


def test_cohort_page_shows_progress_age_and_failures(cohort_build):
    soup = page(cohort_build, "cohort/index.html")
    rows = {
        (row.th.a or row.th).get_text(): [td.get_text(" ", strip=True) for td in row.find_all("td")]
        for row in soup.select("table.cohort-table tbody tr")
    }
    assert rows["Ann <b>Author</b>"][0] == "4 of 23"  # Things 1, 3, 8, 9
    assert rows["Ann <b>Author</b>"][1] == "1 August 2011"
    assert rows["Bea"][0] == "2 of 23"
    assert rows["Eve"][0] == "1 of 23"  # Thing 99 is not in the programme
    eve = soup.find("a", href="https://eve.example/").parent.get_text(" ", strip=True)
    assert eve == "Eve (doing cpd23)"  # another programme's name, as its progress.json says
    assert rows["Gil"][0] == "–" and "never" in rows["Gil"][2]
    assert "30 September 2011" in rows["Ann <b>Author</b>"][2]
    age = soup.select_one(".cohort-age").get_text(" ", strip=True)
    assert "Last fetched 30 September 2011 at 12:00 UTC, 1 day before this build." in age
    failed = soup.select_one("ul.cohort-failed").get_text(" ", strip=True)
    assert "Gil : the server answered HTTP 410 Gone" in failed
    assert "Una : cannot connect" in failed
    # Thing by Thing: one line each, how many wrote about it, linked to its page.
    thing3 = soup.find(id="cohort-thing-3")
    assert thing3.get_text() == "Thing 3: Consider your personal brand: 2 of 5, and this blog"
    assert thing3.a["href"] == "/things/3/"
    assert soup.find(id="cohort-thing-2").get_text().endswith(": no one yet")
    # The cohort's newest posts, each once (Ann's "Things 8 and 9" is about both).
    latest = [li.get_text(" ", strip=True) for li in soup.select("#cohort-latest + ul > li")]
    assert latest == [
        "Things 8 and 9: calendars by Ann <b>Author</b> , 1 August 2011 , on Thing 8 , Thing 9",
        "Thing 7 again by Bea , 21 July 2011 , on Thing 7",
        "Thing 7: alert('feed') networks by Bea , 20 July 2011 , on Thing 7",
        "Thing 3: brand by Bea , 5 July 2011 , on Thing 3",
        "Thing 3: my brand by Ann <b>Author</b> , 4 July 2011 , on Thing 3",
        "Data link by Eve , 3 July 2011 , on Thing 5",
        "Fine & dandy by Eve , 2 July 2011 , on Thing 5",
        "alert('t') Thing 5 notes by Eve , 1 July 2011 , on Thing 5",
        "Thing 1: blogging & me by Ann <b>Author</b> , 20 June 2011 , on Thing 1",
    ]
    both = soup.select_one("#cohort-latest + ul > li")
    assert [a["href"] for a in both.select(".cohort-by a")] == [
        "https://ann.example/",
        "/things/8/",
        "/things/9/",
    ]
    nav = soup.select_one("nav.site-nav")
    assert nav.find("a", string="Cohort")["aria-current"] == "page"


def test_nothing_fetched_reaches_a_page_unescaped(cohort_build):
    for html_file in (cohort_build / "output").rglob("*.html"):
        text = html_file.read_text("utf-8")
        if html_file.parent.name != "search":  # the search page's own script (issue 15)
            assert "<script" not in text.lower(), html_file
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup.find_all(True):
            assert not any(name.startswith("on") for name in tag.attrs), (html_file, tag)
            href = tag.get("href")
            if href:
                assert not re.match(r"\s*(javascript|data|vbscript):", href, re.I), html_file
    soup = page(cohort_build, "cohort/index.html")
    latest = soup.select("#cohort-latest + ul > li")
    assert sum("Thing 5" in li.get_text() for li in latest) == 3
    thing5 = page(cohort_build, "things/5/index.html").select_one("section.cohort-others")
    items = [li for li in thing5.select("li")]
    texts = [li.get_text(" ", strip=True) for li in items]
    assert any(t.startswith("alert('t') Thing 5 notes") for t in texts), texts
    script_item = next(li for li in items if "alert('t')" in li.get_text())
    assert script_item.find("a", href=re.compile("evil|javascript")) is None  # unlinked
    dandy = next(li for li in items if "Fine & dandy" in li.get_text())
    assert dandy.a["href"] == 'https://evil.example/x"onmouseover="alert(2)'  # one attribute
    data = next(li for li in items if "Data link" in li.get_text())
    assert [a.get_text() for a in data.find_all("a")] == ["Eve"]  # the title unlinked
    name = soup.find("a", href="https://ann.example/")
    assert name.get_text() == "Ann <b>Author</b>" and name.b is None


def test_thing_pages_and_posts_show_others(cohort_build):
    seven = page(cohort_build, "things/7/index.html")  # not written by the author
    others = seven.select_one("section.cohort-others")
    assert others.h2.get_text() == "Others on this Thing"
    assert "No post of mine on this Thing yet." in seven.get_text()
    # its neighbours are the author's written Things either side of it
    assert "Thing 3: Consider your personal brand" in seven.find("a", rel="prev").get_text()
    assert seven.find("a", rel="next") is None
    links = [a.get_text() for a in others.select("ul.cohort-posts a")]
    assert "img src=x onerror=alert(5) Thing 7 again" not in links  # tags stripped...
    assert any("Thing 7 again" in text for text in links)
    own = page(cohort_build, "posts/thing-3-my-own-brand/index.html")
    block = own.select_one("section.cohort-others")
    assert {a.get_text() for a in block.select("ul.cohort-posts li > a:first-child")} == {
        "Thing 3: my brand",
        "Thing 3: brand",
    }
    assert block.find("a", href="https://bea.example/3")
    # every Thing of the programme has a page once a cohort is configured
    for number in range(1, 24):
        assert (cohort_build / "output" / "things" / str(number) / "index.html").exists()


def test_a_strict_build_stops_on_a_bad_cohort_file(tmp_path):
    root = author_site(
        tmp_path / "site", [{"name": "Ann", "site": "ftp://a.example/"}], REFLECTIVE_STRICT=True
    )
    result = build(root)
    assert result.returncode != 0
    assert "cohort.yaml:3: participants[0].site: must be the participant's home page" in (
        result.stdout + result.stderr
    )
    assert not (root / "output" / "cohort").exists()


def test_a_lenient_build_without_a_cache_says_fetch(tmp_path):
    root = author_site(
        tmp_path / "site",
        [{"name": "Ann", "site": "https://a.example/", "feed": "https://a.example/feed"}],
        REFLECTIVE_STRICT=False,
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "run 'reflective cohort fetch'" in result.stdout + result.stderr
    soup = page(root, "cohort/index.html")
    assert "Nothing has been fetched yet" in soup.get_text()
    assert "Ann : not fetched yet" in soup.select_one("ul.cohort-failed").get_text(" ", strip=True)


def test_a_hand_edited_cache_is_checked_again(cohort_build, tmp_path):
    root = tmp_path / "copy"
    shutil.copytree(cohort_build, root, ignore=shutil.ignore_patterns("output"))
    for path in (root / "cohort-cache").glob("bea-*.json"):
        record = json.loads(path.read_text("utf-8"))
        record["data"]["posts"][0]["url"] = "javascript:alert(6)"
        record["data"]["posts"][0]["title"] = "<script>alert(7)</script>Thing 3 edited"
        path.write_text(json.dumps(record), "utf-8")
    assert build(root).returncode == 0
    text = (root / "output" / "cohort" / "index.html").read_text("utf-8")
    assert "javascript:" not in text and "<script" not in text
    assert "alert(7) Thing 3 edited" in text


def test_without_a_cohort_nothing_changes(tmp_path):
    root = make_site(
        tmp_path / "site",
        {"three.md": post("Thing 3: brand", "thing: 3")},
        THEME=str(REPO / "theme"),
        REFLECTIVE_APPEND_TO_CONTENT=False,
    )
    assert build(root).returncode == 0
    out = root / "output"
    assert not (out / "cohort").exists()
    assert sorted(p.name for p in (out / "things").iterdir()) == ["3"]
    assert "Others on this Thing" not in (out / "things" / "3" / "index.html").read_text()


def test_themes_that_do_not_know_the_plugin_get_others_appended(cohort_build, tmp_path):
    root = tmp_path / "plain"
    shutil.copytree(cohort_build, root, ignore=shutil.ignore_patterns("output"))
    conf = (root / "pelicanconf.py").read_text()
    conf = re.sub(r"THEME = .*\n", "", conf).replace(
        "REFLECTIVE_APPEND_TO_CONTENT = False", "REFLECTIVE_APPEND_TO_CONTENT = True"
    )
    (root / "pelicanconf.py").write_text(conf)
    result = build(root)
    assert result.returncode == 0, result.stderr
    text = (root / "output" / "posts" / "thing-3-my-own-brand" / "index.html").read_text()
    assert "Others on this Thing" in text and "https://bea.example/3" in text
    assert (root / "output" / "cohort" / "index.html").exists()


def test_a_large_cohort_has_its_table_on_numbered_pages(tmp_path):
    routes, people = {}, []
    for index in range(120):
        path = f"/p{index:03d}.xml"
        routes[path] = Route(
            feed_atom(
                f"P{index}",
                "https://p.example/",
                [
                    {
                        "title": f"Thing {index % 23 + 1}: post {index}",
                        "url": f"https://p.example/{index}",
                        "date": "2011-08-01",
                    }
                ],
            ),
            "application/atom+xml",
        )
    with Server(routes) as server:
        people = [
            {
                "name": f"Participant {index:03d}",
                "site": "https://p.example/",
                "feed": server.url(f"/p{index:03d}.xml"),
            }
            for index in range(120)
        ]
        root = author_site(tmp_path / "site", people)
        assert fetch(root).returncode == 0
    result = build(root)
    assert result.returncode == 0, result.stderr
    main_page = page(root, "cohort/index.html")
    assert main_page.select_one("table.cohort-table") is None
    links = main_page.select("ul.cohort-pages a")
    assert [a.get_text() for a in links] == [
        "Participant 000 to Participant 039",
        "Participant 040 to Participant 079",
        "Participant 080 to Participant 119",
    ]
    last = page(root, "cohort/participants/3/index.html")
    assert len(last.select("table.cohort-table tbody tr")) == 40
    assert last.find("a", rel="prev")["href"].endswith("cohort/participants/2/")
    assert (root / "output" / "cohort" / "index.html").stat().st_size < 30 * 1024


@pytest.mark.parametrize("limit", [1, 2])
def test_more_failures_than_the_limit_are_counted_by_reason_and_paged(
    cohort_build, tmp_path, limit
):
    """Two of five not fetched: listed in full up to REFLECTIVE_COHORT_FAILED_LIMIT."""
    root = tmp_path / "copy"
    shutil.copytree(cohort_build, root, ignore=shutil.ignore_patterns("output"))
    with (root / "pelicanconf.py").open("a") as conf:
        conf.write(f"REFLECTIVE_COHORT_FAILED_LIMIT = {limit}\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    soup = page(root, "cohort/index.html")
    lead = soup.find(id="cohort-failed").find_next("p").get_text(" ", strip=True)
    assert lead == "The last fetch could not read 2 of the 5 participants."
    pages = root / "output" / "cohort" / "not-fetched"
    if limit == 2:  # all listed, one line each with its whole reason
        assert [li.get_text(" ", strip=True) for li in soup.select("ul.cohort-failed li")] == [
            "Una : cannot connect: All connection attempts failed",
            "Gil : the server answered HTTP 410 Gone",
        ]
        assert soup.select("ul.cohort-reasons") == [] and not pages.exists()
        return
    assert soup.select("ul.cohort-failed") == []
    reasons = [li.get_text(" ", strip=True) for li in soup.select("ul.cohort-reasons li")]
    assert sorted(reasons) == [
        "Cannot connect (unknown host, unreachable, or refused) : 1 (Una)",
        "The server answered HTTP 410 Gone : 1 (Gil)",
    ]
    link = soup.find("a", string="All 2 not fetched, with why")
    assert link["href"] == "/cohort/not-fetched/1/"
    assert link.parent.get_text(" ", strip=True).endswith("(1 page, by reason).")
    assert sorted(p.name for p in pages.iterdir()) == ["1"]
    listing = page(root, "cohort/not-fetched/1/index.html")
    assert listing.h1.get_text() == "Not fetched"  # one page: no "page 1 of 1"
    assert listing.find(id="reason-http-410").find_next("li").get_text(" ", strip=True) == "Gil"
    assert listing.find(id="reason-connect").find_next("li").a["href"] == "https://una.example/"
    for item in soup.select("ul.cohort-reasons a"):
        target, anchor = item["href"].split("#")
        assert target == "/cohort/not-fetched/1/" and listing.find(id=anchor)
    assert listing.find("a", rel="next") is None and listing.find("a", rel="prev") is None
