"""The CPD fields of one post (SPEC §6): `hours`, `activity`, `competencies`, `portfolio`.

Owns reading them from the front matter with their lines, and the checks that need no
settings: `hours` a number greater than 0, `activity` text, `competencies` a list of
codes, `portfolio` true or false. Whether an activity or a code is allowed depends on
the site's settings and framework: the cpd capability checks that (`reflective.cpd.checks`). The result is plain data
(Pelican's content cache keeps it): `fields["cpd"]` of `schema.read_fields`.
"""

from __future__ import annotations

import math

NAMES = ("hours", "activity", "competencies", "portfolio")


def empty() -> dict:
    return {
        "hours": None,
        "activity": None,
        "competencies": [],
        "portfolio": False,
        "lines": {},
    }


def read(check, data: dict) -> dict:
    """The CPD fields of `data`; problems go to `check` (a `schema._Checker`)."""
    out = empty()
    if not any(name in data for name in NAMES):
        return out
    lines = out["lines"]
    if "hours" in data:
        lines["hours"] = check.fm.line(("hours",))
        out["hours"] = _hours(check, data["hours"])
    if "activity" in data:
        lines["activity"] = check.fm.line(("activity",))
        value = data["activity"]
        if isinstance(value, str) and value.strip():
            out["activity"] = value.strip()
        else:
            check.problem(
                ("activity",),
                f"expected a kind of activity such as 'course', found "
                f"{check.found(('activity',), value)}",
            )
    if "competencies" in data:
        lines["competencies"] = check.fm.line(("competencies",))
        out["competencies"], lines["codes"] = _codes(check, data["competencies"])
    if "portfolio" in data:
        out["portfolio"] = bool(check.boolean(("portfolio",), data["portfolio"]))
    return out


def _hours(check, value):
    path = ("hours",)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        check.problem(
            path,
            f"expected a number of hours greater than 0 such as 1.5, found "
            f"{check.found(path, value)}{check.trap_hint(path)}",
        )
        return None
    if not math.isfinite(value) or value <= 0:
        check.problem(
            path,
            f"expected a number of hours greater than 0 such as 1.5, found "
            f"{check.found(path, value)}; leave 'hours' out if no time is to be counted",
        )
        return None
    if value > 1000:
        check.problem(
            path,
            f"{check.found(path, value)} hours for one post is more than 1000; "
            "give the hours of this activity only",
        )
        return None
    return float(value)


def _codes(check, value) -> tuple[list[str], list]:
    """Codes as text: an unquoted 2.1 is read as the number 2.1, its source text kept."""
    path = ("competencies",)
    items = value if isinstance(value, list) else [value]
    codes: list[str] = []
    lines: list = []
    for index, item in enumerate(items):
        item_path = path + (index,) if isinstance(value, list) else path
        if isinstance(item, bool) or item is None or isinstance(item, (list, dict)):
            check.problem(
                item_path,
                f"expected the code of a competency such as '2.1', found "
                f"{check.found(item_path, item)}",
            )
            continue
        if isinstance(item, (int, float)):
            code = check.fm.raw.get(tuple(item_path), str(item))
        else:
            code = str(item).strip()
        if not code:
            check.problem(item_path, "is empty; give the code of a competency such as '2.1'")
            continue
        if code in codes:
            check.problem(item_path, f"the code {code!r} is listed twice")
            continue
        codes.append(code)
        lines.append(check.fm.line(item_path))
    return codes, lines
