"""The state file (`REFLECTIVE_WEBMENTION_STATE`, `webmentions.json` beside the settings
file, kept in the repository): what was sent, and which mentions were pulled.

```json
{"version": 1,
 "baseline": "2026-03-01",
 "sent": {"<post address>": {"hash": "<sha256 of its content>",
                             "targets": ["<each link it had when it was last sent>"],
                             "pending": ["<links to try again on the next run>"]}},
 "pulled": ["wm-1234", ...]}
```

Owns reading it (a missing file is a first run; a file that is not this one is an error
naming the file and the fix, never silently replaced) and writing it atomically, with
sorted keys, so a run that changes nothing leaves the same bytes.
"""

from __future__ import annotations

import json
import os
import tempfile

from ..core.problems import Problem

VERSION = 1


class StateError(ValueError):
    pass


def empty() -> dict:
    return {"version": VERSION, "baseline": None, "sent": {}, "pulled": []}


def read(path: str) -> dict:
    if not os.path.exists(path):
        return empty()
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StateError(
            f"{path}: cannot be read as the mentions state file ({error}); restore it from "
            "version control, or move it away to start again with a baseline"
        ) from None
    ok = (
        isinstance(data, dict)
        and data.get("version") == VERSION
        and isinstance(data.get("sent", {}), dict)
        and isinstance(data.get("pulled", []), list)
    )
    if not ok:
        raise StateError(
            f"{path}: is not a mentions state file (version {VERSION} with 'sent' and "
            "'pulled'); restore it from version control, or move it away to start again"
        )
    out = empty()
    out.update(data)
    return out


def problems(path: str) -> list[Problem]:
    try:
        read(path)
    except StateError as error:
        return [Problem(path, "file", str(error).split(": ", 1)[1])]
    return []


def write(path: str, data: dict) -> bool:
    """Write atomically; False (nothing written) when the file already says the same."""
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.read() == text:
                return False
    except OSError:
        pass
    folder = os.path.dirname(os.path.abspath(path))
    handle = tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=folder, prefix=".webmentions-", delete=False, newline="\n"
    )
    try:
        with handle:
            handle.write(text)
        os.replace(handle.name, path)
    except BaseException:
        os.unlink(handle.name)
        raise
    return True
