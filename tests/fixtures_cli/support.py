"""Helpers for the CLI tests: copies of fixture sites, the real command, real builds.

`run` starts the installed `reflective` console script (or `python -m reflective`) in
a subprocess; `build` runs Pelican on a site; `generate_site` writes a large site for
measuring `reflective check`.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).parent
BIN = Path(sys.executable).parent
PROBLEM_LINE = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+): (?P<field>[^:]+): (?P<msg>.+)$")


def copy_site(name: str, destination: Path) -> Path:
    """A fresh copy of the fixture site `name` (site, bad) under `destination`."""
    target = destination / name
    shutil.copytree(HERE / name, target)
    return target


CACHE_HOME = tempfile.mkdtemp(prefix="reflective-cli-tests-cache-")


def _env(extra: dict | None = None) -> dict:
    env = dict(os.environ)
    env.pop("REFLECTIVE_DEBUG", None)
    env["XDG_CACHE_HOME"] = CACHE_HOME  # the CLI's cache of read posts, not the user's
    env["COLUMNS"] = "120"
    env.update(extra or {})
    return env


def run(*args: str, cwd: Path, module: bool = False, env: dict | None = None):
    """The real command in a subprocess; returns the CompletedProcess (text)."""
    command = [sys.executable, "-m", "reflective"] if module else [str(BIN / "reflective")]
    return subprocess.run(
        command + list(args), cwd=cwd, capture_output=True, text=True, env=_env(env), timeout=120
    )


def build(site: Path, output: Path, settings: str = "pelicanconf.py", env: dict | None = None):
    """A real Pelican build of `site` into `output` (plain log lines)."""
    return subprocess.run(
        [
            str(BIN / "pelican"),
            "content",
            "-o",
            str(output),
            "-s",
            settings,
            "--log-handler",
            "plain",
        ],
        cwd=site,
        capture_output=True,
        text=True,
        env=_env(env),
        timeout=300,
    )


def problem_lines(text: str) -> list[str]:
    """The `file:line: field: message` lines in some output, stripped."""
    return [line.strip() for line in text.splitlines() if PROBLEM_LINE.match(line.strip())]


def progress(output: Path) -> dict:
    return json.loads((output / "progress.json").read_text(encoding="utf-8"))


def generate_site(root: Path, posts: int = 1000, seed: int = 23) -> Path:
    """A site of `posts` posts with actions and updates, all valid (cpd23)."""
    rng = random.Random(seed)
    folder = root / "content" / "posts"
    folder.mkdir(parents=True)
    (root / "pelicanconf.py").write_text(
        'PATH = "content"\nARTICLE_PATHS = ["posts"]\nTIMEZONE = "UTC"\n'
        'PLUGINS = ["reflective"]\nREFLECTIVE_TODAY = "2014-01-01"\n',
        encoding="utf-8",
    )
    ids: list[str] = []
    statuses = ["todo", "doing", "done", "dropped"]
    for number in range(posts):
        day = f"2011-{1 + number % 12:02d}-{1 + number % 28:02d}"
        lines = [
            "---",
            f"title: Post {number}",
            f"date: {day}",
            f"thing: {1 + number % 23}",
            "tags: [cpd23, generated]",
            "actions:",
        ]
        for index in range(3):
            action_id = f"p{number}-a{index}"
            lines += [
                f"  - id: {action_id}",
                f"    text: Action {index} of post {number}, with a [link](https://example.org/{number})",
                f"    due: 2012-{1 + index:02d}-15",
                f"    priority: {rng.choice(['high', 'normal', 'low'])}",
            ]
            ids.append(action_id)
        lines.append(f"  - A bare action in post {number}")
        if ids[:-3]:
            lines.append("updates:")
            for _ in range(2):
                lines += [
                    f"  - action: {rng.choice(ids[:-3])}",
                    f"    status: {rng.choice(statuses)}",
                    "    note: An update.",
                ]
        lines += ["---", "", f"Body of post {number}.", "", "Some *Markdown* text. " * 20, ""]
        (folder / f"{day}-post-{number}.md").write_text("\n".join(lines), encoding="utf-8")
    return root
