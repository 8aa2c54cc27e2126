"""The CPD record of a site: its checks and the figures the page and portfolio show.

Owns `CpdPost` (what the record needs of one post), `check` (activities in
`REFLECTIVE_ACTIVITIES`, codes in the framework: problems as in SPEC §4), and `build`:
total hours, hours by year and by activity, the activity log, the evidence matrix
(every area of the framework with the posts that evidence it, gaps marked) and the
writing calendar (`weeks`). Input and output are plain records; knows nothing of
Pelican or HTML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..core import cpd_fields
from ..core.problems import Problem, closest
from . import weeks as weeks_mod
from .framework import Framework

ACTIVITIES = ("reading", "course", "event", "writing", "project", "networking", "other")
NO_ACTIVITY = "not given"


@dataclass(slots=True)
class CpdPost:
    source: str
    title: str
    url: str
    date: dt.date
    things: list
    draft: bool
    hours: float | None
    activity: str | None
    competencies: list
    portfolio: bool
    lines: dict
    handle: Any = None

    @property
    def recorded(self) -> bool:
        """Whether the post is part of the CPD log."""
        return bool(self.hours or self.activity or self.competencies)


def post(source, title, url, date, things, draft, data: dict | None, handle=None) -> CpdPost:
    """A CpdPost from a post's `fields["cpd"]` (missing for files that could not be read)."""
    data = data or cpd_fields.empty()
    return CpdPost(
        source,
        title,
        url,
        date,
        list(things),
        draft,
        data["hours"],
        data["activity"],
        list(data["competencies"]),
        data["portfolio"],
        data["lines"],
        handle,
    )


def check(posts: list[CpdPost], activities, framework: Framework | None) -> list[Problem]:
    """Unknown activities and competency codes, one problem each."""
    problems = []
    allowed = list(activities)
    for item in posts:
        if item.activity is not None and item.activity not in allowed:
            problems.append(
                Problem(
                    item.source,
                    "activity",
                    f"unknown activity {item.activity!r}; allowed: {', '.join(allowed)} "
                    "(REFLECTIVE_ACTIVITIES)",
                    item.lines.get("activity"),
                    closest(item.activity.lower(), allowed),
                )
            )
        if not item.competencies:
            continue
        if framework is None:
            problems.append(
                Problem(
                    item.source,
                    "competencies",
                    "no competency framework is set; set REFLECTIVE_FRAMEWORK to a bundled "
                    "framework (digcomp) or the path of your own (docs/cpd.md)",
                    item.lines.get("competencies"),
                )
            )
            continue
        lines = item.lines.get("codes") or []
        for index, code in enumerate(item.competencies):
            if framework.get(code) is None:
                problems.append(
                    Problem(
                        item.source,
                        f"competencies[{index}]",
                        f"unknown code {code!r}; {framework.name} has "
                        f"{_span(framework)} (quote codes such as '2.10')",
                        lines[index] if index < len(lines) else item.lines.get("competencies"),
                        closest(code, framework.codes),
                    )
                )
    return problems


def _span(framework: Framework) -> str:
    codes = framework.codes
    if len(codes) <= 8:
        return ", ".join(codes)
    return f"{len(codes)} codes, {codes[0]} to {codes[-1]}"


@dataclass(slots=True)
class Total:
    key: Any
    hours: float = 0.0
    posts: int = 0


@dataclass(slots=True)
class Evidence:
    area: Any  # framework.Area
    posts: list  # CpdPost evidencing this area itself
    count: int = 0  # posts evidencing it or any area under it

    @property
    def gap(self) -> bool:
        return self.count == 0


@dataclass
class Record:
    framework: Framework | None
    log: list = field(default_factory=list)  # CpdPost, by date
    total_hours: float = 0.0
    by_year: list = field(default_factory=list)  # Total(year)
    by_activity: list = field(default_factory=list)  # Total(activity)
    matrix: list = field(default_factory=list)  # Evidence, every area depth first
    calendar: weeks_mod.Calendar = field(default_factory=weeks_mod.Calendar)
    posts: int = 0  # posts in the record's span

    @property
    def leaves(self) -> list:
        return [row for row in self.matrix if row.area.leaf]

    @property
    def evidenced(self) -> int:
        return sum(1 for row in self.leaves if not row.gap)

    @property
    def by_area(self) -> list:
        """(top-level row, the rows under it depth first) for each top-level area."""
        out: list = []
        for row in self.matrix:
            if row.area.depth == 0:
                out.append((row, []))
            else:
                out[-1][1].append(row)
        return out

    @property
    def gaps(self) -> list:
        return [row for row in self.leaves if row.gap]


def build(posts: list[CpdPost], activities, framework: Framework | None, today: dt.date) -> Record:
    """The record of `posts` (the caller has left out drafts unless it wants them)."""
    posts = sorted(posts, key=lambda p: (p.date, p.source))
    record = Record(framework, posts=len(posts))
    record.log = [item for item in posts if item.recorded]
    years: dict[int, Total] = {}
    kinds: dict[str, Total] = {name: Total(name) for name in activities}
    for item in record.log:
        if not item.hours:
            continue
        record.total_hours += item.hours
        year = years.setdefault(item.date.year, Total(item.date.year))
        year.hours += item.hours
        year.posts += 1
        kind = kinds.setdefault(item.activity or NO_ACTIVITY, Total(item.activity or NO_ACTIVITY))
        kind.hours += item.hours
        kind.posts += 1
    record.by_year = [years[year] for year in sorted(years)]
    record.by_activity = [total for total in kinds.values() if total.posts]
    if framework is not None:
        record.matrix = _matrix(posts, framework)
    record.calendar = weeks_mod.build([item.date for item in posts], today)
    return record


def _matrix(posts: list[CpdPost], framework: Framework) -> list[Evidence]:
    direct: dict[str, list] = {code: [] for code in framework.codes}
    for item in posts:
        for code in item.competencies:
            if code in direct:
                direct[code].append(item)
    rows = {area.code: Evidence(area, direct[area.code]) for area in framework.walk()}

    def count(area) -> set:
        found = {id(item) for item in direct[area.code]}
        for child in area.children:
            found |= count(child)
        rows[area.code].count = len(found)
        return found

    for area in framework.areas:
        count(area)
    return [rows[area.code] for area in framework.walk()]
