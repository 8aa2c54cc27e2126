"""Redirects from a post's old addresses (its `old_urls`): checking them, and their text.

Owns the `old_urls` field that `reflective import` writes into each post and page it
brings in (the path of the old permalink, e.g. `/2011/07/18/online-networks/`): its
checks (a list of site paths starting with `/`, no `..`, no query, each claimed by one
post only), where the redirect page of a path is written (`/a/b/` → `a/b/index.html`,
`/a/b.html` → `a/b.html`), the page itself (a canonical link and an immediate refresh,
and a link to follow by hand; a short script also carries `#comment-N` fragments
across), and the lines of a `_redirects` file for hosts that read one. Pure: the
Pelican layer (`wiring`) feeds it the site's posts.
"""

from __future__ import annotations

import html
import json
import posixpath

from ..core.problems import Problem

FIELD = "old_urls"
MARK = "<!-- reflective: a redirect from an old address -->"


def check(value, source: str) -> tuple[list[str], list[Problem]]:
    """The usable paths of one post's `old_urls`, and the problems of the others."""
    if value is None:
        return [], []
    items = value if isinstance(value, list) else [value]
    paths, problems = [], []
    for index, item in enumerate(items):
        field = f"{FIELD}[{index}]" if isinstance(value, list) else FIELD
        text = item if isinstance(item, str) else None
        if text is None or not text.startswith("/") or text.startswith("//"):
            problems.append(
                Problem(
                    source,
                    field,
                    f"{item!r} is not a path on this site; write the old address's path, "
                    "starting with '/', e.g. /2011/07/18/my-post/",
                )
            )
            continue
        if (
            any(c in text for c in '?#\\"<>')
            or ".." in text.split("/")
            or any(ord(c) < 32 for c in text)
        ):
            problems.append(
                Problem(
                    source,
                    field,
                    f"{text!r} cannot be a redirect page (no '..', query, fragment, quotes "
                    "or backslashes); give just the path",
                )
            )
            continue
        paths.append(text)
    return paths, problems


def save_as(path: str) -> str:
    """Where the redirect page for `path` is written, inside the output folder."""
    clean = posixpath.normpath(path).lstrip("/")
    if path.endswith("/") or not posixpath.splitext(clean)[1]:
        return posixpath.join(clean, "index.html") if clean else "index.html"
    return clean


def page(title: str, target: str, lang: str = "en") -> str:
    """A redirect page: canonical link, immediate refresh, and a link for everyone else."""
    t = html.escape(title, quote=True)
    u = html.escape(target, quote=True)
    script = json.dumps(target).replace("<", "\\u003c")
    return (
        f"<!DOCTYPE html>\n{MARK}\n"
        f'<html lang="{html.escape(lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved: {t}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{u}">\n'
        # keep #comment-N (and Blogger's #cN) on the way: the refresh alone drops it
        f"<script>location.replace({script}+location.hash.replace(/^#c(\\d+)$/,'#comment-$1'))</script>\n"
        f'<meta http-equiv="refresh" content="0; url={u}">\n'
        "</head>\n<body>\n<main>\n"
        f'<h1>{t}</h1>\n<p>This post has moved to <a href="{u}">{u}</a>.</p>\n'
        "</main>\n</body>\n</html>\n"
    )


def is_redirect_page(path: str) -> bool:
    """True when the file at `path` is a redirect page an earlier build wrote."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return MARK in handle.read(200)
    except OSError:
        return False


def redirects_lines(pairs: list[tuple[str, str]]) -> str:
    """A `_redirects` file (Netlify, Cloudflare Pages): `old new 301`, one a line."""
    return "".join(f"{old} {new} 301\n" for old, new in pairs)
