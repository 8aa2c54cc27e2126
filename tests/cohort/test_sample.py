"""The sample site's cohort: its committed cache is what the real fetch makes."""

from __future__ import annotations

import json
import subprocess
import sys

from sitebuild import REPO


def test_the_committed_cache_is_reproduced_by_fetching(tmp_path):
    cache = tmp_path / "cache"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "sample_cohort.py"), "--cache", str(cache)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Sam Lee: failed the server answered HTTP 503" in result.stdout
    made = {p.name: json.loads(p.read_text("utf-8")) for p in cache.glob("*.json")}
    committed = {
        p.name: json.loads(p.read_text("utf-8")) for p in (REPO / "cohort-cache").glob("*.json")
    }
    assert made == committed  # regenerate with: python scripts/sample_cohort.py
    assert {r["name"]: r["status"] for r in made.values()} == {
        "Priya Raman": "ok",
        "Tom Okafor": "ok",
        "Hannah Weiss": "ok",
        "Dev Mistry": "ok",
        "Sam Lee": "stale",
        "Morag Bell": "failed",
    }
