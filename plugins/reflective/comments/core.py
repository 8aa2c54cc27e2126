"""One comment file (SPEC §5): its fields, read and checked, as plain data.

Owns the comment front matter: `id`, `author`, `date`, `website`, `type`, `kind`, `replyto`,
`source`, `answers`, their types and defaults, and every check that needs only the file
(missing fields, bad dates, non-http(s) URLs, e-mail addresses, unknown fields). The
front matter is read by the same machinery as posts (`frontmatter`), so lines, YAML 1.1
traps and unreal dates are reported the same way. Checks that need the post or the
other comments (folder names, duplicate ids, `replyto`, `answers`) live in
`conversation`. The result is plain builtins (dates as ISO strings), safe in caches.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..core import frontmatter
from ..core.comment_format import FIELDS, ID_PATTERN, KINDS, LINKBACK_TYPES, TYPES
from ..core.frontmatter import FrontMatter, path_str
from ..core.problems import Problem, closest

# Fields that would store the commenter's address: refused, never published.
EMAIL_FIELDS = ("email", "e-mail", "mail", "author_email", "author-email")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
EXTENSIONS = ("md", "markdown", "mkd", "mdown")


@dataclass
class CommentFile:
    """One comment file as read: where it is and what `core.read` made of it."""

    name: str  # as messages name it
    folder: str | None  # the post slug it is filed under; None when not in a folder
    data: dict
    problems: list = field(default_factory=list)


def is_comment_file(name: str) -> bool:
    return os.path.splitext(name)[1][1:].lower() in EXTENSIONS


def read(text: str, name: str) -> tuple[dict, list[Problem]]:
    """Read one comment file's text; `name` is how messages name the file.

    Returns the comment (always, even with problems: a comment never vanishes
    silently; a strict build fails on the problems anyway) and its problems.
    """
    fm = frontmatter.split(text, name)
    problems = list(fm.problems)
    check = _Check(fm, name, problems)
    if not fm.has_front_matter:
        problems.append(
            Problem(
                name,
                "front matter",
                "a comment file starts with '---', then id, author and date, then "
                "'---' and the comment's text",
                1,
            )
        )
    parsed = fm.has_front_matter and not fm.problems
    data = fm.data
    comment = {
        "id": check.ident(("id",), data.get("id"), required=parsed),
        "author": check.text(("author",), data.get("author"), required=parsed),
        "date": check.when(("date",), data.get("date"), required=parsed),
        "website": check.url(("website",), data.get("website")),
        "type": check.kind(("type",), data.get("type")),
        "kind": None,
        "replyto": check.ident(("replyto",), data.get("replyto")),
        "source": check.url(("source",), data.get("source")),
        "answers": check.answers(("answers",), data.get("answers")),
        "body": fm.body.strip("\n") if fm.has_front_matter else text,
        "line": fm.line(()) or 1,
        "lines": {key: fm.line((key,)) for key in ("id", "replyto", "answers") if key in data},
        "body_line": _body_line(text) if fm.has_front_matter else 1,
    }
    for key in data:
        check.field_name(key)
    if comment["type"] in LINKBACK_TYPES and not (comment["source"] or comment["website"]):
        if parsed and "source" not in data:
            check.problem(
                ("source",),
                f"a {comment['type']} needs 'source:', the address of the page that linked here",
            )
    comment["kind"] = check.mention_kind(("kind",), data.get("kind"), comment["type"])
    if comment["type"] in LINKBACK_TYPES and comment["replyto"] and comment["kind"] != "reply":
        check.problem(("replyto",), f"a {comment['type']} cannot reply to a comment; remove it")
        comment["replyto"] = None
    if EMAIL.search(comment["body"] or ""):
        problems.append(
            Problem(
                name,
                "body",
                "contains an e-mail address; it is never published (shown as "
                "'[address removed]'): remove it from the file",
                comment["body_line"],
            )
        )
    return comment, problems


def _body_line(text: str) -> int:
    """The line where the body starts (after the closing fence)."""
    lines = frontmatter.normalise_text(text).split("\n")
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return index + 2
    return 1


class _Check:
    def __init__(self, fm: FrontMatter, name: str, problems: list):
        self.fm = fm
        self.name = name
        self.problems = problems

    def problem(self, path, message, suggestion=None):
        self.problems.append(
            Problem(self.name, path_str(path), message, self.fm.line(path), suggestion)
        )

    def raw(self, path, value) -> str:
        return self.fm.raw.get(tuple(path), str(value))

    def field_name(self, key) -> None:
        if key in FIELDS:
            return
        lower = str(key).lower()
        if lower in EMAIL_FIELDS:
            self.problem(
                (key,),
                "e-mail addresses are never stored in comment files or published; delete this line",
            )
        elif lower in FIELDS:
            self.problem((key,), f"field names are lowercase: write {lower!r}")
        else:
            self.problem(
                (key,),
                f"unknown field {key!r}; a comment has {', '.join(FIELDS)}",
                closest(lower, FIELDS),
            )

    def ident(self, path, value, required=False):
        if value is None:
            if required:
                self.problem(path, "is missing; give the comment an id such as 'c1'")
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = self.raw(path, value)  # WordPress ids are numbers: keep them as written
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            shown = repr(value) if isinstance(value, str) else repr(self.raw(path, value))
            self.problem(
                path,
                f"{shown} is not an id; use lowercase letters, digits and '-', such as 'c12'",
            )
            return None
        return value

    def text(self, path, value, required=False):
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self.raw(path, value)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(path, "is missing; give the name the comment is shown with")
            return None
        self.problem(path, f"expected a name, found {self.raw(path, value)!r}; put it in quotes")
        return None

    def when(self, path, value, required=False):
        if isinstance(value, dt.datetime):
            return value.isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if value is None:
            if required:
                self.problem(path, "is missing; give the date as YYYY-MM-DD or YYYY-MM-DD HH:MM")
            return None
        trap = self.fm.traps.get(tuple(path))
        if trap is not None and trap.kind == "bad-date":
            self.problem(path, f"{trap.raw!r} is not a real date; use an existing day")
            return None
        self.problem(
            path,
            f"expected a date as YYYY-MM-DD or YYYY-MM-DD HH:MM, found {self.raw(path, value)!r}",
        )
        return None

    def url(self, path, value):
        if value is None:
            return None
        if isinstance(value, str):
            text = value.strip()
            parts = urlsplit(text)
            if parts.scheme.lower() in ("http", "https") and parts.netloc and " " not in text:
                return text
            if parts.scheme.lower() == "mailto" or EMAIL.fullmatch(text):
                self.problem(
                    path,
                    "is an e-mail address; they are never stored or published: give a "
                    "web address (http:// or https://) or delete the line",
                )
                return None
        self.problem(
            path,
            f"{self.raw(path, value)!r} is not a web address; only http:// and https:// "
            "addresses are allowed",
        )
        return None

    def kind(self, path, value):
        if value is None:
            return "comment"
        if isinstance(value, str) and value.strip().lower() in TYPES:
            return value.strip().lower()
        self.problem(
            path,
            f"unknown type {self.raw(path, value)!r}; allowed: {', '.join(TYPES)}",
            closest(str(value).lower(), TYPES),
        )
        return "comment"

    def mention_kind(self, path, value, type_):
        """SPEC §8: a webmention's kind (default `mention`); no kind on other types."""
        if value is None:
            return "mention" if type_ == "webmention" else None
        if type_ != "webmention":
            self.problem(path, "only a webmention has a kind; add 'type: webmention' or remove it")
            return None
        if isinstance(value, str) and value.strip().lower() in KINDS:
            return value.strip().lower()
        self.problem(
            path,
            f"unknown kind {self.raw(path, value)!r}; allowed: {', '.join(KINDS)}",
            closest(str(value).lower(), KINDS),
        )
        return "mention"

    def answers(self, path, value) -> list[str]:
        if value is None:
            return []
        items = value if isinstance(value, list) else [value]
        out = []
        for index, item in enumerate(items):
            item_path = path + (index,) if isinstance(value, list) else path
            if isinstance(item, str) and ID_PATTERN.match(item.strip()):
                if item.strip() not in out:
                    out.append(item.strip())
                continue
            self.problem(
                item_path,
                f"{self.raw(item_path, item)!r} is not a question id; list the ids of the "
                "post's questions, such as [asking-for-recommendations]",
            )
        return out


def read_folder(root: str, display=lambda path: path, cache: FileCache | None = None) -> list:
    """Every comment file under `root` (the comments folder), read and checked.

    `display` turns a path into the name messages use (a pure function of the path and
    the working folder). Returns `CommentFile`s, sorted by name; a missing folder is no
    comments. A file whose identity and stamp (`FileCache`) are unchanged since an
    earlier call in this process is not read again; `cache=None` uses the process's memo.
    """
    cache = CACHE if cache is None else cache
    out: list = []
    seen: set[str] = set()
    if os.path.isdir(root):
        context = (display, os.getcwd())
        _walk(root, None, cache, context, out, seen)
    cache.prune(root, seen)
    return sorted(out, key=lambda item: item.name)


def _walk(folder: str, post: str | None, cache, context, out: list, seen: set) -> None:
    """The comment files under `folder`, filed under `post` (None at the top level)."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if entry.is_symlink():
                continue  # as os.walk: a linked folder is not followed
            _walk(entry.path, entry.name if post is None else post, cache, context, out, seen)
        elif is_comment_file(entry.name):
            seen.add(entry.path)
            out.append(cache.get(entry, post, context))


class FileCache:
    """A memo of comment files read, parsed and checked: a pure function of the file's
    bytes and the name messages give it, so it is not per-run state and may outlive a
    build (autoreload and `make serve` rebuild in one process). An entry is reused only
    while the file's stamp (device, inode, size, modification and change times in
    nanoseconds) is unchanged; a save, even one that keeps the size and the
    modification time, changes the change time or (saved by rename) the inode. Whatever
    depends on the site (does the folder name a post, `replyto`, suggestions) is never
    kept here: `conversation.build` works it out on every build. Bounded: files gone from
    a folder are dropped each time the folder is read, and past `limit` entries the
    memo starts again empty."""

    def __init__(self, limit: int = 100_000):
        self.limit = limit
        self.entries: dict[str, tuple] = {}
        self.hits = self.misses = 0

    def get(self, entry: os.DirEntry, folder: str | None, context: tuple) -> CommentFile:
        path = entry.path
        try:
            info = entry.stat()
            stamp = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        except OSError:
            stamp = None
        known = self.entries.get(path)
        if known is not None and known[1] is context[0] and known[2] == context[1]:
            name = known[3]  # the same display function and working folder: the same name
        else:
            name = context[0](path)
        if stamp is not None and known is not None and known[0] == stamp and known[3] == name:
            self.hits += 1
            data, problems = known[4]
        else:
            self.misses += 1
            data, problems = _read_path(path, name)
            if stamp is not None:
                if len(self.entries) >= self.limit:
                    self.entries.clear()
                self.entries[path] = (stamp, context[0], context[1], name, (data, problems))
        return CommentFile(name, folder, _copy(data), list(problems))

    def prune(self, root: str, seen: set) -> None:
        """Forget the files under `root` that are no longer there."""
        prefix = os.path.join(root, "")
        for path in [p for p in self.entries if p.startswith(prefix) and p not in seen]:
            del self.entries[path]


def _copy(data: dict) -> dict:
    """A copy of a cached comment the caller may change without changing the memo."""
    copy = dict(data)
    for key in ("answers", "lines"):
        if key in copy:
            copy[key] = type(copy[key])(copy[key])
    return copy


CACHE = FileCache()


def _read_path(path: str, name: str) -> tuple[dict, list]:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = (
            "is not UTF-8 text; save it with the UTF-8 encoding"
            if isinstance(error, UnicodeDecodeError)
            else f"cannot be read: {error.strerror}"
        )
        return {"id": None}, [Problem(name, "file", reason)]
    return read(text, name)
