"""`make bench`'s portfolio part runs and reports (tiny N; figures only in make bench)."""

from __future__ import annotations

import re
import subprocess
import sys

from sitebuild import REPO


def test_bench_portfolio_measures_a_generated_site(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bench.portfolio", "--n", "12", "--work", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert re.match(r"portfolio of 12 posts: \d+ pages \(2 posts in full, \d+ actions\)", last)
    assert re.search(r"PDF [\d.]+ s CPU \([\d.]+x the site's build\), \d+ MiB peak", last)
    assert (tmp_path / "portfolio-n12" / "portfolio.pdf").stat().st_size > 10_000
