"""Make sure the system programs the tests drive are there (`make test`, `.ci/run`).

Owns the list of Debian packages the test suite needs beyond Python (TOOLS: Debian's
chromium for the browser tests, rsync for the `make rsync_upload` test) and getting
them: when one is missing and this runs as root on a machine with apt-get, it is
installed; otherwise one line per missing program says what to install. Under CI
(`CI=true`) a program still missing is an error, so its tests can never be skipped
silently there; elsewhere those tests are skipped with the same line.

    python scripts/ensure_tools.py            # check, install when root
    python scripts/ensure_tools.py --check    # check only (exit 1 when something is missing)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Tool:
    name: str  # what is looked for: an absolute path, or a command found on PATH
    package: str  # the Debian package that provides it
    needed_by: str  # the tests that drive it

    def present(self) -> bool:
        if os.path.isabs(self.name):
            return os.path.exists(self.name)
        return shutil.which(self.name) is not None

    def missing_line(self) -> str:
        return (
            f"ensure_tools: {self.name} is missing, so {self.needed_by} cannot run; "
            f"install it with: sudo apt-get install {self.package}"
        )


TOOLS = (
    Tool(
        os.environ.get("REFLECTIVE_CHROMIUM", "/usr/bin/chromium"),
        "chromium",
        "the browser tests (tests/browser/)",
    ),
    Tool("rsync", "rsync", "the make rsync_upload test"),
)


def install(packages: list[str]) -> None:
    print(f"ensure_tools: installing {' '.join(packages)} with apt-get for the tests", flush=True)
    apt_install(packages)


def apt_install(packages: list[str]) -> None:
    """`apt-get install` the Debian packages, quietly (the one copy; ensure_isso.py and
    ensure_weasyprint.py call it too). The caller checks root and apt-get first."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", *packages],
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="never install, only report")
    args = parser.parse_args(argv)

    missing = [tool for tool in TOOLS if not tool.present()]
    can_install = not args.check and os.geteuid() == 0 and shutil.which("apt-get")
    if missing and can_install:
        install(sorted({tool.package for tool in missing}))
        missing = [tool for tool in missing if not tool.present()]
    for tool in missing:
        print(tool.missing_line(), file=sys.stderr)
    if missing and (args.check or os.environ.get("CI") == "true"):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
