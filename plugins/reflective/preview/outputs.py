"""Making the served folder equal to a finished build, file by file.

Owns `sync(staging, output)` (in two steps: `diff`, which the build process works out,
and `apply`, which the server does in a moment): every file of the build that differs from the served one
replaces it atomically (`os.replace`, so the server never sends half a file), files the
build did not produce are removed (a renamed or deleted post's page), except those a
post-build step keeps (`keep`, e.g. a search index) or Pelican's `OUTPUT_RETENTION`.
What it returns, the output-relative paths that changed, decides whether the browser
reloads. No Pelican here: plain files, tested with plain folders.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable

CHUNK = 1 << 16


def _files(root: str) -> dict[str, str]:
    """Output-relative path (with '/') -> absolute path, for every file under root."""
    found = {}
    for folder, _dirs, names in os.walk(root):
        for name in names:
            full = os.path.join(folder, name)
            found[os.path.relpath(full, root).replace(os.sep, "/")] = full
    return found


def every_file(root: str) -> list[str]:
    """Every file under root, output-relative with '/', sorted."""
    return sorted(_files(root))


def same_bytes(a: str, b: str) -> bool:
    try:
        if os.path.getsize(a) != os.path.getsize(b):
            return False
        with open(a, "rb") as one, open(b, "rb") as two:
            while True:
                x, y = one.read(CHUNK), two.read(CHUNK)
                if x != y:
                    return False
                if not x:
                    return True
    except OSError:
        return False


def _kept(name: str, keep: Iterable[str]) -> bool:
    for prefix in keep:
        prefix = prefix.strip("/")
        if name == prefix or name.startswith(prefix + "/"):
            return True
    return False


def diff(staging: str, output: str, keep: Iterable[str] = ()) -> tuple[list[str], list[str]]:
    """What `apply` must do to make `output` hold exactly the files of `staging`: the
    output-relative paths to replace (new or different bytes) and those to remove (not
    made by the build, and not kept). Reads both folders, writes nothing: the build
    process works it out, the server applies it in a moment."""
    keep = tuple(keep)
    new = _files(staging)
    old = _files(output)
    replace = [
        name for name in sorted(new) if not (name in old and same_bytes(new[name], old[name]))
    ]
    remove = [name for name in sorted(set(old) - set(new)) if not _kept(name, keep)]
    return replace, remove


def apply(
    staging: str, output: str, replace: Iterable[str], remove: Iterable[str], keep=()
) -> list[str]:
    """Move the `replace` files from `staging` over the served ones (each atomically) and
    delete the `remove` ones; return what changed."""
    os.makedirs(output, exist_ok=True)
    changed = []
    for name in replace:
        source = os.path.join(staging, *name.split("/"))
        target = os.path.join(output, *name.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.isdir(target):  # a folder where the build now has a file
            shutil.rmtree(target)
        os.replace(source, target)
        changed.append(name)
    for name in remove:
        try:
            os.remove(os.path.join(output, *name.split("/")))
        except FileNotFoundError:
            continue
        changed.append(name)
    _prune_empty(output, tuple(keep))
    return changed


def sync(staging: str, output: str, keep: Iterable[str] = ()) -> list[str]:
    """Make `output` hold exactly the files of `staging`; return what changed.

    Files are moved out of `staging` (it is rebuilt from scratch next time). `keep`:
    output-relative files or folders left alone although the build did not make them.
    """
    keep = tuple(keep)
    replace, remove = diff(staging, output, keep)
    return apply(staging, output, replace, remove, keep)


def _prune_empty(root: str, keep: tuple[str, ...]) -> None:
    for folder, _dirs, _names in os.walk(root, topdown=False):
        if folder == root or os.listdir(folder):
            continue
        name = os.path.relpath(folder, root).replace(os.sep, "/")
        if _kept(name, keep):
            continue
        try:
            os.rmdir(folder)
        except OSError:
            pass
