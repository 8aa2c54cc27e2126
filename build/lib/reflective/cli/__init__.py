"""The `reflective` command: an author's tools for a Reflective site, without a build.

Owns the entry point (`main`), the top-level parser (`build_parser`) and how errors
and log lines are shown (one line, never a traceback). Each command group is a module
with `register(subparsers)`: the shared ones here (`new`, `check`), each capability's
in its own `cli.py`, found through `reflective.capabilities` (docs/architecture.md).
Exit codes: 0 ok, 1 problems found or a change refused, 2 a usage error.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from .. import capabilities
from ..core import __version__
from . import check, new
from .base import CLIError, options

GROUPS = (new, check)  # the shared command groups, before the capabilities' own


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reflective",
        parents=[options()],
        description="An author's tools for a Reflective blog: start a post, check the "
        "content, see and update your actions.",
    )
    parser.add_argument("--version", action="version", version=f"reflective {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for group in GROUPS:
        group.register(commands)
    for register in capabilities.cli_registrations():
        register(commands)
    return parser


# -- entry point ----------------------------------------------------------------------


class _Format(logging.Formatter):
    def format(self, record):
        message = record.getMessage()
        if message.startswith("reflective: "):
            message = message[len("reflective: ") :]
        return f"reflective: {record.levelname.lower()}: {message}"


def _setup_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Format())
    for name in ("reflective", "pelican"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.propagate = False
    logging.getLogger("reflective").setLevel(logging.WARNING)
    logging.getLogger("pelican").setLevel(logging.ERROR)  # e.g. "feeds without SITEURL"


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging()
    try:
        return args.func(args)
    except CLIError as error:
        if error.code == 2:
            parser.print_usage(sys.stderr)
        print(f"reflective: error: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print("reflective: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # never a traceback for the author
        if os.environ.get("REFLECTIVE_DEBUG"):
            raise
        print(
            f"reflective: error: unexpected {type(error).__name__}: {error} (set "
            "REFLECTIVE_DEBUG=1 to see where; please report it)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
