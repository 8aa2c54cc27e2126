"""The published posts, read from the output folder: what `mentions send` announces.

Owns `read_output(folder)`: every page written as a post (`og:type` article, an
`h-entry`), with its address (`u-url`, resolved against the page's canonical address),
its date (`dt-published`), the links in its text (`e-content`) and what it replies to
(`u-in-reply-to`), and a hash of its text. What was published is what is announced, so
a draft, a private action or a comment's link is never sent: they are not in the post's
`e-content`. Links to the site itself are left out (nothing to tell).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup


class OutputError(ValueError):
    pass


@dataclass
class Post:
    url: str
    date: str  # ISO, as dt-published says
    targets: list
    hash: str
    file: str


def _classes(tag) -> list:
    return tag.get("class") or []


def read_page(text: str, file: str) -> Post | None:
    if "h-entry" not in text or 'content="article"' not in text:
        return None  # not a post: a quick look before parsing
    soup = BeautifulSoup(text, "html.parser")
    og = soup.find("meta", attrs={"property": "og:type"})
    entry = soup.find(class_="h-entry")
    if og is None or og.get("content") != "article" or entry is None:
        return None
    canonical = soup.find("link", rel="canonical")
    base = canonical.get("href") if canonical is not None else ""
    found = entry.find(class_="u-url", href=True)
    url = urljoin(base, found["href"]) if found is not None else base
    if urlsplit(url).scheme not in ("http", "https"):
        raise OutputError(
            f"{file}: the post has no absolute address (built without SITEURL); send from "
            "a published build (make publish with SITEURL set)"
        )
    published = entry.find(class_="dt-published")
    date = (published.get("datetime") or "") if published is not None else ""
    content = entry.find(class_="e-content")
    links = []
    if content is not None:
        links += [a["href"] for a in content.find_all("a", href=True)]
    links += [a["href"] for a in entry.find_all(class_="u-in-reply-to") if a.get("href")]
    site = urlsplit(url).netloc.lower()
    targets = []
    for href in links:
        target = urljoin(url, href.strip())
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            continue
        if parts.netloc.lower() == site or target in targets:
            continue
        targets.append(target)
    digest = hashlib.sha256()
    digest.update(str(content).encode("utf-8") if content is not None else b"")
    for target in targets:
        digest.update(b"\n" + target.encode("utf-8"))
    return Post(url, date, targets, digest.hexdigest(), file)


def read_output(folder: str) -> list[Post]:
    if not os.path.isdir(folder):
        raise OutputError(f"{folder}: no such folder; publish the site first (make publish)")
    posts = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8", errors="replace") as handle:
                post = read_page(handle.read(), path)
            if post is not None:
                posts.append(post)
    return sorted(posts, key=lambda p: p.url)
