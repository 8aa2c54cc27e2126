"""`reflective check`: every problem a strict build would stop on, without building.

Owns the `check` command and how it reports: one `file:line: field: message` line per
problem, a count on stderr, exit 1 when there is any.
"""

from __future__ import annotations

import sys

from . import base


def register(subparsers) -> None:
    base.add_command(
        subparsers,
        "check",
        cmd_check,
        help="check all content",
        description="Check every post as a strict build would, "
        "without building: one line per problem.",
    )


def cmd_check(args) -> int:
    loaded = base.load(args)
    for problem in loaded.problems:
        print(problem.format())
    posts = sum(1 for s in loaded.sources if s.status != "skip")
    if loaded.problems:
        files = len({p.file for p in loaded.problems})
        noun = "problem" if len(loaded.problems) == 1 else "problems"
        print(
            f"reflective: {len(loaded.problems)} {noun} in {files} "
            f"file{'s' if files != 1 else ''} ({posts} posts checked)",
            file=sys.stderr,
        )
        return 1
    print(f"reflective: {posts} posts checked, no problems", file=sys.stderr)
    return 0
