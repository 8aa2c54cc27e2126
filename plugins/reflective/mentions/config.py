"""The mentions settings (`core.settings.MENTION_DEFAULTS`, docs/settings.md), checked.

Pure: a settings dict in, the values and their problems out. The endpoint, the pingback
bridge and the API must be http(s) addresses; `REFLECTIVE_REL_ME` a list of them. With
webmention.io as the endpoint (`https://webmention.io/DOMAIN/webmention`) and no
`REFLECTIVE_PINGBACK`, the bridge is webmention.io's own (`.../DOMAIN/xmlrpc`), which
turns old-style pingbacks (WordPress sends them) into webmentions.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from ..core.problems import Problem
from ..core.settings import MENTION_DEFAULTS
from ..core.weburl import is_web

DEFAULTS = MENTION_DEFAULTS


def read(settings: dict) -> tuple[dict, list[Problem]]:
    config = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
    problems = []

    def bad(key, message):
        problems.append(Problem("settings", key, message))
        config[key] = DEFAULTS[key]

    for key in ("REFLECTIVE_WEBMENTION", "REFLECTIVE_PINGBACK", "REFLECTIVE_WEBMENTION_API"):
        value = config[key]
        if value is not None and not is_web(value):
            bad(key, f"{value!r} is not an http(s) address")
        elif value:
            config[key] = value.strip()
    rel_me = config["REFLECTIVE_REL_ME"]
    if isinstance(rel_me, str):
        rel_me = [rel_me]
    if not isinstance(rel_me, (list, tuple)) or not all(is_web(u) for u in rel_me):
        bad("REFLECTIVE_REL_ME", "must be a list of http(s) addresses of your profiles elsewhere")
    else:
        config["REFLECTIVE_REL_ME"] = [u.strip() for u in rel_me]
    timeout = config["REFLECTIVE_WEBMENTION_TIMEOUT"]
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool) or timeout <= 0:
        bad("REFLECTIVE_WEBMENTION_TIMEOUT", f"must be a number of seconds, found {timeout!r}")
    for key in ("REFLECTIVE_WEBMENTION_STATE", "REFLECTIVE_WEBMENTION_BLOCKLIST"):
        if not isinstance(config[key], str) or not config[key].strip():
            bad(key, "must be a file name, relative to the settings file's folder")
    endpoint = config["REFLECTIVE_WEBMENTION"]
    if endpoint and not config["REFLECTIVE_PINGBACK"]:
        parts = urlsplit(endpoint)
        if parts.hostname == "webmention.io" and parts.path.rstrip("/").endswith("/webmention"):
            base = endpoint.split("?", 1)[0].rstrip("/")
            config["REFLECTIVE_PINGBACK"] = base[: -len("webmention")] + "xmlrpc"
    return config, problems


def path(config: dict, key: str, settings_dir: str) -> str:
    value = config[key]
    return value if os.path.isabs(value) else os.path.join(settings_dir, value)
