"""The comment file format of SPEC §5, as a contract shared by whoever writes comments.

Owns the field names, the allowed `type`s and webmention `kind`s (SPEC §8), the id pattern, where a post's comments live
(`content/<REFLECTIVE_COMMENTS_PATH>/<post slug>/`) and `render`, which writes the text
of one comment file (YAML front matter, then the Markdown body) so that the comments
capability reads back exactly what was written. The comments capability reads and
checks these files; any other tool that writes them (`reflective comments add` and
`pull`, an importer from WordPress or Blogger) uses `render` and then `reflective check`.
E-mail addresses have no field here: they are never written.
"""

from __future__ import annotations

import datetime as dt
import json

from .schema import ID_PATTERN  # the one id rule: actions, questions and comments

FIELDS = ("id", "author", "date", "website", "type", "kind", "replyto", "source", "answers")
TYPES = ("comment", "pingback", "trackback", "webmention")
LINKBACK_TYPES = ("pingback", "trackback", "webmention")
# SPEC §8: what a received webmention is (`kind`, with `type: webmention` only). A reply
# is shown as a comment, a mention under "Linked from", the others counted with names.
KINDS = ("reply", "mention", "like", "repost", "bookmark")
REACTION_KINDS = ("like", "repost", "bookmark")
DEFAULT_FOLDER = "comments"  # REFLECTIVE_COMMENTS_PATH, under the content folder


def render(fields: dict, body: str) -> str:
    """The text of one comment file. Fields that are None, empty or unknown are left out;
    `date` is a date or datetime (an aware one keeps its offset); text values are
    written as YAML double-quoted strings, so any name or URL reads back as written."""
    lines = ["---"]
    for key in FIELDS:
        value = fields.get(key)
        if value in (None, "", []) or (key == "type" and value == "comment"):
            continue
        if isinstance(value, dt.datetime):
            shown = value.isoformat(sep=" ", timespec="minutes")
        elif isinstance(value, dt.date):
            shown = value.isoformat()
        elif isinstance(value, (list, tuple)):
            shown = "[" + ", ".join(str(item) for item in value) + "]"
        elif key in ("id", "replyto", "kind") and ID_PATTERN.match(str(value)):
            text = str(value)
            shown = json.dumps(text) if text.isdigit() else text  # "12": WordPress ids
        else:
            shown = json.dumps(str(value), ensure_ascii=False)
        lines.append(f"{key}: {shown}")
    lines.append("---")
    return "\n".join(lines) + "\n" + (body or "").strip("\n") + "\n"
