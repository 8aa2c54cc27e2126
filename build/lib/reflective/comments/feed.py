"""The Atom feed of the site's comments (`feeds/comments.atom.xml`).

Owns turning the site's comments (newest first, drafts' left out) into an Atom
document with feedgenerator, the library Pelican writes its own feeds with: one entry
per comment or linkback, linked to its anchor on the post, its body sanitised exactly
as on the page, the commenter's name and never an address. Pure: no Pelican objects,
only the settings dict.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import feedgenerator

MAX_ENTRIES = 100


def _aware(value, zone) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value or dt.date(1970, 1, 1), dt.time())
    return value if value.tzinfo else value.replace(tzinfo=zone)


def write(handle, comments: list, settings: dict, feed_path: str, limit: int = MAX_ENTRIES):
    siteurl = (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")
    try:
        zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    except (KeyError, ValueError):
        zone = dt.UTC
    sitename = settings.get("SITENAME", "")
    document = feedgenerator.Atom1Feed(
        title=f"Comments on {sitename}",
        link=f"{siteurl}/",
        description="",
        feed_url=f"{siteurl}/{feed_path}",
        language=settings.get("DEFAULT_LANG"),
    )
    for comment in comments[:limit]:
        post = comment.post.post
        link = f"{siteurl}/{post.url}#{comment.anchor}"
        if comment.is_linkback:
            title = f"{comment.author} linked to {post.title}"
            content = (
                f'<p><a href="{_attr(comment.source)}" rel="nofollow ugc">'
                f"{_text(comment.author)}</a> linked to this post.</p>"
            )
        else:
            verb = "replied" if comment.parent is not None else "commented"
            title = f"{comment.author} {verb} on {post.title}"
            content = comment.html
        document.add_item(
            title=_plain_title(title),
            link=link,
            description=None,  # the body once, as <content>; no duplicate <summary>
            content=content,
            author_name=comment.author,
            pubdate=_aware(comment.date, zone),
            unique_id=link,
        )
    document.write(handle, "utf-8")


def _text(value: str) -> str:
    import html

    return html.escape(value or "", quote=False)


def _attr(value: str) -> str:
    import html

    return html.escape(value or "", quote=True)


def _plain_title(title: str) -> str:
    """Post titles arrive HTML-escaped (Pelican shows them as markup): unescape once."""
    import html

    from markupsafe import Markup

    return html.unescape(Markup(title).striptags())
