"""A post's `in_reply_to:` (SPEC §8): the address(es) the post answers.

Owns reading the field: one http(s) address or a list of them, each kept as written
(trimmed); anything else is a problem naming the field and the fix. The theme shows
them as links marked `u-in-reply-to`, and `reflective mentions send` sends to them.
"""

from __future__ import annotations

from urllib.parse import urlsplit

NAME = "in_reply_to"


def read(check, data: dict) -> list[str]:
    """The addresses in `data["in_reply_to"]`; `check` is schema's problem collector."""
    value = data.get(NAME)
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out = []
    for index, item in enumerate(items):
        path = (NAME, index) if isinstance(value, list) else (NAME,)
        text = item.strip() if isinstance(item, str) else ""
        parts = urlsplit(text)
        if parts.scheme in ("http", "https") and parts.netloc and " " not in text:
            if text not in out:
                out.append(text)
            continue
        check.problem(
            path,
            f"expected the http(s) address of the page this post answers, found "
            f"{check.found(path, item)}; write it as in_reply_to: https://example.org/their-post",
        )
    return out
