"""Make sure Isso (the optional live comment server) is installed for the tests and for
`make comments-server`.

Isso 0.14 depends on misaka, which is compiled with the C compiler when pip installs
it: as root with apt-get, a missing compiler (gcc) and Python headers are installed
first. Under CI (`CI=true`) a failure is an error, so the Isso round-trip test can
never be skipped silently there. Isso is never needed to build or publish a site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ensure_tools import apt_install  # scripts/ is on sys.path when run as a script

BIN = Path(sys.executable).parent


def _apt(*packages: str) -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    apt_install(list(packages))


def main() -> int:
    if (BIN / "isso").exists():
        return 0
    if not shutil.which("cc") and not shutil.which("gcc"):
        print("ensure_isso: installing a C compiler to build misaka (Isso's Markdown)")
        _apt("gcc", "libc6-dev", "python3-dev", "libffi-dev")
    repo = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [str(BIN / "python"), "-m", "pip", "install", "--quiet", "-e", f"{repo}[comments]"]
    )
    if result.returncode == 0 and (BIN / "isso").exists():
        return 0
    message = "ensure_isso: Isso could not be installed (pip install 'isso>=0.13')"
    if os.environ.get("CI") == "true":
        print(message + "; the Isso round-trip test cannot run", file=sys.stderr)
        return 1
    print(message + "; the Isso round-trip test will be skipped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
