"""The one list of capabilities, and the four points where each plugs in.

Owns `NAMES`, the capabilities in the order their hooks, commands and checks run, and
finding each one's registration functions by convention (docs/architecture.md):

- Pelican hooks: `reflective.<name>.wiring.register() -> None`, called once by the
  plugin's `register()` after the shared Pelican layer has connected its signals;
- commands: `reflective.<name>.cli.register(subparsers) -> None`, given the
  `argparse` sub-parsers of the `reflective` command;
- checks: `reflective.<name>.checks.check(ctx: core.checks.CheckContext) ->
  Iterable[Problem]`, run by both a build and `reflective check` on the same site;
- preview routes: `reflective.<name>.routes.routes(ctx: preview.server.ServeContext)
  -> list` of tornado handlers `(pattern, Handler[, kwargs])`, served by `reflective
  serve` before the output folder (e.g. the editor's `/admin/` file API).

A capability leaves out a module it does not need. Modules are imported by name, on
first use, so this module imports no capability (and no capability imports it).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

# Add a capability here (one line) and give it the modules above; nothing else changes.
NAMES: tuple[str, ...] = (
    "progress",
    "cohort",
    "comments",
    "importer",
    "search",
    "cpd",
    "preview",
    "publish",
    "init",
    "mentions",
    "editor",
)


def _functions(module_name: str, function: str) -> list[Callable]:
    found = []
    for name in NAMES:
        qualified = f"{__package__}.{name}.{module_name}"
        if importlib.util.find_spec(qualified) is None:
            continue
        found.append(getattr(importlib.import_module(qualified), function))
    return found


def wiring_registrations() -> list[Callable[[], None]]:
    """Each capability's `wiring.register`, in `NAMES` order."""
    return _functions("wiring", "register")


def cli_registrations() -> list[Callable]:
    """Each capability's `cli.register(subparsers)`, in `NAMES` order."""
    return _functions("cli", "register")


def checks() -> list[Callable]:
    """Each capability's `checks.check(ctx)`, in `NAMES` order."""
    return _functions("checks", "check")


def serve_routes() -> list[Callable]:
    """Each capability's `routes.routes(ctx)`, in `NAMES` order."""
    return _functions("routes", "routes")
