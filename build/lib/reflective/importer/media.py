"""The folder of downloaded media given with `--media DIR`, and finding a file in it.

Owns matching an address in an export (`https://me.files.wordpress.com/2011/07/a.jpg`,
`https://site/wp-content/uploads/2011/07/a-300x200.jpg`, a Blogger image URL) to a file
in that folder: the longest matching end of the path first, then without WordPress's
`-300x200` size suffix, then a file name that occurs once in the folder.
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlsplit

_SIZE = re.compile(r"-\d+x\d+(?=\.\w+$)")


class MediaFolder:
    def __init__(self, folder: str):
        self.folder = folder
        self.paths: set[str] = set()
        self.by_name: dict[str, list[str]] = {}
        for dirpath, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                relative = os.path.relpath(os.path.join(dirpath, name), folder).replace(os.sep, "/")
                self.paths.add(relative)
                self.by_name.setdefault(name, []).append(relative)

    def find(self, url: str) -> str | None:
        """The file's path inside the folder, or None."""
        if not url or url.startswith(("data:", "mailto:", "#")):
            return None
        path = unquote(urlsplit(url).path)
        if not re.search(r"\.\w{2,5}$", path):
            return None  # a page, not a file
        for candidate in (path, _SIZE.sub("", path)):
            parts = [p for p in candidate.split("/") if p]
            for start in range(len(parts)):
                joined = "/".join(parts[start:])
                if joined in self.paths:
                    return joined
            if parts and len(self.by_name.get(parts[-1], [])) == 1:
                return self.by_name[parts[-1]][0]
        return None

    def source(self, relative: str) -> str:
        return os.path.join(self.folder, *relative.split("/"))
