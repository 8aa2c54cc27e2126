"""Reading an export file as a stream of XML records, safely.

Owns: opening the export (a file, or the `feed.atom` inside a Takeout `.zip`), removing
the characters XML forbids (WordPress writes control characters it received from
pasted text), the hardened parser (defusedxml over the standard library's expat:
entity declarations, external entities and DTD tricks are refused, never expanded,
and nothing is ever fetched from the network), and `records`, which yields one
complete element at a time (a WordPress `<item>`, an Atom `<entry>`) and frees it
after use, so memory stays bounded whatever the size of the export.

Every failure is an `ExportError` naming the file, the line and the fix.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden
from defusedxml.ElementTree import iterparse

CHUNK = 1 << 16
# C0 controls other than tab, newline and carriage return are not XML characters. In
# UTF-8 they are single bytes that never occur inside a multi-byte sequence.
_BAD_BYTES = bytes(b for b in range(32) if b not in (9, 10, 13))
# The same characters written as references (&#1; &#x0B;), which expat refuses too.
_BAD_REF = re.compile(
    rb"&#(?:x0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F])|0*(?:[0-8]|1[1-2]|1[4-9]|2[0-9]|3[01]));"
)


class ExportError(Exception):
    """The export cannot be imported: one line that says where and what to do."""


@dataclass
class Cleaned:
    """How many forbidden characters were removed while reading."""

    count: int = 0
    lines: list[int] = field(default_factory=list)  # the first few lines they were on


class _CleanReader:
    """A binary file wrapper that drops characters XML forbids, counting them."""

    def __init__(self, handle, cleaned: Cleaned):
        self.handle = handle
        self.cleaned = cleaned
        self.carry = b""
        self.line = 1
        self.eof = False

    def read(self, size: int = CHUNK) -> bytes:
        data = self.carry + self.handle.read(max(size, 16))
        self.carry = b""
        if not data:
            self.eof = True
            return b""
        amp = data.rfind(b"&", max(0, len(data) - 12))
        if amp != -1 and b";" not in data[amp:]:
            data, self.carry = data[:amp], data[amp:]
        cleaned = data.translate(None, _BAD_BYTES)
        dropped = len(data) - len(cleaned)
        cleaned, refs = _BAD_REF.subn(b"", cleaned)
        if dropped or refs:
            self._note(data, dropped + refs)
        self.line += data.count(b"\n")
        return cleaned

    def _note(self, data: bytes, bad: int) -> None:
        self.cleaned.count += bad
        if len(self.cleaned.lines) >= 5:
            return
        first = min(
            (i for i in (data.find(bytes([b])) for b in _BAD_BYTES) if i != -1),
            default=None,
        )
        if first is None:
            match = _BAD_REF.search(data)
            first = match.start() if match else 0
        self.cleaned.lines.append(self.line + data.count(b"\n", 0, first))


def open_export(path: str):
    """A binary handle on the export: the file itself, or feed.atom inside a Takeout zip."""
    if not os.path.exists(path):
        raise ExportError(f"{path}: no such file; give the path of the export you downloaded")
    if os.path.isdir(path):
        found = _find_feed(path)
        if found is None:
            raise ExportError(
                f"{path} is a folder with no feed.atom in it; give the export file itself"
            )
        return open(found, "rb")
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        names = [
            n
            for n in archive.namelist()
            if n.endswith(("feed.atom", ".xml")) and not n.startswith("__MACOSX")
        ]
        if not names:
            raise ExportError(
                f"{path} is a zip archive with no feed.atom or .xml export in it; "
                "unpack it and give the export file"
            )
        feeds = [n for n in names if n.endswith("feed.atom")]
        if len(feeds) > 1:
            raise ExportError(
                f"{path} holds {len(feeds)} blogs ({', '.join(sorted(feeds))}); unpack it "
                "and give the feed.atom of the blog to import"
            )
        return archive.open(sorted(names, key=lambda n: (not n.endswith("feed.atom"), n))[0])
    return open(path, "rb")


def _find_feed(folder: str) -> str | None:
    for dirpath, _, files in os.walk(folder):
        if "feed.atom" in files:
            return os.path.join(dirpath, "feed.atom")
    return None


def records(
    path: str, record_tags: set[str], root_check, cleaned: Cleaned
) -> Iterator[tuple[Element, int]]:
    """Yield (element, line) for each complete record element, freeing it afterwards.

    `root_check(tag, namespaces)` is called at the root element's start and raises
    ExportError when the file is not the kind of export expected. Elements outside any
    record that are children of the root or of its child (RSS `channel/title`, WXR
    `wp:author`, Atom `feed/title`) are yielded too, so callers can read them.
    """
    handle = open_export(path)
    reader = _CleanReader(handle, cleaned)
    namespaces: dict = {}
    stack: list[Element] = []
    inside = 0  # depth inside a record
    try:
        events = iterparse(reader, events=("start", "end", "start-ns"), forbid_dtd=False)
        for event, item in events:
            if event == "start-ns":
                namespaces.setdefault(item[1], item[0])
            elif event == "start":
                if not stack:
                    root_check(item.tag, namespaces)
                stack.append(item)
                if inside or item.tag in record_tags:
                    inside += 1
            else:
                stack.pop()
                if inside:
                    inside -= 1
                    if inside:
                        continue
                elif len(stack) > 2 or not stack:
                    continue
                yield item, reader.line
                if stack:  # free what was read: the parent keeps no finished children
                    del stack[-1][:]
    except EntitiesForbidden as error:
        raise ExportError(
            f"{path}: the file declares an XML entity ({error.name!r}); exports from "
            "WordPress and Blogger never do, and expanding it could exhaust memory "
            "(an 'entity bomb') or read other files. Refused; export the blog again."
        ) from None
    except DTDForbidden:
        raise ExportError(f"{path}: the file has a document type declaration; refused") from None
    except DefusedXmlException as error:
        raise ExportError(
            f"{path}: the file refers to an external resource ({error}); nothing is "
            "fetched while importing. Refused; export the blog again."
        ) from None
    except ParseError as error:
        line, column = getattr(error, "position", (reader.line, 0))
        message = str(error).split(":")[0]
        at_end = reader.eof and line >= reader.line - 1
        if at_end or "no element found" in message or "unclosed token" in message:
            raise ExportError(
                f"{path}:{line}: the export ends early (it looks truncated: was the "
                "download complete?); nothing was imported. Download the export again."
            ) from None
        raise ExportError(
            f"{path}:{line}:{column}: not well-formed XML ({message}); nothing was "
            "imported. Is this the export file, unchanged?"
        ) from None
    finally:
        handle.close()


# What each platform's export looks like at its root: (name, test, how to get one).
ROOTS = {
    "wordpress": (
        "rss",
        lambda uri, namespaces: any(
            u.startswith("http://wordpress.org/export/") for u in namespaces
        ),
        "a WXR file is RSS with the wp: namespace; in WordPress: Tools → Export → All "
        "content, then give the downloaded .xml file",
    ),
    "blogger": (
        "feed",
        lambda uri, namespaces: uri == "http://www.w3.org/2005/Atom",
        "expected an Atom <feed>: Takeout's feed.atom, or Settings → Back up content",
    ),
}
NAMES = {"wordpress": "WordPress", "blogger": "Blogger"}


def expect_root(path: str, platform: str):
    """A `root_check` for `records`: the root must be the platform's; the other
    platform's export gets the command that fits it."""
    name, ok, hint = ROOTS[platform]

    def check(tag: str, namespaces: dict) -> None:
        uri, found = local(tag)
        for other, (other_name, other_ok, _) in ROOTS.items():
            if other != platform and found == other_name and other_ok(uri, namespaces):
                raise ExportError(
                    f"{path} is a {NAMES[other]} export, not a {NAMES[platform]} one; "
                    f"run: reflective import {other} {path}"
                )
        if found != name or not ok(uri, namespaces):
            raise ExportError(f"{path} is not a {NAMES[platform]} export: {hint} (found <{found}>)")

    return check


def local(tag: str) -> tuple[str, str]:
    """('{uri}name' or 'name') as (uri, name)."""
    if tag.startswith("{"):
        uri, _, name = tag[1:].partition("}")
        return uri, name
    return "", tag
