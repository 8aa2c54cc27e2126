"""The site model: every action's current state and the programme-wide progress.

Owns `build`, in named steps: the checks that need all posts at once (unique ids,
update targets, Things in the programme), applying updates in date order (the last
status wins), overdue against the build's today, visibility (drafts and private
actions) and each post's view with its previous/next Thing. The records it makes are
in `records` (re-exported here, so `model.Site` is the one name everyone uses). Input
and output are plain records; knows nothing of Pelican or of HTML.
"""

from __future__ import annotations

import datetime as dt

from .problems import Problem, closest
from .programme import Programme
from .records import (  # noqa: F401  (re-exported: the model's records and labels)
    GROUPS,
    PERIOD_LABELS,
    PRIORITY_RANK,
    STATUS_LABELS,
    STATUS_SYMBOLS,
    Action,
    Group,
    PostInput,
    PostRef,
    PostView,
    Site,
    ThingView,
    Update,
)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def build(
    posts: list[PostInput], programme: Programme, today: dt.date, show_private: bool = False
) -> Site:
    """Resolve every action's state across `posts` and collect every problem."""
    problems = [problem for post in posts for problem in post.problems]
    posts = sorted(posts, key=lambda p: (p.date, p.source))
    things = {
        t.number: ThingView(t.number, t.title, t.week, t.section, t.optional)
        for t in programme.things
    }
    refs, all_actions = read_posts(posts, programme, things, problems)
    updates = read_updates(posts, refs, all_actions, problems)
    apply_updates(updates)
    visible, hidden_private = sort_out_visible(all_actions, today, show_private)
    views = post_views(posts, programme, refs, things, all_actions, updates, visible, show_private)
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


def read_posts(
    posts: list[PostInput], programme: Programme, things: dict, problems: list[Problem]
) -> tuple[list[PostRef], dict[str, Action]]:
    """Step 1: each post's Things (in the programme?) and its actions (ids unique?)."""
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

    return refs, all_actions


def read_updates(
    posts: list[PostInput], refs: list[PostRef], all_actions: dict, problems: list[Problem]
) -> list[Update]:
    """Step 2: each update, tied to the action it names (which must exist, not in a draft)."""
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

    return updates


def apply_updates(updates: list[Update]) -> None:
    """Step 3: published updates in date order, each into its action's history; the last
    status wins (and a later non-done status clears the done date)."""
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


def sort_out_visible(
    all_actions: dict[str, Action], today: dt.date, show_private: bool
) -> tuple[list[Action], int]:
    """Step 4: overdue against today; the actions the site shows, and how many private
    ones it hides."""
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
    return visible, hidden_private


def post_views(
    posts: list[PostInput],
    programme: Programme,
    refs: list[PostRef],
    things: dict,
    all_actions: dict[str, Action],
    updates: list[Update],
    visible: list[Action],
    show_private: bool,
) -> list[PostView]:
    """Step 5: each post's view: its Things, its shown actions and updates, and the
    previous and next Thing written."""
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
    return views


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
