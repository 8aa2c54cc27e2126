"""The front-matter schema of one post: `thing`, `actions` and `updates` (SPEC §1).

Owns the allowed values, the defaults, derived ids, and every per-post check, each
reported as a `Problem` with file, field path, line, what was found and what is allowed.
The result is plain data (str, int, bool, None, lists and dicts; dates as ISO strings)
so it can live in Pelican's metadata and content cache. Checks that need the whole
site (unique ids, update targets, the programme) live in `model`.
"""

from __future__ import annotations

import datetime as dt
import re

from slugify import slugify

from . import cpd_fields, questions, replyto  # SPEC §6, §5 (questions), §8 (in_reply_to)
from .frontmatter import FrontMatter, path_str
from .problems import Problem, closest

STATUSES = ("todo", "doing", "done", "dropped")
PRIORITIES = ("high", "normal", "low")
PERIODS = ("day", "week", "fortnight", "month")
ACTION_FIELDS = ("text", "id", "status", "due", "done", "priority", "every", "private", "note")
UPDATE_FIELDS = ("action", "status", "date", "note")
# questions: core/questions.py; hours, activity, competencies, portfolio: core/cpd_fields.py
OUR_FIELDS = ("thing", "actions", "updates", "questions", replyto.NAME) + cpd_fields.NAMES
# Pelican's own fields. Text ones go through Pelican's metadata processors as text;
# none of them is ever a typo of ours, so the typo search skips them (hot path).
PELICAN_TEXT_FIELDS = (
    "title",
    "category",
    "author",
    "slug",
    "status",
    "lang",
    "translation",
    "save_as",
    "url",
    "template",
    "summary",
)
PELICAN_LIST_FIELDS = ("tags", "authors", "keywords")
PELICAN_FIELDS = frozenset(PELICAN_TEXT_FIELDS + PELICAN_LIST_FIELDS + ("date", "modified"))
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`~<>\[\]]")


def derive_id(text: str) -> str:
    """The id of an action that has none: a lowercase slug of its first six words."""
    plain = _MARKDOWN_LINK.sub(r"\1", text)
    plain = _MARKUP.sub(" ", plain)
    words = plain.split()[:6]
    return slugify(" ".join(words), lowercase=True)


class _Checker:
    """Collects the problems of one file while reading its fields."""

    def __init__(self, fm: FrontMatter, filename: str):
        self.fm = fm
        self.filename = filename
        self.problems: list[Problem] = []

    def problem(self, path, message, suggestion=None):
        self.problems.append(
            Problem(self.filename, path_str(path), message, self.fm.line(path), suggestion)
        )

    def found(self, path, value) -> str:
        """How to show the value an author wrote at `path`."""
        raw = self.fm.raw.get(tuple(path))
        if raw is not None:
            return repr(raw) if raw else "nothing"
        if isinstance(value, (list, dict)):
            return "a list" if isinstance(value, list) else "a mapping"
        return repr(value)

    def trap_hint(self, path) -> str:
        trap = self.fm.traps.get(tuple(path))
        if trap is None:
            return ""
        if trap.kind == "yaml11-bool":
            return (
                f"; note that many YAML tools read an unquoted {trap.raw} as "
                f"{'true' if trap.raw.lower() in ('y', 'yes', 'on') else 'false'}"
            )
        if trap.kind == "octal":
            return (
                f"; an unquoted {trap.raw} is a number (YAML 1.1 tools read it as "
                f"{int(trap.raw, 8) if set(trap.raw) <= set('01234567+-') else trap.raw}"
                f"), write it in quotes: '{trap.raw}'"
            )
        if trap.kind == "sexagesimal":
            return f"; YAML 1.1 tools read an unquoted {trap.raw} as a number in base 60"
        return ""

    def unknown_fields(self, path, item: dict, allowed, what: str) -> None:
        for key in item:
            if key not in allowed:
                self.problem(
                    path + (key,),
                    f"unknown field {key!r}; {what} has {', '.join(allowed)}",
                    closest(key, allowed),
                )

    # -- typed readers -------------------------------------------------------------

    def choice(self, path, value, allowed, what):
        if isinstance(value, str) and value in allowed:
            return value
        if isinstance(value, str) and value.strip().lower() in allowed:
            self.problem(
                path,
                f"{what} {self.found(path, value)} must be lowercase: "
                f"{value.strip().lower()!r}; allowed: {', '.join(allowed)}",
            )
            return None
        hint = self.trap_hint(path)
        if isinstance(value, bool):
            raw = self.fm.raw.get(tuple(path), str(value).lower())
            hint = f"; YAML reads an unquoted {raw} as {str(value).lower()}, quote it if you meant text"
        self.problem(
            path,
            f"unknown {what} {self.found(path, value)}; allowed: {', '.join(allowed)}{hint}",
            closest(str(value), allowed) if isinstance(value, str) else None,
        )
        return None

    def date(self, path, value):
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        trap = self.fm.traps.get(tuple(path))
        if trap is not None and trap.kind == "bad-date":
            self.problem(
                path, f"{trap.raw!r} is not a real date; use an existing day as YYYY-MM-DD"
            )
            return None
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        self.problem(path, f"expected a date as YYYY-MM-DD, found {self.found(path, value)}")
        return None

    def text(self, path, value, required=False):
        if value is None:
            if required:
                self.problem(path, "is required and is empty; write the text of the action")
            return None
        if isinstance(value, str):
            if required and not value.strip():
                self.problem(path, "is required and is empty; write the text of the action")
                return None
            # a `>` or `|` block ends in a newline no reader sees (the editor drops it)
            return value.rstrip("\n") if tuple(path) in self.fm.blocks else value
        if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
            return self.fm.raw.get(tuple(path), str(value))
        if isinstance(value, bool):
            self.problem(
                path,
                f"expected text, found {self.found(path, value)} (read as "
                f"{str(value).lower()}); put it in quotes",
            )
            return None
        self.problem(path, f"expected text, found {self.found(path, value)}")
        return None

    def boolean(self, path, value):
        if isinstance(value, bool):
            return value
        self.problem(
            path, f"expected true or false, found {self.found(path, value)}{self.trap_hint(path)}"
        )
        return None


def read_fields(fm: FrontMatter, filename: str) -> tuple[dict, list[Problem]]:
    """Validate `thing`, `actions` and `updates` of one post.

    Returns the plain-data fields (`things`, `actions`, `updates`) and the problems.
    An action with a problem is kept (with the bad field at its default) so it never
    vanishes; strict builds fail on the problem anyway.
    """
    check = _Checker(fm, filename)
    data = fm.data
    for key in data:
        if key in PELICAN_FIELDS:
            continue
        if key not in OUR_FIELDS and key.lower() not in OUR_FIELDS:
            guess = closest(key.lower(), OUR_FIELDS, cutoff=0.8)
            if guess and guess not in data:
                check.problem((key,), f"unknown field {key!r}", guess)
        elif key not in OUR_FIELDS:
            check.problem((key,), f"field names are lowercase: write {key.lower()!r}")
    fields = {
        "things": _things(check, data.get("thing")) if "thing" in data else [],
        "actions": _each(
            check,
            "actions",
            data.get("actions"),
            "one action per line, each starting with '- '",
            _action,
        ),
        "updates": _each(
            check,
            "updates",
            data.get("updates"),
            "one update per entry, each starting with '- action:'",
            _update,
        ),
        "thing_line": fm.line(("thing",)) if "thing" in data else None,
        "cpd": cpd_fields.read(check, data),  # SPEC §6
        "in_reply_to": replyto.read(check, data),  # SPEC §8
    }
    if "questions" in data:  # questions to readers (SPEC §5): core/questions.py
        fields["questions"], asked = questions.read(fm, filename, derive_id, ID_PATTERN)
        check.problems.extend(asked)
    return fields, check.problems


def _things(check: _Checker, value) -> list[int]:
    path = ("thing",)
    items = value if isinstance(value, list) else [value]
    if isinstance(value, list) and not value:
        check.problem(
            path,
            "is an empty list; give a Thing number, a list such as [8, 9], "
            "or leave 'thing' out for a bonus post",
        )
        return []
    things: list[int] = []
    for index, item in enumerate(items):
        item_path = path + (index,) if isinstance(value, list) else path
        if isinstance(item, int) and not isinstance(item, bool):
            if item in things:
                check.problem(item_path, f"Thing {item} is listed twice")
            else:
                things.append(item)
            continue
        check.problem(
            item_path,
            f"expected a whole number such as 6 (or a list such as [8, 9]), "
            f"found {check.found(item_path, item)}{check.trap_hint(item_path)}",
        )
    return things


def _each(check: _Checker, name: str, value, shape: str, read_item) -> list[dict]:
    """Read a list field item by item; an item that cannot be read is left out."""
    if value is None:
        return []
    if not isinstance(value, list):
        check.problem((name,), f"must be a list: {shape}")
        return []
    items = (read_item(check, (name, index), item) for index, item in enumerate(value))
    return [item for item in items if item is not None]


def _action(check: _Checker, path, item) -> dict | None:
    action = {
        "id": None,
        "text": None,
        "status": None,
        "due": None,
        "done": None,
        "priority": "normal",
        "every": None,
        "private": False,
        "note": None,
        "line": check.fm.line(path),
        "index": path[-1],
        "derived_id": False,
    }
    if isinstance(item, (str, int, float)) and not isinstance(item, bool):
        action["text"] = check.text(path, item, required=True)
        if action["text"] is None:
            return None
    elif isinstance(item, dict):
        check.unknown_fields(path, item, ACTION_FIELDS, "an action")
        action["text"] = check.text(path + ("text",), item.get("text"), required=True)
        if action["text"] is None:
            action["text"] = item.get("id") if isinstance(item.get("id"), str) else ""
        if "id" in item:
            action["id"] = _explicit_id(check, path + ("id",), item["id"])
        if "status" in item:
            action["status"] = check.choice(
                path + ("status",), item.get("status"), STATUSES, "status"
            )
        if "due" in item:
            action["due"] = check.date(path + ("due",), item["due"])
        if "done" in item:
            action["done"] = check.date(path + ("done",), item["done"])
        if "priority" in item:
            action["priority"] = (
                check.choice(path + ("priority",), item["priority"], PRIORITIES, "priority")
                or "normal"
            )
        if "every" in item:
            action["every"] = check.choice(path + ("every",), item["every"], PERIODS, "period")
        if "private" in item:
            action["private"] = bool(check.boolean(path + ("private",), item["private"]))
        if "note" in item:
            action["note"] = check.text(path + ("note",), item["note"])
    else:
        found = "nothing" if item is None else check.found(path, item)
        check.problem(
            path, f"expected the text of an action or a mapping with 'text:', found {found}"
        )
        return None
    if action["done"] and action["status"] not in (None, "done"):
        check.problem(
            path + ("done",),
            f"a done date is given but the status is "
            f"{action['status']!r}; remove the date or set status: done",
        )
    if action["status"] is None:
        action["status"] = "done" if action["done"] else "todo"
    if action["id"] is None:
        action["id"] = derive_id(action["text"] or "")
        action["derived_id"] = True
        if not action["id"]:
            check.problem(
                path + ("text",),
                "no id can be derived from this text; add an "
                "'id:' made of lowercase letters, digits and hyphens",
            )
            action["id"] = f"action-{path[-1] + 1}"
    return action


def _explicit_id(check: _Checker, path, value):
    if isinstance(value, str) and ID_PATTERN.match(value):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        check.problem(
            path,
            f"an id must be text, found the number {check.found(path, value)}"
            f"{check.trap_hint(path) or '; write it in quotes'}",
        )
        return None
    if isinstance(value, str):
        suggestion = slugify(value, lowercase=True) or None
        check.problem(
            path,
            f"{value!r} is not a valid id; use lowercase letters, digits "
            "and single hyphens (a-z, 0-9, -)",
            suggestion,
        )
        return None
    check.problem(
        path, f"an id must be text such as 'linkedin-profile', found {check.found(path, value)}"
    )
    return None


def _update(check: _Checker, item_path, item) -> dict | None:
    if not isinstance(item, dict):
        check.problem(
            item_path,
            "expected a mapping with 'action:' (and status, date "
            f"or note), found {check.found(item_path, item)}",
        )
        return None
    check.unknown_fields(item_path, item, UPDATE_FIELDS, "an update")
    update = {
        "action": None,
        "status": None,
        "date": None,
        "note": None,
        "line": check.fm.line(item_path),
        "index": item_path[-1],
    }
    target = item.get("action")
    if target is None:
        check.problem(
            item_path + ("action",), "is required: the id of the action this update reports on"
        )
    elif isinstance(target, str) and target.strip():
        update["action"] = target.strip()
    else:
        check.problem(
            item_path + ("action",),
            "must be the id of an action, found "
            f"{check.found(item_path + ('action',), target)}"
            f"{check.trap_hint(item_path + ('action',))}",
        )
    if "status" in item:
        update["status"] = check.choice(item_path + ("status",), item["status"], STATUSES, "status")
    if "date" in item:
        update["date"] = check.date(item_path + ("date",), item["date"])
    if "note" in item:
        update["note"] = check.text(item_path + ("note",), item["note"])
    return update if update["action"] is not None else None
