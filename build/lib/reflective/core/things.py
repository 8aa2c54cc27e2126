"""Which Thing(s) of the programme a post is about, from its title, tags and body (pure).

Owns the one set of Thing detection rules every capability uses: the importer for
imported posts, the cohort for other participants' feed entries. In order of trust:

1. the title: "Thing 6", "Thing #6", "Thing no. 6", "Thing six", "Things 8 & 9",
   "Things 8, 9 and 10", "Thing 8/9", "Things 10–12", "Things 10 to 12";
2. else the tags and categories: `thing6`, `thing-6`, `thing_6`, `Thing 6`,
   `cpd23thing6`, `cpd23-thing-6`;
3. else, as a last resort, a mention in the body ("the networks suggested in Thing 6",
   capital T only); callers without a body pass none.

A Thing is always "Thing" followed by a number, so "catching up on things" or "23 Things
for Professional Development" never count. With `valid` (the programme's numbers), a
title or tag naming a Thing outside it, or a body mentioning more than one Thing, is
ambiguous: nothing is chosen and `note` says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
).split()
NUMBER_WORDS = {word: n for n, word in enumerate(_WORDS)}
for _n, _word in enumerate(_WORDS[1:10], start=1):
    for _joined in (f"twenty-{_word}", f"twenty {_word}", f"twenty{_word}"):
        NUMBER_WORDS[_joined] = 20 + _n
NUMBER_WORDS["thirty"] = 30

_NUM = r"(?:\d{1,3}|" + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + ")"
_SEP = r"\s*(?:,|&|\+|/|\band\b|[-–—]|\bto\b)\s*#?\s*"
_GROUP = "(" + _NUM + r"(?:" + _SEP + _NUM + r")*)\b"
TITLE = re.compile(r"\bthings?\s*(?:no\.?\s*|number\s*|#\s*)?" + _GROUP, re.I)
BODY = re.compile(r"\bThings?\s*(?:#\s*)?" + _GROUP)
TAG = re.compile(r"^(?:cpd\s*23|23\s*things)?[\s_:-]*things?[\s_#-]*(" + _NUM + r")$", re.I)
_TOKEN = re.compile(r"(?P<num>" + _NUM + r")|(?P<sep>" + _SEP + r")", re.I)
_RANGE_SEP = re.compile(r"[-–—]|\bto\b", re.I)


@dataclass
class Detection:
    """The Things found (sorted, each once), where (title | tag | body | "") and why not."""

    things: list[int]
    source: str
    note: str = ""

    @property
    def ambiguous(self) -> bool:
        return not self.things and bool(self.note)


def _number(token: str) -> int:
    token = token.strip().lower()
    return int(token) if token.isdigit() else NUMBER_WORDS[token]


def parse_group(text: str) -> list[int]:
    """'8 & 9' -> [8, 9]; '10–12' -> [10, 11, 12]; 'twenty-three' -> [23].

    The group ends where the numbers stop naming Things: at a number written the other
    way (digits after words or words after digits: 'Thing 10 – one year on' -> [10],
    'Thing 3 and one more' -> [3]) and at a dash or 'to' that does not go up ('Thing 6
    - 2 weeks late' -> [6])."""
    numbers: list[int] = []
    in_range = False
    digits = None  # whether the group's numbers are written as digits
    for token in _TOKEN.finditer(text):
        if token.group("sep") is not None:
            in_range = bool(_RANGE_SEP.search(token.group("sep")))
            continue
        written = token.group("num").strip()
        if digits is None:
            digits = written.isdigit()
        elif written.isdigit() != digits:
            break
        value = _number(written)
        if in_range and numbers:
            if not numbers[-1] < value <= numbers[-1] + 30:
                break
            numbers.extend(range(numbers[-1] + 1, value + 1))
        else:
            numbers.append(value)
        in_range = False
    return sorted(set(numbers))


def _check(things: list[int], valid, source: str, what: str) -> Detection:
    outside = [n for n in things if valid is not None and n not in valid]
    if outside:
        names = ", ".join(str(n) for n in outside)
        return Detection([], source, f"{what} names Thing {names}, which is not in the programme")
    return Detection(things, source)


def detect(title: str, labels=(), body: str = "", valid=None) -> Detection:
    """The Things of a post and where they were found.

    `labels`: its tags and categories; `body`: its plain text ("" to leave the body out);
    `valid`: the programme's Thing numbers (None: any number counts).
    """
    if valid is not None:
        valid = set(valid)
    found = [parse_group(m.group(1)) for m in TITLE.finditer(title or "")]
    if found:
        things = sorted({n for group in found for n in group})
        return _check(things, valid, "title", f"the title {title!r}")
    matches = (TAG.match(str(label).strip()) for label in labels or ())
    tagged = sorted({_number(m.group(1)) for m in matches if m})
    if tagged:
        return _check(tagged, valid, "tag", "a tag or category")
    mentions = [tuple(parse_group(m.group(1))) for m in BODY.finditer(body or "")]
    distinct = sorted(set(mentions))
    if len(distinct) == 1:
        return _check(list(distinct[0]), valid, "body", "the body")
    if len(distinct) > 1:
        names = "; ".join(", ".join(map(str, group)) for group in distinct)
        return Detection([], "body", f"the body mentions several Things ({names}); none chosen")
    return Detection([], "")
