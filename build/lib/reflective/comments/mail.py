"""Replying by e-mail, with no server: `mailto:` Reply links and saved e-mails.

Owns the subject that names the post and the comment (`Re: <title> [<slug>#<id>]`),
the `mailto:` link made from the author's address, and reading a saved reply (`.eml`)
back into comment fields: the sender's name (never the address), the date, the post
and the comment it answers (from the subject), and the text of the reply without the
quoted message or signature. Pure: the standard library's e-mail parser.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from urllib.parse import quote

from markupsafe import Markup

_TOKEN = re.compile(r"\[([a-z0-9][a-z0-9_-]*)(?:#comment-([a-z0-9]+(?:-[a-z0-9]+)*))?\]")
_QUOTE_INTRO = re.compile(r"^On .{4,200} wrote:\s*$|^-+ ?Original Message ?-+\s*$", re.I)


def subject(post, comment=None) -> str:
    title = Markup(post.title).striptags()
    token = f"[{post.slug}#comment-{comment.id}]" if comment else f"[{post.slug}]"
    return f"Re: {title} {token}"


def reply_href(address: str, post, comment=None) -> str:
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject(post, comment), safe='')}"


def parse_subject(text: str) -> tuple[str | None, str | None]:
    """(post slug, comment id) from a subject made by `subject`; (None, None) otherwise."""
    matches = list(_TOKEN.finditer(text or ""))
    if not matches:
        return None, None
    return matches[-1].group(1), matches[-1].group(2)


def read_eml(data: bytes) -> dict:
    """The fields of a saved reply: author, date (aware datetime or None), slug,
    replyto, body. The sender's address is read only to be dropped."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    name, address = email.utils.parseaddr(str(message.get("From", "")))
    author = name.strip() or (address.split("@")[0] if address else "")
    when = None
    if message.get("Date"):
        try:
            when = email.utils.parsedate_to_datetime(str(message["Date"]))
        except (TypeError, ValueError):
            when = None
    slug, replyto = parse_subject(str(message.get("Subject", "")))
    part = message.get_body(preferencelist=("plain",))
    if part is not None:
        text = part.get_content()
    else:
        html_part = message.get_body(preferencelist=("html",))
        text = Markup(html_part.get_content()).striptags() if html_part is not None else ""
    return {
        "author": author,
        "date": when,
        "slug": slug,
        "replyto": replyto,
        "body": reply_text(text),
    }


def reply_text(text: str) -> str:
    """The new text of a reply: quoted lines, their 'On ... wrote:' and the signature go."""
    kept = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.rstrip() == "--" or line.startswith("-- "):
            break  # the signature separator
        if _QUOTE_INTRO.match(line.strip()):
            break
        if line.startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip() + "\n"
