"""A build and a publish, start to end: Pelican in a child process, the gate, the swap.

Owns `Site` (a settings file read as the build will read it: its folder, content and
output folders), `build` (Pelican with those settings, as `make html` ran it) and
`publish` (the order of a publish and what it refuses):
1. the site's address must be an http(s) address, or nothing is built;
2. Pelican builds into a fresh folder beside the output (the same file system);
3. the pre-publish gate (`unpublished.run_gate`, `reflective.core.gate`) checks it offline;
4. only then is it swapped in (`core.swap_in`). A failed build or gate removes the fresh
   folder and leaves the output folder exactly as it was; so does Ctrl-C.
Pelican runs as `python -m pelican` with a list of arguments (no shell, no `make`), in
the settings file's folder, so `from pelicanconf import *` in publishconf.py works.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys

from . import core, unpublished

MAX_LISTED = 100  # problems listed by a failed publish


class PublishError(Exception):
    """A refusal with its one-line message and exit code (1, or Pelican's own)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


@dataclasses.dataclass(frozen=True)
class Site:
    """A settings file, read: where the site is, what it builds from and into."""

    settings_file: str  # absolute
    settings: dict
    content: str  # absolute: --path, else PATH from the settings
    output: str  # absolute: --output, else OUTPUT_PATH from the settings

    @property
    def folder(self) -> str:
        return os.path.dirname(self.settings_file)


def read_site(settings_file: str, content: str | None = None, output: str | None = None) -> Site:
    """Read `settings_file` as Pelican will (relative paths from its folder)."""
    from pelican.settings import read_settings

    path = os.path.abspath(settings_file)
    folder = os.path.dirname(path)
    override = {"PATH": os.path.abspath(content)} if content else {}
    # publishconf.py imports pelicanconf from its own folder (sys.path.append(os.curdir)
    # assumes it is run there): make that folder importable while it is read.
    sys.path.insert(0, folder)
    try:
        settings = read_settings(path, override=override or None)
    finally:
        sys.path.remove(folder)
        sys.modules.pop("pelicanconf", None)
    out = output or settings.get("OUTPUT_PATH") or "output"
    out = os.path.abspath(out if output else os.path.join(folder, out))
    return Site(path, settings, os.path.abspath(settings["PATH"]), out)


def pelican_command(site: Site, into: str, options: list[str]) -> list[str]:
    """The child process's arguments: this Python's Pelican, every path absolute."""
    return [
        sys.executable,
        "-m",
        "pelican",
        site.content,
        "--output",
        into,
        "--settings",
        site.settings_file,
        *options,
    ]


def run_pelican(site: Site, into: str, options: list[str], env: dict | None = None) -> int:
    """Pelican's exit code; its messages go to this process's terminal as they come.

    On Ctrl-C (or any exception) Pelican is stopped and waited for before this returns,
    so nothing writes into `into` once the caller removes it.
    """
    process = subprocess.Popen(pelican_command(site, into, options), cwd=site.folder, env=env)
    try:
        return process.wait()
    except BaseException:
        process.kill()
        process.wait()
        raise


def build(site: Site, options: list[str]) -> int:
    """`reflective build`: Pelican into the output folder (as `make html`)."""
    return run_pelican(site, site.output, options)


def publish(site: Site, siteurl: str, options: list[str], say=print) -> None:
    """Build into a fresh folder, gate it, swap it in; PublishError when refused."""
    env = dict(os.environ, SITEURL=siteurl)
    shown = os.path.relpath(site.output) if _inside_cwd(site.output) else site.output
    fresh = None
    try:
        fresh = core.fresh_folder(site.output)
        code = run_pelican(site, fresh, options, env)
        if code != 0:
            raise PublishError(f"publish: the build failed; {shown} was left as it was.", code)
        problems = unpublished.run_gate(fresh, site.content, site.settings, site.folder, siteurl)
        if problems:
            raise PublishError(_gate_message(problems, shown))
        try:
            core.swap_in(fresh, site.output)
        except OSError as error:  # Windows: a file of the output is open in a program
            raise PublishError(
                f"publish: the new build could not take the place of {shown} ({error}); "
                "close what has its files open (a preview of the same folder?) and publish "
                f"again; {shown} was left as it was."
            ) from None
    finally:  # a failure, an exception or Ctrl-C: the fresh folder goes, output stays
        if fresh:
            shutil.rmtree(fresh, ignore_errors=True)
    say(f"publish: the gate passed; {shown} now holds the new build for {siteurl}.")


def _gate_message(problems, shown: str) -> str:
    noun = "problem" if len(problems) == 1 else "problems"
    lines = "\n".join(f"  {problem.format()}" for problem in problems[:MAX_LISTED])
    if len(problems) > MAX_LISTED:
        lines += f"\n  ... and {len(problems) - MAX_LISTED} more"
    return (
        f"publish: the pre-publish gate found {len(problems)} {noun} in the new build "
        f"(paths inside the output folder):\n{lines}\n"
        f"publish: nothing was published; {shown} was left as it was."
    )


def _inside_cwd(path: str) -> bool:
    try:
        return not os.path.relpath(path).startswith("..")
    except ValueError:  # Windows: another drive
        return False
