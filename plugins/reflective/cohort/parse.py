"""A participant's document, read defensively: progress.json or an Atom/RSS feed.

Owns turning the bytes fetched for one participant into plain, safe data for the cache:
`{"kind", "programme", "title", "total", "posts": [{title, url, date, things, links}],
"skipped", "has_links"}`; `links` are the http(s) addresses a post's text links to (from
a feed entry's content or summary, or a progress.json post's `links`), so our posts can
show the cohort's posts that link to them (`links.py`). Titles become plain text (tags stripped, entities decoded, whitespace
collapsed, length capped); URLs are resolved against the document's address and kept
only when they are http(s); a date is an ISO day or None. Anything that is not the
document it should be raises `ParseError` with a one-line reason.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from urllib.parse import urljoin

import feedparser

from ..core.things import detect
from .config import web_url

KNOWN_SCHEMA_VERSIONS = (1,)
MAX_POSTS = 2000  # per participant: a cohort page needs their Things, not an archive
MAX_TITLE = 300
_TAGS = re.compile(r"<[^>]*>?")
_HREF = re.compile(r"""<a\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
MAX_LINKS = 100  # per post
_SPACE = re.compile(r"\s+")


class ParseError(ValueError):
    """The fetched body is not what the cohort file says it is."""


def text(value, limit: int = MAX_TITLE) -> str:
    """Plain text from untrusted markup: no tags, entities decoded, one line."""
    if not isinstance(value, str):
        return ""
    value = html.unescape(_TAGS.sub(" ", value))
    value = _SPACE.sub(" ", value.replace("\x00", "")).strip()
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def link(value, base: str) -> str | None:
    """An absolute http(s) URL from `value` (relative ones resolved), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        absolute = urljoin(base, value.strip())
    except ValueError:
        return None
    return web_url(absolute)


def links(html, base: str) -> list[str]:
    """The http(s) addresses an entry's HTML links to, resolved, in order, once each."""
    out: list[str] = []
    for match in _HREF.finditer(html if isinstance(html, str) else ""):
        found = link(html_unescape(next(g for g in match.groups() if g is not None)), base)
        if found and found not in out:
            out.append(found)
            if len(out) >= MAX_LINKS:
                break
    return out


def html_unescape(value: str) -> str:
    return html.unescape(value).strip()


def day(value) -> str | None:
    if isinstance(value, str) and len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            return None
    return None


def progress_json(body: bytes, url: str) -> dict:
    """The posts of a site built with this kit, from its progress.json."""
    try:
        document = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise ParseError(
            f"is not JSON ({_first_line(error)}); is this the progress.json?"
        ) from None
    if not isinstance(document, dict):
        raise ParseError("is JSON but not a progress.json (not an object)")
    version = document.get("schema_version")
    if version not in KNOWN_SCHEMA_VERSIONS:
        raise ParseError(
            f"has schema_version {version!r}, which this version of Reflective cannot read "
            f"(it reads {', '.join(map(str, KNOWN_SCHEMA_VERSIONS))}); upgrade Reflective"
        )
    programme = document.get("programme")
    if not isinstance(programme, dict) or not isinstance(programme.get("things"), list):
        raise ParseError("is not a progress.json: it has no programme.things list")
    posts: dict[str, dict] = {}
    skipped = 0
    for thing in programme["things"]:
        if not isinstance(thing, dict) or not isinstance(thing.get("posts"), list):
            skipped += 1
            continue
        for post in thing["posts"]:
            entry = _post(post, url)
            if entry is None:
                skipped += 1
                continue
            key = entry["url"] or entry["title"]
            if key in posts:
                known = posts[key]["things"]
                known.extend(n for n in entry["things"] if n not in known)
            elif len(posts) < MAX_POSTS:
                posts[key] = entry
    total = programme.get("total")
    return {
        "kind": "progress",
        "programme": text(programme.get("name")) or None,
        "title": None,
        "total": total if isinstance(total, int) and not isinstance(total, bool) else None,
        "posts": _sorted(posts.values()),
        "skipped": skipped,
        "has_links": True,
    }


def _post(post, base: str) -> dict | None:
    if not isinstance(post, dict):
        return None
    title = text(post.get("title"))
    things = post.get("things")
    if not title or not isinstance(things, list):
        return None
    numbers = sorted({n for n in things if isinstance(n, int) and not isinstance(n, bool)})
    given = post.get("links") if isinstance(post.get("links"), list) else []
    return {
        "title": title,
        "url": link(post.get("url"), base),
        "date": day(post.get("date")),
        "things": numbers,
        "links": [u for u in (link(v, base) for v in given[:MAX_LINKS]) if u],
    }


def feed(body: bytes, url: str) -> dict:
    """The posts of any blog, from its Atom or RSS feed; Things from titles and tags."""
    # Titles lose all markup here and links are resolved below: feedparser need not
    # sanitise or resolve (which costs most of its time).
    parsed = feedparser.parse(
        body,
        response_headers={"content-location": url},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        detail = f" ({_first_line(reason)})" if reason else ""
        raise ParseError(f"is not an Atom or RSS feed{detail}")
    posts = []
    skipped = 0
    for entry in parsed.entries[:MAX_POSTS]:
        title = text(entry.get("title"))
        if not title:
            skipped += 1
            continue
        tags = [t.get("term") or "" for t in entry.get("tags", []) if isinstance(t, dict)]
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        date = dt.date(*when[:3]).isoformat() if when else None
        where = link(entry.get("link"), url) or url
        bodies = [c.get("value") or "" for c in entry.get("content") or [] if isinstance(c, dict)]
        posts.append(
            {
                "title": title,
                "url": link(entry.get("link"), url),
                "date": date,
                "things": detect(title, tags).things,
                "links": links(" ".join(bodies) or entry.get("summary") or "", where),
            }
        )
    return {
        "kind": "feed",
        "programme": None,
        "title": text(parsed.feed.get("title")) or None,
        "total": None,
        "posts": _sorted(posts),
        "skipped": skipped + max(0, len(parsed.entries) - MAX_POSTS),
        "has_links": True,
    }


def _sorted(posts) -> list[dict]:
    return sorted(posts, key=lambda p: (p["date"] or "", p["title"]), reverse=True)


def _first_line(error) -> str:
    return str(error).split("\n")[0][:200]


def document(kind: str, body: bytes, url: str) -> dict:
    return progress_json(body, url) if kind == "progress" else feed(body, url)
