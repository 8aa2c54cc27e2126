"""What the cohort pages show, from the cache alone (no network, no Pelican).

Owns `build(programme, participants, records, today)`: each participant's progress
(Things of this programme written out of its total, latest post, when the data was
fetched and how old it is on the build's today, stale or failed and why) and, for each
Thing, the participants' posts about it, and the cohort's newest posts (`latest`). URLs are checked again here (a cache may have
been edited by hand): a link that is not http(s) is dropped and its text kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .config import Participant, web_url
from .parse import text


@dataclass(frozen=True)
class OtherPost:
    participant: str
    site: str | None
    title: str
    url: str | None
    date: dt.date | None
    things: tuple[int, ...] = ()  # the programme's Things it is about


@dataclass
class Member:
    name: str
    site: str | None
    kind: str
    status: str  # ok, stale, failed
    error: str | None
    fetched_at: dt.datetime | None
    age_days: int | None
    written: int
    total: int
    latest: dt.date | None
    posts: int
    programme: str | None
    things: list[int] = field(default_factory=list)


@dataclass
class Cohort:
    members: list[Member]
    by_thing: dict[int, list[OtherPost]]
    today: dt.date
    posts: list[OtherPost] = field(default_factory=list)  # each once, the newest first

    @property
    def failed(self) -> list[Member]:
        return [m for m in self.members if m.status != "ok"]

    @property
    def fetched(self) -> list[Member]:
        return [m for m in self.members if m.fetched_at is not None]

    @property
    def oldest(self) -> dt.datetime | None:
        return min((m.fetched_at for m in self.fetched), default=None)

    @property
    def newest(self) -> dt.datetime | None:
        return max((m.fetched_at for m in self.fetched), default=None)

    def age_days(self, when: dt.datetime | None) -> int | None:
        return None if when is None else (self.today - when.date()).days

    def others(self, number: int) -> list[OtherPost]:
        return self.by_thing.get(number, [])

    def latest(self, count: int) -> list[OtherPost]:
        """The cohort's `count` newest posts (on any Thing of the programme), each once."""
        return self.posts[:count]

    def writers(self, number: int) -> int:
        """How many participants wrote about Thing `number`."""
        return len({post.participant for post in self.others(number)})


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _datetime(value) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def build(programme, participants: list[Participant], records: dict, today: dt.date) -> Cohort:
    """The cohort as the pages show it; `records` maps participant keys to cache records."""
    numbers = {thing.number for thing in programme.things}
    counted = {thing.number for thing in programme.things if not thing.optional}
    by_thing: dict[int, list[OtherPost]] = {n: [] for n in sorted(numbers)}
    every: list[OtherPost] = []
    members = []
    for participant in participants:
        record = records.get(participant.key) or {}
        data = record.get("data") if record.get("url") == participant.url else None
        data = data if isinstance(data, dict) else None
        status = record.get("status") if data is not None else "failed"
        if status not in ("ok", "stale"):
            status = "failed"
        error = text(record.get("error"), 500) or None
        if status == "failed" and not error:
            error = "not fetched yet: run 'reflective cohort fetch'"
        fetched_at = _datetime(record.get("fetched_at")) if data is not None else None
        written: set[int] = set()
        latest = None
        posts = data.get("posts") if data is not None else None
        posts = posts if isinstance(posts, list) else []
        for post in posts:
            if not isinstance(post, dict):
                continue
            date = _date(post.get("date"))
            if date and (latest is None or date > latest):
                latest = date
            things = sorted({n for n in post.get("things") or () if n in numbers})
            if not things:
                continue
            other = OtherPost(
                participant.name,
                web_url(participant.site),
                text(post.get("title")) or "(untitled)",
                web_url(post.get("url")),
                date,
                tuple(things),
            )
            every.append(other)
            for number in things:
                by_thing[number].append(other)
                written.add(number)
        members.append(
            Member(
                name=participant.name,
                site=web_url(participant.site),
                kind=participant.kind,
                status=status,
                error=error if status != "ok" else None,
                fetched_at=fetched_at,
                age_days=None if fetched_at is None else (today - fetched_at.date()).days,
                written=len(written & counted),
                total=len(counted),
                latest=latest,
                posts=len(posts),
                programme=text(data.get("programme")) or None if data else None,
                things=sorted(written),
            )
        )

    def newest_first(post: OtherPost):
        return (post.date or dt.date.min, post.participant)

    for posts in by_thing.values():
        posts.sort(key=newest_first, reverse=True)
    every.sort(key=newest_first, reverse=True)
    members.sort(key=lambda m: m.name.casefold())
    return Cohort(members, by_thing, today, every)
