"""Where Pelican will write each post, and the problems of that: one check for both sides.

Owns the `Address` record (an article source as Pelican makes it into a post: its slug
and output file, or why Pelican leaves it out), `check`, which finds the problems no
single post's fields show (a post Pelican would leave out of the site: no title, no
date, a file it cannot read; a title no address can be made from; two posts written to
one file), and reading an address without building (`of_source`): the front-matter
values the plugin's reader gives Pelican (`front_metadata`, `escape_field`, one
implementation for the reader and this module) through Pelican's own metadata
functions and `Article` class, imported lazily, so the address is Pelican's. A build
makes its addresses from Pelican's articles, `reflective check` with `of_source`; both
run this same `check`, so they report the same problems in the same words.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from dataclasses import dataclass
from typing import Any

from .problems import Problem

# The front-matter fields that decide a post's address, and those the reader escapes
# (Pelican themes print them as markup).
ADDRESS_FIELDS = ("title", "slug", "date", "category", "author", "authors", "lang", "status")
ADDRESS_FIELDS += ("save_as", "url")
ESCAPED_FIELDS = ("title", "category", "author", "tags", "authors")

# Why Pelican leaves a post out (Article.is_valid), by the property it did not find.
_MISSING = {
    "title": "is missing, so Pelican leaves this post out of the site; add a line "
    "'Title: ...' at the top of the file (or YAML front matter with 'title:')",
    "date": "is missing, so Pelican leaves this post out of the site; add a line "
    "'Date: YYYY-MM-DD' at the top of the file (or set DEFAULT_DATE)",
}


@dataclass
class Address:
    """One article source as Pelican makes it into a post."""

    path: str  # the source file, absolute: duplicates are reported in this order
    name: str  # the source file as messages name it
    slug: str | None = None
    save_as: str | None = None  # the output file; "" when the post is not written
    slug_line: int | None = None  # the line of its `slug:`, else of its `title:`
    missing: str | None = None  # the mandatory property Pelican did not find
    unreadable: str | None = None  # why Pelican could not read the file at all
    handle: Any = None  # the caller's own object (a build renames later duplicates)


def check(addresses: list[Address]) -> tuple[list[Problem], list[Address]]:
    """The problems of these addresses, and the later post (by path) of each pair that
    would be written to one file, which a lenient build gives a numbered slug."""
    problems: list[Problem] = []
    later: list[Address] = []
    seen: dict[str, Address] = {}
    for address in sorted(addresses, key=lambda a: a.path):
        if address.unreadable is not None:
            message = (
                f"Pelican cannot read this file ({address.unreadable}), so it would be "
                "missing from the site"
            )
            problems.append(Problem(address.name, "file", message))
        elif address.missing is not None:
            problems.append(Problem(address.name, address.missing, _MISSING[address.missing]))
        elif not address.slug:
            message = (
                "no address can be made from this title (it has no letters or digits "
                "Pelican can use); add a 'slug:' such as 'my-first-post'"
            )
            problems.append(Problem(address.name, "slug", message, address.slug_line))
        elif address.save_as:
            first = seen.setdefault(address.save_as, address)
            if first is not address:
                message = (
                    f"this post would be written to {address.save_as}, like {first.name}; "
                    "give one of them its own 'slug:'"
                )
                problems.append(Problem(address.name, "slug", message, address.slug_line))
                later.append(address)
    return problems, later


# -- the reader's side: what the front matter gives Pelican ---------------------------


def escape_field(name: str, text: str) -> str:
    """A text field as the reader gives it to Pelican: escaped where themes print markup."""
    if name not in ESCAPED_FIELDS:
        return text
    return html.escape(" ".join(text.split()) if name == "title" else text, quote=True)


def slug_line(fm) -> int | None:
    """The line that decides a post's slug: its `slug:`, else its `title:`."""
    for name in ("slug", "title"):
        for key in fm.data:
            if isinstance(key, str) and key.lower() == name:
                return fm.line((key,))
    return None


def front_metadata(fm) -> dict:
    """The front matter's address fields as plain text, as the reader escapes them."""
    out: dict = {}
    for key, value in fm.data.items():
        lower = key.lower() if isinstance(key, str) else str(key)
        if lower not in ADDRESS_FIELDS or value is None:
            continue
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        if isinstance(value, list):
            out[lower] = [escape_field(lower, str(item)) for item in value if item is not None]
        else:
            out[lower] = escape_field(lower, str(value))
    return out


# -- reading an address without building ------------------------------------------------


def of_source(source, settings: dict) -> Address:
    """Where Pelican would write a source read by `content.read_source`, or why not.

    A file with front matter (or one the reader could not decode) keeps the reader's
    fallbacks (its file name as title, its file's date); a file in Pelican's own
    `Key: value` format is read by Pelican's Markdown reader, as the build reads it.
    """
    from pelican.contents import Article
    from pelican.readers import BaseReader, MarkdownReader

    address = Address(source.path, source.name, slug_line=getattr(source, "slug_line", None))
    reader = BaseReader(settings)
    metadata = _path_metadata(source.path, settings, reader)
    front = getattr(source, "pelican", None)
    content = ""
    try:
        if front is not None or source.has_front_matter:
            for name, value in (front or {}).items():
                metadata[name] = reader.process_metadata(name, value)
            metadata.setdefault("title", source.title)
            if "date" not in metadata:
                metadata["date"] = reader.process_metadata("date", source.date.isoformat())
        else:
            content, found = MarkdownReader(settings).read(source.path)
            metadata.update(found)
        if source.status in ("published", "draft", "hidden"):
            metadata["status"] = source.status
        for name in Article.mandatory_properties:
            if name not in metadata:
                address.missing = name
                return address
        article = Article(content, metadata=metadata, settings=settings, source_path=source.path)
        address.slug, address.save_as = article.slug, article.save_as
    except Exception as error:  # Pelican's readers raise many kinds; the build logs them
        address.unreadable = f"{type(error).__name__}: {error}"
    return address


def _path_metadata(path: str, settings: dict, reader) -> dict:
    """What Pelican knows of a post before reading it: defaults, folder, file name."""
    from pelican.readers import default_metadata, parse_path_metadata, path_metadata

    relative = os.path.relpath(path, settings["PATH"])
    metadata = default_metadata(settings=settings, process=reader.process_metadata)
    metadata.update(path_metadata(full_path=path, source_path=relative, settings=settings))
    metadata.update(
        parse_path_metadata(
            source_path=relative, settings=settings, process=reader.process_metadata
        )
    )
    return metadata
