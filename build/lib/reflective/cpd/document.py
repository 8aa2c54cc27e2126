"""What goes into a portfolio: the period, the selected posts, the action log, the record.

Owns the choices a portfolio makes (SPEC §6, issue 16): the period (`--from`/`--to`),
which posts are printed in full (`portfolio: true` in a post, or `--tag`/`--thing`,
or, when neither picks any, every post of the period), the action log (every visible
action of the period's posts with its history, grouped by status), and leaving drafts
and private actions out unless it is a personal copy. Pure: the caller gives each post's
body as HTML and its tags; rendering is `portfolio`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..core.records import STATUS_LABELS
from . import record as record_mod

STATUS_ORDER = ("todo", "doing", "done", "dropped")


@dataclass
class Options:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    tags: list = field(default_factory=list)
    things: list = field(default_factory=list)
    private: bool = False  # a personal copy: drafts and private actions included
    comments: bool = False

    def in_period(self, day: dt.date) -> bool:
        return (self.date_from is None or day >= self.date_from) and (
            self.date_to is None or day <= self.date_to
        )


@dataclass
class Entry:
    """One post as the portfolio sees it."""

    cpd: record_mod.CpdPost
    view: Any  # model.PostView
    tags: list
    body: str = ""  # HTML, the post's own
    anchor: str = ""
    comments: list = field(default_factory=list)  # the thread (replies in .children)
    linkbacks: list = field(default_factory=list)  # pingbacks, trackbacks, webmentions

    @property
    def draft(self) -> bool:
        return self.cpd.draft


@dataclass
class ActionGroup:
    key: str
    label: str
    actions: list


@dataclass
class Portfolio:
    title: str
    author: str
    site: str
    programme: str
    lang: str
    options: Options
    start: dt.date | None
    end: dt.date | None
    prepared: dt.date
    record: record_mod.Record
    groups: list  # ActionGroup
    posts: list  # Entry printed in full
    entries: list  # every Entry of the period

    @property
    def action_count(self) -> int:
        return sum(len(group.actions) for group in self.groups)

    @property
    def personal(self) -> bool:
        return self.options.private


def select(entries: list[Entry], options: Options) -> list[Entry]:
    """The posts printed in full, by date."""
    chosen = [e for e in entries if e.cpd.portfolio]
    if options.tags or options.things:
        wanted_tags = {t.lower() for t in options.tags}
        wanted_things = set(options.things)
        for entry in entries:
            if entry in chosen:
                continue
            if wanted_tags & {t.lower() for t in entry.tags} or wanted_things & set(
                entry.cpd.things
            ):
                chosen.append(entry)
    elif not chosen:
        chosen = list(entries)
    return sorted(chosen, key=lambda e: (e.cpd.date, e.cpd.source))


def build(
    entries: list[Entry],
    options: Options,
    activities,
    framework,
    *,
    title: str,
    author: str,
    site: str,
    programme: str,
    lang: str,
    today: dt.date,
) -> Portfolio:
    """The portfolio of `entries` (every post of the site, drafts included or not)."""
    kept = [
        e for e in entries if options.in_period(e.cpd.date) and (options.private or not e.draft)
    ]
    kept.sort(key=lambda e: (e.cpd.date, e.cpd.source))
    for index, entry in enumerate(kept, start=1):
        entry.anchor = f"post-{index}"
    record = record_mod.build([e.cpd for e in kept], activities, framework, today)
    buckets: dict[str, list] = {key: [] for key in STATUS_ORDER}
    for entry in kept:
        for action in entry.view.actions:
            if action.private and not options.private:
                continue  # the model hides them already; never trust one layer alone
            buckets[action.status].append(action)
    far = dt.date.max
    buckets["todo"].sort(key=lambda a: (not a.overdue, a.due or far, a.post.date, a.index))
    buckets["doing"].sort(key=lambda a: (not a.overdue, a.due or far, a.post.date, a.index))
    buckets["done"].sort(key=lambda a: (a.done or a.post.date, a.post.date, a.index))
    buckets["dropped"].sort(key=lambda a: (a.post.date, a.index))
    groups = [ActionGroup(key, STATUS_LABELS[key], buckets[key]) for key in STATUS_ORDER]
    dates = [e.cpd.date for e in kept]
    return Portfolio(
        title=title,
        author=author,
        site=site,
        programme=programme,
        lang=lang,
        options=options,
        start=options.date_from or (min(dates) if dates else None),
        end=options.date_to or (max(dates) if dates else None),
        prepared=today,
        record=record,
        groups=groups,
        posts=select(kept, options),
        entries=kept,
    )
