"""The cohort's pages within the 30 KB page budget at every cohort size, nothing lost.

One real cohort of 1,000 participants is served by real local HTTP servers
(tests/cohort/support) and fetched by the real `reflective cohort fetch` twice: first
when every blog is there (but 20 whose address never worked), then a year on, when every
other participant fails the way blogs go (bench/cohort.py's kinds) and keeps its earlier
data, stale. They write as people in a programme do: realistic names, titles and
addresses, 70 % sites built with this kit (progress.json), 30 % other blogs (Atom), four
in ten writing all 23 Things and the others stopping along the way, some posts on two
Things. The sample site is then published (publishconf.py, the real pelican command)
with the first N of them for each size N, all from that one cache: every cohort page,
Thing page and numbered page stays within the budget with its CSS, and every
participant and every post is reachable by links from the cohort page. The new page
type (a Thing's posts continued on numbered pages) is checked in chromium at phone
widths with axe.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from bench.cohort import FAILURES

from .published import fetch_a_year_on, local, on_a_phone, publish, soup
from .support import Route, Server, feed_atom
from .test_fetch import closed_port
from .test_not_fetched import person
from sitebuild import page_weight as weight

N = 1000
SIZES = (1, 15, 20, 50, 51, 200, 1000)  # 15: the largest with its table on the page
BUDGET = 30 * 1024
TABLE_LIMIT = 15  # REFLECTIVE_COHORT_TABLE_LIMIT's default
LATEST = 10  # REFLECTIVE_COHORT_LATEST's default
THING_PAGE_SIZE = 25  # REFLECTIVE_COHORT_THING_PAGE_SIZE's default
PHRASES = (
    "what I made of it, and what I will do differently",
    "late again, but I got there in the end",
    "a tool I will actually keep using at work",
    "reflections from the reference desk on a quiet Tuesday",
    "not convinced yet, but here is why",
    "trying it out with the rest of the team",
    "more useful than I expected",
    "first impressions, and a question for the others",
)


def never(index: int) -> bool:
    """Twenty addresses that never worked: failed, no data at all."""
    return index % 50 == 24


def fails_a_year_on(index: int) -> str | None:
    return FAILURES[index // 2 % len(FAILURES)][0] if index % 2 else None


def posts_of(index: int) -> list[dict]:
    """What participant `index` wrote: one post a Thing from Thing 1 until they stopped."""
    rng = random.Random(index)
    last = 23 if rng.random() < 0.4 else rng.randint(1, 22)
    site = f"https://blog{index}.example.org/"
    posts, number = [], 1
    while number <= last:
        things = [number, number + 1] if number == 8 and last >= 9 and index % 3 == 0 else [number]
        phrase = PHRASES[(index + number) % len(PHRASES)]
        label = f"Things {things[0]} and {things[1]}" if len(things) == 2 else f"Thing {number}"
        day = dt.date(2011, 6, 1) + dt.timedelta(days=7 * number + index % 7)
        slug = f"{label}-{phrase}".lower().replace(" ", "-").replace(",", "")
        posts.append(
            {
                "title": f"{label}: {phrase}",
                "url": f"{site}{day:%Y/%m/%d}/{slug}/",
                "date": day.isoformat(),
                "things": things,
            }
        )
        number += len(things)
    return posts


def progress_document(index: int) -> bytes:
    by_thing: dict[int, list] = {}
    for post in posts_of(index):
        by_thing.setdefault(post["things"][0], []).append(post)
    return json.dumps(
        {
            "schema_version": 1,
            "programme": {
                "name": "23 Things",
                "total": 23,
                "things": [{"number": n, "posts": p} for n, p in sorted(by_thing.items())],
            },
        }
    ).encode()


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    """The cohort fetched twice, and `site(n)`: the sample built with its first n."""
    folder = tmp_path_factory.mktemp("budget")
    plan = {i: kind for i in range(N) if (kind := fails_a_year_on(i))}
    dead = closed_port()
    with Server() as server, Server() as gone:
        people, routes = [], {}
        for index in range(N):
            host = gone if plan.get(index) == "gone" else server
            site = f"https://blog{index}.example.org/"
            if index % 10 < 7:
                path, kind = f"/p{index}/progress.json", "progress"
                host.routes[path] = Route(progress_document(index))
            else:
                path, kind = f"/p{index}/feed.atom", "feed"
                body = feed_atom(person(index), site, posts_of(index))
                host.routes[path] = Route(body, "application/atom+xml")
            routes[index] = (host, path)
            url = f"http://127.0.0.1:{dead}/{index}" if never(index) else host.url(path)
            people.append({"name": person(index), "site": site, kind: url})
        fetch_a_year_on(folder, people, plan, routes, gone)

    servers = []

    @functools.cache
    def site(n: int) -> tuple[Path, str]:
        """The published sample with the first `n` participants; (output, SITEURL)."""
        cohort_file = folder / f"cohort-{n}.yaml"
        cohort_file.write_text(yaml.safe_dump({"participants": people[:n]}), "utf-8")
        output = folder / f"output-{n}"
        httpd, url = publish(output, cohort_file, folder / "cohort-cache")
        servers.append(httpd)
        return output, url

    yield site
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def path(href: str) -> str:
    """A link's path: the theme links root-relative, the plugin's pages absolute."""
    return urlsplit(href).path


def expected_posts(n: int) -> dict[int, list[str]]:
    """Thing -> the addresses of the cohort's posts on it: all but those never fetched."""
    things: dict[int, list[str]] = {number: [] for number in range(1, 24)}
    for index in range(n):
        for post in [] if never(index) else posts_of(index):
            for number in post["things"]:
                things[number].append(post["url"])
    return things


@pytest.mark.parametrize("n", SIZES)
def test_every_cohort_and_thing_page_is_within_the_budget(cohort, n):
    output, _ = cohort(n)
    pages = [output / "cohort" / "index.html"]
    pages += sorted((output / "cohort").glob("*/**/index.html"))
    pages += sorted((output / "things").glob("*/index.html"))
    pages += sorted((output / "posts").glob("**/index.html"))  # "Others on this Thing"
    weights = {str(page.relative_to(output)): weight(output, page) for page in pages}
    over = {page: size for page, size in weights.items() if size > BUDGET}
    assert over == {}, over
    kinds = {}
    for page, size in weights.items():
        kind = "cohort/" if page == "cohort/index.html" else "/".join(page.split("/")[:2])
        kind = "things/N" if kind.startswith("things/") else kind
        kind = "cohort/things/N/P" if kind.startswith("cohort/things") else kind
        kind = "posts" if kind.startswith("posts/") else kind
        count, heaviest = kinds.get(kind, (0, 0))
        kinds[kind] = (count + 1, max(heaviest, size))
    print(
        f"\n{n} participants: "
        + "; ".join(f"{k} x{c}, heaviest {h / 1024:.1f} KiB" for k, (c, h) in kinds.items())
    )
    assert len([p for p in weights if p.startswith("things/")]) == 23  # every Thing's page


@pytest.mark.parametrize("n", SIZES)
def test_every_participant_is_reachable_from_the_cohort_page(cohort, n):
    output, _ = cohort(n)
    page = soup(output / "cohort" / "index.html")
    tables = [page]
    paged = page.select("#cohort-people ~ ul.cohort-pages a, #cohort-people + p a")
    assert (page.select_one("table.cohort-table") is None) is (n > TABLE_LIMIT)
    assert bool(paged) is (n > TABLE_LIMIT)
    tables += [soup(local(output, a["href"])) for a in paged]
    seen = [row.th.a.get_text() for t in tables for row in t.select("tbody tr")]
    assert sorted(seen) == sorted(person(i) for i in range(n))
    # Those not fetched, with why: on the cohort page, or on its numbered pages.
    failing = {person(i) for i in range(n) if never(i) or fails_a_year_on(i)}
    listed = [li.a.get_text() for li in page.select("ul.cohort-failed li")]
    every = page.find("a", string=lambda s: s and s.startswith(f"All {len(failing)} not fetched"))
    target = local(output, every["href"]) if every else None
    while target is not None:
        listing = soup(target)
        listed += [li.a.get_text() for li in listing.select("ul.cohort-failed li")]
        following = listing.find("a", rel="next")
        target = local(output, following["href"]) if following else None
    assert sorted(listed) == sorted(failing)


@pytest.mark.parametrize("n", SIZES)
def test_every_post_is_reachable_from_the_cohort_page_by_its_thing(cohort, n):
    output, _ = cohort(n)
    page = soup(output / "cohort" / "index.html")
    wanted = expected_posts(n)
    lines = page.select("ul.cohort-things > li")
    assert len(lines) == 23
    for line in lines:
        number = int(line["id"].removeprefix("cohort-thing-"))
        writers = len({u.split("/")[2] for u in wanted[number]})
        count = f": {writers} of {n}" if writers else ": no one yet"
        assert count in line.get_text(), line
        thing = soup(local(output, line.a["href"]))
        others = thing.select_one("section.cohort-others")
        # The author's own posts on the Thing come first (the Thing page is theirs).
        own = thing.select("section.thing-post")  # the theme's thing.html
        assert all(others in post.find_all_next("section") for post in own)
        assert bool(own) is line.get_text().endswith(", and this blog")
        pages = max(1, -(-len(wanted[number]) // THING_PAGE_SIZE))
        found = [li.a["href"] for li in others.select("ul.cohort-posts > li")]
        assert len(found) == min(THING_PAGE_SIZE, len(wanted[number]))
        more = others.select_one("p.cohort-more a")
        assert (more is not None) is (len(wanted[number]) > THING_PAGE_SIZE)
        following, number_of = more, 1
        while following is not None:
            number_of += 1
            assert path(following["href"]) == f"/cohort/things/{number}/{number_of}/"
            continued = soup(local(output, following["href"]))
            heading = f"Others on Thing {number}, page {number_of} of {pages}"
            assert continued.h1.get_text() == heading
            back = continued.select_one("p.kicker a")
            assert path(back["href"]) == f"/things/{number}/" and back["href"].endswith(
                "#cohort-others-h"
            )
            previous = path(continued.find("a", rel="prev")["href"])
            assert previous == (
                f"/things/{number}/"
                if number_of == 2
                else f"/cohort/things/{number}/{number_of - 1}/"
            )
            found += [li.a["href"] for li in continued.select("ul.cohort-posts > li")]
            following = continued.find("a", rel="next")
        assert number_of == pages
        assert sorted(found) == sorted(wanted[number]), number  # each once, none lost
        dates = [u.split("/")[3:6] for u in found]
        assert dates == sorted(dates, reverse=True)  # the newest first, page after page


@pytest.mark.parametrize("n", SIZES)
def test_the_cohort_page_has_the_cohorts_newest_posts(cohort, n):
    output, _ = cohort(n)
    page = soup(output / "cohort" / "index.html")
    posts = {u for urls in expected_posts(n).values() for u in urls}
    newest = sorted(posts, key=lambda u: (u.split("/")[3:6], u), reverse=True)
    shown = [li.a["href"] for li in page.select("#cohort-latest + ul.cohort-posts > li")]
    assert len(shown) == min(LATEST, len(posts)) and len(set(shown)) == len(shown)
    days = [u.split("/")[3:6] for u in shown]
    assert days == sorted(days, reverse=True) and days[0] == newest[0].split("/")[3:6]


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 375])
def test_the_new_pages_on_a_phone_nothing_scrolls_sideways_and_axe_finds_nothing(
    cohort, browser, width
):
    _, url = cohort(N)
    pages = ("cohort/", "things/7/", "cohort/things/7/2/", "cohort/things/1/40/")
    on_a_phone(browser, url, pages, width)
