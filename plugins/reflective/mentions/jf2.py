"""A receiver's JF2 entries (webmention.io's `mentions.jf2`) as comment files (SPEC §8).

Pure. `Targets` maps our posts' addresses to their slugs, http and https alike, with or
without `index.html` or the trailing slash. `entry()` turns one JF2 entry into the
fields and body of a comment file (`type: webmention`, a `kind`), or a reason to skip
it: private (`wm-private`), for a page that is not one of our posts, from a blocked
source, or of a kind we do not know. Kinds: `in-reply-to` is a `reply` (threaded under
`replyto` when its target names `#comment-<id>` of a comment the post has), `like-of`,
`repost-of`, `bookmark-of` are counted (no body), anything else that links here is a
`mention`. Names and text only: the author's photo, and any photo or video of the
entry, is never read, so never written.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from ..core.comment_format import ID_PATTERN
from ..core.weburl import same_page_key as bare

KINDS = {
    "in-reply-to": "reply",
    "like-of": "like",
    "repost-of": "repost",
    "bookmark-of": "bookmark",
    "mention-of": "mention",
}
MAX_REPLY = 5000  # characters of a reply's text
MAX_MENTION = 280  # characters of the excerpt shown under "Linked from"
_IMAGE = re.compile(r"!\[")


class Targets:
    def __init__(self, siteurl: str, posts: dict):
        """`posts`: post URL (relative to SITEURL, as Pelican gives it) -> slug."""
        self.site = siteurl.rstrip("/")
        self.by_address = {
            bare(f"{self.site}/{url.lstrip('/')}"): slug for url, slug in posts.items()
        }
        self.url_of = {slug: f"{self.site}/{url.lstrip('/')}" for url, slug in posts.items()}

    def slug(self, target: str) -> str | None:
        return self.by_address.get(bare(target))


def _web(url) -> str | None:
    if isinstance(url, str) and urlsplit(url.strip()).scheme in ("http", "https"):
        if urlsplit(url.strip()).netloc and " " not in url.strip():
            return url.strip()
    return None


def _text(content) -> str:
    if not isinstance(content, dict):
        return str(content or "") if isinstance(content, str) else ""
    text = content.get("text")
    if not isinstance(text, str) or not text.strip():
        html = content.get("html") or content.get("value") or ""
        text = BeautifulSoup(str(html), "html.parser").get_text("\n")
    return text


def _plain(text: str, limit: int) -> str:
    """Text kept as text: no image syntax, no raw markup, trimmed to `limit`."""
    text = "\n".join(line.rstrip() for line in text.replace("\r", "").split("\n")).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    text = _IMAGE.sub("\\![", text).replace("<", "&lt;")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


def _when(entry) -> dt.datetime | None:
    for key in ("published", "wm-received"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            try:
                when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError:
                continue
            return when.replace(microsecond=0, second=0)
    return None


def ident(entry) -> str | None:
    value = entry.get("wm-id")
    if isinstance(value, bool) or value is None:
        return None
    text = f"wm-{value}"
    return text if ID_PATTERN.match(text) else None


def entry(item, targets: Targets, comment_ids, blocked=None):
    """(slug, fields, body) of one JF2 entry, or (None, reason, None) to skip it.
    `comment_ids(slug)` gives the ids of the post's comments (for threading);
    `blocked(urls...)` the blocklist entry that blocks the source, if any."""
    if not isinstance(item, dict):
        return None, "not an entry", None
    wanted = ident(item)
    if wanted is None:
        return None, "no wm-id", None
    if item.get("wm-private") is True:
        return None, "private", None
    target = item.get("wm-target") or ""
    slug = targets.slug(target)
    if slug is None:
        return None, f"not for one of our posts ({target})", None
    source = _web(item.get("url")) or _web(item.get("wm-source"))
    if source is None:
        return None, "no http(s) source", None
    if bare(source) == bare(targets.url_of[slug]):
        return None, "its source is the post itself", None
    author = item.get("author") if isinstance(item.get("author"), dict) else {}
    website = _web(author.get("url"))
    if blocked is not None:
        entry_blocked = blocked(source, _web(item.get("wm-source")), website)
        if entry_blocked:
            return None, f"blocked ({entry_blocked})", None
    kind = KINDS.get(item.get("wm-property"), "mention")
    name = " ".join(str(author.get("name") or "").split())
    name = name or urlsplit(website or source).hostname or "Someone"
    when = _when(item)
    if when is None:
        return None, "no date", None
    fields = {
        "id": wanted,
        "author": name[:100],
        "date": when,
        "website": website,
        "type": "webmention",
        "kind": kind,
        "source": source,
    }
    body = ""
    if kind == "reply":
        fragment = urlsplit(target).fragment
        if fragment.startswith("comment-") and fragment[len("comment-") :] in comment_ids(slug):
            fields["replyto"] = fragment[len("comment-") :]
        body = _plain(_text(item.get("content")), MAX_REPLY) or "(no text)"
    elif kind == "mention":
        title = item.get("name") if isinstance(item.get("name"), str) else ""
        body = _plain(title or _text(item.get("content")), MAX_MENTION)
    return slug, fields, body
