"""The mentions capability's check: its settings, as a build and `reflective check` see them.

Owns `check(ctx)`: a bad REFLECTIVE_WEBMENTION, REFLECTIVE_PINGBACK, REFLECTIVE_REL_ME,
REFLECTIVE_WEBMENTION_API, _TIMEOUT, _STATE or _BLOCKLIST is reported with the fix (the
default is used meanwhile); a state file that is not the one `mentions send` writes, and a
blocklist line that is neither an address nor a domain, are reported too.
"""

from __future__ import annotations

from . import blocklist, state
from . import config as config_mod


def check(ctx):
    config, problems = config_mod.read(ctx.settings)
    folder = ctx.settings_dir or "."
    problems += state.problems(config_mod.path(config, "REFLECTIVE_WEBMENTION_STATE", folder))
    _, bad = blocklist.read(config_mod.path(config, "REFLECTIVE_WEBMENTION_BLOCKLIST", folder))
    return problems + bad
