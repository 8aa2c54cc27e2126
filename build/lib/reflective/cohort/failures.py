"""The participants that could not be fetched, grouped by why (pure, no Pelican).

Owns `reason(error)`: the one-line error a fetch recorded (fetch._reason, parse's
ParseError, view's "not fetched yet") read back as a group key, a heading and what is
particular to this participant; `group(members)`: the failed and stale members in
groups, the largest first, each in name order; and `pages(groups, size)`: that order
cut into numbered pages of `size`, each a list of `Part`s (a group, or the part of a
group on that page). A cohort page with more failures than it lists in full (an
organiser's, a year on: blogs gone) shows each reason's count and links to those pages.

The rules follow the messages fetch writes; an error that matches none (a cache from
another version, a new kind of failure) is grouped under "Other errors" with its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# (key, pattern matched at the start of the error, heading). No heading: the message is
# the same for everyone in the group and is its own heading. With a heading, each
# participant's `detail` is the pattern's `detail` group, else the whole message.
_RULES = (
    ("not-yet", r"not fetched yet\b", None),
    ("http-{code}", r"the server answered HTTP (?P<code>\d{3})\b", None),
    ("timeout", r"no complete answer within\b", None),
    ("redirects", r"more than \d+ redirects\b", None),
    ("bad-redirect", r"redirected to an address that is not\b", None),
    (
        "connect",
        r"cannot connect(?:: (?P<detail>.+))?$",
        "Cannot connect (unknown host, unreachable, or refused)",
    ),
    (
        "too-big",
        r"the document is .*\bover the limit\b",
        "Too big (over REFLECTIVE_COHORT_MAX_BYTES)",
    ),
    ("not-json", r"the progress\.json is not JSON\b", "The progress.json is not JSON"),
    (
        "schema",
        r"the progress\.json has schema_version\b",
        "A progress.json this version of Reflective cannot read",
    ),
    (
        "not-progress",
        r"the progress\.json is (?:JSON but )?not a progress\.json\b",
        "Not a progress.json",
    ),
    ("not-feed", r"the feed is not an Atom or RSS feed\b", "Not an Atom or RSS feed"),
    (
        "protocol",
        r"the server broke the HTTP exchange(?:: (?P<detail>.+))?$",
        "The server broke the HTTP exchange",
    ),
    (
        "decoding",
        r"the body could not be decoded(?:: (?P<detail>.+))?$",
        "The body could not be decoded",
    ),
)
_COMPILED = tuple((key, re.compile(pattern, re.S), heading) for key, pattern, heading in _RULES)
OTHER = ("other", "Other errors")


@dataclass(frozen=True)
class Reason:
    key: str  # for the page anchor: letters, digits, hyphens
    label: str
    detail: str | None  # what is particular to this participant, if anything
    message: str


def reason(error: str | None) -> Reason:
    """Why a participant was not fetched, from the one-line error in its record."""
    message = (error or "").strip() or "not fetched yet"
    for key, pattern, heading in _COMPILED:
        match = pattern.match(message)
        if match is None:
            continue
        key = key.format(**match.groupdict())
        if heading is None:
            # Differs only in what follows the rule's words (the HTTP reason phrase, the
            # limit in force): the first participant's message names the group.
            return Reason(key, _sentence(message), None, message)
        detail = match.groupdict().get("detail") if "detail" in pattern.groupindex else message
        return Reason(key, heading, detail or None, message)
    return Reason(OTHER[0], OTHER[1], message, message)


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


@dataclass
class Failure:
    member: object  # view.Member
    detail: str | None


@dataclass
class Group:
    key: str
    label: str
    failures: list[Failure] = field(default_factory=list)

    @property
    def stale(self) -> int:
        return sum(1 for f in self.failures if f.member.status == "stale")

    def __len__(self) -> int:
        return len(self.failures)


@dataclass
class Part:
    """A group, or the part of it on one numbered page."""

    group: Group
    failures: list[Failure]
    continued: bool  # the group began on an earlier page


def group(members) -> list[Group]:
    """The members that are not `ok`, by reason: the largest group first, names in order."""
    groups: dict[str, Group] = {}
    for member in members:
        if member.status == "ok":
            continue
        why = reason(member.error)
        target = groups.setdefault(why.key, Group(why.key, why.label))
        # A group named by its first message: one that says something else is shown.
        detail = why.detail if why.label == target.label else why.detail or why.message
        target.failures.append(Failure(member, detail))
    return sorted(groups.values(), key=lambda g: (-len(g), g.label.casefold()))


def pages(groups: list[Group], size: int) -> list[list[Part]]:
    """Every failure in `groups` order, cut into pages of `size` failures."""
    out: list[list[Part]] = []
    page: list[Part] = []
    room = size
    for each in groups:
        start = 0
        while start < len(each.failures):
            if room == 0:
                out.append(page)
                page, room = [], size
            chunk = each.failures[start : start + room]
            page.append(Part(each, chunk, continued=start > 0))
            start += len(chunk)
            room -= len(chunk)
    if page:
        out.append(page)
    return out
