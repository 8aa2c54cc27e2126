"""Which Things a blog post is about, from its title and tags (feeds of other blogs).

Owns `detect(title, tags, known)`: "Thing 7: ...", "Things 8 and 9", "#cpd23 thing 10",
tags such as `thing7`, `thing-7`, `Thing 7`. Only numbers in `known` (the programme's
Things) count. NOTE: the importer (issue 14) detects Things in imported posts too; the
two should become one shared function in the shared core once both have landed.
"""

from __future__ import annotations

import re

# "Thing 7", "thing #7", "Thing no. 7", "Things 8 & 9", "Things 8, 9 and 10", "Thing 8/9"
_THINGS = re.compile(
    r"\bthings?\s*(?:no\.?\s*|number\s*|#\s*)?"
    r"(\d{1,3}(?:\s*(?:,|&|/|\+|and|-|–)\s*(?:#\s*)?\d{1,3})*)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d{1,3}")
_RANGE = re.compile(r"(\d{1,3})\s*[-–]\s*(\d{1,3})")
# A tag that is only a Thing: "thing7", "thing-7", "thing_7", "Thing 7", "cpd23thing7"
_TAG = re.compile(r"^(?:[a-z0-9]*?[-_ ]?)?things?[-_ #]*(\d{1,3})$", re.IGNORECASE)


def _numbers(text: str) -> list[int]:
    found: list[int] = []
    for match in _THINGS.finditer(text):
        group = match.group(1)
        spans = []
        for rng in _RANGE.finditer(group):
            low, high = int(rng.group(1)), int(rng.group(2))
            if low < high <= low + 30:
                found.extend(range(low, high + 1))
                spans.append(rng.span())
        for number in _NUMBER.finditer(group):
            if not any(start <= number.start() < end for start, end in spans):
                found.append(int(number.group()))
    return found


def detect(title: str, tags=(), known=None) -> list[int]:
    """The Thing numbers a post is about, sorted, each once; [] when none is named."""
    found = _numbers(title or "")
    for tag in tags or ():
        match = _TAG.match(str(tag).strip())
        if match:
            found.append(int(match.group(1)))
    numbers = sorted(set(found))
    if known is not None:
        known = set(known)
        numbers = [n for n in numbers if n in known]
    return numbers
