"""Make sure WeasyPrint can run for the portfolio (`make portfolio`, `make test`, `.ci/run`).

WeasyPrint (a pip package) needs Pango and HarfBuzz from the system, and a font. When
`import weasyprint` fails for want of them and this runs as root with apt-get, the Debian
packages are installed. Under CI (`CI=true`) a portfolio that cannot be made is an
error, so its tests can never be skipped silently there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from ensure_tools import apt_install  # scripts/ is on sys.path when run as a script

PACKAGES = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core"]


def works() -> tuple[bool, str]:
    probe = subprocess.run(
        [sys.executable, "-c", "import weasyprint"], capture_output=True, text=True
    )
    return probe.returncode == 0, (probe.stderr.strip().splitlines() or [""])[-1]


def main() -> int:
    ok, why = works()
    if ok:
        return 0
    if "No module named" in why:
        print(f"ensure_weasyprint: {why}; run make install (or pip install -e '.[portfolio]')")
        return 1
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"ensure_weasyprint: installing {' '.join(PACKAGES)} for WeasyPrint")
        apt_install(PACKAGES)
        ok, why = works()
        if ok:
            return 0
    print(
        f"ensure_weasyprint: WeasyPrint cannot run ({why}); install Pango: "
        f"sudo apt-get install {' '.join(PACKAGES)}",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
