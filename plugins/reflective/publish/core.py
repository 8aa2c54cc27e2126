"""The pure parts of publishing: the site's address, the swap, paths as URLs.

Owns what a publish decides without building anything: `siteurl` (the address the
site is published at: `--siteurl`, else SITEURL, else the address Netlify gives a
build), `swap_in` (the new build replaces the output folder in one rename, the old
one removed only after), `web_path` (a file's path in the output as a URL path: always
`/`, whatever the operating system's separator) and the messages that name the fix.
Nothing here imports Pelican or starts a program.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import PurePath
from urllib.parse import urlsplit

from ..core import urlpath

EXAMPLE = (
    "e.g.  reflective publish --siteurl https://me.example.org  (or SITEURL=https://"
    "me.example.org in the environment; a GitHub Pages project site: "
    "https://USER.github.io/REPO)"
)


class SiteURLError(ValueError):
    """SITEURL is missing or is not an http(s) address: the message names the fix."""


def siteurl(given: str | None, environ: Mapping[str, str]) -> tuple[str, str]:
    """(the published site's address without a trailing slash, where it came from).

    `--siteurl` wins, then SITEURL from the environment. In a Netlify build
    (NETLIFY=true), a deploy preview or branch deploy is published at its own address
    (DEPLOY_PRIME_URL), so its links stay within the preview; production without
    SITEURL at the site's main address (URL).
    """
    if given is not None and given.strip():
        return check(given, "--siteurl"), "--siteurl"
    netlify = environ.get("NETLIFY") == "true"
    production = (environ.get("CONTEXT") or "production") == "production"
    if netlify and not production and environ.get("DEPLOY_PRIME_URL", "").strip():
        return check(environ["DEPLOY_PRIME_URL"], "Netlify's DEPLOY_PRIME_URL"), "Netlify"
    if environ.get("SITEURL", "").strip():
        return check(environ["SITEURL"], "SITEURL"), "SITEURL"
    if netlify and production and environ.get("URL", "").strip():
        return check(environ["URL"], "Netlify's URL"), "Netlify"
    raise SiteURLError(
        "SITEURL is not set. A published site needs the address it will be served "
        f"from, for its absolute links and feeds; {EXAMPLE}"
    )


def check(value: str, source: str = "SITEURL") -> str:
    """`value` as a site address without a trailing slash, or SiteURLError."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SiteURLError(
            f"{source} must be an http(s) address such as https://me.example.org, "
            f"got {value!r}; {EXAMPLE}"
        )
    return value.rstrip("/")


def web_path(relative: PurePath | str) -> str:
    """A path inside the output folder as the path of its URL: `/posts/a b/index.html`,
    separators always `/` (a Windows path's `\\` too)."""
    return "/" + urlpath.url_path(relative)


def quoted_web_path(relative: PurePath | str) -> str:
    """`web_path`, percent-encoded for a request's URL (spaces, non-ASCII names)."""
    return "/" + urlpath.quoted(relative)


def fresh_folder(output: str) -> str:
    """A new empty folder beside `output` (the same file system: the swap is a rename)."""
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    return tempfile.mkdtemp(prefix=os.path.basename(output) + ".tmp.", dir=parent)


def swap_in(fresh: str, output: str) -> None:
    """Make `fresh` the output folder: the old one is renamed aside, the fresh one
    renamed into place, and only then the old one removed. Renames, never copies, so
    a reader of `output` sees the old site or the new one, never half of each (between
    the two renames, for an instant, neither)."""
    os.chmod(fresh, 0o755)  # mkdtemp's folder is private; a web server must read it
    old = None
    if os.path.exists(output):
        old = tempfile.mkdtemp(
            prefix=os.path.basename(output) + ".old.", dir=os.path.dirname(output)
        )
        os.rmdir(old)
        os.replace(output, old)
    try:
        os.replace(fresh, output)
    except BaseException:  # refused, or Ctrl-C between the two renames
        if old and not os.path.exists(output):  # the old site goes back: output as it was
            os.replace(old, output)
        raise
    if old:
        shutil.rmtree(old, ignore_errors=True)


def listing(folder: str) -> list[tuple[str, str]]:
    """(absolute path, path relative to `folder` with `/`) of every file, sorted."""
    found = []
    for directory, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            found.append((path, urlpath.relative(path, folder)))
    return found
