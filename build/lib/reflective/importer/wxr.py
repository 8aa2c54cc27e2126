"""Reading a WordPress export (WXR, any version since 1.0 of 2010) into records.

Owns what the WXR elements mean: `<item>` with its `wp:*` fields becomes an `Entry`,
its `<wp:comment>` children become `Comment`s (moderation state from
`wp:comment_approved`, kind from `wp:comment_type`, thread from `wp:comment_parent`),
`<wp:author>` gives authors' display names. E-mail fields (`wp:comment_author_email`,
`wp:author_email`) are never read. Streaming comes from `xmlstream`.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from urllib.parse import unquote

from . import records as R
from .xmlstream import Cleaned, expect_root, local, records

WP_PREFIX = "http://wordpress.org/export/"
# Formatting some authors put in titles; any other "<...>" is kept as the words it is.
_INLINE_TAG = re.compile(r"</?(?:em|strong|b|i|u|span|code|sup|sub|small|br|a)\b[^>]*>", re.I)
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"

_STATES = {
    "1": R.APPROVED,
    "approve": R.APPROVED,
    "0": R.PENDING,
    "hold": R.PENDING,
    "spam": R.SPAM,
    "trash": R.TRASH,
    "post-trashed": R.TRASH,
}


def _text(element) -> str:
    return (element.text or "") if element is not None else ""


def _fields(item) -> dict:
    """The item's simple children by local name (wp:post_id → post_id, content:encoded
    → content, excerpt:encoded → excerpt)."""
    out: dict = {"categories": [], "tags": [], "comments": [], "meta": {}}
    for child in item:
        uri, name = local(child.tag)
        if name == "encoded":
            out["excerpt" if "excerpt" in uri else "content"] = _text(child)
        elif name == "category":
            domain = child.get("domain", "category")
            text = _text(child).strip()
            if text and domain == "post_tag":
                out["tags"].append(text)
            elif text and domain == "category":
                out["categories"].append(text)
        elif name == "comment" and uri.startswith(WP_PREFIX):
            out["comments"].append(child)
        elif name == "postmeta":
            key = value = ""
            for part in child:
                part_name = local(part.tag)[1]
                if part_name == "meta_key":
                    key = _text(part)
                elif part_name == "meta_value":
                    value = _text(part)
            out["meta"][key] = value
        else:
            out.setdefault(name, _text(child))
    return out


def _date(value: str) -> dt.datetime | None:
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return dt.datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        return None


def _comment(element, post_ref: str, line: int) -> R.Comment:
    data = {}
    for child in element:
        data[local(child.tag)[1]] = _text(child)
    kind = (data.get("comment_type") or "comment").strip() or "comment"
    state = _STATES.get(data.get("comment_approved", "1").strip(), R.PENDING)
    parent = data.get("comment_parent", "0").strip()
    return R.Comment(
        id=data.get("comment_id", "").strip(),
        post_ref=post_ref,
        author=" ".join(html.unescape(data.get("comment_author", "")).split()),
        date=_date(data.get("comment_date", "")) or _date(data.get("comment_date_gmt", "")),
        body_html=data.get("comment_content", ""),
        kind=kind,
        website=data.get("comment_author_url", "").strip(),
        parent="" if parent in ("", "0") else parent,
        state=state,
        line=line,
    )


def _entry(item, authors: dict, line: int) -> R.Entry:
    f = _fields(item)
    ref = f.get("post_id", "").strip()
    creator = f.get("creator", "").strip()
    status = f.get("status", "publish").strip() or "publish"
    slug = unquote(f.get("post_name", "").strip())
    entry = R.Entry(
        ref=ref,
        kind=f.get("post_type", "post").strip() or "post",
        title=" ".join(html.unescape(_INLINE_TAG.sub("", f.get("title", ""))).split()),
        slug=slug,
        date=_date(f.get("post_date", "")) or _date(f.get("post_date_gmt", "")),
        status=status,
        body_html=f.get("content", ""),
        link=f.get("link", "").strip(),
        author=authors.get(creator.lower(), creator),
        categories=[c for c in f["categories"] if c.lower() != "uncategorized"],
        tags=f["tags"],
        password=bool(f.get("post_password", "").strip()),
        parent=f.get("post_parent", "0").strip().lstrip("0"),
        url=f.get("attachment_url", "").strip(),
        excerpt=f.get("excerpt", ""),
        alt=f["meta"].get("_wp_attachment_image_alt", ""),
        line=line,
    )
    entry.comments = [_comment(c, ref, line) for c in f["comments"]]
    return entry


def read(path: str, cleaned: Cleaned) -> Iterator[R.Export | R.Entry]:
    """The export's blog-level record first (once the first item is reached), then each
    item in file order as an Entry."""
    export = R.Export(platform="wordpress")
    started = False
    for element, line in records(path, {"item"}, expect_root(path, "wordpress"), cleaned):
        uri, name = local(element.tag)
        if name == "item":
            if not started:
                started = True
                yield export
            yield _entry(element, export.authors, line)
        elif name == "author" and uri.startswith(WP_PREFIX):
            login = display = ""
            for child in element:
                child_name = local(child.tag)[1]
                if child_name == "author_login":
                    login = _text(child).strip()
                elif child_name == "author_display_name":
                    display = " ".join(_text(child).split())
            if login:
                export.authors[login.lower()] = display or login
        elif name == "title" and not uri:
            export.title = " ".join(_text(element).split())
        elif name == "link" and not uri:
            export.link = _text(element).strip()
        elif name == "base_blog_url" and not export.link:
            export.link = _text(element).strip()
    if not started:
        yield export
