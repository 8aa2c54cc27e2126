"""`reflective deploy rsync`: the published site copied to a server (or a folder).

Owns finding rsync (`ready`: a missing one, as on Windows, is one line naming the
other routes, said before anything is built) and the command, as Pelican's quickstart
has it with a checked build and three changes: no `--cvs-exclude` (it drops pages and
files named core, tags, *.old, *.bak... from a generated site), `--delete-after` and
`--delay-updates` (an upload cut off half-way leaves the old site whole). The
destination is `USER@HOST:FOLDER` (over SSH, on `--port`) or a local folder.
"""

from __future__ import annotations

import shutil
import subprocess


class DeployError(Exception):
    """One line: what went wrong, and the fix."""


def ready(destination: str) -> str:
    """The rsync program to run; DeployError when it cannot run."""
    if not destination:
        raise DeployError(
            "deploy rsync: no destination; give it as USER@HOST:FOLDER (or a folder), "
            "e.g. reflective deploy rsync me@example.org:/var/www/me, or set RSYNC_DEST"
        )
    program = shutil.which("rsync")
    if not program:
        raise DeployError(
            "deploy rsync: rsync is not installed; install it (Debian/Ubuntu: sudo apt-get "
            "install rsync, macOS: brew install rsync; on Windows it comes with WSL or "
            "Cygwin), or publish with reflective deploy github or reflective deploy netlify"
        )
    return program


def command(program: str, output: str, destination: str, port: int) -> list[str]:
    """rsync's arguments: the output folder's contents (a trailing /) into `destination`."""
    source = output.rstrip("/\\") + "/"
    return [
        program,
        "-e",
        f"ssh -p {port}",
        "-P",
        "-rvzc",
        "--delete-after",
        "--delay-updates",
        source,
        destination,
    ]


def deploy(program: str, output: str, destination: str, port: int) -> int:
    """rsync's exit code (its own messages go to the terminal)."""
    return subprocess.run(command(program, output, destination, port)).returncode
