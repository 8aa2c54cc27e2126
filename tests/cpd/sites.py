"""Fixture sites for the CPD tests: posts with hours, activities and competencies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fixtures_cli.support import _env

from sitebuild import REPO, make_site, post

BIN = Path(sys.executable).parent

POSTS = {
    "posts/a.md": post(
        "Thing 1: Starting out",
        """
        thing: 1
        tags: [blogging]
        hours: 2
        activity: writing
        competencies: ["3.1", "2.2"]
        actions:
          - id: weekly-post
            text: Post once a week
            every: week
          - text: Tell my manager about the SECRET-PLAN-ALPHA
            private: true
        """,
        body="## What\n\nI began a blog. See [the next one]({filename}b.md).\n\n- [x] set it up\n",
        date="2011-06-20",
    ),
    "posts/b.md": post(
        "Thing 2: Reading other blogs",
        """
        thing: 2
        tags: [reading]
        hours: 1.5
        activity: reading
        competencies: ["1.1"]
        portfolio: true
        actions:
          - id: feed-reader
            text: Set up a feed reader
            due: 2011-07-10
        updates:
          - action: weekly-post
            note: Two weeks running.
        """,
        body="Reading is writing's other half.\n",
        date="2011-06-27",
    ),
    "posts/c.md": post(
        "A conference day",
        """
        tags: [conference]
        hours: 6
        activity: event
        competencies: ["2.4"]
        updates:
          - action: feed-reader
            status: done
            note: Done with a desktop reader.
        """,
        body="Notes from the day.\n",
        date="2012-01-16",
    ),
    "posts/d.md": post(
        "Thing 3: A draft about DRAFT-ONLY-WORDS",
        """
        thing: 3
        status: draft
        hours: 4
        activity: course
        actions:
          - text: A draft action DRAFT-ACTION-TEXT
        """,
        body="DRAFT-BODY-TEXT\n",
        date="2012-01-20",
    ),
}


def cpd_site(root: Path, posts: dict | None = None, **settings) -> Path:
    settings.setdefault("REFLECTIVE_FRAMEWORK", "digcomp")
    settings.setdefault("THEME", str(REPO / "theme"))
    settings.setdefault("ARTICLE_PATHS", ["posts"])
    return make_site(root, dict(POSTS if posts is None else posts), **settings)


def reflective(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "reflective"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=_env(),
        timeout=300,
    )
