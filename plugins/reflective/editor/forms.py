"""Forms of front matter the editor cannot hold, found and (where possible) converted.

Owns `scan(text, name)`: every form in one post that saving it from the editor would
damage (docs/editor.md, "What the editor keeps"), each a `Form` saying whether
`reflective tidy` converts it; and `tidy(text, name)`: the post with those forms
converted once, losslessly: an action without an explicit `id` (a bare line of text,
or a mapping without `id:`) gets the id the build already derives for it, so the built
site is byte-identical and the editor can list the action (updates choose actions by
id). Every other line of the file stays as it is (`core.edit`). Pure.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..core import edit, frontmatter, schema

_COMMENT = re.compile(r"(^|\s)#")


@dataclass(frozen=True)
class Form:
    """One form in one file: where, what, and whether `reflective tidy` converts it."""

    file: str
    line: int | None
    field: str
    message: str
    tidy: bool


def _comment_lines(text: str) -> list[int]:
    """Lines (1-based) of the front matter holding a YAML comment."""
    lines = frontmatter.normalise_text(text).split("\n")
    found = []
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        stripped = line.strip()
        if stripped.startswith("#") or (_COMMENT.search(line) and _outside_quotes(line)):
            found.append(number)
    return found


def _outside_quotes(line: str) -> bool:
    """Whether a ` #` on the line starts a comment (not inside a quoted value)."""
    quote = None
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return True
    return False


def scan(text: str, name: str) -> list[Form]:
    """The forms in one post's text that the editor would damage."""
    fm = frontmatter.split(text, name)
    if not fm.has_front_matter or fm.problems:
        return []  # the build reports what does not parse; nothing to convert
    forms = []
    for line in _comment_lines(text):
        forms.append(
            Form(
                name,
                line,
                "front matter",
                "a YAML comment, which the editor drops when it saves this post: "
                "move it into the post or delete it",
                tidy=False,
            )
        )
    actions = fm.data.get("actions")
    for index, item in enumerate(actions if isinstance(actions, list) else []):
        path = ("actions", index)
        if isinstance(item, str):
            forms.append(
                Form(
                    name,
                    fm.line(path),
                    f"actions[{index}]",
                    "an action written as a bare line, which the editor would save "
                    "empty: `reflective tidy` gives it its id and text",
                    tidy=True,
                )
            )
        elif isinstance(item, dict) and "id" not in item and isinstance(item.get("text"), str):
            forms.append(
                Form(
                    name,
                    fm.line(path),
                    f"actions[{index}].id",
                    "an action without an id, which the editor cannot offer to "
                    "later posts' updates: `reflective tidy` writes the id the "
                    "build derives",
                    tidy=True,
                )
            )
    value = fm.data.get("date")
    if isinstance(value, dt.datetime) or (isinstance(value, str) and ":" in value):
        forms.append(
            Form(
                name,
                fm.line(("date",)),
                "date",
                "a date with a time, which the editor's date field would cut to the day",
                tidy=False,
            )
        )
    return forms


def tidy(text: str, name: str) -> tuple[str, list[Form]]:
    """`text` with every convertible form converted, and the forms converted."""
    converted = [form for form in scan(text, name) if form.tidy]
    if not converted:
        return text, []
    fm = frontmatter.split(text, name)
    for index, item in enumerate(fm.data.get("actions") or []):
        words = item if isinstance(item, str) else (item or {}).get("text")
        if not isinstance(words, str) or (isinstance(item, dict) and "id" in item):
            continue
        text = edit.change_action(text, index, {"id": schema.derive_id(words)}, name)
    return text, converted
