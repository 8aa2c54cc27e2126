"""Make sure Debian's chromium is there for the browser tests (`make test`, `.ci/run`).

Installs it with apt-get when missing and running as root. Under CI (`CI=true`) a
missing browser is an error, so browser tests can never be skipped silently there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

CHROMIUM = os.environ.get("REFLECTIVE_CHROMIUM", "/usr/bin/chromium")


def main() -> int:
    if os.path.exists(CHROMIUM):
        return 0
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("ensure_browser: installing Debian's chromium for the browser tests")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, check=False)
    if os.path.exists(CHROMIUM):
        return 0
    if os.environ.get("CI") == "true":
        print(
            f"ensure_browser: {CHROMIUM} is missing and could not be installed; "
            "the browser tests cannot run",
            file=sys.stderr,
        )
        return 1
    print(
        f"ensure_browser: {CHROMIUM} is missing; browser tests will be skipped "
        "(install it with: sudo apt-get install chromium)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
