"""The cohort's check: the cohort file's problems, in a build and in `reflective check`.

Owns `check(ctx)`: with `REFLECTIVE_COHORT` set, every problem of the cohort file
(`cohort.yaml:LINE: participants[N].field: message`, SPEC §4), so a strict build stops
on it and `reflective check` lists it. The network is never touched here.
"""

from __future__ import annotations

from . import config


def check(ctx):
    setting = ctx.config.get("REFLECTIVE_COHORT")
    if not setting:
        return []
    _, problems = config.load(config.resolve(setting, ctx.settings_dir), setting)
    return problems
