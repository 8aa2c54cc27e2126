"""The preview's pure core: what a batch of saved files asks the server to do.

Owns classifying changed paths (a post edited, added or deleted; a page, a comment
file, a template, a theme file, the settings; an editor's scratch file to ignore),
turning a batch of them into a `Plan` (re-read the settings? which posts may be
re-rendered at once? is a full rebuild owed?), and the `BuildQueue` that coalesces saves
arriving while a build runs, so that none is ever lost and a build in progress learns
it is out of date. Knows nothing of Pelican; tested with plain paths.
"""

from __future__ import annotations

import enum
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Files editors write next to the one being saved, then remove or rename (vim's 4913
# probe and .swp, emacs' .#lock and backup~, JetBrains' ___jb_tmp___, Kate's .kate-swp).
SCRATCH_SUFFIXES = (".swp", ".swx", ".swo", "~", ".tmp", ".kate-swp", ".part", ".crdownload")
SCRATCH_PREFIXES = (".#", "#", ".~lock.")
SCRATCH_NAMES = frozenset({"4913", ".DS_Store", "Thumbs.db"})


class Kind(enum.Enum):
    """What one changed path is."""

    POST_EDITED = "post edited"
    POST_ADDED = "post added"
    POST_DELETED = "post deleted"
    PAGE = "page"
    COMMENT = "comment file"
    CONTENT = "other content"
    TEMPLATE = "template"
    THEME = "theme file"
    SETTINGS = "settings"
    IGNORED = "ignored"


@dataclass(frozen=True)
class Layout:
    """Where things are, as absolute paths (from the Pelican settings)."""

    content: str
    article_dirs: tuple[str, ...]
    settings_file: str
    page_dirs: tuple[str, ...] = ()
    comment_dirs: tuple[str, ...] = ()
    template_dirs: tuple[str, ...] = ()
    theme: str | None = None
    post_extensions: tuple[str, ...] = ("md", "markdown", "mkd", "mdown")
    ignored_dirs: tuple[str, ...] = ()  # the output, the staging folder, the cache


def _under(path: str, folder: str | None) -> bool:
    if not folder:
        return False
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def is_scratch(path: str) -> bool:
    """An editor's temporary or lock file, or anything in a hidden folder."""
    name = os.path.basename(path)
    if name in SCRATCH_NAMES or name.endswith(SCRATCH_SUFFIXES):
        return True
    if name.startswith(SCRATCH_PREFIXES) or "___jb_" in name:
        return True
    parts = path.split(os.sep)
    return any(part.startswith(".") and part not in (".", "..") for part in parts[:-1])


def _empty_folder(path: str) -> bool:
    return os.path.isdir(path) and not os.listdir(path)


def classify(
    path: str,
    layout: Layout,
    known: Callable[[str], bool],
    exists: Callable[[str], bool],
    empty_folder: Callable[[str], bool] = _empty_folder,
) -> Kind:
    """What a changed path is. `known(path)`: the last build read it as a post.
    `empty_folder(path)`: the path is a folder with nothing in it (yet).

    Whether the file exists now decides edited, added or deleted, not the event the
    watcher reported: editors that save by writing a new file and renaming it over the
    old one produce "deleted" and "added" for what is an edit.
    """
    path = os.path.abspath(path)
    if any(_under(path, folder) for folder in layout.ignored_dirs):
        return Kind.IGNORED
    if empty_folder(path):  # a new folder: the files saved in it come as their own events
        return Kind.IGNORED
    if path == os.path.abspath(layout.settings_file):
        return Kind.SETTINGS
    if is_scratch(path):
        return Kind.IGNORED
    if any(_under(path, folder) for folder in layout.template_dirs):
        return Kind.TEMPLATE
    if _under(path, layout.theme):
        return Kind.THEME
    if not _under(path, layout.content):
        return Kind.CONTENT if exists(path) else Kind.IGNORED
    if any(_under(path, folder) for folder in layout.comment_dirs):
        return Kind.COMMENT
    is_post = (
        any(_under(path, folder) for folder in layout.article_dirs)
        and path.rsplit(".", 1)[-1].lower() in layout.post_extensions
    )
    if is_post:
        here, before = exists(path), known(path)
        if here and before:
            return Kind.POST_EDITED
        if here:
            return Kind.POST_ADDED
        return Kind.POST_DELETED if before else Kind.IGNORED
    if any(_under(path, folder) for folder in layout.page_dirs):
        return Kind.PAGE
    return Kind.CONTENT


@dataclass
class Plan:
    """What to do for one batch of changes."""

    kinds: dict[str, Kind] = field(default_factory=dict)

    def paths(self, *kinds: Kind) -> list[str]:
        return sorted(path for path, kind in self.kinds.items() if kind in kinds)

    @property
    def empty(self) -> bool:
        return all(kind is Kind.IGNORED for kind in self.kinds.values())

    @property
    def reload_settings(self) -> bool:
        return Kind.SETTINGS in self.kinds.values()

    @property
    def quick(self) -> list[str]:
        """Posts to re-render at once, before the full build: edited ones, unless a
        template or the settings changed too (then every page may look different)."""
        if {Kind.SETTINGS, Kind.TEMPLATE} & set(self.kinds.values()):
            return []
        return self.paths(Kind.POST_EDITED)

    @property
    def added(self) -> list[str]:
        """New posts the quick render may show at once (as `quick`)."""
        if {Kind.SETTINGS, Kind.TEMPLATE} & set(self.kinds.values()):
            return []
        return self.paths(Kind.POST_ADDED)

    @property
    def comments(self) -> list[str]:
        """Comment files changed (their posts may be re-rendered at once, like edits),
        unless a template or the settings changed too."""
        if {Kind.SETTINGS, Kind.TEMPLATE} & set(self.kinds.values()):
            return []
        return self.paths(Kind.COMMENT)

    @property
    def full(self) -> bool:
        """Whether a full rebuild is owed (always, unless everything was ignored)."""
        return not self.empty

    def describe(self) -> str:
        counts: dict[str, int] = {}
        for kind in self.kinds.values():
            if kind is not Kind.IGNORED:
                counts[kind.value] = counts.get(kind.value, 0) + 1
        return ", ".join(f"{n} {name}" if n > 1 else name for name, n in sorted(counts.items()))


def comment_slug(path: str, comment_dir: str, is_folder: bool = False) -> str | None:
    """The slug of the post a comment file belongs to: content/comments/<slug>/file, or
    the folder itself (inotify may report a new folder and miss the file written into
    it before it was watched)."""
    relative = os.path.relpath(os.path.abspath(path), comment_dir)
    parts = relative.split(os.sep)
    if parts[0] in (os.pardir, os.curdir) or (len(parts) < 2 and not is_folder):
        return None
    return parts[0]


def plan(
    paths: Iterable[str],
    layout: Layout,
    known: Callable[[str], bool],
    exists: Callable[[str], bool] = os.path.exists,
) -> Plan:
    """The plan for a batch of changed paths (each path counted once)."""
    result = Plan()
    for path in sorted(set(paths)):
        result.kinds[os.path.abspath(path)] = classify(path, layout, known, exists)
    return result


class BuildQueue:
    """Saves waiting for the builder: coalesced, never dropped, never blocking the watcher.

    `put` adds changed paths (from the watcher's thread) and raises `stale`, which a
    build in progress checks to give up early (its result would be out of date);
    `take` (the builder's thread) waits for changes and returns all of them at once.
    `saves` and `taken` count batches put and batches taken, so a test (or a status
    line) can tell that every save was picked up.
    """

    def __init__(self) -> None:
        self._pending: set[str] = set()
        self._cond = threading.Condition()
        self.stale = threading.Event()
        self.saves = 0
        self.taken = 0
        self.closed = False

    def put(self, paths: Iterable[str]) -> None:
        paths = set(paths)
        if not paths:
            return
        with self._cond:
            self._pending |= paths
            self.saves += 1
            self.stale.set()
            self._cond.notify_all()

    def take(self, timeout: float | None = None) -> set[str] | None:
        """All pending paths (possibly from several saves), or None on timeout/close."""
        with self._cond:
            if not self._pending and not self.closed:
                self._cond.wait_for(lambda: self._pending or self.closed, timeout)
            if not self._pending:
                return None
            batch, self._pending = self._pending, set()
            self.taken = self.saves
            self.stale.clear()
            return batch

    def pending(self) -> bool:
        with self._cond:
            return bool(self._pending)

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self.stale.set()
            self._cond.notify_all()


VISIBLE_SUFFIXES = (
    ".html",
    ".htm",
    ".css",
    ".js",
    ".svg",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".avif",
    ".ico",
    ".woff",
    ".woff2",
    ".txt",
)


def visible(changed: Iterable[str]) -> bool:
    """Whether any changed output file is something a browser shows (not the JSON
    export or the calendar, which no open page displays)."""
    return any(name.lower().endswith(VISIBLE_SUFFIXES) for name in changed)
