"""The one pipeline of checks that a build and `reflective check` share.

Owns `CheckContext` (what a check sees: the site model, the validated REFLECTIVE_*
settings, the whole Pelican settings) and `run`, which runs the given checks in order
and gathers their problems. The checks themselves are the capabilities' own
(`reflective.<name>.checks.check`, listed by `reflective.capabilities.checks()`); the
per-post and cross-post checks of the shared core already ran in `model.build`.
A check returns `Problem`s; it never raises for bad content and never writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Site
from .problems import Problem


@dataclass(frozen=True)
class CheckContext:
    site: Site
    config: dict  # the validated REFLECTIVE_* settings (core.settings)
    settings: dict  # the whole Pelican settings (PATH, ARTICLE_PATHS, ...)
    settings_dir: str  # the settings file's folder: relative paths resolve here


Check = Callable[[CheckContext], Iterable[Problem]]


def run(context: CheckContext, checks: Iterable[Check]) -> list[Problem]:
    """Every problem the checks find, in the order of the checks."""
    problems: list[Problem] = []
    for check in checks:
        problems.extend(check(context))
    return problems
