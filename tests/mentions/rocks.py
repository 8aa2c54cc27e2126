"""The 23 endpoint-discovery tests of webmention.rocks, rebuilt on 127.0.0.1.

Each case is written from webmention.rocks' published description of the test (the
title is quoted in CASES). `GET /test/N` serves the page; the right endpoint records
the POST it receives; every wrong endpoint a careless sender could pick ends in
`/error` and records too, so a test sees both. `/status/...` pages answer the POST
with 202, 201, 400, 429 (with Retry-After) or too late, and `/loop/a` redirects in a
circle.
"""

from __future__ import annotations

import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler

from .loopback import Loopback, reply

CASES = {
    1: "HTTP Link header, unquoted rel, relative URL",
    2: "HTTP Link header, unquoted rel, absolute URL",
    3: "HTML <link> tag, relative URL",
    4: "HTML <link> tag, absolute URL",
    5: "HTML <a> tag, relative URL",
    6: "HTML <a> tag, absolute URL",
    7: "HTTP Link header with strange casing",
    8: "HTTP Link header, quoted rel",
    9: "Multiple rel values on a <link> tag",
    10: "Multiple rel values on a Link header",
    11: "Multiple Webmention endpoints advertised: Link, <link>, <a>",
    12: "Checking for exact match of rel=webmention",
    13: "False endpoint inside an HTML comment",
    14: "False endpoint in escaped HTML",
    15: "Webmention href is an empty string",
    16: "Multiple Webmention endpoints advertised: <a>, <link>",
    17: "Multiple Webmention endpoints advertised: <link>, <a>",
    18: "Multiple HTTP Link headers",
    19: "Single HTTP Link header with multiple values",
    20: "Link tag with no href attribute",
    21: "Webmention endpoint has query string parameters",
    22: "Webmention endpoint is relative to the path",
    23: "Webmention target is a redirect and the endpoint is relative",
}


def page(head: str = "", body: str = "") -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>test</title>"
        f"{head}</head><body><p>A test page.</p>{body}</body></html>"
    )


def case(n: int, base: str) -> tuple[list[tuple[str, str]], str, str]:
    """(headers, html, the endpoint a correct sender POSTs to) of case `n`."""
    me = f"/test/{n}"
    right, wrong = f"{me}/webmention", f"{me}/webmention/error"
    h, html = [], page()
    if n == 1:
        h = [("Link", f"<{right}?head=true>; rel=webmention")]
        right += "?head=true"
    elif n == 2:
        h = [("Link", f"<{base}{right}?head=true>; rel=webmention")]
        right += "?head=true"
    elif n == 3:
        html = page(f'<link rel="webmention" href="{right}">')
    elif n == 4:
        html = page(f'<link rel="webmention" href="{base}{right}">')
    elif n == 5:
        html = page(body=f'<a rel="webmention" href="{right}">endpoint</a>')
    elif n == 6:
        html = page(body=f'<a rel="webmention" href="{base}{right}">endpoint</a>')
    elif n == 7:
        h = [("LinK", f'<{base}{right}>; rel="webmention"')]
    elif n == 8:
        h = [("Link", f'<{right}>; rel="webmention"')]
    elif n == 9:
        html = page(f'<link rel="webmention somethingelse" href="{right}">')
    elif n == 10:
        h = [("Link", f'<{right}>; rel="webmention somethingelse"')]
    elif n == 11:
        h = [("Link", f'<{right}>; rel="webmention"')]
        html = page(
            f'<link rel="webmention" href="{wrong}">',
            f'<a rel="webmention" href="{wrong}">endpoint</a>',
        )
    elif n == 12:
        html = page(
            f'<link rel="not-webmention" href="{wrong}"><link rel="webmention" href="{right}">'
        )
    elif n == 13:
        html = page(
            f'<!-- <link rel="webmention" href="{wrong}"> --><link rel="webmention" href="{right}">'
        )
    elif n == 14:
        html = page(
            body=f'<p><code>&lt;a href="{wrong}" rel="webmention"&gt;&lt;/a&gt;</code></p>'
            f'<a rel="webmention" href="{right}">endpoint</a>'
        )
    elif n == 15:
        html = page('<link rel="webmention" href="">')
        right = me
    elif n == 16:
        html = page(
            body=f'<a rel="webmention" href="{right}">endpoint</a>'
            f'<link rel="webmention" href="{wrong}">'
        )
    elif n == 17:
        html = page(
            f'<link rel="webmention" href="{right}">',
            f'<a rel="webmention" href="{wrong}">endpoint</a>',
        )
    elif n == 18:
        h = [("Link", f'<{wrong}>; rel="other"'), ("Link", f'<{right}>; rel="webmention"')]
    elif n == 19:
        h = [("Link", f'<{wrong}>; rel="other", <{right}>; rel="webmention"')]
    elif n == 20:
        html = page('<link rel="webmention">', f'<a rel="webmention" href="{right}">endpoint</a>')
    elif n == 21:
        html = page(f'<link rel="webmention" href="{right}?query=yes">')
        right += "?query=yes"
    elif n == 22:
        html = page(f'<link rel="webmention" href="{n}/webmention">')
    elif n == 23:
        final = f"{me}/page/x1y2z3"
        html = page('<link rel="webmention" href="webmention-endpoint/x1y2z3">')
        right = f"{me}/page/webmention-endpoint/x1y2z3"
        return [("Location", final)], html, right
    return h, html, right


class Rocks(Loopback):
    """The fixture server; `posts` lists (path with query, form) of every POST."""

    def __init__(self):
        self.posts: list[tuple[str, dict]] = []
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        rocks = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                rocks._get(self)

            def do_POST(self):
                rocks._post(self)

        super().__init__(Handler)

    def posted(self, path: str) -> list[dict]:
        with self.lock:
            return [form for where, form in self.posts if where == path]

    def _reply(self, handler, code, headers=(), body=""):
        reply(handler, code, headers, body)

    def _get(self, handler):
        path = urllib.parse.urlsplit(handler.path).path
        parts = path.strip("/").split("/")
        if parts[0] == "test" and len(parts) >= 2 and parts[1].isdigit():
            n = int(parts[1])
            headers, html, _ = case(n, self.base)
            if n == 23 and path == "/test/23/page":
                return self._reply(handler, 302, headers)
            if n == 23:
                return self._reply(handler, 200, [], html)
            return self._reply(handler, 200, headers, html)
        if parts[0] == "status":  # /status/<what>: the endpoint answers <what>
            return self._reply(handler, 200, [], page(f'<link rel="webmention" href="{path}/wm">'))
        if parts[0] == "loop":  # /loop/a -> /loop/b -> /loop/a ...
            other = "/loop/b" if path == "/loop/a" else "/loop/a"
            return self._reply(handler, 302, [("Location", other)])
        if parts[0] == "plain":  # a page with no endpoint at all
            return self._reply(handler, 200, [], page())
        return self._reply(handler, 404, [], "not here")

    def _post(self, handler):
        length = int(handler.headers.get("Content-Length") or 0)
        form = dict(urllib.parse.parse_qsl(handler.rfile.read(length).decode("utf-8")))
        path = urllib.parse.urlsplit(handler.path).path
        with self.lock:
            self.posts.append((handler.path, form))
            self.hits[path] = self.hits.get(path, 0) + 1
            hits = self.hits[path]
        what = path.strip("/").split("/")[1] if path.startswith("/status/") else ""
        if what == "202":
            return self._reply(handler, 202, [], "queued")
        if what == "201":
            return self._reply(handler, 201, [("Location", f"{self.base}/status/201/wm/1")])
        if what == "400":
            return self._reply(handler, 400, [], "target does not belong here")
        if what == "429":  # asks to wait a second, then accepts
            if hits == 1:
                return self._reply(handler, 429, [("Retry-After", "1")], "slow down")
            return self._reply(handler, 202, [], "queued")
        if what == "429-long":
            return self._reply(handler, 429, [("Retry-After", "3600")], "slow down")
        if what == "500":
            return self._reply(handler, 500, [], "broken")
        if what == "slow":
            time.sleep(3)
            return self._reply(handler, 202, [], "late")
        if path.endswith("/error"):
            return self._reply(handler, 400, [], "wrong endpoint")
        return self._reply(handler, 202, [], "accepted")
