"""The mentions tests' servers on 127.0.0.1: one threaded HTTP server in a thread of its
own, used as a context manager, and one way to answer a request."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer


class Loopback:
    """`handler` served on 127.0.0.1 (`port` 0: any free one) while in a `with` block."""

    def __init__(self, handler, port: int = 0):
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def reply(handler, code, headers=(), body="", content_type="text/html; charset=utf-8"):
    """Answer `handler`'s request: status, headers, the body with its length."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    handler.send_response(code)
    for name, value in headers:
        handler.send_header(name, value)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)
