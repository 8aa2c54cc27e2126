"""A programme's cohort a year on: 1,000 participants, half of whom cannot be fetched.

The cohort is served by real local HTTP servers (tests/cohort/support) and fetched by
the real `reflective cohort fetch` twice: once when every blog is there (but 20 whose
address never worked), then "a year on", when 480 more fail the way blogs go
(bench/cohort.py's plan: a lapsed host, 404, 410, a parked domain, 503, a dropped
connection, a redirect loop) and keep their earlier data, stale. The sample site is then
published with that cohort (publishconf.py, the real pelican command) and served on
127.0.0.1: the cohort page stays within the 30 KB budget with its CSS, counts the
failures by reason and lists every one of them on numbered pages of their own; in
chromium at 375 px nothing scrolls sideways, axe finds nothing, and the participants'
table keeps its table semantics (Chromium's own accessibility tree) as cards.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest

from bench.cohort import plan_failures

from .published import fetch_a_year_on, local, on_a_phone, publish, soup
from .support import Route, Server, feed_atom
from .test_fetch import closed_port
from sitebuild import page_weight as weight

N = 1000
NEVER = 20  # addresses that never worked: failed, no data
BUDGET = 30 * 1024
PAGE_SIZE = 40  # REFLECTIVE_COHORT_PAGE_SIZE's default
NOT_FETCHED_PAGES = -(-N // 2 // PAGE_SIZE)
FIRST = (
    "Aisha Alasdair Bethan Catriona Chidi Dafydd Eilidh Fatima Gareth Hannah Ifeoma Jamal "
    "Kirsty Leona Mairead Niamh Oluwaseun Priyanka Rhiannon Siobhan Tomasz Una Vikram "
    "Wilhelmina Xanthe Yusuf Zofia Bartholomew Constance Desmond Evangeline Ffion Gwendolyn "
    "Hamish Isadora Jonathan Katarzyna Lachlan Marguerite Nicholas"
).split()
LAST = (
    "Abernethy Blackwood Chakraborty Drummond Ellingworth Featherstonehaugh Gallagher "
    "Hargreaves Ironside Jablonski Kowalczyk Llewellyn MacAulay Nwachukwu O'Callaghan "
    "Pemberton Quigley Ramaswamy Szczepanski Thistlethwaite Underwood Vanderbilt "
    "Whitworth-Jones Yardley Zielinski"
).split()
assert len(FIRST) * len(LAST) >= N
TITLES = (
    "what I made of it, and what I will do differently",
    "late again, but I got there in the end",
    "a tool I will actually keep using",
    "reflections from the reference desk",
    "not convinced yet, but here is why",
)


def person(index: int) -> str:
    return f"{FIRST[index % len(FIRST)]} {LAST[index // len(FIRST)]}"


@pytest.fixture(scope="module")
def year_on(tmp_path_factory):
    folder = tmp_path_factory.mktemp("year-on")
    plan = plan_failures(N, 0.48)
    never = [i for i in range(N) if i not in plan][:: (N - len(plan)) // NEVER][:NEVER]
    dead = closed_port()
    with Server() as server, Server() as gone:
        people, routes = [], {}
        for index in range(N):
            host = gone if plan.get(index) == "gone" else server
            path = f"/p{index}/feed.atom"
            site = f"https://blog{index}.example.org/"
            # Titles and addresses as long as real ones (the budget depends on them).
            entries = [
                {
                    "title": f"Thing {(index + k) % 23 + 1}: {TITLES[(index + k) % len(TITLES)]}",
                    "url": f"{site}2011/0{7 + k}/1{k}/thing-{(index + k) % 23 + 1}-"
                    f"{TITLES[(index + k) % len(TITLES)].lower().replace(' ', '-')[:40]}/",
                    "date": f"2011-0{7 + k}-1{k}",
                }
                for k in range(2)
            ]
            host.routes[path] = Route(
                feed_atom(person(index), site, entries), "application/atom+xml"
            )
            routes[index] = (host, path)
            feed = f"http://127.0.0.1:{dead}/{index}.xml" if index in never else host.url(path)
            people.append({"name": person(index), "site": site, "feed": feed})
        fetch_a_year_on(folder, people, plan, routes, gone)
    httpd, url = publish(folder / "output", folder / "cohort.yaml", folder / "cohort-cache")
    output = folder / "output"
    failing = {person(i): kind for i, kind in plan.items()} | {person(i): "never" for i in never}
    yield output, url, failing
    httpd.shutdown()
    httpd.server_close()


def test_the_cohort_pages_stay_within_the_budget(year_on):
    output, _, failing = year_on
    assert len(failing) == N // 2
    cohort = output / "cohort" / "index.html"
    assert weight(output, cohort) <= BUDGET, weight(output, cohort)
    pages = sorted((output / "cohort").glob("*/*/index.html"))
    kinds = Counter(page.parent.parent.name for page in pages)
    assert kinds == {"participants": N // PAGE_SIZE, "not-fetched": NOT_FETCHED_PAGES}
    for page in pages:
        assert weight(output, page) <= BUDGET, (page, weight(output, page))
    heaviest = {kind: max(weight(output, p) for p in pages if kind in p.parts) for kind in kinds}
    print(f"cohort/ {weight(output, cohort)} B with CSS; heaviest numbered pages: {heaviest}")


def test_the_cohort_page_counts_them_by_reason_and_links_to_every_one(year_on):
    output, url, failing = year_on
    html = soup(output / "cohort" / "index.html")
    section = html.find(id="cohort-failed").find_parent("article")
    lead = html.find(id="cohort-failed").find_next("p").get_text(" ", strip=True)
    assert lead == (
        f"The last fetch could not read {N // 2} of the {N} participants; {N // 2 - NEVER} of "
        "them are in the participants' table with the data of their last good fetch, "
        "marked stale."
    )
    assert section.select("ul.cohort-failed") == []  # capped: counts here, names on pages
    reasons = {}
    for item in section.select("ul.cohort-reasons > li"):
        label = item.a.get_text()
        count = int(re.search(r": (\d+) \(", item.get_text()).group(1))
        named = item.select_one(".cohort-by").get_text()
        assert named.count(",") == min(count, 3) - 1 and (
            count <= 3 or f"{count - 3} more" in named
        )
        target = local(output, item.a["href"])
        assert soup(target).find(id=urlsplit(item.a["href"]).fragment), item.a["href"]
        reasons[label] = count
    assert sum(reasons.values()) == N // 2
    assert list(reasons.values()) == sorted(reasons.values(), reverse=True)  # most first
    wanted = Counter(failing.values())
    assert reasons["Cannot connect (unknown host, unreachable, or refused)"] == (
        wanted["gone"] + wanted["never"]
    )
    assert reasons["The server answered HTTP 404 Not Found"] == wanted["404"]
    assert reasons["The server answered HTTP 410 Gone"] == wanted["410"]
    assert reasons["The server answered HTTP 503 Service Unavailable"] == wanted["503"]
    assert reasons["Not an Atom or RSS feed"] == wanted["parked"]
    assert reasons["The server broke the HTTP exchange"] == wanted["drop"]
    assert reasons["More than 5 redirects (a redirect loop?)"] == wanted["loop"]
    every = section.find("a", string=re.compile(r"^All 500 not fetched"))
    assert every["href"] == f"{url}/cohort/not-fetched/1/"


def test_every_one_not_fetched_is_on_the_numbered_pages_once_with_why(year_on):
    output, url, failing = year_on
    seen, labels = [], []
    number, count = 1, NOT_FETCHED_PAGES
    while True:
        html = soup(output / "cohort" / "not-fetched" / str(number) / "index.html")
        assert html.h1.get_text() == f"Not fetched, page {number} of {count}"
        for heading in html.select("article h2"):
            label = heading.find(string=True, recursive=False).strip()
            if not heading.get_text().endswith("continued)"):
                labels.append(label)
            items = heading.find_next_sibling("ul").select("li")
            for item in items:
                seen.append(item.a.get_text())
                stale = failing[item.a.get_text()] != "never"
                assert ("(stale: showing data from 29 September 2012)" in item.get_text()) is stale
                if label.startswith("Cannot connect"):
                    # what the connection error said, for this participant
                    assert item.get_text().startswith(item.a.get_text() + ": "), item
        following = html.find("a", rel="next")
        if following is None:
            break
        assert following["href"] == f"{url}/cohort/not-fetched/{number + 1}/"
        number += 1
    assert number == count
    assert sorted(seen) == sorted(failing) and len(seen) == len(set(seen))
    assert len(labels) == len(set(labels))  # each reason begins once


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_nothing_scrolls_sideways_and_axe_finds_nothing(year_on, browser, width):
    _, url, _ = year_on
    pages = ("cohort/", "cohort/participants/1/", f"cohort/participants/{N // PAGE_SIZE}/")
    pages += ("cohort/not-fetched/1/", f"cohort/not-fetched/{NOT_FETCHED_PAGES}/")
    on_a_phone(browser, url, pages, width)


@pytest.mark.browser
def test_the_cards_are_still_a_table_to_a_screen_reader(year_on, browser):
    _, url, _ = year_on
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    tab = context.new_page()
    tab.goto(f"{url}/cohort/participants/1/")
    # Cards: each row a box, its cells one under another, the column headers hidden.
    row = tab.locator("table.cohort-table tbody tr").first
    cells = row.locator("td")
    boxes = [cells.nth(i).bounding_box() for i in range(3)]
    assert boxes[0]["y"] < boxes[1]["y"] < boxes[2]["y"]
    assert tab.locator("table.cohort-table thead").bounding_box()["width"] <= 1
    labels = tab.evaluate(
        """[...document.querySelectorAll('.cohort-table tbody tr:first-child td')]
             .map(td => getComputedStyle(td, '::before').content)"""
    )
    # Shown before each value, not read out (the alternative text is empty).
    assert labels == ['"Things: " / ""', '"Latest post: " / ""', '"Fetched: " / ""']
    # Chromium's own accessibility tree, as a screen reader gets it.
    cdp = context.new_cdp_session(tab)
    nodes = [n for n in cdp.send("Accessibility.getFullAXTree")["nodes"] if not n.get("ignored")]
    roles = Counter(n["role"]["value"] for n in nodes)
    assert roles["table"] == 1
    assert roles["columnheader"] == 4 and roles["rowheader"] == PAGE_SIZE
    assert roles["cell"] == 3 * PAGE_SIZE and roles["row"] == PAGE_SIZE + 1
    names = [n.get("name", {}).get("value", "") for n in nodes if n["role"]["value"] == "cell"]
    assert names[0] and not any(
        name.startswith(("Things", "Latest post", "Fetched")) for name in names
    )
    context.close()
