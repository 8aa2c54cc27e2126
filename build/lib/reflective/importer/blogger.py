"""Reading a Blogger export into records: the current Takeout `feed.atom` and the older
"Back up content" Atom file.

Owns what the two Atom dialects mean. Takeout (2020 on) marks entries with
`blogger:type` (POST, PAGE, COMMENT), `blogger:status`, `blogger:filename` (the old
path), `blogger:parent` (a comment's post) and `blogger:inReplyTo` (the comment it
answers). The older export marks them with a `kind#post|page|comment|settings|template`
category, `app:draft`, `thr:in-reply-to` and a `related` link to the parent comment.
Posts and pages become `Entry`s, comments `Comment`s (in any order in the file: the
planner joins them). No e-mail address is read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from . import records as R
from .xmlstream import Cleaned, expect_root, local, records

ATOM = "http://www.w3.org/2005/Atom"
KIND_SCHEME = "http://schemas.google.com/g/2005#kind"
LABEL_SCHEME = "http://www.blogger.com/atom/ns#"
THREAD = "http://purl.org/syndication/thread/1.0"
_STATES = {
    "live": R.APPROVED,
    "published": R.APPROVED,
    "draft": "draft",
    "scheduled": "future",
    "spam": R.SPAM,
    "pending": R.PENDING,
    "held": R.PENDING,
    "soft_trashed": R.TRASH,
    "trashed": R.TRASH,
    "deleted": R.TRASH,
}


def _ref(value: str) -> str:
    """'tag:blogger.com,1999:blog-1.post-42' -> '42' (posts, pages and comments alike)."""
    value = (value or "").strip()
    match = re.search(r"(?:post|page|comment)-(\d+)$", value) or re.search(r"(\d+)$", value)
    return match.group(1) if match else value


def _date(value: str) -> dt.datetime | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def _slug_from_path(path: str) -> str:
    name = path.rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"\.html?$", "", name)


def _parse(entry) -> dict:
    data: dict = {"labels": [], "kind": "", "links": {}}
    for child in entry:
        uri, name = local(child.tag)
        text = child.text or ""
        if name == "category":
            scheme, term = child.get("scheme", ""), child.get("term", "")
            if scheme == KIND_SCHEME:
                data["kind"] = term.rsplit("#", 1)[-1]
            elif term:
                data["labels"].append(term)
        elif name == "link":
            data["links"].setdefault(child.get("rel", ""), child.get("href", ""))
        elif name == "author":
            for part in child:
                part_name = local(part.tag)[1]
                if part_name in ("name", "uri"):
                    data[f"author_{part_name}"] = " ".join((part.text or "").split())
        elif name == "in-reply-to" and uri == THREAD:
            data["in_reply_to"] = child.get("ref", "")
        elif name == "control":
            for part in child:
                if local(part.tag)[1] == "draft":
                    data["app_draft"] = (part.text or "").strip().lower() == "yes"
        elif uri.startswith("http://schemas.google.com/blogger/"):
            data[f"blogger_{name}"] = text.strip()
        elif uri == ATOM:
            data[name] = text
    return data


def _entry_or_comment(entry, line: int):
    d = _parse(entry)
    btype = d.get("blogger_type", "").lower()
    kind = btype or d["kind"]
    ref = _ref(d.get("id", ""))
    date = _date(d.get("published", "")) or _date(d.get("blogger_created", ""))
    author = d.get("author_name", "")
    if kind == "comment":
        related = d["links"].get("related", "")
        parent = d.get("blogger_inReplyTo", "") or (
            related.rsplit("/", 1)[-1] if "/comments/" in related else ""
        )
        state = _STATES.get(d.get("blogger_status", "live").lower(), R.PENDING)
        return R.Comment(
            id=ref,
            post_ref=_ref(d.get("blogger_parent", "") or d.get("in_reply_to", "")),
            author=author or "Anonymous",
            date=date,
            body_html=d.get("content", ""),
            website=d.get("author_uri", ""),
            parent=_ref(parent) if parent else "",
            state=state,
            autop=False,
            line=line,
        )
    if kind not in ("post", "page"):
        return kind or "unknown"  # settings, template, ...: counted, not imported
    if "blogger_status" in d:
        status = _STATES.get(d["blogger_status"].lower(), d["blogger_status"].lower())
        status = "publish" if status == R.APPROVED else status
    else:
        status = "draft" if d.get("app_draft") else "publish"
    link = d["links"].get("alternate", "")
    path = d.get("blogger_filename", "") or urlsplit(link).path
    slug = _slug_from_path(path) if path and path != "/" else ""
    return R.Entry(
        ref=ref,
        kind=kind,
        title=" ".join(d.get("title", "").split()),
        slug=slug,
        date=date,
        status=status,
        body_html=d.get("content", ""),
        link=link or path,
        author=author,
        tags=d["labels"],
        autop=False,
        line=line,
    )


def read(path: str, cleaned: Cleaned) -> Iterator:
    """The blog-level record first, then each post or page as an Entry, each comment as
    a Comment, and each other entry (settings, template) as its kind's name."""
    export = R.Export(platform="blogger")
    started = False
    for element, line in records(path, {f"{{{ATOM}}}entry"}, expect_root(path, "blogger"), cleaned):
        uri, name = local(element.tag)
        if name == "entry":
            if not started:
                started = True
                yield export
            yield _entry_or_comment(element, line)
        elif name == "title" and uri == ATOM:
            export.title = " ".join((element.text or "").split())
        elif name == "link" and element.get("rel") == "alternate":
            export.link = element.get("href", "")
    if not started:
        yield export
