"""Isso, the optional live comment server: its config, and `reflective comments pull`.

Owns generating the config `make comments-server` runs Isso with (moderation on, the
SQLite database under the kit's data folder, the site's origin allowed, bound to
127.0.0.1) and pulling approved comments over Isso's HTTP API (`GET /?uri=...`, which
shows only accepted comments) into comment files: one file per Isso comment, named
`isso-<id>.md`, threading kept (`replyto: isso-<parent>`), idempotent (a file that is
already there is left alone, so an edit by the author is never overwritten). Isso is
never needed to build or publish a site. Threads are keyed by the post's slug (the
`data-isso-id` of the form in `comments.html`), so they survive a change of URL.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

from . import core

CONFIG_TEMPLATE = """\
# Written by `make comments-server` (reflective.comments.isso); edit the settings, not this.
[general]
dbpath = {dbpath}
host = {hosts}
max-age = 15m
notify = stdout
gravatar = false
log-file =

[moderation]
enabled = true
purge-after = 30d

[server]
listen = http://127.0.0.1:{port}/
public-endpoint = http://127.0.0.1:{port}

[guard]
enabled = true
ratelimit = 10
direct-reply = 10
reply-to-self = true
require-author = true
require-email = false

[admin]
enabled = true
password = {password}
"""


def write_config(path: str, data_dir: str, origins: list[str], port: int, password: str) -> str:
    os.makedirs(data_dir, exist_ok=True)
    text = CONFIG_TEMPLATE.format(
        dbpath=os.path.abspath(os.path.join(data_dir, "comments.db")),
        hosts="\n    ".join(origins),
        port=port,
        password=password,
    )
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path


def fetch_thread(server: str, uri: str, timeout: float = 10) -> list[dict]:
    """Every accepted comment of one page, replies included (Isso's nested JSON)."""
    query = urllib.parse.urlencode({"uri": uri, "plain": 1})
    try:
        with urllib.request.urlopen(f"{server.rstrip('/')}/?{query}", timeout=timeout) as reply:
            data = json.loads(reply.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        if error.code == 404:  # Isso: no thread for this page yet
            return []
        raise
    out: list[dict] = []

    def walk(items, parent):
        for item in items:
            out.append(dict(item, parent=item.get("parent") or parent))
            walk(item.get("replies") or [], item["id"])

    walk(data.get("replies") or [], None)
    return out


def comment_fields(item: dict) -> tuple[dict, str]:
    """A comment file's fields and body for one Isso comment (never its e-mail)."""
    when = dt.datetime.fromtimestamp(float(item["created"]), tz=dt.UTC).replace(microsecond=0)
    # Isso stores author and website HTML-escaped; the comment file holds them as typed
    # (the build escapes them once, when it shows them).
    website = html.unescape(item.get("website") or "").strip() or None
    if website and not website.startswith(("http://", "https://")):
        website = None
    body = item.get("text") or ""  # plain=1: the Markdown as written, not Isso's HTML
    return (
        {
            "id": f"isso-{item['id']}",
            "author": html.unescape(item.get("author") or "").strip() or "Anonymous",
            "date": when,
            "website": website,
            "replyto": f"isso-{item['parent']}" if item.get("parent") else None,
        },
        body,
    )


def pull(server: str, posts: list, folder_of, render, write=True) -> list[str]:
    """Write one file per approved Isso comment of each post; return the paths written."""
    written = []
    for post in posts:
        items = fetch_thread(server, post.slug)  # the page's data-isso-id
        folder = folder_of(post)
        for item in items:
            fields, body = comment_fields(item)
            path = os.path.join(folder, f"{fields['id']}.md")
            if os.path.exists(path) or _known(folder, fields["id"]):
                continue  # pulled before; maybe edited by the author since: never overwrite
            text = render(fields, body)
            _, problems = core.read(text, path)
            if problems:
                print(
                    "reflective: skipped an Isso comment: "
                    + "; ".join(p.format() for p in problems),
                    file=sys.stderr,
                )
                continue
            if write:
                os.makedirs(folder, exist_ok=True)
                with open(path, "x", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
            written.append(path)
    return written


def _known(folder: str, ident: str) -> bool:
    """Whether a file in the folder (renamed by the author, say) already has this id."""
    if not os.path.isdir(folder):
        return False
    for name in os.listdir(folder):
        if not core.is_comment_file(name):
            continue
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                head = handle.read(2000)
        except (OSError, UnicodeDecodeError):
            continue
        if f"\nid: {ident}\n" in head or f'\nid: "{ident}"\n' in head:
            return True
    return False
