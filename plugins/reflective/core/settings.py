"""The `REFLECTIVE_*` settings: their defaults, and checking what a site sets.

Owns the one table of settings (documented in docs/settings.md) and `read()`, which
returns them checked, with problems logged as "reflective: ..." and bad values
replaced by their defaults. Also "the build's today" (SPEC §1).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

logger = logging.getLogger(__name__)

DEFAULTS = {
    "REFLECTIVE_PROGRAMME": "cpd23",
    "REFLECTIVE_STRICT": True,
    "REFLECTIVE_TODAY": None,
    "REFLECTIVE_SHOW_PRIVATE": False,
    "REFLECTIVE_PROGRESS_URL": "progress/",
    "REFLECTIVE_PROGRESS_SAVE_AS": "progress/index.html",
    "REFLECTIVE_THING_URL": "things/{number}/",
    "REFLECTIVE_THING_SAVE_AS": "things/{number}/index.html",
    "REFLECTIVE_JSON_SAVE_AS": "progress.json",
    "REFLECTIVE_ICS_SAVE_AS": "actions.ics",
    "REFLECTIVE_STYLESHEET_SAVE_AS": "reflective/reflective.css",
    "REFLECTIVE_APPEND_TO_CONTENT": True,
    "REFLECTIVE_PROGRESS_GROUP_LIMIT": 50,
    "REFLECTIVE_PROGRESS_GROUP_URL": "progress/{group}/",
    "REFLECTIVE_PROGRESS_PAGE_SIZE": 100,
    "REFLECTIVE_THING_POST_LIMIT": 5,
    "REFLECTIVE_GC_FREEZE": True,
}
_TYPES = {
    "REFLECTIVE_PROGRAMME": str,
    "REFLECTIVE_STRICT": bool,
    "REFLECTIVE_SHOW_PRIVATE": bool,
    "REFLECTIVE_APPEND_TO_CONTENT": bool,
    "REFLECTIVE_GC_FREEZE": bool,
    "REFLECTIVE_PROGRESS_GROUP_LIMIT": int,
    "REFLECTIVE_PROGRESS_PAGE_SIZE": int,
    "REFLECTIVE_THING_POST_LIMIT": int,
}
_PATHS = (
    "REFLECTIVE_PROGRESS_URL",
    "REFLECTIVE_PROGRESS_SAVE_AS",
    "REFLECTIVE_THING_URL",
    "REFLECTIVE_THING_SAVE_AS",
    "REFLECTIVE_JSON_SAVE_AS",
    "REFLECTIVE_ICS_SAVE_AS",
    "REFLECTIVE_STYLESHEET_SAVE_AS",
    "REFLECTIVE_PROGRESS_GROUP_URL",
)


class SettingsError(ValueError):
    """A setting that cannot be used as given."""


def read(settings: dict) -> dict:
    """The REFLECTIVE_* settings of `settings`, checked, with defaults filled in."""
    out = {}
    for name, default in DEFAULTS.items():
        value = settings.get(name, default)
        expected = _TYPES.get(name)
        if expected is not None and not isinstance(value, expected):
            logger.warning(
                "reflective: %s should be a %s, got %r; using %r",
                name,
                expected.__name__,
                value,
                default,
            )
            value = default
        if expected is int and (isinstance(value, bool) or value < 1):
            logger.warning(
                "reflective: %s should be a whole number of 1 or more, got %r; using %r",
                name,
                value,
                default,
            )
            value = default
        if name in _PATHS:
            if value is None:
                value = ""
            if not isinstance(value, str):
                logger.warning(
                    "reflective: %s should be a path, got %r; using %r", name, value, default
                )
                value = default
            if "THING" in name and value and "{number}" not in value:
                logger.warning(
                    "reflective: %s must contain {number}, got %r; using %r", name, value, default
                )
                value = default
            if (
                name == "REFLECTIVE_PROGRESS_GROUP_URL"
                and value
                and ("{group}" not in value or not value.endswith("/"))
            ):
                logger.warning(
                    "reflective: %s must contain {group} and end with '/', got %r; using %r",
                    name,
                    value,
                    default,
                )
                value = default
        out[name] = value
    out["REFLECTIVE_TODAY"] = today(settings)
    unknown = sorted(k for k in settings if k.startswith("REFLECTIVE_") and k not in DEFAULTS)
    for name in unknown:
        logger.warning(
            "reflective: unknown setting %s; the settings are %s", name, ", ".join(DEFAULTS)
        )
    return out


def today(settings: dict) -> dt.date:
    """`REFLECTIVE_TODAY` if set, else today in the site's TIMEZONE."""
    value = settings.get("REFLECTIVE_TODAY")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value:
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise SettingsError(
                f"REFLECTIVE_TODAY must be an ISO date such as 2011-10-01, got {value!r}"
            ) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    zone_name = settings.get("TIMEZONE") or "UTC"
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        zone = dt.UTC
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), zone).date()
    return dt.datetime.now(zone).date()
