"""A cache of read posts for the CLI, so a second `reflective check` reads only what changed.

Owns where the cache lives (the user's cache folder, `$XDG_CACHE_HOME/reflective` or
`~/.cache/reflective`, one file per content folder, never inside the site), what makes
an entry stale (the file's modification time, size and inode; the code that reads posts;
the settings that change how a post is read; the working folder, which names files in
messages), and reading and writing it atomically. A missing, damaged or stale cache is
simply not used; a cache that cannot be written is skipped. The cross-post checks
(`model.build`) always run on the whole site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import sys
import tempfile

from . import __version__

_SETTINGS = (
    "PATH",
    "DEFAULT_DATE",
    "DEFAULT_METADATA",
    "FILENAME_METADATA",
    "PATH_METADATA",
    "EXTRA_PATH_METADATA",
    "WITH_FUTURE_DATES",
)
_FORMAT = 3  # 3: Source.slug, Source.pelican and Source.slug_line (core.addresses)
# The code that reads a post: an entry made by other code is stale.
_CODE = tuple(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), f"{name}.py")
    for name in (
        "frontmatter",
        "schema",
        "questions",
        "cpd_fields",
        "problems",
        "content",
        "addresses",
    )
)


def cache_file(settings: dict) -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    digest = hashlib.sha256(os.path.abspath(settings["PATH"]).encode()).hexdigest()[:16]
    return os.path.join(base, "reflective", f"posts-{digest}.pickle")


def _fingerprint(settings: dict) -> str:
    from pelican import __version__ as pelican_version  # its date parsing is used

    parts = [str(_FORMAT), __version__, pelican_version, sys.version, os.getcwd()]
    for path in _CODE:  # by file, not by import: `content` imports this module
        parts.append(f"{path}:{os.stat(path).st_mtime_ns}")
    parts += [f"{key}={settings.get(key)!r}" for key in _SETTINGS]
    if not settings.get("WITH_FUTURE_DATES", True):
        parts.append(dt.date.today().isoformat())  # drafts by date change daily
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class SourceCache:
    """`get`/`put` read posts by path and stat; `save` writes the cache if it changed."""

    def __init__(self, settings: dict):
        self.path = cache_file(settings)
        self.fingerprint = _fingerprint(settings)
        self.entries: dict = {}
        self.used: dict = {}
        self.changed = False
        try:
            with open(self.path, "rb") as handle:
                stored = pickle.load(handle)
            if stored.get("fingerprint") == self.fingerprint:
                self.entries = stored["entries"]
        except Exception:  # missing, damaged, or from another version: start afresh
            self.entries = {}

    @staticmethod
    def _key(info: os.stat_result) -> tuple:
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def get(self, path: str, info: os.stat_result):
        entry = self.entries.get(path)
        if entry is not None and entry[0] == self._key(info):
            self.used[path] = entry
            return entry[1]
        return None

    def put(self, path: str, info: os.stat_result, source) -> None:
        self.used[path] = (self._key(info), source)
        self.changed = True

    def save(self) -> None:
        if not self.changed and len(self.used) == len(self.entries):
            return
        folder = os.path.dirname(self.path)
        try:
            os.makedirs(folder, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                pickle.dump(
                    {"fingerprint": self.fingerprint, "entries": self.used},
                    out,
                    protocol=pickle.HIGHEST_PROTOCOL,
                )
            os.replace(temporary, self.path)
        except OSError:
            pass  # a read-only home folder: the next run reads every post again
