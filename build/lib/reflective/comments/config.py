"""The REFLECTIVE_COMMENTS_* and REFLECTIVE_QUESTIONS_* settings: their checks.

Owns reading the comment settings with their defaults (`core.settings.COMMENT_DEFAULTS`,
listed in docs/settings.md), the problems of a setting with the wrong type, and keeping
the comments folder out of Pelican's readers. Pure: a settings dict in, a dict out.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..core.problems import Problem
from ..core.settings import COMMENT_DEFAULTS

DEFAULTS = COMMENT_DEFAULTS
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


def read(settings: dict) -> tuple[dict, list[Problem]]:
    config = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    problems = []

    def bad(key, message):
        problems.append(Problem("settings", key, message))
        config[key] = DEFAULTS[key]

    depth = config["REFLECTIVE_COMMENTS_MAX_DEPTH"]
    if not isinstance(depth, int) or isinstance(depth, bool) or depth < 1:
        bad("REFLECTIVE_COMMENTS_MAX_DEPTH", f"must be a whole number from 1, found {depth!r}")
    names = config["REFLECTIVE_COMMENTS_AUTHOR_NAMES"]
    if isinstance(names, str):
        config["REFLECTIVE_COMMENTS_AUTHOR_NAMES"] = [names]
    elif not isinstance(names, (list, tuple)):
        bad("REFLECTIVE_COMMENTS_AUTHOR_NAMES", "must be a list of names")
    email = config["REFLECTIVE_COMMENTS_EMAIL"]
    if email is not None and (not isinstance(email, str) or not _EMAIL.match(email.strip())):
        bad("REFLECTIVE_COMMENTS_EMAIL", f"{email!r} is not an e-mail address")
    elif email:
        config["REFLECTIVE_COMMENTS_EMAIL"] = email.strip()
    isso = config["REFLECTIVE_COMMENTS_ISSO"]
    if isso and (not isinstance(isso, str) or urlsplit(isso).scheme not in ("http", "https")):
        bad("REFLECTIVE_COMMENTS_ISSO", f"{isso!r} is not an http(s) address of an Isso server")
    elif isso:
        config["REFLECTIVE_COMMENTS_ISSO"] = isso.rstrip("/")
    path = config["REFLECTIVE_COMMENTS_PATH"]
    if not isinstance(path, str) or not path.strip("/"):
        bad("REFLECTIVE_COMMENTS_PATH", "must be a folder name under PATH, such as 'comments'")
    return config, problems


def exclude_comment_folder(settings: dict) -> None:
    """Comment files are never posts or pages, whatever ARTICLE_PATHS says."""
    config, _ = read(settings)
    folder = config["REFLECTIVE_COMMENTS_PATH"].strip("/")
    for key in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES"):
        current = list(settings.get(key) or [])
        if folder not in current:
            settings[key] = current + [folder]
