"""`make bench`'s cohort part runs end to end at a small size (no timing asserted)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from sitebuild import REPO


def test_bench_cohort_fetches_twice_and_measures_the_build(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.cohort",
            "--participants",
            "12",
            "--rounds",
            "1",
            "--latency",
            "0",
            "0.01",
            "--json",
            str(tmp_path / "cohort.json"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert re.search(
        r"12 participants, first fetch: .* \(12 fetched, 0 unchanged, 0 failed", lines[0]
    )
    assert "(0 fetched, 12 unchanged, 0 failed of 12 participants; 0 bytes" in lines[1]
    assert lines[2].startswith("sample site build with a cohort of 12:")
    results = json.loads((tmp_path / "cohort.json").read_text())
    assert results["build"]["cohort_page_bytes"] > 0
