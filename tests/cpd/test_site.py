"""The CPD record in real Pelican builds and in `reflective check`: the page and problems."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from .sites import POSTS, cpd_site, reflective
from sitebuild import build, post


def _page(root):
    return BeautifulSoup((root / "output" / "cpd" / "index.html").read_text("utf-8"), "html.parser")


def _cells(table):
    return [[c.get_text(" ", strip=True) for c in row.find_all(["th", "td"])] for row in table.find_all("tr")]  # fmt: skip


def test_the_cpd_page_totals_match_the_front_matter(tmp_path):
    root = cpd_site(tmp_path / "site")
    result = build(root)
    assert result.returncode == 0, result.stderr
    page = _page(root)
    assert page.find("h1").get_text() == "CPD record"
    # Published posts only: 2 + 1.5 + 6; the draft's 4 hours are not on the site.
    assert "9.5 hours" in page.find(class_="lead").get_text()
    by_year, by_activity = page.select(".cpd-totals table")
    assert _cells(by_year)[1:] == [["2011", "3.5", "2"], ["2012", "6", "1"], ["Total", "9.5", "3"]]
    assert _cells(by_activity)[1:] == [["Reading", "1.5", "1"], ["Event", "6", "1"], ["Writing", "2", "1"]]  # fmt: skip
    log = _cells(page.select_one(".cpd-log"))
    assert log[1] == ["20 Jun 2011", "Thing 1: Starting out", "Writing", "2", "1"]
    assert log[3] == ["16 Jan 2012", "A conference day", "Event", "6", "Bonus"]
    assert log[-1][-2] == "9.5 hours"  # " hours" is for screen readers (visually hidden)
    text = page.get_text()
    assert "DRAFT" not in text
    # The evidence matrix: every DigComp competence, gaps in words.
    matrix = page.select_one(".cpd-matrix")
    rows = {r[0]: r for r in _cells(matrix)[1:]}
    assert rows["2.4"][2] == "A conference day"
    assert rows["4.1"][2] == "○ No evidence yet"
    assert "4 of 21" in page.find(id="evidence").find_next("p").get_text()
    # The writing calendar: an SVG with a name, a cell per week, and the table.
    svg = page.select_one(".cpd-heat svg")
    assert svg["role"] == "img" and "Posts per week" in svg.find("title").get_text()
    cells = svg.find_all("rect")
    weeks = page.select(".cpd-weeks tbody tr")
    assert len(cells) == len(weeks) and len(weeks) > 30  # June 2011 to January 2012
    assert sum(int(r.find_all("td")[1].get_text()) for r in weeks) == 3
    assert not page.find("script")
    # The navigation links to it, on every page.
    index = (root / "output" / "index.html").read_text("utf-8")
    assert re.search(r'href="[^"]*cpd/">CPD</a>', index)


def test_a_site_without_cpd_fields_gets_no_page_and_no_link(tmp_path):
    root = cpd_site(
        tmp_path / "site",
        {"posts/a.md": post("Plain", "thing: 1")},
        REFLECTIVE_FRAMEWORK=None,
    )
    assert build(root).returncode == 0
    assert not (root / "output" / "cpd").exists()
    assert "CPD</a>" not in (root / "output" / "index.html").read_text("utf-8")


BAD = {
    "posts/bad.md": post(
        "Bad",
        """
        thing: 1
        hours: -1
        activity: corse
        competencies: ["2.1", "9.9"]
        """,
    ),
}


def test_bad_cpd_fields_stop_a_strict_build_and_check_reports_the_same(tmp_path):
    root = cpd_site(tmp_path / "site", BAD)
    result = build(root)
    assert result.returncode != 0
    assert not (root / "output" / "index.html").exists()
    expected = [
        "content/posts/bad.md:5: hours: expected a number of hours greater than 0",
        "content/posts/bad.md:6: activity: unknown activity 'corse'; allowed: reading, course",
        "content/posts/bad.md:7: competencies[1]: unknown code '9.9'",
    ]
    for line in expected:
        assert line in result.stderr + result.stdout
    check = reflective("check", cwd=root)
    assert check.returncode == 1
    for line in expected:
        assert line in check.stdout + check.stderr
    assert "(did you mean 'course'?)" in check.stdout + check.stderr


def test_a_lenient_build_reports_and_builds_the_rest(tmp_path):
    root = cpd_site(tmp_path / "site", dict(BAD, **POSTS), REFLECTIVE_STRICT=False)
    result = build(root)
    assert result.returncode == 0
    assert "unknown activity 'corse'" in result.stderr + result.stdout
    page = _page(root)
    # The bad post stays in the log, with what could be read (no hours, its activity).
    assert "Bad" in page.select_one(".cpd-log").get_text()


def test_a_custom_activity_list_and_framework_file(tmp_path):
    root = cpd_site(
        tmp_path / "site",
        {"posts/a.md": post("Shadowing", "hours: 3\nactivity: shadowing\ncompetencies: [K1]")},
        REFLECTIVE_ACTIVITIES=["shadowing", "reading"],
        REFLECTIVE_FRAMEWORK="skills.yaml",
    )
    (root / "skills.yaml").write_text(
        "name: Team skills\nareas:\n  - {code: K1, title: Knowing the collection}\n"
        "  - {code: K2, title: Knowing the users}\n",
        encoding="utf-8",
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    page = _page(root)
    assert "Evidence: Team skills" in page.get_text()
    assert "1 of 2" in page.get_text()
