"""Exports of the site model for machines: `progress.json` and `actions.ics`.

Owns the JSON document (its shape is `schema/progress.schema.json`, documented in
docs/json-schema.md) and the iCalendar file (RFC 5545, one VTODO per action with a due
date, built with the `icalendar` library). Both are deterministic: every time in them
comes from the content or the build's today, never the clock.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import icalendar
from markupsafe import Markup

from ..core import render
from ..core.model import Action, PostRef, Site

SCHEMA_VERSION = 1
SCHEMA_PATH = Path(__file__).parent / "schema" / "progress.schema.json"
ICS_STATUS = {
    "todo": "NEEDS-ACTION",
    "doing": "IN-PROCESS",
    "done": "COMPLETED",
    "dropped": "CANCELLED",
}
ICS_PRIORITY = {"high": 1, "normal": 5, "low": 9}


def _url(siteurl: str, url: str) -> str:
    return f"{siteurl.rstrip('/')}/{url}" if siteurl else url


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _post(ref: PostRef, siteurl: str) -> dict:
    # Pelican titles are markup (ours are escaped text): JSON carries plain text.
    return {
        "title": Markup(ref.title).striptags(),
        "url": _url(siteurl, ref.url),
        "date": ref.date.isoformat(),
        "things": list(ref.things),
    }


def action_dict(action: Action, siteurl: str = "") -> dict:
    return {
        "id": action.id,
        "text": action.text,
        "html": render.inline(action.text),
        "status": action.status,
        "group": action.group,
        "overdue": action.overdue,
        "due": _day(action.due),
        "done": _day(action.done),
        "priority": action.priority,
        "every": action.every,
        "private": action.private,
        "note": action.note,
        "post": _post(action.post, siteurl),
        "history": [
            {
                "date": u.date.isoformat(),
                "status": u.status,
                "note": u.note,
                "post": _post(u.post, siteurl),
            }
            for u in action.history
        ],
    }


def _programme(site: Site, siteurl: str) -> dict:
    return {
        "name": site.programme.name,
        "url": site.programme.url,
        "total": site.total,
        "written": site.written,
        "things": [
            {
                "number": t.number,
                "title": t.title,
                "week": t.week,
                "section": t.section,
                "optional": t.optional,
                "written": t.written,
                "posts": [_post(ref, siteurl) for ref in t.posts],
            }
            for t in site.things
        ],
    }


def _head(site: Site, siteurl: str, progress_url: str) -> dict:
    """Everything in the document but its `actions`, which come last."""
    return {
        "schema_version": SCHEMA_VERSION,
        "today": site.today.isoformat(),
        "progress_url": _url(siteurl, progress_url) if progress_url else None,
        "programme": _programme(site, siteurl),
        "counts": site.counts,
    }


def progress_dict(site: Site, siteurl: str = "", progress_url: str = "") -> dict:
    """The progress data as plain JSON-ready values (see the schema)."""
    document = _head(site, siteurl, progress_url)
    document["actions"] = [action_dict(action, siteurl) for action in site.actions]
    return document


def progress_json(site: Site, siteurl: str = "", progress_url: str = "") -> str:
    return json.dumps(progress_dict(site, siteurl, progress_url), ensure_ascii=False) + "\n"


def write_progress_json(handle, site: Site, siteurl: str = "", progress_url: str = "") -> None:
    """The same bytes as `progress_json`, written to a text file an action at a time.

    Neither the whole document nor its text is ever in memory at once, and each piece
    goes through the C encoder in one call (`json.dump` would hand the file thousands
    of tiny chunks).
    """
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    handle.write(dumps(_head(site, siteurl, progress_url))[:-1])
    handle.write(', "actions": [')
    for index, action in enumerate(site.actions):
        if index:
            handle.write(", ")
        handle.write(dumps(action_dict(action, siteurl)))
    handle.write("]}\n")


def calendar(site: Site, siteurl: str = "", uid_domain: str = "reflective") -> bytes:
    """An iCalendar file with one VTODO for every visible action with a due date."""
    handle = io.BytesIO()
    write_calendar(handle, site, siteurl, uid_domain)
    return handle.getvalue()


def write_calendar(handle, site: Site, siteurl: str = "", uid_domain: str = "reflective") -> None:
    """The bytes of `calendar_component(...).to_ical()`, written a VTODO at a time.

    Only one VTODO is ever in memory (icalendar's objects for a whole 5,000-post
    site took about 30 MiB), and icalendar's own per-character line folding is
    skipped for the lines that need no folding (most of ours): see `_ical_lines`.
    """
    head = [line for line in _calendar_head(site).content_lines() if line]
    handle.write(_ical_lines(head[:-1]))  # BEGIN:VCALENDAR and its properties
    for todo in _todos(site, siteurl, uid_domain):
        handle.write(_ical_lines(todo.content_lines()))
    handle.write(_ical_lines(head[-1:]))  # END:VCALENDAR


def calendar_component(site: Site, siteurl: str = "", uid_domain: str = "reflective"):
    """The whole calendar as one `icalendar.Calendar` (what `write_calendar` writes)."""
    cal = _calendar_head(site)
    for todo in _todos(site, siteurl, uid_domain):
        cal.add_component(todo)
    return cal


def _calendar_head(site: Site) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Reflective//Reflective action items//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"{site.programme.name}: action items")
    return cal


def _todos(site: Site, siteurl: str, uid_domain: str):
    for action in sorted(site.actions, key=lambda a: (a.due or dt.date.max, a.id)):
        if action.due is None:
            continue
        todo = icalendar.Todo()
        todo.add("uid", f"{action.id}@{uid_domain}")
        stamp = max([action.post.date] + [u.date for u in action.history])
        todo.add("dtstamp", dt.datetime.combine(stamp, dt.time(), tzinfo=dt.UTC))
        todo.add("summary", render.plain(action.text))
        todo.add("due", action.due)
        todo.add("status", ICS_STATUS[action.status])
        todo.add("priority", ICS_PRIORITY[action.priority])
        if action.status == "done" and action.done:
            todo.add("completed", dt.datetime.combine(action.done, dt.time(), tzinfo=dt.UTC))
        if action.note:
            todo.add("description", action.note)
        if siteurl:  # a relative address is not a URI a calendar can open
            todo.add("url", _url(siteurl, action.post.url) + f"#action-{action.id}")
        if action.post.things:
            todo.add("categories", [f"Thing {n}" for n in action.post.things])
        yield todo


def _ical_lines(lines) -> bytes:
    """icalendar content lines as `Contentlines.to_ical()` joins them, CRLF after each.

    icalendar folds every line a character at a time, which was a third of the
    calendar's cost; most of ours are well under the 75-octet limit, so only the
    lines that reach it go through icalendar's own folding.
    """
    out = []
    for line in lines:
        if not line:
            continue
        data = line.encode("utf-8")
        out.append(data if len(data) < 75 else line.to_ical())
        out.append(b"\r\n")
    return b"".join(out)
