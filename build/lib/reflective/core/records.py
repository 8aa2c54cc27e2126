"""The site model's records: what a build of the model gives every layer above.

Owns the plain records (`PostInput` in; `PostRef`, `Action`, `Update`, `ThingView`,
`PostView`, `Group`, `Site` out), the progress page's grouping and counts (SPEC §3) as
properties of `Site`, and the labels of statuses, periods and groups. `model.build`
makes them; knows nothing of Pelican or of HTML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .programme import Programme

STATUS_LABELS = {"todo": "To do", "doing": "Doing", "done": "Done", "dropped": "Dropped"}
STATUS_SYMBOLS = {"todo": "○", "doing": "◐", "done": "✓", "dropped": "✗"}
PERIOD_LABELS = {"day": "Daily", "week": "Weekly", "fortnight": "Fortnightly", "month": "Monthly"}
PRIORITY_RANK = {"high": 0, "normal": 1, "low": 2}
GROUPS = (
    ("overdue", "Overdue"),
    ("open", "To do and in progress"),
    ("habits", "Habits"),
    ("done", "Done"),
    ("dropped", "Dropped"),
)


@dataclass(slots=True)
class PostInput:
    """What the model needs of one post; `handle` is the caller's own object."""

    source: str
    title: str
    url: str
    date: dt.date
    fields: dict
    draft: bool = False
    problems: list = field(default_factory=list)
    handle: Any = None


@dataclass(slots=True)
class PostRef:
    title: str
    url: str
    source: str
    date: dt.date
    things: list
    draft: bool = False


@dataclass(slots=True)
class Update:
    action_id: str
    status: str | None
    date: dt.date
    note: str | None
    post: PostRef
    index: int
    line: int | None = None
    action: Action | None = None

    @property
    def status_label(self):
        return STATUS_LABELS.get(self.status, "Check-in")

    @property
    def status_symbol(self):
        return STATUS_SYMBOLS.get(self.status, "•")

    @property
    def is_checkin(self):
        return self.status is None


@dataclass(slots=True)
class Action:
    id: str
    text: str
    own_status: str
    status: str
    due: dt.date | None
    done: dt.date | None
    priority: str
    every: str | None
    private: bool
    note: str | None
    post: PostRef
    index: int
    line: int | None = None
    derived_id: bool = False
    overdue: bool = False
    history: list = field(default_factory=list)
    done_post: PostRef | None = None

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_symbol(self):
        return STATUS_SYMBOLS[self.status]

    @property
    def every_label(self):
        return PERIOD_LABELS.get(self.every)

    @property
    def checkins(self):
        return [update for update in self.history if update.status is None]

    @property
    def last_checkin(self):
        checkins = self.checkins
        return checkins[-1].date if checkins else None

    @property
    def group(self) -> str:
        if self.status in ("done", "dropped"):
            return self.status
        if self.overdue:
            return "overdue"
        return "habits" if self.every else "open"


@dataclass(slots=True)
class ThingView:
    number: int
    title: str
    week: int | None
    section: str | None
    optional: bool
    posts: list = field(default_factory=list)  # PostRef, by date

    @property
    def written(self) -> bool:
        return bool(self.posts)


@dataclass(slots=True)
class PostView:
    """What a post's page shows from the plugin."""

    ref: PostRef
    things: list  # ThingView, those of the programme only
    total: int
    actions: list  # Action (visible ones)
    updates: list  # Update made by this post (visible ones)
    previous: ThingView | None = None
    next: ThingView | None = None
    handle: Any = None

    @property
    def has_actions(self):
        return bool(self.actions or self.updates)


@dataclass(slots=True)
class Group:
    key: str
    label: str
    actions: list


@dataclass
class Site:
    programme: Programme
    today: dt.date
    show_private: bool
    things: list  # ThingView for every Thing of the programme
    posts: list  # PostView for every post, drafts included
    actions: list  # visible actions, in post order
    problems: list
    hidden_private: int = 0
    # What a capability's check leaves for its own wiring and commands to show (e.g.
    # "comments": the threads it checked), so a build reads and checks things once.
    capabilities: dict = field(default_factory=dict)

    @cached_property
    def by_id(self):
        return {action.id: action for action in self.actions}

    @cached_property
    def written(self) -> int:
        return sum(1 for thing in self.things if thing.written and not thing.optional)

    @property
    def total(self) -> int:
        return self.programme.total

    @cached_property
    def percent(self) -> int:
        return round(100 * self.written / self.total) if self.total else 0

    @cached_property
    def counts(self) -> dict:
        counts = {status: 0 for status in STATUS_LABELS}
        counts.update(overdue=0, habits=0, total=len(self.actions))
        for action in self.actions:
            counts[action.status] += 1
            counts["overdue"] += action.overdue
            counts["habits"] += bool(action.every)
        return counts

    @cached_property
    def groups(self) -> list[Group]:
        buckets: dict[str, list] = {key: [] for key, _ in GROUPS}
        for action in self.actions:
            buckets[action.group].append(action)
        far = dt.date.max
        buckets["overdue"].sort(key=lambda a: (a.due, PRIORITY_RANK[a.priority]))
        buckets["open"].sort(
            key=lambda a: (a.due or far, PRIORITY_RANK[a.priority], a.post.date, a.index)
        )
        buckets["habits"].sort(key=lambda a: (a.post.date, a.index))
        buckets["done"].sort(key=lambda a: a.done or a.post.date, reverse=True)
        buckets["dropped"].sort(key=lambda a: (a.post.date, a.index))
        return [Group(key, label, buckets[key]) for key, label in GROUPS]

    def thing(self, number: int) -> ThingView | None:
        for thing in self.things:
            if thing.number == number:
                return thing
        return None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
