"""Thirty received mentions of one post, as a fake webmention.io serves them (the 40 KB
budget test and the audit): twelve replies (three to a comment of the post, with the
`#comment-` target), ten mentions, five likes, two reposts, one bookmark; every author
with a photo that must never reach the site."""

from __future__ import annotations

SENTENCES = [
    "I tried this with my own team last month and the weekly note really helped.",
    "Thank you for writing this up; I had not thought of keeping the list so short.",
    "We do something similar in our library, but with a shared document instead.",
    "The point about asking a colleague to read a draft first is a good one.",
]
KINDS = (
    ["in-reply-to"] * 12
    + ["mention-of"] * 10
    + ["like-of"] * 5
    + ["repost-of"] * 2
    + ["bookmark-of"]
)


def entries(post_url: str, comment_id: str | None = None) -> list[dict]:
    out = []
    for n, prop in enumerate(KINDS, start=1):
        target = post_url + (f"#comment-{comment_id}" if comment_id and n in (2, 5, 8) else "")
        text = f"{SENTENCES[n % 4]} {SENTENCES[(n + 1) % 4]}"
        out.append(
            {
                "type": "entry",
                "wm-id": 5000 + n,
                "wm-source": f"https://reader{n}.example.net/2026/03/notes-{n}/",
                "wm-target": target,
                "wm-property": prop,
                "wm-received": f"2026-03-{n % 28 + 1:02d}T10:00:00Z",
                "published": f"2026-03-{n % 28 + 1:02d}T09:{n:02d}:00Z",
                "url": f"https://reader{n}.example.net/2026/03/notes-{n}/",
                "name": f"Notes from week {n} of the programme" if prop == "mention-of" else None,
                "author": {
                    "type": "card",
                    "name": f"Reader {n} Surname",
                    "url": f"https://reader{n}.example.net/",
                    "photo": f"https://photos.example/reader{n}.jpg",
                },
                "content": {"text": text, "html": f"<p>{text}</p>"},
            }
        )
    return out
