"""Fixtures for the cohort tests: a participant's site built with this kit, once."""

from __future__ import annotations

import pytest

from sitebuild import build, make_site, post


@pytest.fixture(scope="session")
def built_participant(tmp_path_factory):
    """A real published site of another participant: its output folder (progress.json)."""
    root = tmp_path_factory.mktemp("participant")
    make_site(
        root,
        {
            "one.md": post("Thing 1: blogging & <b>me</b>", "thing: 1", date="2011-06-20"),
            "three.md": post("Thing 3: my brand", "thing: 3", date="2011-07-04"),
            "eight.md": post("Things 8 and 9: calendars", "thing: [8, 9]", date="2011-08-01"),
            "bonus.md": post("A bonus post", "", date="2011-08-10"),
        },
        SITEURL="",
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "output"
