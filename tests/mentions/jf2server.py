"""A fake webmention.io on 127.0.0.1: `GET /api/mentions.jf2?domain=…&token=…&page=N`
answers JF2 pages of `page_size` entries (a page past the end is empty), 401 for a
token other than TOKEN. `entries` may be changed between pulls (a mention deleted)."""

from __future__ import annotations

import json
import urllib.parse
from http.server import BaseHTTPRequestHandler

from .loopback import Loopback, reply

SITE = "https://me.example.org"
POST1 = f"{SITE}/2011/first-steps/"
POST2 = f"{SITE}/2011/second-thoughts/"
TOKEN = "tok-7f3a9c-never-stored"
PHOTO = "https://photos.example/"  # every photo address below starts with this


def author(name, url=None, photo=True):
    card = {"type": "card", "name": name, "url": url or ""}
    if photo:
        card["photo"] = f"{PHOTO}{name.split()[0].lower()}.jpg"
    return card


def entries() -> list[dict]:
    def item(n, prop, target, **more):
        base = {
            "type": "entry",
            "wm-id": 1000 + n,
            "wm-source": f"https://elsewhere{n}.example/post-{n}",
            "wm-target": target,
            "wm-property": prop,
            "wm-received": f"2011-07-{10 + n:02d}T09:30:00Z",
            "wm-private": False,
            "published": f"2011-07-{10 + n:02d}T08:15:00+01:00",
            "url": f"https://elsewhere{n}.example/post-{n}",
            "author": author(f"Person {n} Example", f"https://elsewhere{n}.example/"),
        }
        base.update(more)
        return base

    return [
        item(1, "in-reply-to", f"{POST1}#comment-c1",
             author=author("Alice Reader", "https://alice.example/"),
             content={"html": "<p>Agreed! <img src='https://photos.example/in.jpg'></p>",
                      "text": "Agreed! This is how we do it too."}),
        item(2, "like-of", POST1.replace("https://", "http://"),  # the http form
             author=author("Bob Liker", "https://bob.example/")),
        item(3, "mention-of", POST2, name="A round-up of this week's posts",
             content={"text": "A round-up of this week's posts"}),
        item(4, "in-reply-to", POST2, **{"wm-private": True},
             content={"text": "A private reply, never published"}),
        item(5, "mention-of", f"{SITE}/2011/not-a-post/", content={"text": "elsewhere"}),
        item(6, "repost-of", POST1, author=author("Carol Reposter", photo=False)),
        item(7, "in-reply-to", POST2, content={"text": "I will delete this one later."}),
        item(8, "mention-of", POST2, url="https://spam.example/buy", **{"wm-source":
             "https://spam.example/buy"}, content={"text": "cheap pills"}),
        item(9, "in-reply-to", POST2.replace("https://", "http://") + "index.html",
             content={"text": "A reply to the http form of the address."}),
    ]  # fmt: skip


class JF2Server(Loopback):
    def __init__(self, page_size: int = 3, domain: str = "me.example.org"):
        self.entries = entries()
        self.domain = domain
        self.page_size = page_size
        self.requests: list[dict] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parts = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(parts.query))
                api.requests.append(query)
                if parts.path != "/api/mentions.jf2":
                    return self._reply(404, {"error": "not_found"})
                if query.get("token") != TOKEN:
                    return self._reply(401, {"error": "forbidden"})
                if query.get("domain") != api.domain:
                    return self._reply(200, {"type": "feed", "children": []})
                page = int(query.get("page", 0))
                size = api.page_size
                children = api.entries[page * size : (page + 1) * size]
                self._reply(200, {"type": "feed", "name": "Webmentions", "children": children})

            def _reply(self, code, data):
                reply(self, code, body=json.dumps(data), content_type="application/json")

        super().__init__(Handler)
        self.api = f"{self.base}/api/mentions.jf2"
