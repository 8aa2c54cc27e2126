"""The writing calendar: posts per week, and the current and longest weekly streak.

Owns counting posts by week (weeks begin on Monday, as ISO 8601 weeks do), the span
of weeks shown (the first post's week to the last post's, or to the build's today
when that is later and less than a year on), the streaks, and the geometry of the SVG
heat map (one row per year, one column per ISO week). Pure: dates in, plain records out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

CELL = 26  # px: one week's square, gap included
SIZE = 22  # px: the square itself
LEFT = 42  # px: room for the year labels
TOP = 20  # px: room for the month labels
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass(slots=True)
class Week:
    start: dt.date  # its Monday
    posts: int
    level: int  # 0 none, 1 one post, 2 two, 3 three or more
    x: int = 0
    y: int = 0

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def label(self) -> str:
        count = f"{self.posts} post{'' if self.posts == 1 else 's'}" if self.posts else "no posts"
        return f"{self.start.day} {self.start:%b %Y}: {count}"


@dataclass(slots=True)
class Streak:
    weeks: int = 0
    start: dt.date | None = None  # Monday of its first week
    end: dt.date | None = None  # Monday of its last week


@dataclass
class Calendar:
    weeks: list = field(default_factory=list)  # Week, every week of the span
    years: list = field(default_factory=list)  # (year, y) for the row labels
    months: list = field(default_factory=list)  # (label, x) for the column labels
    current: Streak = field(default_factory=Streak)
    longest: Streak = field(default_factory=Streak)
    width: int = 0
    height: int = 0

    @property
    def active_weeks(self) -> int:
        return sum(1 for week in self.weeks if week.posts)

    @property
    def max_posts(self) -> int:
        return max((week.posts for week in self.weeks), default=0)


def build(dates, today: dt.date) -> Calendar:
    """The calendar of posts written on `dates` (published posts only)."""
    counts: dict[dt.date, int] = {}
    for day in dates:
        key = monday(day)
        counts[key] = counts.get(key, 0) + 1
    calendar = Calendar()
    if not counts:
        return calendar
    first, last = min(counts), max(counts)
    this_week = monday(today)
    if last < this_week <= last + dt.timedelta(days=365):
        last = this_week
    years: list[int] = []
    start = first
    while start <= last:
        posts = counts.get(start, 0)
        year = start.isocalendar()[0]
        if year not in years:
            years.append(year)
        calendar.weeks.append(Week(start, posts, min(posts, 3)))
        start += dt.timedelta(days=7)
    # Columns are ISO week numbers; a span within one year shows only its own weeks.
    numbers = [week.start.isocalendar()[1] for week in calendar.weeks]
    low, high = (1, 53) if len(years) > 1 else (min(numbers), max(numbers))
    for week, number in zip(calendar.weeks, numbers, strict=True):
        week.x = LEFT + (number - low) * CELL
        week.y = TOP + years.index(week.start.isocalendar()[0]) * CELL
    calendar.years = [(year, TOP + index * CELL) for index, year in enumerate(years)]
    reference = years[0]
    for month in range(1, 13):
        column = dt.date(reference, month, 1).isocalendar()[1]
        column = 1 if month == 1 and column > 50 else column
        if low <= column <= high:
            calendar.months.append((MONTHS[month - 1], LEFT + (column - low) * CELL))
    calendar.width = LEFT + (high - low + 1) * CELL
    calendar.height = TOP + len(years) * CELL
    calendar.longest = _longest(calendar.weeks)
    calendar.current = _current(counts, this_week)
    return calendar


def _longest(weeks: list[Week]) -> Streak:
    best, run = Streak(), Streak()
    for week in weeks:
        if week.posts:
            run = Streak(run.weeks + 1, run.start or week.start, week.start)
            if run.weeks > best.weeks:
                best = run
        else:
            run = Streak()
    return best


def _current(counts: dict, this_week: dt.date) -> Streak:
    """The run of weeks with a post that ends this week (or last week: this one is young)."""
    end = this_week if counts.get(this_week) else this_week - dt.timedelta(days=7)
    if not counts.get(end):
        return Streak()
    start, weeks = end, 0
    while counts.get(start):
        weeks += 1
        start -= dt.timedelta(days=7)
    return Streak(weeks, start + dt.timedelta(days=7), end)
