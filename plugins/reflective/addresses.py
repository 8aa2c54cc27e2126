"""Where Pelican will write each post, and the problems of that: one check for both sides.

Owns the `Address` record (a source file as Pelican makes it into a post: its slug and
output file, or why Pelican leaves it out) and `check`, which finds the problems no
single post's fields show: a post Pelican would leave out of the site (no title, no
date, a file it cannot read), a title no address can be made from, two posts written
to one file. A build makes the addresses from Pelican's own articles, `reflective
check` from Pelican's metadata functions and Article class without writing anything;
both then run this same `check`, so they report the same problems in the same words.
Knows nothing of Pelican.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .problems import Problem

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

    path: str  # the source file, absolute: the order in which duplicates are reported
    name: str  # the source file as messages name it
    slug: str | None = None
    save_as: str | None = None  # the output file; "" when the post is not written
    slug_line: int | None = None  # the line that gives the slug (or the title it is made from)
    missing: str | None = None  # the mandatory property Pelican did not find
    unreadable: str | None = None  # why Pelican could not read the file at all
    handle: Any = None  # the caller's own object (the build renames its later duplicates)


def check(addresses: list[Address]) -> tuple[list[Problem], list[Address]]:
    """The problems of these addresses, and the later of each pair of posts that would
    be written to one file (a lenient build gives those a numbered slug)."""
    problems: list[Problem] = []
    later: list[Address] = []
    seen: dict[str, Address] = {}
    for address in sorted(addresses, key=lambda a: a.path):
        if address.unreadable is not None:
            problems.append(
                Problem(
                    address.name,
                    "file",
                    f"Pelican cannot read this file ({address.unreadable}), so it would be "
                    "missing from the site",
                )
            )
            continue
        if address.missing is not None:
            message = _MISSING.get(
                address.missing,
                f"is missing, so Pelican leaves this post out of the site; add "
                f"'{address.missing}:' to it",
            )
            problems.append(Problem(address.name, address.missing, message))
            continue
        if not address.slug:
            problems.append(
                Problem(
                    address.name,
                    "slug",
                    "no address can be made from this title (it has no letters or digits "
                    "Pelican can use); add a 'slug:' such as 'my-first-post'",
                    address.slug_line,
                )
            )
            continue
        if not address.save_as:
            continue
        first = seen.get(address.save_as)
        if first is None:
            seen[address.save_as] = address
            continue
        problems.append(
            Problem(
                address.name,
                "slug",
                f"this post would be written to {address.save_as}, like {first.name}; "
                "give one of them its own 'slug:'",
                address.slug_line,
            )
        )
        later.append(address)
    return problems, later
