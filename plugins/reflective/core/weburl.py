"""Comparing web addresses as the same page: shared by mentions, cohort and comments.

`same_page_key(url)` is the host (lowercased, with a port if any) and the path, without
the scheme (http and https are one page), the query (a static page is one page), the
fragment, a final `index.html` or the trailing slash: `https://Me.example/a/index.html#x` and
`http://me.example/a/` have the same key. Pure.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def same_page_key(url: str) -> str:
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return ""
    path = parts.path
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    host = (parts.hostname or "").lower() + (f":{port}" if port else "")
    return host + path.rstrip("/")  # a static page is the same page whatever its query


def is_web(url) -> bool:
    """An http(s) address with a host and no spaces."""
    if not isinstance(url, str):
        return False
    text = url.strip()
    parts = urlsplit(text)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in text
