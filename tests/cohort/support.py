"""Real local HTTP servers for the cohort's tests, bench and sample cache.

`Server` is an `http.server.ThreadingHTTPServer` on 127.0.0.1 and a port the OS
chooses, in a thread. Each path has a `Route`: a body (with ETag and Last-Modified,
answering conditional requests with 304), an HTTP status, a redirect, a slow answer,
an endless body, or a dropped connection. The server counts requests, 200s, 304s and
body bytes sent per path, so tests can show that a second fetch downloaded nothing.
`feed_atom` and `feed_rss` write real feeds.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

LAST_MODIFIED = email.utils.formatdate(1316476800, usegmt=True)  # 2011-09-20


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/json"
    status: int = 200
    location: str | None = None  # a redirect
    delay: float = 0.0  # before answering
    endless: bool = False  # chunks until the client gives up
    chunk: int = 65536  # endless: bytes per chunk
    chunk_delay: float = 0.0  # endless: a slow drip, each chunk well within a read timeout
    headers: dict | None = None  # extra headers, e.g. Content-Encoding for a gzip body
    drop: bool = False  # close the connection without an answer
    validators: bool = True  # ETag and Last-Modified
    modified: str = LAST_MODIFIED
    etag: bool = True  # False: Last-Modified only


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """Clients that hang up (the size limit, a timeout) are expected here."""


class Server:
    def __init__(self, routes: dict[str, Route] | None = None, latency=(0.0, 0.0)):
        self.routes = dict(routes or {})
        self.latency = latency
        self.requests: Counter = Counter()
        self.full: Counter = Counter()  # 200 answers with a body
        self.not_modified: Counter = Counter()
        self.bytes_sent: Counter = Counter()
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in separate writes: without this, Nagle's
            # algorithm and the client's delayed ACK hold each answer back ~40 ms.
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def do_GET(self):
                server._handle(self)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)

    def total(self, counter: Counter) -> int:
        return sum(counter.values())

    def _handle(self, handler) -> None:
        path = handler.path.split("?")[0]
        with self.lock:
            self.requests[path] += 1
        low, high = self.latency
        if high:
            time.sleep(random.uniform(low, high))
        route = self.routes.get(path)
        if route is None:
            return self._send(handler, path, 404, b"not found", "text/plain")
        if route.delay:
            time.sleep(route.delay)
        if route.drop:
            handler.close_connection = True
            handler.connection.shutdown(2)
            return
        if route.location is not None:
            handler.send_response(route.status if route.status != 200 else 302)
            handler.send_header("Location", route.location)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if route.endless:
            handler.send_response(200)
            handler.send_header("Content-Type", route.content_type)
            handler.send_header("Transfer-Encoding", "chunked")
            handler.end_headers()
            chunk = b"x" * route.chunk
            try:
                while True:
                    if route.chunk_delay:
                        time.sleep(route.chunk_delay)
                    handler.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    with self.lock:
                        self.bytes_sent[path] += len(chunk)
            except OSError:
                handler.close_connection = True
                return
        if route.status != 200:
            return self._send(handler, path, route.status, b"error page", "text/html")
        etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
        # RFC 9110 13.2.2: If-None-Match, when sent, decides; If-Modified-Since otherwise.
        match = handler.headers.get("If-None-Match") if route.etag else None
        since = handler.headers.get("If-Modified-Since")
        if route.validators and (match == etag if match is not None else since == route.modified):
            with self.lock:
                self.not_modified[path] += 1
            handler.send_response(304)
            if route.etag:
                handler.send_header("ETag", etag)
            handler.end_headers()
            return
        extra = {"ETag": etag, "Last-Modified": route.modified} if route.validators else {}
        extra.update(route.headers or {})
        if not route.etag:
            extra.pop("ETag", None)
        with self.lock:
            self.full[path] += 1
        self._send(handler, path, 200, route.body, route.content_type, extra)

    def _send(self, handler, path, status, body, content_type, extra=None):
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            handler.send_header(key, value)
        handler.end_headers()
        try:
            handler.wfile.write(body)
        except OSError:
            return
        with self.lock:
            self.bytes_sent[path] += len(body)


def feed_atom(title: str, site: str, entries: list[dict]) -> bytes:
    """An Atom 1.0 feed; entries are {title, url, date, tags} (title used as given)."""
    items = []
    for index, entry in enumerate(entries):
        tags = "".join(
            f'<category term="{escape(t, {chr(34): "&quot;"})}"/>' for t in entry.get("tags", ())
        )
        items.append(
            f'<entry><title type="{entry.get("type", "text")}">{escape(entry["title"])}</title>'
            f'<link rel="alternate" href="{escape(entry["url"], {chr(34): "&quot;"})}"/>'
            f"<id>{escape(site)}#e{index}</id><updated>{entry['date']}T12:00:00Z</updated>"
            f"<published>{entry['date']}T12:00:00Z</published>{tags}</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>{escape(title)}</title><link href="{escape(site)}"/><id>{escape(site)}</id>'
        f"<updated>2011-09-30T00:00:00Z</updated>{''.join(items)}</feed>"
    ).encode()


def feed_rss(title: str, site: str, entries: list[dict]) -> bytes:
    """An RSS 2.0 feed; entries are {title, url, date, tags}."""
    items = []
    for entry in entries:
        when = email.utils.format_datetime(
            dt.datetime.fromisoformat(entry["date"] + "T12:00:00+00:00")
        )
        tags = "".join(f"<category>{escape(t)}</category>" for t in entry.get("tags", ()))
        items.append(
            f"<item><title>{escape(entry['title'])}</title><link>{escape(entry['url'])}</link>"
            f"<pubDate>{when}</pubDate>{tags}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{escape(site)}</link>"
        f"<description>A blog</description>{''.join(items)}</channel></rss>"
    ).encode()
