"""The records an export is read into, whatever blog platform wrote it.

Owns `Entry` (a post, page, attachment or anything else the export holds), `Comment`
(a comment, pingback or trackback, with its moderation state) and `Export` (what the
export says about the blog itself). Plain data: the readers (`wxr`, `blogger`) fill
them, the planner (`plan`) turns them into files. No e-mail address is ever read into
a record, so none can be written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Moderation states, as the readers normalise them.
APPROVED = "approved"
PENDING = "pending"
SPAM = "spam"
TRASH = "trash"


@dataclass
class Comment:
    id: str
    post_ref: str  # the Entry.ref it belongs to
    author: str
    date: dt.datetime | None
    body_html: str
    kind: str = "comment"  # comment | pingback | trackback
    website: str = ""
    parent: str = ""  # the id of the comment it answers
    state: str = APPROVED
    autop: bool = True  # stored as WordPress stores text (paragraphs as blank lines)
    line: int = 0


@dataclass
class Entry:
    ref: str  # the id in the export (WordPress post_id, Blogger entry id)
    kind: str  # post | page | attachment | the platform's own name for anything else
    title: str
    slug: str
    date: dt.datetime | None
    status: str  # publish | draft | private | pending | future | trash | ...
    body_html: str = ""
    link: str = ""  # the old permalink, absolute
    author: str = ""
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    password: bool = False
    parent: str = ""  # attachments: the post they belong to
    url: str = ""  # attachments: the file's address
    excerpt: str = ""
    alt: str = ""  # attachments: the image's alternative text
    autop: bool = True
    comments: list[Comment] = field(default_factory=list)
    line: int = 0


@dataclass
class Export:
    platform: str  # wordpress | blogger
    title: str = ""
    link: str = ""
    authors: dict[str, str] = field(default_factory=dict)  # login -> display name
