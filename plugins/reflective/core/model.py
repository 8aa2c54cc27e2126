"""The site model: every action's current state and the programme-wide progress.

Owns the checks that need all posts at once (unique ids, update targets, Things in
the programme), applying updates in date order (the last status wins), overdue
against the build's today, previous/next Thing, visibility (drafts and private
actions), and the grouping and counts of the progress page (SPEC §3). Input and
output are plain records; knows nothing of Pelican or of HTML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .problems import Problem, closest
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


def build(
    posts: list[PostInput], programme: Programme, today: dt.date, show_private: bool = False
) -> Site:
    """Resolve every action's state across `posts` and collect every problem."""
    problems: list[Problem] = []
    for post in posts:
        problems.extend(post.problems)
    posts = sorted(posts, key=lambda p: (p.date, p.source))
    things = {
        t.number: ThingView(t.number, t.title, t.week, t.section, t.optional)
        for t in programme.things
    }
    refs: list[PostRef] = []
    all_actions: dict[str, Action] = {}
    for post in posts:
        ref = PostRef(post.title, post.url, post.source, post.date, [], post.draft)
        refs.append(ref)
        for index, number in enumerate(post.fields.get("things", [])):
            if number not in things:
                problems.append(
                    Problem(
                        post.source,
                        "thing" if len(post.fields["things"]) == 1 else f"thing[{index}]",
                        f"Thing {number} is not in the programme {programme.name!r} "
                        f"(Things {_span(programme)}); use one of its numbers, or leave "
                        "'thing' out for a bonus post",
                        _thing_line(post),
                    )
                )
                continue
            ref.things.append(number)
            if not post.draft:
                things[number].posts.append(ref)
        for data in post.fields.get("actions", []):
            action = Action(
                id=data["id"],
                text=data["text"] or "",
                own_status=data["status"],
                status=data["status"],
                due=_date(data["due"]),
                done=_date(data["done"]),
                priority=data["priority"],
                every=data["every"],
                private=data["private"],
                note=data["note"],
                post=ref,
                index=data["index"],
                line=data["line"],
                derived_id=data["derived_id"],
            )
            if action.status == "done":
                action.done_post = ref
            twin = all_actions.get(action.id)
            if twin is not None:
                problems.append(_duplicate(action, twin))
                continue
            all_actions[action.id] = action

    updates: list[Update] = []
    for post, ref in zip(posts, refs, strict=True):
        for data in post.fields.get("updates", []):
            update = Update(
                data["action"],
                data["status"],
                _date(data["date"]) or post.date,
                data["note"],
                ref,
                data["index"],
                data["line"],
            )
            target = all_actions.get(update.action_id)
            if target is None:
                problems.append(
                    Problem(
                        post.source,
                        f"updates[{update.index}].action",
                        f"no action has the id {update.action_id!r}; an update must name the "
                        "id of an action in this or another post",
                        update.line,
                        closest(update.action_id, all_actions),
                    )
                )
                continue
            if target.post.draft and not post.draft:
                problems.append(
                    Problem(
                        post.source,
                        f"updates[{update.index}].action",
                        f"the action {update.action_id!r} is in a draft ({target.post.source}), "
                        "so this update would not be published; publish that post first or "
                        "move the update into a draft",
                        update.line,
                    )
                )
                continue
            update.action = target
            updates.append(update)

    for update in sorted(updates, key=lambda u: (u.date, u.post.date, u.post.source, u.index)):
        if update.post.draft:
            continue
        action = update.action
        action.history.append(update)
        if update.status is not None:
            action.status = update.status
            if update.status == "done":
                action.done, action.done_post = update.date, update.post
            else:
                action.done, action.done_post = None, None

    visible = []
    hidden_private = 0
    for action in all_actions.values():
        action.overdue = bool(
            action.status in ("todo", "doing") and action.due and action.due < today
        )
        if action.post.draft:
            continue
        if action.private and not show_private:
            hidden_private += 1
            continue
        visible.append(action)
    visible_ids = {id(action) for action in visible}

    def shown(action: Action) -> bool:
        return id(action) in visible_ids or (
            action.post.draft and (show_private or not action.private)
        )

    by_ref: dict[int, list] = {}
    for action in all_actions.values():
        by_ref.setdefault(id(action.post), []).append(action)
    updates_by_ref: dict[int, list] = {}
    for update in updates:
        updates_by_ref.setdefault(id(update.post), []).append(update)

    written = sorted(number for number, thing in things.items() if thing.written)
    views = []
    for post, ref in zip(posts, refs, strict=True):
        own = sorted(by_ref.get(id(ref), []), key=lambda a: a.index)
        made = [
            u
            for u in sorted(updates_by_ref.get(id(ref), []), key=lambda u: u.index)
            if shown(u.action)
        ]
        view = PostView(
            ref,
            [things[n] for n in ref.things],
            programme.total,
            [a for a in own if shown(a)],
            made,
            handle=post.handle,
        )
        if ref.things:
            low, high = min(ref.things), max(ref.things)
            before = [n for n in written if n < low]
            after = [n for n in written if n > high]
            view.previous = things[before[-1]] if before else None
            view.next = things[after[0]] if after else None
        views.append(view)
    return Site(
        programme,
        today,
        show_private,
        [things[n] for n in sorted(things)],
        views,
        visible,
        problems,
        hidden_private,
    )


def _span(programme: Programme) -> str:
    numbers = [thing.number for thing in programme.things]
    return f"{min(numbers)}–{max(numbers)}" if numbers else "none"


def _thing_line(post: PostInput) -> int | None:
    return post.fields.get("thing_line")


def _duplicate(action: Action, twin: Action) -> Problem:
    where = f"{twin.post.source}:{twin.line}" if twin.line else twin.post.source
    if action.derived_id:
        fix = "the id was derived from the first six words of the text; add an 'id:' to one of them"
    else:
        fix = "ids must be unique across the site; rename one of them"
    return Problem(
        action.post.source,
        f"actions[{action.index}].id",
        f"the id {action.id!r} is already used by an action in {where}; {fix}",
        action.line,
    )
