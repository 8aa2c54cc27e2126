"""A stand-in for Netlify's deploy API on 127.0.0.1, as its documentation describes it.

`POST /api/v1/sites/{id}/deploys` takes `{"files": {path: sha1}}` and answers with the
digests it has never been sent; `PUT /api/v1/deploys/{id}/files/{path}` takes a file
(its SHA-1 must be the one announced; `busy` answers the first ones 429 Too Many
Requests, Retry-After 0); `GET /api/v1/deploys/{id}` is "uploading" until
every required file came, then "ready", and the deploy becomes the live site;
`GET /api/v1/sites/{id}` gives the site's address. Requests need the bearer token.
"""

from __future__ import annotations

import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

TOKEN = "test-token"
SITE = "site-123"
ADDRESS = "https://reflect.netlify.app"


class Netlify:
    def __init__(self):
        self.blobs: dict[str, bytes] = {}  # every file ever uploaded, by SHA-1
        self.deploys: dict[str, dict] = {}
        self.live: dict[str, bytes] = {}  # path -> bytes of the live deploy
        self.uploads: list[str] = []  # paths PUT, in order
        self.busy = 0  # answer this many uploads with 429 Too Many Requests first
        self.lock = threading.Lock()

    def start(self) -> str:
        netlify = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status: int, body: dict | None = None) -> None:
                data = json.dumps(body or {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _authorised(self) -> bool:
                if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                    self._answer(401, {"code": 401, "message": "Access Denied"})
                    return False
                return True

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def do_GET(self):
                if not self._authorised():
                    return
                parts = urlsplit(self.path).path.split("/")[3:]
                with netlify.lock:
                    if parts == ["sites", SITE]:
                        return self._answer(200, {"id": SITE, "ssl_url": ADDRESS})
                    if parts[0] == "deploys" and parts[1] in netlify.deploys:
                        deploy = netlify.deploys[parts[1]]
                        missing = [s for s in deploy["required"] if s not in netlify.blobs]
                        if not missing and deploy["state"] != "ready":
                            deploy["state"] = "ready"
                            if not deploy["draft"]:
                                netlify.live = {
                                    p: netlify.blobs[s] for p, s in deploy["files"].items()
                                }
                        return self._answer(200, netlify.public(parts[1]))
                self._answer(404, {"code": 404, "message": "Not Found"})

            def do_POST(self):
                if not self._authorised():
                    return
                parts = urlsplit(self.path).path.split("/")[3:]
                if parts != ["sites", SITE, "deploys"]:
                    return self._answer(404, {"code": 404, "message": "Not Found"})
                manifest = json.loads(self._body())
                with netlify.lock:
                    ident = f"d{len(netlify.deploys) + 1}"
                    required = sorted({s for s in manifest["files"].values()} - set(netlify.blobs))
                    netlify.deploys[ident] = {
                        "files": manifest["files"],
                        "required": required,
                        "draft": bool(manifest.get("draft")),
                        "state": "uploading",
                    }
                    self._answer(200, netlify.public(ident))

            def do_PUT(self):
                if not self._authorised():
                    return
                with netlify.lock:
                    busy, netlify.busy = netlify.busy > 0, max(netlify.busy - 1, 0)
                if busy:
                    self._body()
                    self.send_response(429)
                    self.send_header("Retry-After", "0")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                path = urlsplit(self.path).path
                prefix = "/api/v1/deploys/"
                ident, _, file_path = path[len(prefix) :].partition("/files")
                data = self._body()
                with netlify.lock:
                    deploy = netlify.deploys.get(ident)
                    file_path = unquote(file_path)
                    if deploy is None or file_path not in deploy["files"]:
                        return self._answer(404, {"code": 404, "message": "Not Found"})
                    if hashlib.sha1(data).hexdigest() != deploy["files"][file_path]:
                        return self._answer(422, {"message": "SHA1 mismatch"})
                    netlify.blobs[deploy["files"][file_path]] = data
                    netlify.uploads.append(file_path)
                self._answer(200, {"path": file_path})

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/v1"

    def public(self, ident: str) -> dict:
        deploy = self.deploys[ident]
        return {
            "id": ident,
            "site_id": SITE,
            "state": deploy["state"],
            "required": deploy["required"],
            "ssl_url": ADDRESS,
            "deploy_ssl_url": f"https://{ident}--reflect.netlify.app",
        }

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
