"""Atomic publish: build with publishconf.py into a fresh folder, swap it in on success.

Used by `make publish`. The new site is built beside OUTPUTDIR (same file system, so
the swap is two renames); if Pelican fails, the fresh folder is removed and OUTPUTDIR
is left exactly as it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--settings", required=True)
    parser.add_argument("--pelican", default="pelican")
    parser.add_argument("pelican_options", nargs="*")
    args = parser.parse_args(argv)

    output = os.path.abspath(args.output)
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    fresh = tempfile.mkdtemp(prefix=os.path.basename(output) + ".tmp.", dir=parent)
    command = [args.pelican, args.input, "-o", fresh, "-s", args.settings, *args.pelican_options]
    result = subprocess.run(command)
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"publish: the build failed; {args.output} was left as it was.", file=sys.stderr)
        return result.returncode or 1
    os.chmod(fresh, 0o755)
    old = None
    if os.path.exists(output):
        old = tempfile.mkdtemp(prefix=os.path.basename(output) + ".old.", dir=parent)
        os.rmdir(old)
        os.rename(output, old)
    os.rename(fresh, output)
    if old:
        shutil.rmtree(old, ignore_errors=True)
    print(f"publish: {args.output} now holds the new build.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
