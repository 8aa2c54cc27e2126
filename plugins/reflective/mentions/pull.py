"""`mentions pull`'s work: read the receiver's JF2 API, then write comment files.

Owns `fetch_all` (every page of `GET <api>?domain=…&token=…&page=N&per-page=…`, all
read before anything is written, so a bad token or an unreachable API writes
nothing) and `apply`, which writes one file per new mention (`wm-<id>.md` in the post's
comment folder, rendered by `core.comment_format` as `reflective comments pull` does),
never over a file, never again once pulled (a file the author deleted stays deleted:
moderation is a review of what was written), nothing from a blocked source; and lists
what is gone upstream (deleted, or private now) or blocked since, which `prune` removes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import httpx

from ..core import comment_format, frontmatter
from . import jf2

PER_PAGE = 100
MAX_PAGES = 10_000


class PullError(Exception):
    """One line: why nothing was pulled."""


def fetch_all(api: str, domain: str, token: str, timeout: float = 10, client=None) -> list:
    own = client is None
    client = client or httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True)
    entries, seen = [], set()
    try:
        for page in range(MAX_PAGES):
            params = {"domain": domain, "token": token, "page": page, "per-page": PER_PAGE}
            params["sort-dir"] = "up"
            try:
                response = client.get(api, params=params)
            except httpx.TimeoutException:
                raise PullError(f"the mentions API {api} did not answer in time") from None
            except httpx.HTTPError as error:
                raise PullError(f"cannot reach the mentions API {api}: {error}") from None
            if response.status_code in (401, 403):
                raise PullError(
                    f"the mentions API {api} refused the token ({response.status_code}); "
                    "set WEBMENTION_IO_TOKEN to the API key of your webmention.io account"
                )
            if response.status_code != 200:
                raise PullError(f"the mentions API {api} answered {response.status_code}")
            try:
                children = response.json().get("children")
            except (ValueError, AttributeError):
                raise PullError(f"the mentions API {api} did not answer with JF2") from None
            if not isinstance(children, list):
                raise PullError(f"the mentions API {api} did not answer with JF2 (no children)")
            fresh = [c for c in children if isinstance(c, dict) and jf2.ident(c) not in seen]
            seen.update(jf2.ident(c) for c in fresh)
            entries += fresh
            if not fresh:  # an empty page (or one seen already): the end
                break
    finally:
        if own:
            client.close()
    return entries


@dataclass
class Written:
    """A webmention file already in the comments folder."""

    path: str
    id: str
    source: str | None
    website: str | None


def existing(root: str) -> dict:
    """id -> Written, every `type: webmention` file with a `wm-` id under `root`; and
    the ids of every comment per post folder (for threading)."""
    found, ids = {}, {}
    if not os.path.isdir(root):
        return {"files": found, "ids": ids}
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        slug = os.path.relpath(folder, root).split(os.sep)[0]
        for name in sorted(files):
            if not name.endswith((".md", ".markdown", ".mkd", ".mdown")):
                continue
            path = os.path.join(folder, name)
            try:
                with open(path, encoding="utf-8") as handle:
                    data = frontmatter.split(handle.read(), path).data
            except (OSError, UnicodeDecodeError):
                continue
            ident = str(data.get("id") or "")
            ids.setdefault(slug, set()).add(ident)
            if ident.startswith("wm-") and data.get("type") == "webmention":
                found[ident] = Written(path, ident, data.get("source"), data.get("website"))
    return {"files": found, "ids": ids}


@dataclass
class Report:
    written: list = field(default_factory=list)  # (path, fields)
    kept: int = 0  # already there
    deleted_by_you: list = field(default_factory=list)  # ids pulled before, file removed
    skipped: dict = field(default_factory=dict)  # reason -> count
    gone: list = field(default_factory=list)  # Written: no longer upstream
    blocked: list = field(default_factory=list)  # Written: from a source blocked since
    pruned: list = field(default_factory=list)


def apply(entries, targets, root: str, state: dict, blocks, prune=False) -> Report:
    """Write what is new; list what is gone or blocked (remove it with `prune`)."""
    report = Report()
    have = existing(root)
    files, ids = have["files"], have["ids"]
    pulled = set(state.get("pulled") or [])
    upstream = set()
    for item in entries:
        slug, fields, body = jf2.entry(item, targets, lambda s: ids.get(s, set()), blocks)
        if slug is None:
            reason = fields.split(" (")[0]
            report.skipped[reason] = report.skipped.get(reason, 0) + 1
            continue
        upstream.add(fields["id"])
        if fields["id"] in files:
            report.kept += 1
            continue
        if fields["id"] in pulled:
            report.deleted_by_you.append(fields["id"])
            continue
        text = comment_format.render(fields, body)
        path = os.path.join(root, slug, f"{fields['id']}.md")
        if frontmatter.split(text, path).problems:  # pragma: no cover (render's contract)
            report.skipped["unreadable"] = report.skipped.get("unreadable", 0) + 1
            continue
        report.written.append((path, fields, text))
    for ident, found in sorted(files.items()):
        if blocks(found.source, found.website):
            report.blocked.append(found)
        elif ident not in upstream:
            report.gone.append(found)
    for path, _fields, text in report.written:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        pulled.add(_fields["id"])
    if prune:
        for found in report.gone + report.blocked:
            os.remove(found.path)
            report.pruned.append(found.path)
    state["pulled"] = sorted(pulled, key=lambda i: (len(i), i))
    return report
