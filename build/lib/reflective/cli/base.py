"""What every command group of the `reflective` command shares.

Owns `CLIError` (a one-line error with its exit code), the options every command takes
(`options()`: --settings, --path, --no-cache), the argument types (`date`, `thing`),
and reading the site: its Pelican settings (`load_settings`) and its content with every
check of the shared pipeline (`load`). Exit codes: 0 ok, 1 problems found or a change
refused, 2 a usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
from functools import cache

from .. import capabilities
from ..core import content
from ..core import settings as settings_mod


class CLIError(Exception):
    """A misuse or a refusal: printed as `reflective: error: ...` with an exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


# -- arguments -----------------------------------------------------------------------


def date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; use an existing day as YYYY-MM-DD, e.g. 2011-10-01"
        ) from None


def thing(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a Thing number such as 6") from None
    return number


@cache
def options() -> argparse.ArgumentParser:
    """The options every command takes: pass as `parents=[options()]` to add_parser."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--settings",
        "-s",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="the site's settings file (default: pelicanconf.py here)",
    )
    common.add_argument(
        "--path",
        metavar="FOLDER",
        default=argparse.SUPPRESS,
        help="the content folder (default: PATH from the settings)",
    )
    common.add_argument(
        "--no-cache",
        action="store_true",
        default=argparse.SUPPRESS,
        help="read every post again (the cache of read posts is in ~/.cache/reflective)",
    )
    return common


def add_command(subparsers, name: str, func, help: str, description: str):
    """A sub-command that takes the options every command takes (`options()`).

    `func(args) -> int` runs it and gives the exit code; add its own arguments to the
    parser this returns. The one way command groups and capabilities add commands.
    """
    command = subparsers.add_parser(name, parents=[options()], help=help, description=description)
    command.set_defaults(func=func)
    return command


# -- settings and content -------------------------------------------------------------


def load_settings(args) -> tuple[dict, str, str]:
    """The Pelican settings, the settings file's folder, and how to name the file."""
    from pelican.settings import DEFAULT_CONFIG, read_settings

    given = getattr(args, "settings", None)
    path_override = getattr(args, "path", None)
    # The theme is not needed here, and Pelican refuses a settings file whose theme is
    # missing: use Pelican's own default theme instead.
    override = {"THEME": DEFAULT_CONFIG["THEME"]}
    if path_override:
        override["PATH"] = os.path.abspath(path_override)
    settings_file = given or "pelicanconf.py"
    if path_override and not os.path.isdir(path_override):
        raise CLIError(f"the content folder {path_override} (--path) does not exist")
    if os.path.isfile(settings_file):
        try:
            settings = read_settings(settings_file, override=override)
        except SystemExit as stop:  # e.g. publishconf.py without SITEURL
            raise CLIError(f"the settings file {settings_file} stopped: {stop.code}") from None
        except Exception as error:  # the settings file is the user's Python code
            _missing_content(settings_file, error)
            raise CLIError(
                f"cannot read the settings file {settings_file}: {type(error).__name__}: {error}"
            ) from None
        folder = os.path.dirname(os.path.abspath(settings_file))
    elif given:
        raise CLIError(
            f"the settings file {given} does not exist; pass the path of your "
            "site's pelicanconf.py with --settings"
        )
    elif path_override:
        settings = read_settings(None, override=override)
        folder = os.getcwd()
        settings_file = "(no settings file)"
    else:
        raise CLIError(
            f"there is no pelicanconf.py in {os.getcwd()}; run reflective in "
            "your site's folder, or pass --settings FILE (or --path FOLDER)"
        )
    if not os.path.isdir(settings["PATH"]):
        source = "--path" if path_override else f"PATH in {settings_file}"
        raise CLIError(
            f"the content folder {content.display_path(settings['PATH'])} does "
            f"not exist ({source}); pass the right folder with --path"
        )
    return settings, folder, settings_file


def _missing_content(settings_file: str, error: Exception) -> None:
    """Pelican refuses a PATH that does not exist: say which folder, and the fix."""
    from pelican.settings import get_settings_from_file

    if not isinstance(error, ValueError) or "path containing the content" not in str(error):
        return
    path = get_settings_from_file(settings_file).get("PATH", ".")
    folder = os.path.join(os.path.dirname(os.path.abspath(settings_file)), path)
    raise CLIError(
        f"the content folder {content.display_path(folder)} does not exist "
        f"(PATH in {settings_file}); create it, or pass the right folder "
        "with --path"
    )


def load(args) -> content.Loaded:
    settings, folder, _ = load_settings(args)
    try:
        return content.load_site(
            settings,
            folder,
            show_private=True,
            cache=not getattr(args, "no_cache", False),
            checks=capabilities.checks(),
        )
    except settings_mod.SettingsError as error:
        raise CLIError(str(error)) from None


def _programme_problem(loaded: content.Loaded) -> None:
    if loaded.programme_problems:
        raise CLIError(f"the programme cannot be used: {loaded.programme_problems[0].format()}")


def check_thing(loaded: content.Loaded, number: int) -> None:
    _programme_problem(loaded)
    if loaded.programme.get(number) is None:
        numbers = [t.number for t in loaded.programme.things]
        raise CLIError(
            f"Thing {number} is not in the programme {loaded.programme.name!r} "
            f"(Things {min(numbers)}–{max(numbers)})",
            code=2,
        )
