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
    "REFLECTIVE_MENUITEMS": None,  # None: as REFLECTIVE_APPEND_TO_CONTENT (pelican_layer/menu.py)
    "REFLECTIVE_PROGRESS_GROUP_LIMIT": 50,
    "REFLECTIVE_PROGRESS_DONE_LIMIT": 10,  # issue 11: a year's progress page in 30 KB
    "REFLECTIVE_PROGRESS_GROUP_URL": "progress/{group}/",
    "REFLECTIVE_PROGRESS_PAGE_SIZE": 100,
    "REFLECTIVE_THING_POST_LIMIT": 5,
    "REFLECTIVE_GC_FREEZE": True,
    # == cohort == (docs/cohort.md)
    "REFLECTIVE_COHORT": None,
    "REFLECTIVE_COHORT_CACHE": "cohort-cache",
    "REFLECTIVE_COHORT_URL": "cohort/",
    "REFLECTIVE_COHORT_SAVE_AS": "cohort/index.html",
    "REFLECTIVE_COHORT_OTHERS_LIMIT": 5,
    "REFLECTIVE_COHORT_LATEST": 10,
    "REFLECTIVE_COHORT_TABLE_LIMIT": 15,
    "REFLECTIVE_COHORT_PAGE_SIZE": 40,
    "REFLECTIVE_COHORT_THING_PAGE_SIZE": 25,
    "REFLECTIVE_COHORT_FAILED_LIMIT": 10,
    "REFLECTIVE_COHORT_CONCURRENCY": 16,
    "REFLECTIVE_COHORT_TIMEOUT": 10,
    "REFLECTIVE_COHORT_MAX_BYTES": 5_000_000,
    "REFLECTIVE_COHORT_MAX_REDIRECTS": 5,
    # == search (issue 15): docs/search.md ==
    "REFLECTIVE_SEARCH": True,
    "REFLECTIVE_SEARCH_URL": "search/",
    "REFLECTIVE_SEARCH_SAVE_AS": "search/index.html",
    "REFLECTIVE_PAGEFIND": None,
    # -- cpd (SPEC §6; plugins/reflective/cpd) --
    "REFLECTIVE_ACTIVITIES": [
        "reading",
        "course",
        "event",
        "writing",
        "project",
        "networking",
        "other",
    ],
    "REFLECTIVE_FRAMEWORK": None,
    "REFLECTIVE_CPD_URL": "cpd/",
    "REFLECTIVE_CPD_SAVE_AS": "cpd/index.html",
    # -- editor (issue 25): docs/editor.md --
    "REFLECTIVE_EDITOR": None,  # {"backend": "github", "repo": "you/blog"}: /admin/ published
    "REFLECTIVE_EDITOR_MEDIA": "images",  # under PATH; images uploaded in the editor
}
_TYPES = {
    "REFLECTIVE_PROGRAMME": str,
    "REFLECTIVE_STRICT": bool,
    "REFLECTIVE_SHOW_PRIVATE": bool,
    "REFLECTIVE_APPEND_TO_CONTENT": bool,
    "REFLECTIVE_GC_FREEZE": bool,
    "REFLECTIVE_SEARCH": bool,
    "REFLECTIVE_PROGRESS_GROUP_LIMIT": int,
    "REFLECTIVE_PROGRESS_DONE_LIMIT": int,
    "REFLECTIVE_PROGRESS_PAGE_SIZE": int,
    "REFLECTIVE_THING_POST_LIMIT": int,
    # == cohort ==
    "REFLECTIVE_COHORT_CACHE": str,
    "REFLECTIVE_COHORT_OTHERS_LIMIT": int,
    "REFLECTIVE_COHORT_LATEST": int,
    "REFLECTIVE_COHORT_TABLE_LIMIT": int,
    "REFLECTIVE_COHORT_PAGE_SIZE": int,
    "REFLECTIVE_COHORT_THING_PAGE_SIZE": int,
    "REFLECTIVE_COHORT_FAILED_LIMIT": int,
    "REFLECTIVE_COHORT_CONCURRENCY": int,
    "REFLECTIVE_COHORT_TIMEOUT": int,
    "REFLECTIVE_COHORT_MAX_BYTES": int,
    "REFLECTIVE_COHORT_MAX_REDIRECTS": int,
    "REFLECTIVE_ACTIVITIES": list,  # cpd
    "REFLECTIVE_EDITOR_MEDIA": str,  # editor
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
    "REFLECTIVE_COHORT_URL",  # == cohort ==
    "REFLECTIVE_COHORT_SAVE_AS",
    "REFLECTIVE_SEARCH_URL",
    "REFLECTIVE_SEARCH_SAVE_AS",
    "REFLECTIVE_CPD_URL",  # cpd
    "REFLECTIVE_CPD_SAVE_AS",  # cpd
)


# The comments capability's settings (docs/comments.md); read and checked by
# comments/config.py, listed here so they are known settings.
COMMENT_DEFAULTS = {
    "REFLECTIVE_COMMENTS_PATH": "comments",  # under PATH; never read as posts or pages
    "REFLECTIVE_COMMENTS_MAX_DEPTH": 4,  # nested levels; deeper replies are listed flat
    "REFLECTIVE_COMMENTS_AUTHOR_NAMES": [],  # names marked as the post author's, besides AUTHOR
    "REFLECTIVE_COMMENTS_EMAIL": None,  # the address Reply links mail to; none, no link
    "REFLECTIVE_COMMENTS_FEED_ATOM": "feeds/comments.atom.xml",  # when FEED_ALL_ATOM is on
    "REFLECTIVE_COMMENTS_ISSO": None,  # an Isso server's URL: its form under the thread
    "REFLECTIVE_COMMENTS_DATA": ".reflective/isso",  # make comments-server's database
    "REFLECTIVE_QUESTIONS_SAVE_AS": "questions/index.html",
    "REFLECTIVE_QUESTIONS_URL": "questions/",
}

# The mentions capability's settings (docs/mentions.md); read and checked by
# mentions/config.py, listed here so they are known settings.
MENTION_DEFAULTS = {
    "REFLECTIVE_WEBMENTION": None,  # the receiving endpoint: <link rel="webmention">
    "REFLECTIVE_PINGBACK": None,  # the pingback bridge; webmention.io's when it is the endpoint
    "REFLECTIVE_REL_ME": [],  # your profiles elsewhere: rel="me" in the home page's h-card
    "REFLECTIVE_WEBMENTION_API": "https://webmention.io/api/mentions.jf2",  # mentions pull
    "REFLECTIVE_WEBMENTION_STATE": "webmentions.json",  # beside the settings file
    "REFLECTIVE_WEBMENTION_BLOCKLIST": "webmention-blocklist.txt",  # beside the settings file
    "REFLECTIVE_WEBMENTION_TIMEOUT": 10,  # seconds, each request of mentions send/pull
}


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
    if out["REFLECTIVE_COHORT"] is not None and not isinstance(out["REFLECTIVE_COHORT"], str):
        logger.warning(
            "reflective: REFLECTIVE_COHORT should be the path of a cohort file, got %r; "
            "the cohort is off",
            out["REFLECTIVE_COHORT"],
        )
        out["REFLECTIVE_COHORT"] = None
    if not isinstance(out["REFLECTIVE_MENUITEMS"], bool | None):
        logger.warning(
            "reflective: REFLECTIVE_MENUITEMS should be True, False or None, got %r; using None",
            out["REFLECTIVE_MENUITEMS"],
        )
        out["REFLECTIVE_MENUITEMS"] = None
    if not out["REFLECTIVE_THING_SAVE_AS"] and not out["REFLECTIVE_PROGRESS_SAVE_AS"]:
        logger.warning(
            "reflective: REFLECTIVE_THING_SAVE_AS and REFLECTIVE_PROGRESS_SAVE_AS are both "
            "off, so the Thing links on posts (badges, the Things menu) lead nowhere; "
            "turn one of them back on"
        )
    out["REFLECTIVE_TODAY"] = today(settings)
    unknown = sorted(
        k
        for k in settings
        if k.startswith("REFLECTIVE_")
        and k not in DEFAULTS
        and k not in COMMENT_DEFAULTS
        and k not in MENTION_DEFAULTS
    )
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
