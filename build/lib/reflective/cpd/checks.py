"""The CPD capability's check point: run by a build and by `reflective check` alike.

Owns nothing but the hook (docs/architecture.md, "checks"): bad settings, unknown
activities and competency codes, from `config.check_site`. Per-post type checks
(`hours` a number > 0, ...) run where every field of a post is read
(`core.cpd_fields`, through `core.schema`).
"""

from __future__ import annotations

from . import config


def check(ctx):
    return config.check_site(ctx.site, ctx.config, ctx.settings_dir)
