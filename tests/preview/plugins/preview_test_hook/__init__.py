"""A Pelican plugin for the tests: registers a `make serve` post-build hook.

The hook writes `hooked/runs.txt` in the output folder (a line per call: how many paths
changed), which the preview must keep although Pelican does not make it.
"""

import os


def record(output_dir, changed):
    folder = os.path.join(output_dir, "hooked")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "runs.txt"), "a", encoding="utf-8") as handle:
        handle.write(f"{len(changed)} {' '.join(sorted(changed)[:3])}\n")


def register():
    from reflective.core import afterbuild

    afterbuild.after_build("test-hook", record, keep=("hooked",))
