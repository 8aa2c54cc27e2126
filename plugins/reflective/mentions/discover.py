"""Finding a page's Webmention endpoint in what the page sent (W3C Webmention §3.1.2).

Pure: given the address the page was finally fetched from (after redirects), its
`Link` headers and its HTML, `endpoint()` returns the endpoint or None. The HTTP `Link`
header comes first (every header, every comma-separated value, in order); then the
first `<link>` or `<a>` element, in document order, that has an `href` and the rel
token `webmention` (rel is a space-separated list of tokens, compared without case;
`not-webmention` is not `webmention`). The address is resolved against the page's
final address, so an empty `href` is the page itself and a query string is kept.
HTML comments and escaped markup are text, never elements, so they never count.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

# One value of a Link header: <URI-reference> then its parameters up to the next value.
_LINK_VALUE = re.compile(r'<([^>]*)>((?:\s*;\s*[^;,"=]+(?:=\s*(?:"[^"]*"|[^;,"]*))?)*)')
_PARAM = re.compile(r";\s*([^=;,\s]+)\s*(?:=\s*(\"[^\"]*\"|[^;,]*))?")


def has_token(rel, token: str = "webmention") -> bool:
    """Whether a rel value (a string or BeautifulSoup's list) has the token."""
    if rel is None:
        return False
    tokens = rel if isinstance(rel, (list, tuple)) else str(rel).split()
    return any(str(t).strip().lower() == token for t in tokens)


def from_headers(link_headers: list[str], base: str) -> str | None:
    """The first `rel=webmention` target among the `Link` header values, resolved."""
    for header in link_headers:
        for match in _LINK_VALUE.finditer(header):
            target, params = match.group(1), match.group(2) or ""
            for name, value in _PARAM.findall(params):
                if name.lower() == "rel" and has_token((value or "").strip().strip('"')):
                    return urljoin(base, target.strip())
    return None


def from_html(html: str | bytes, base: str) -> str | None:
    """The first `<link>` or `<a>` with an href and the rel token, resolved."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(("link", "a")):
        href = tag.get("href")
        if href is None or not has_token(tag.get("rel")):
            continue
        return urljoin(base, href.strip())
    return None


def endpoint(final_url: str, link_headers: list[str], html: str | bytes | None) -> str | None:
    """The page's endpoint: its Link header first, then its HTML; None when it has none."""
    found = from_headers(link_headers, final_url)
    if found is None and html:
        found = from_html(html, final_url)
    if found is None:
        return None
    # The spec: the endpoint must be an http(s) URL; a fragment is not sent.
    parts = urlsplit(found)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return found.split("#", 1)[0]
