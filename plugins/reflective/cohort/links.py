"""The cohort's posts that link to ours: "Linked from" without any service (issue 23).

Pure. `linking(participants, records, ours)` reads the posts `reflective cohort fetch`
stored (their `links`) and returns, for each of our posts (`ours` maps the key of its
address, `core.weburl.same_page_key`, to anything the caller uses), the participants'
posts that link to it, newest first, once each. A post of our own site (the author in
their own cohort file) is never counted. Addresses are compared as the same page:
http or https, with or without `index.html`, a fragment or a query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..core.weburl import same_page_key
from .config import web_url
from .parse import text


@dataclass(frozen=True)
class LinkFrom:
    name: str  # the participant
    title: str
    url: str
    date: dt.date | None


def linking(participants, records: dict, ours: dict) -> dict:
    """{our value: [LinkFrom]} for each of our posts some participant's post links to."""
    if not ours:
        return {}
    our_hosts = {key.split("/", 1)[0] for key in ours}
    found: dict = {}
    for participant in participants:
        record = records.get(participant.key) or {}
        data = record.get("data") if record.get("url") == participant.url else None
        if not isinstance(data, dict) or record.get("status") not in ("ok", "stale"):
            continue
        for post in data.get("posts") or []:
            if not isinstance(post, dict) or not isinstance(post.get("links"), list):
                continue
            url = web_url(post.get("url"))
            if url is None or same_page_key(url).split("/", 1)[0] in our_hosts:
                continue
            entry = LinkFrom(participant.name, text(post.get("title")) or url, url, _day(post))
            for target in post["links"]:
                value = ours.get(same_page_key(target)) if isinstance(target, str) else None
                if value is not None and entry not in found.setdefault(value, []):
                    found[value].append(entry)
    for entries in found.values():
        entries.sort(key=lambda e: (e.date or dt.date.min, e.name), reverse=True)
    return found


def _day(post: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(post.get("date"))[:10])
    except ValueError:
        return None
