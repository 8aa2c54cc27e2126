"""The cohort cache: what `reflective cohort fetch` stored, the only thing builds read.

Owns the folder (`cohort-cache/` beside the settings file, `REFLECTIVE_COHORT_CACHE`),
one JSON file per participant (`<name-slug>-<hash of the URL>.json`), written
atomically, and the record in it: the participant, `status` (`ok`; `stale`: the last
fetch failed and earlier data is kept; `failed`: never fetched), `error`, `fetched_at`
(when the data was last confirmed current), `checked_at` (the last attempt), the
validators for conditional requests (`etag`, `last_modified`), and `data` (see `parse`).
"""

from __future__ import annotations

import json
import os
import tempfile

CACHE_VERSION = 1
DEFAULT_FOLDER = "cohort-cache"


def folder(setting: str | None, settings_dir: str) -> str:
    setting = setting or DEFAULT_FOLDER
    return setting if os.path.isabs(setting) else os.path.join(settings_dir, setting)


def path(cache_dir: str, key: str) -> str:
    return os.path.join(cache_dir, f"{key}.json")


def read(cache_dir: str, key: str) -> dict | None:
    """A participant's record, or None when there is none (or it is unreadable)."""
    try:
        with open(path(cache_dir, key), encoding="utf-8") as handle:
            record = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("cache_version") != CACHE_VERSION:
        return None
    return record


def write(cache_dir: str, key: str, record: dict) -> None:
    """Replace a participant's record atomically (a reader never sees half a file)."""
    os.makedirs(cache_dir, exist_ok=True)
    record = {"cache_version": CACHE_VERSION, **record}
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=cache_dir, prefix=f".{key}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            json.dump(record, handle, ensure_ascii=False, indent=1, sort_keys=True)
            handle.write("\n")
        os.replace(handle.name, path(cache_dir, key))
    except BaseException:
        os.unlink(handle.name)
        raise


def prune(cache_dir: str, keep: set[str]) -> list[str]:
    """Remove the records of participants no longer in the cohort file."""
    removed = []
    try:
        names = os.listdir(cache_dir)
    except FileNotFoundError:
        return removed
    for name in names:
        if name.endswith(".json") and name[:-5] not in keep:
            os.unlink(os.path.join(cache_dir, name))
            removed.append(name[:-5])
    return sorted(removed)
