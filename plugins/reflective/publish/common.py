"""What the build, publish and deploy commands share: the site, the address, failing.

Owns reading the site for a command (`site`: which settings file, the content and
output folders, one-line errors naming the file and the fix), `published_site` (the
address checked, then the publish every deploy starts with), the options they share
(`add_build_options`, `add_publish_options`) and `quietly_failing`, for failures whose
messages were already printed (Pelican's, the gate's list).
"""

from __future__ import annotations

import argparse
import os
import sys

from ..cli import base
from . import core, run


def site(args, default_settings: str) -> run.Site:
    settings_file = getattr(args, "settings", None) or default_settings
    if not os.path.isfile(settings_file):
        where = "" if getattr(args, "settings", None) else f" in {os.getcwd()}"
        raise base.CLIError(
            f"there is no settings file {settings_file}{where}; run reflective in your "
            "site's folder (where pelicanconf.py is), or pass --settings FILE"
        )
    path = getattr(args, "path", None)
    if path and not os.path.isdir(path):
        raise base.CLIError(f"the content folder {path} (--path) does not exist")
    try:
        site = run.read_site(settings_file, path, args.output)
    except SystemExit as stop:  # e.g. a publishconf.py that refuses a missing SITEURL
        raise base.CLIError(f"the settings file {settings_file} stopped: {stop.code}") from None
    except Exception as error:  # the settings file is the author's Python code
        raise base.CLIError(
            f"cannot read the settings file {settings_file}: {type(error).__name__}: "
            f"{error}; fix it, or pass another with --settings"
        ) from None
    if not os.path.isdir(site.content):
        raise base.CLIError(
            f"the content folder {site.content} does not exist (PATH in "
            f"{settings_file}); create it, or pass the right folder with --path"
        )
    return site


def pelican_options(args) -> list[str]:
    """The options for Pelican given after `--` (anything else there is a usage error)."""
    options = list(args.pelican_options)
    if options and options[0] != "--":
        raise base.CLIError(
            f"{options[0]!r} came after the command's arguments: give the command's own "
            "options first (e.g. reflective deploy rsync --siteurl URL DESTINATION) and "
            "Pelican's options last, after -- (e.g. reflective build -- -v)",
            code=2,
        )
    return options[1:]


def published_site(args) -> tuple[run.Site, str]:
    """Check the address, then publish (as `reflective publish`): (site, SITEURL)."""
    options = pelican_options(args)
    try:
        siteurl, _source = core.siteurl(args.siteurl, os.environ)
    except core.SiteURLError as error:
        raise base.CLIError(str(error)) from None
    os.environ["SITEURL"] = siteurl  # publishconf.py reads it, in this process and Pelican's
    published = site(args, "publishconf.py")
    try:
        run.publish(published, siteurl, options)
    except run.PublishError as error:
        print(error, file=sys.stderr)
        raise Failed(error.code) from None
    return published, siteurl


class Failed(Exception):
    """Said already (the gate's list, Pelican's messages): only the exit code is left."""

    def __init__(self, code: int):
        self.code = code


def quietly_failing(func):
    """`func(args)`, with a `Failed` turned into its exit code."""

    def command(args) -> int:
        try:
            return func(args)
        except Failed as failed:
            return failed.code

    return command


def add_build_options(parser) -> None:
    """--output and Pelican's options after `--`."""
    parser.add_argument(
        "--output",
        metavar="FOLDER",
        help="where the site is written (default: OUTPUT_PATH from the settings, output/)",
    )
    parser.add_argument(
        "pelican_options",
        nargs=argparse.REMAINDER,
        help="after --, options for Pelican, e.g. -- -v",
    )


def add_publish_options(parser) -> None:
    """--siteurl, --output and Pelican's options: `publish` and every `deploy`."""
    parser.add_argument(
        "--siteurl",
        metavar="URL",
        help="the address the site is published at (default: SITEURL from the environment)",
    )
    add_build_options(parser)
