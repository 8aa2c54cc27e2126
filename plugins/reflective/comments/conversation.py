"""The site's conversation: comments attached to posts, threaded, counted; questions.

Owns every check that needs more than one file (SPEC §5): a comment folder that names
no post (closest slug suggested), a file outside a post's folder, duplicate ids on a
post, a `replyto` or `answers` that names nothing (closest id suggested), replies that
go round in a circle. Builds, per post, the thread (replies under the comment they
answer, nested to `max_depth`, then listed flat under the deepest level with a note
of whom they answer), the linkbacks (pingbacks, trackbacks, webmentions) apart, the
counts, and the questions with the comments that answer them; and for the site, every
question (open ones first) and every comment newest first (the feed). Pure: plain
data in, plain objects out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..core.comment_format import REACTION_KINDS
from ..core.problems import Problem, closest, closest_slug  # noqa: F401  (tests use it here)
from .core import LINKBACK_TYPES, CommentFile  # noqa: F401  (CommentFile: callers build them)
from .sanitise import body_html


@dataclass
class PostInfo:
    """What the conversation needs to know of a post."""

    slug: str
    title: str
    url: str
    source: str
    author: str = ""
    date: dt.date | None = None
    questions: list = field(default_factory=list)  # [{"id", "text", "line"}]
    draft: bool = False
    handle: object = None  # the Pelican article, or the CLI's source


class Comment:
    """One comment or linkback as pages and feeds show it."""

    __slots__ = (
        "id", "author", "date", "website", "type", "kind", "source", "answers", "body", "file",
        "post", "parent", "children", "depth", "by_author", "reply_note", "_html", "_wanted", "_lines",
    )  # fmt: skip

    def __init__(self, data: dict, file: str, post: Conversation):
        self.id = data["id"]
        self.author = data["author"] or "Anonymous"
        self.date = _when(data["date"])
        self.website = data["website"]
        self.type = data["type"]
        self.kind = data.get("kind")  # a webmention's (SPEC §8): reply, mention, like...
        self.source = data["source"] or data["website"]
        self.answers: list[Question] = []
        self.body = data["body"]
        self.file = file
        self.post = post
        self.parent: Comment | None = None
        self.children: list[Comment] = []
        self.depth = 0
        self.by_author = False
        self.reply_note = False  # shown flat under a deeper comment: say whom it answers
        self._html = None
        self._wanted = (data.get("replyto"), list(data.get("answers") or []))
        self._lines = data.get("lines") or {}

    @property
    def html(self) -> str:
        if self._html is None:
            self._html = body_html(self.body or "")
        return self._html

    @property
    def anchor(self) -> str:
        return f"comment-{self.id}"

    @property
    def is_linkback(self) -> bool:
        """Shown under "Linked from": a pingback, a trackback, a webmention mention."""
        return self.type in LINKBACK_TYPES and self.kind in (None, "mention")

    @property
    def is_reaction(self) -> bool:
        """A like, repost or bookmark: counted with the names, never shown as text."""
        return self.kind in REACTION_KINDS

    @property
    def date_iso(self) -> str:
        return self.date.isoformat() if self.date else ""


class Question:
    __slots__ = ("id", "text", "post", "answers", "order")

    def __init__(self, data: dict, post: Conversation, order: int):
        self.id = data["id"]
        self.text = data["text"]
        self.post = post
        self.answers: list[Comment] = []
        self.order = order

    @property
    def anchor(self) -> str:
        return f"question-{self.id}"

    @property
    def is_open(self) -> bool:
        return not self.answers


class Conversation:
    """One post's comments, linkbacks and questions."""

    def __init__(self, post: PostInfo):
        self.post = post
        self.all: list[Comment] = []  # comments and linkbacks, by date
        self.thread: list[Comment] = []  # top-level comments; replies in .children
        self.linkbacks: list[Comment] = []
        self.reactions: dict[str, list[Comment]] = {}  # like/repost/bookmark -> who, by date
        self.questions = [Question(q, self, i) for i, q in enumerate(post.questions)]

    @property
    def comment_count(self) -> int:
        return len(self.all) - len(self.linkbacks) - sum(map(len, self.reactions.values()))

    @property
    def link_count(self) -> int:
        return len(self.linkbacks)

    @property
    def counts_text(self) -> str:
        """'5 comments, 2 links'; '' when there is neither."""
        parts = []
        if self.comment_count:
            parts.append(_plural(self.comment_count, "comment"))
        if self.link_count:
            parts.append(_plural(self.link_count, "link"))
        for kind in REACTION_KINDS:
            if self.reactions.get(kind):
                parts.append(_plural(len(self.reactions[kind]), kind))
        return ", ".join(parts)

    @property
    def is_empty(self) -> bool:
        return not self.all and not self.questions


@dataclass
class Result:
    by_slug: dict  # post slug -> Conversation
    questions: list  # every question of published posts, open ones first
    comments: list  # every comment of published posts, newest first
    problems: list


def build(
    posts: list[PostInfo],
    files: list[CommentFile],
    max_depth: int = 4,
    author_names=(),
) -> Result:
    """Attach comment files to posts, check them, thread them, count them."""
    problems: list[Problem] = []
    by_slug = {post.slug: Conversation(post) for post in posts}
    pending: dict[str, list[CommentFile]] = {}
    for item in sorted(files, key=lambda f: f.name):
        problems.extend(item.problems)
        if item.folder is None:
            problems.append(
                Problem(
                    item.name,
                    "file",
                    "a comment file must be in a folder named after its post's slug, "
                    "such as comments/my-post-slug/",
                )
            )
            continue
        if item.folder not in by_slug:
            if item.folder not in pending:
                problems.append(
                    Problem(
                        item.name,
                        "folder",
                        f"comments/{item.folder}/ names no post; name the folder after "
                        "the slug of the post these comments belong to",
                        suggestion=closest_slug(item.folder, by_slug),
                    )
                )
            pending.setdefault(item.folder, []).append(item)
            continue
        _add(by_slug[item.folder], item, problems)
    names = {_name(n) for n in author_names if n}
    for conversation in by_slug.values():
        _link(conversation, problems, names, max_depth)
    published = [c for c in by_slug.values() if not c.post.draft]
    questions = [q for c in published for q in c.questions]
    questions.sort(key=lambda q: (not q.is_open, _neg_date(q.post.post.date), q.order))
    comments = [m for c in published for m in c.all if not m.is_reaction]
    comments.sort(key=lambda m: (_key(m.date), m.id), reverse=True)
    return Result(by_slug, questions, comments, problems)


def _add(conversation: Conversation, item: CommentFile, problems: list) -> None:
    data = item.data
    if data.get("id") is None:
        return  # reported by core; without an id it has no anchor to show it under
    taken = {c.id: c for c in conversation.all}
    if data["id"] in taken:
        first = taken[data["id"]]
        problems.append(
            Problem(
                item.name,
                "id",
                f"the id {data['id']!r} is also used by {first.file}; every comment on a "
                "post needs its own id",
                data.get("lines", {}).get("id"),
            )
        )
        number = 2
        while f"{data['id']}-{number}" in taken:
            number += 1
        data = dict(data, id=f"{data['id']}-{number}")  # both stay visible (lenient)
    conversation.all.append(Comment(data, item.name, conversation))


def _link(conversation: Conversation, problems: list, names: set, max_depth: int) -> None:
    comments = conversation.all
    comments.sort(key=lambda m: (_key(m.date), m.id))
    ids = {c.id: c for c in comments}
    questions = {q.id: q for q in conversation.questions}
    post_author = _name(conversation.post.author)
    for comment in comments:
        wanted, answer_ids = comment._wanted
        comment.by_author = bool(names or post_author) and _name(comment.author) in (
            names | {post_author}
        )
        if wanted:
            parent = ids.get(wanted)
            if parent is None or parent is comment or parent.is_linkback or parent.is_reaction:
                reason = (
                    "a comment cannot reply to itself"
                    if parent is comment
                    else "names a pingback, which cannot be replied to"
                    if parent is not None
                    else "names no comment on this post"
                    if len(ids) > 1
                    else "names no comment on this post (it has no other)"
                )
                problems.append(
                    Problem(
                        comment.file,
                        "replyto",
                        f"{wanted!r} {reason}; it is shown as a comment of its own",
                        comment._lines.get("replyto"),
                        closest(wanted, [i for i in ids if i != comment.id]),
                    )
                )
            elif _ancestor(parent, comment):
                problems.append(
                    Problem(
                        comment.file,
                        "replyto",
                        f"{wanted!r} answers this comment in turn, so the replies go round in "
                        "a circle; it is shown as a comment of its own",
                        comment._lines.get("replyto"),
                    )
                )
            else:
                comment.parent = parent
        for wanted_question in answer_ids:
            question = questions.get(wanted_question)
            if question is None:
                problems.append(_no_question(comment, wanted_question, questions))
                continue
            comment.answers.append(question)
            question.answers.append(comment)
        if comment.is_linkback:
            conversation.linkbacks.append(comment)
        elif comment.is_reaction:
            conversation.reactions.setdefault(comment.kind, []).append(comment)
    for comment in comments:
        if comment.parent is not None:
            comment.parent.children.append(comment)
        elif not comment.is_linkback and not comment.is_reaction:
            conversation.thread.append(comment)
    _nest(conversation.thread, 0, max(1, max_depth))


def _no_question(comment: Comment, wanted: str, questions: dict) -> Problem:
    asked = ", ".join(questions) if questions else "it asks none"
    return Problem(
        comment.file,
        "answers",
        f"{wanted!r} names no question of this post ({asked}); the ids are in the "
        "post's 'questions:'",
        comment._lines.get("answers"),
        closest(wanted, questions),
    )


def _ancestor(node: Comment, target: Comment) -> bool:
    """Whether `target` is `node` or one of its parents (a circle of replies)."""
    seen = 0
    while node is not None and seen < 10_000:
        if node is target:
            return True
        node, seen = node.parent, seen + 1
    return False


def _nest(level: list[Comment], depth: int, max_depth: int) -> None:
    """Set depths; past `max_depth - 1`, a comment's replies are listed flat under it."""
    for comment in level:
        comment.depth = depth
        if depth >= max_depth - 1 and comment.children:
            flat: list[Comment] = []
            _descendants(comment, flat)
            flat.sort(key=lambda m: (_key(m.date), m.id))
            for reply in flat:
                reply.depth = depth + 1
                reply.reply_note = reply.parent is not comment
                reply.children = []
            comment.children = flat
        else:
            _nest(comment.children, depth + 1, max_depth)


def _descendants(comment: Comment, out: list) -> None:
    for child in comment.children:
        out.append(child)
        _descendants(child, out)


def _when(value: str | None):
    if not value:
        return None
    if "T" in value or " " in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


def _key(value) -> tuple:
    """Sort key for dates and datetimes, aware or not."""
    if value is None:
        return (dt.datetime.min,)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return (value,)
    return (dt.datetime.combine(value, dt.time()),)


def _neg_date(value) -> int:
    return -value.toordinal() if value else 0


def _name(text: str) -> str:
    return " ".join(str(text or "").split()).casefold()


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
