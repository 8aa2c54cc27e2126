"""The search capability's check: a Pagefind binary to run, in a build and in `reflective check`.

Owns `check(ctx)`: with search on (REFLECTIVE_SEARCH), the binary that indexing would
run must be there (REFLECTIVE_PAGEFIND, relative to the settings file's folder, else the
`pagefind[bin]` wheel's, else `pagefind` on PATH: `core.find_binary`); when it is not,
one problem of REFLECTIVE_PAGEFIND naming the fix. So `reflective check` says what a
build would say, a strict build stops before writing anything, and a lenient one
reports it with the content's problems and builds the rest (`wiring.index_output` then
skips indexing without saying it twice). The binary is not run here: a binary that is
there but fails is the build's to report, when it runs it.
"""

from __future__ import annotations

from ..core.problems import Problem
from . import core

FIELD = "REFLECTIVE_PAGEFIND"


def check(ctx):
    if not ctx.config.get("REFLECTIVE_SEARCH"):
        return []
    try:
        core.find_binary(ctx.config.get(FIELD), ctx.settings_dir)
    except core.MissingBinary as missing:
        return [Problem("settings", FIELD, missing.detail)]
    return []
