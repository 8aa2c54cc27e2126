"""Writing an import: all or nothing, safe to re-run, never over the author's edits.

Owns: the text of a Markdown file with YAML front matter (`document`); `Staging`, which
keeps every file of an import in a hidden folder beside the site until the whole export
has been read, so an error leaves nothing half-written; and `commit`, which moves the
files into place deciding for each: new, updated (the export changed and the file is
as the last import wrote it), unchanged, or kept (the author edited it since: only
`--force` overwrites it). What each import wrote is remembered, by hash, in the record
file `reflective-import.json` beside the settings file.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field

import yaml

RECORD_FILE = "reflective-import.json"


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def document(fields: dict, body: str) -> bytes:
    """`---`, the fields as YAML (strings quoted wherever YAML 1.1 or 1.2 could misread
    them), `---`, the body."""
    head = yaml.dump(
        fields,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
    )
    text = f"---\n{head}---\n{body.strip()}\n" if body.strip() else f"---\n{head}---\n"
    return text.encode("utf-8")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha(path: str) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except FileNotFoundError:
        return None


@dataclass(slots=True)
class Staged:
    path: str  # relative to the site folder, with /
    digest: str
    status: str = ""  # new | updated | unchanged | kept | overwritten


@dataclass
class Staging:
    """Files of one import, held aside until `commit`."""

    site: str  # the site folder (that of the settings file)
    dry_run: bool = False
    files: dict[str, Staged] = field(default_factory=dict)
    folder: str = ""

    def __post_init__(self):
        if not self.dry_run:
            self.folder = tempfile.mkdtemp(prefix=".reflective-import-", dir=self.site)

    def add(self, path: str, data: bytes) -> None:
        if path in self.files:
            raise ValueError(f"two items of the export would both be written to {path}")
        self.files[path] = Staged(path, sha(data))
        if not self.dry_run:
            target = os.path.join(self.folder, *path.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)

    def add_copy(self, path: str, source: str) -> None:
        if path in self.files:
            return  # the same media file used twice
        self.files[path] = Staged(path, file_sha(source) or "")
        if not self.dry_run:
            target = os.path.join(self.folder, *path.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(source, target)

    def discard(self) -> None:
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = ""


def read_record(site: str) -> dict:
    path = os.path.join(site, RECORD_FILE)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise OSError(f"{path} cannot be read ({error}); move it away to start afresh") from None
    return data.get("files", {}) if isinstance(data, dict) else {}


def decide(staging: Staging, record: dict, force: bool) -> None:
    """Set each staged file's status against what is on disk and in the record."""
    for staged in staging.files.values():
        on_disk = file_sha(os.path.join(staging.site, *staged.path.split("/")))
        if on_disk is None:
            staged.status = "new"
        elif on_disk == staged.digest:
            staged.status = "unchanged"
        elif record.get(staged.path) == on_disk:
            staged.status = "updated"
        else:
            staged.status = "overwritten" if force else "kept"


def commit(staging: Staging, record: dict) -> dict:
    """Move the decided files into place; the new record (written atomically)."""
    new_record = dict(record)
    try:
        for staged in staging.files.values():
            if staged.status == "kept":
                continue
            new_record[staged.path] = staged.digest
            if staged.status == "unchanged":
                continue
            source = os.path.join(staging.folder, *staged.path.split("/"))
            target = os.path.join(staging.site, *staged.path.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(source, target)
        write_atomic(
            os.path.join(staging.site, RECORD_FILE),
            (
                json.dumps(
                    {"about": "files written by `reflective import`, by hash", "files": new_record},
                    indent=1,
                    sort_keys=True,
                )
                + "\n"
            ).encode("utf-8"),
        )
    finally:
        staging.discard()
    return new_record


def write_atomic(path: str, data: bytes) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
