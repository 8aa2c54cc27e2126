"""The site's folder as the editor's file API sees it: safe paths, listing, reading, writing.

Owns the rules of `reflective serve`'s same-origin file API (routes.py) behind the
editor's local mode (static/local-files.js): every path is relative to the site's
folder and stays inside it (no `..`, no absolute path, no symbolic link leading out),
`.git/` is never written, and a file is written whole or not at all (a temporary file
beside it, then a rename), so a crash mid-save never leaves half a post. Pure (the
file system only).
"""

from __future__ import annotations

import base64
import os
import shutil
import tempfile
from pathlib import Path

TEXT_SUFFIXES = (".md", ".markdown", ".yml", ".yaml", ".json", ".toml")
PREFETCH_MAX = 1_000_000  # bytes: a larger file is read on its own when the editor asks


class FileAPIError(Exception):
    """A request the API refuses; `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class Folder:
    """The site's folder, for the editor."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root).resolve()

    def path(self, relative: str, write: bool = False) -> Path:
        """The absolute path of `relative`, refused when it would leave the folder."""
        parts = [p for p in relative.replace("\\", "/").split("/") if p not in ("", ".")]
        if relative.startswith("/") or ".." in parts or any("\0" in p for p in parts):
            raise FileAPIError(403, f"{relative!r}: not a path inside the site's folder")
        if write and parts and parts[0] == ".git":
            raise FileAPIError(403, f"{relative!r}: the editor never writes inside .git")
        path = self.root.joinpath(*parts)
        real = path.resolve()
        if real != self.root and self.root not in real.parents:
            raise FileAPIError(403, f"{relative!r}: leads outside the site's folder")
        return path

    def stat(self, relative: str, kind: str) -> None:
        """Nothing when `relative` is a `kind` ("file" or "directory"); else 404 or 409."""
        path = self.path(relative)
        if not path.exists():
            raise FileAPIError(404, f"{relative}: no such file or folder")
        if path.is_dir() != (kind == "directory"):
            raise FileAPIError(409, f"{relative}: not a {kind}")

    def create(self, relative: str, kind: str) -> None:
        """Make `relative` (a file: empty) unless it exists as that kind already."""
        path = self.path(relative, write=True)
        if path.exists():
            self.stat(relative, kind)
            return
        if not path.parent.is_dir():
            raise FileAPIError(404, f"{relative}: its folder does not exist")
        if kind == "directory":
            path.mkdir()
        else:
            path.touch()

    def list(self, relative: str, contents: bool = False, depth: int = 0) -> list[dict]:
        """The folder's entries: name and kind, sorted by name.

        With `contents`, each text file the editor reads (posts, pages, comments, its
        data files) comes with its text (or, not UTF-8, its bytes in base64) and
        modification time, and `depth` levels of sub-folders come with their entries,
        so the editor reads a folder of 1,000 posts and their comment folders in one
        request instead of thousands."""
        self.stat(relative, "directory")
        return self._entries(self.path(relative), contents, depth)

    def _entries(self, folder: Path, contents: bool, depth: int) -> list[dict]:
        entries = []
        with os.scandir(folder) as found:
            for entry in found:
                kind = "directory" if entry.is_dir() else "file"
                item = {"name": entry.name, "kind": kind}
                if contents and kind == "file" and entry.name.endswith(TEXT_SUFFIXES):
                    item.update(_prefetched(entry))
                elif kind == "directory" and depth > 0 and not entry.name.startswith("."):
                    item["entries"] = self._entries(Path(entry.path), contents, depth - 1)
                entries.append(item)
        return sorted(entries, key=lambda e: e["name"])

    def read(self, relative: str) -> tuple[bytes, int]:
        """The file's bytes and its modification time in milliseconds."""
        self.stat(relative, "file")
        path = self.path(relative)
        return path.read_bytes(), int(path.stat().st_mtime * 1000)

    def write(self, relative: str, data: bytes) -> None:
        """Replace the file's content whole (created with its folders if need be)."""
        path = self.path(relative, write=True)
        if path.is_dir():
            raise FileAPIError(409, f"{relative}: is a folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".reflective-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            if path.exists():
                os.chmod(temporary, path.stat().st_mode & 0o777)
            else:
                os.chmod(temporary, 0o666 & ~_umask())
            os.replace(temporary, path)
        except BaseException:
            if os.path.exists(temporary):
                os.unlink(temporary)
            raise

    def remove(self, relative: str, recursive: bool = False) -> None:
        path = self.path(relative, write=True)
        if not path.exists():
            raise FileAPIError(404, f"{relative}: no such file or folder")
        if path.is_dir():
            if any(path.iterdir()) and not recursive:
                raise FileAPIError(409, f"{relative}: the folder is not empty")
            shutil.rmtree(path)
        else:
            path.unlink()

    def move(self, source: str, target: str) -> None:
        old, new = self.path(source, write=True), self.path(target, write=True)
        if not old.exists():
            raise FileAPIError(404, f"{source}: no such file or folder")
        new.parent.mkdir(parents=True, exist_ok=True)
        os.replace(old, new)


def _prefetched(entry: os.DirEntry) -> dict:
    info = entry.stat()
    if info.st_size > PREFETCH_MAX:
        return {}
    with open(entry.path, "rb") as handle:
        data = handle.read()
    try:
        found = {"text": data.decode("utf-8")}  # re-encoded as UTF-8 by the page: the same bytes
    except UnicodeDecodeError:
        found = {"data": base64.b64encode(data).decode("ascii")}
    found["mtime"] = int(info.st_mtime * 1000)
    return found


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
