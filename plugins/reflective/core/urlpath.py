"""Paths of files as the paths of their URLs: always `/`, on every operating system.

Owns `url_path` (a path relative to the output folder, as Windows or POSIX writes it,
to `posts/2011/a-post/index.html`) and `relative` (a file under a folder, the same
way). The gate, the sitemap and the deploys name output files with these, so a site
built on Windows has the same addresses as one built on Linux.
"""

from __future__ import annotations

import os
from pathlib import PurePath
from urllib.parse import quote


def url_path(relative: str | PurePath) -> str:
    """`relative` (a PurePath of either flavour, or a str in this system's form) with
    `/` between its parts; ValueError for an absolute path or one that climbs out."""
    path = relative if isinstance(relative, PurePath) else PurePath(relative)
    if path.anchor:
        raise ValueError(f"{relative} is not a path inside the output folder")
    parts = [part for part in path.parts if part not in ("", ".")]
    if ".." in parts:
        raise ValueError(f"{relative} is outside the output folder")
    return "/".join(parts)


def relative(path: str, folder: str) -> str:
    """The file `path` under `folder`, as a URL path without the leading `/`."""
    return url_path(PurePath(os.path.relpath(path, folder)))


def quoted(relative_path: str | PurePath) -> str:
    """`url_path`, percent-encoded for a URL (spaces, non-ASCII names); `/` kept."""
    return quote(url_path(relative_path), safe="/")
