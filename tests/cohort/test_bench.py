"""`make bench`'s cohort part runs end to end at a small size (no timing asserted):
two fetches, a third "a year on" with half the cohort failing, the build and the
weights of the cohort's pages."""

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
    # A year on, half of them fail (the bench's --failing default) and keep their data.
    assert "a year on, 6 failing:" in lines[2]
    assert "(0 fetched, 6 unchanged, 6 failed of 12 participants" in lines[2]
    assert lines[3].startswith("sample site build with a cohort of 12:")
    assert lines[4].startswith("cohort pages of 12 (6 not fetched), with CSS and icon: cohort/")
    results = json.loads((tmp_path / "cohort.json").read_text())
    build = results["build"]
    assert build["cohort_page_bytes"] > 0
    # The weights count the stylesheet the page links (relative URLs in the bench).
    css = (REPO / "theme" / "static" / "css" / "main.css").stat().st_size
    assert build["cohort_page_weight"] > build["cohort_page_bytes"] + css
    assert build["participants_pages"] == 0  # 12 participants: the table is on the page
    # Every Thing has its page (the cohort asks for them); 12 participants write at most
    # 12 posts on a Thing: none continues on numbered pages.
    assert build["thing_page_weight_max"] > css and build["thing_numbered_pages"] == 0
    assert "Thing pages, the heaviest" in lines[4]
