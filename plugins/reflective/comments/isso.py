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
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

from . import config as config_mod
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
    website = item.get("website") or None
    if website and not website.startswith(("http://", "https://")):
        website = None
    body = item.get("text") or ""  # plain=1: the Markdown as written, not Isso's HTML
    return (
        {
            "id": f"isso-{item['id']}",
            "author": (item.get("author") or "").strip() or "Anonymous",
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


def add_pull_command(sub, common) -> None:
    pull_parser = sub.add_parser(
        "pull",
        parents=[common],
        help="write approved comments from an Isso server as comment files",
        description="Reads the approved comments of every post from Isso's HTTP API and "
        "writes each as a comment file (isso-<id>.md); files already there are never "
        "overwritten, so running it again only adds new comments.",
    )
    pull_parser.add_argument(
        "--server", help="the Isso server (default: REFLECTIVE_COMMENTS_ISSO from the settings)"
    )
    pull_parser.set_defaults(func=cmd_pull)


def cmd_pull(args) -> int:
    from ..cli import CLIError, _load_settings
    from .cli import _loaded, render_file

    settings, _, _ = _load_settings(args)
    config, _ = config_mod.read(settings)
    server = args.server or config["REFLECTIVE_COMMENTS_ISSO"]
    if not server:
        raise CLIError("no Isso server: give --server URL or set REFLECTIVE_COMMENTS_ISSO")
    loaded = _loaded(args)
    root = os.path.join(settings["PATH"], config["REFLECTIVE_COMMENTS_PATH"].strip("/"))
    posts = [c.post for c in loaded.comments.by_slug.values() if not c.post.draft]
    try:
        written = pull(server, posts, lambda p: os.path.join(root, p.slug), render_file)
    except (urllib.error.URLError, OSError) as error:
        raise CLIError(f"cannot reach the Isso server {server}: {error}") from None
    for path in written:
        print(os.path.relpath(path))
    print(f"reflective: {len(written)} new comment(s) from {server}", file=sys.stderr)
    return 0


def add_server_command(sub, common) -> None:
    server = sub.add_parser(
        "server",
        parents=[common],
        help="run Isso locally for this site (make comments-server)",
        description="Write an Isso config from the settings (moderation on, the database "
        "under REFLECTIVE_COMMENTS_DATA, the site's origins allowed, bound to 127.0.0.1) "
        "and run Isso until interrupted.",
    )
    server.add_argument("--port", type=int, help="default: REFLECTIVE_COMMENTS_ISSO's, or 8081")
    server.add_argument(
        "--origin", action="append", default=[], help="another site address allowed to post"
    )
    server.add_argument("--config-only", action="store_true", help="write the config, print it")
    server.set_defaults(func=cmd_server)


def cmd_server(args) -> int:
    import secrets
    import shutil
    import subprocess

    from ..cli import CLIError, _load_settings

    settings, folder, _ = _load_settings(args)
    config, _ = config_mod.read(settings)
    isso_url = config["REFLECTIVE_COMMENTS_ISSO"] or ""
    parts = urllib.parse.urlsplit(isso_url)
    port = args.port or (parts.port if parts.hostname in ("127.0.0.1", "localhost") else None)
    port = port or 8081
    data_dir = os.path.join(folder, config["REFLECTIVE_COMMENTS_DATA"])
    origins = list(args.origin) + ["http://127.0.0.1:8000", "http://localhost:8000"]
    siteurl = urllib.parse.urlsplit(settings.get("SITEURL") or "")
    if siteurl.scheme in ("http", "https"):
        origins.insert(0, f"{siteurl.scheme}://{siteurl.netloc}")
    password_file = os.path.join(data_dir, "admin-password")
    os.makedirs(data_dir, exist_ok=True)
    if not os.path.exists(password_file):
        with open(password_file, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(18))
        os.chmod(password_file, 0o600)
    with open(password_file, encoding="utf-8") as handle:
        password = handle.read().strip()
    path = write_config(
        os.path.join(data_dir, "isso.cfg"), data_dir, list(dict.fromkeys(origins)), port, password
    )
    if args.config_only:
        print(path)
        return 0
    isso = shutil.which("isso") or os.path.join(os.path.dirname(sys.executable), "isso")
    if not os.path.exists(isso):
        raise CLIError("Isso is not installed: run `make comments-server` (it installs it)")
    print(
        f"reflective: Isso on http://127.0.0.1:{port}/ (config {os.path.relpath(path)}); "
        f"moderate at http://127.0.0.1:{port}/admin/ with the password in "
        f"{os.path.relpath(password_file)}, or with the Activate links printed below; "
        "then `reflective comments pull`",
        file=sys.stderr,
    )
    try:
        return subprocess.call([isso, "-c", path, "run"])
    except KeyboardInterrupt:
        return 0
