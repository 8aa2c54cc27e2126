"""Each problem stays one `file:line: field: message` line in every output.

Pelican's log handler wraps at 80 columns when the output is not a terminal, and at
the terminal's width when it is. Real builds (the pelican command, `make publish`) of a
post at a long path, with the output a pipe, a file, or a narrow pseudo-terminal.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from sitebuild import make_site, post

ROOT = Path(__file__).resolve().parent.parent
DEEP = "posts/a-rather-long-folder-name-for-the-summer-of-2011/and-one-more-level-of-it"
BAD = post(
    "A post with two problems",
    "actions:\n  - text: Finish the reading list\n    status: finished\n"
    "  - text: Book the room\n    priority: urgent",
)
EXPECTED = [
    f"content/{DEEP}/bad-status.md:6: actions[0].status: unknown status 'finished'; "
    "allowed: todo, doing, done, dropped",
    f"content/{DEEP}/bad-status.md:8: actions[1].priority: unknown priority 'urgent'; "
    "allowed: high, normal, low",
]


def site(tmp_path: Path, **settings) -> Path:
    return make_site(tmp_path / "site", {f"{DEEP}/bad-status.md": BAD}, **settings)


def pelican_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TERM")}
    env.update(extra)
    return env


def pelican(root: Path, **env_extra) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=root,
        env=pelican_env(**env_extra),
        capture_output=True,
        text=True,
    )


def lines_of(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines()]


def assert_whole_lines(text: str) -> None:
    found = lines_of(text)
    for expected in EXPECTED:
        assert expected in found, f"not one line: {expected!r} in\n{text}"
    assert len(EXPECTED[0]) > 120  # long enough that any wrapping would have cut it


@pytest.mark.parametrize("columns", [None, "40"])
def test_a_strict_build_into_a_pipe_prints_each_problem_whole(tmp_path, columns):
    root = site(tmp_path)
    result = pelican(root, **({"COLUMNS": columns} if columns else {}))
    assert result.returncode == 1
    assert_whole_lines(result.stdout + result.stderr)


def test_a_lenient_build_prints_each_problem_whole(tmp_path):
    root = site(tmp_path, REFLECTIVE_STRICT=False)
    result = pelican(root)
    assert result.returncode == 0, result.stderr
    assert_whole_lines(result.stdout + result.stderr)
    assert (root / "output" / "progress" / "index.html").is_file()


def test_make_publish_into_a_log_file_prints_each_problem_whole(tmp_path):
    root = site(tmp_path)
    log = tmp_path / "log"
    with open(log, "w") as handle:
        result = subprocess.run(
            [
                "make",
                "--no-print-directory",
                "-C",
                str(ROOT),
                "publish",
                f"INPUTDIR={root / 'content'}",
                f"OUTPUTDIR={tmp_path / 'out'}",
            ],
            env=pelican_env(SITEURL="https://me.example.org"),
            stdout=handle,
            stderr=subprocess.STDOUT,
            cwd=root,
        )
    assert result.returncode != 0
    text = log.read_text()
    for expected in EXPECTED:
        # make publish runs from the kit's folder: the path is the absolute one.
        name = expected.split(":", 1)[0]
        assert any(
            line.endswith(expected[len(name) :]) and line.startswith("/") for line in lines_of(text)
        ), text
    assert "publish: the build failed" in text


def test_a_narrow_terminal_gets_each_problem_whole(tmp_path):
    root = site(tmp_path)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"],
        cwd=root,
        env=pelican_env(TERM="xterm"),
        stdin=follower,
        stdout=follower,
        stderr=follower,
        close_fds=True,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed: the build is over
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=60)
    os.close(leader)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", b"".join(chunks).decode("utf-8", "replace"))
    assert process.returncode == 1
    assert_whole_lines(text.replace("\r\n", "\n"))


def test_the_workflow_turns_problem_lines_into_annotations():
    matcher_file = ROOT / ".github" / "reflective-problems.json"
    matcher = json.loads(matcher_file.read_text())["problemMatcher"][0]
    pattern = matcher["pattern"][0]
    regexp = re.compile(pattern["regexp"])
    match = regexp.match(EXPECTED[0])
    assert match.group(pattern["file"]) == f"content/{DEEP}/bad-status.md"
    assert match.group(pattern["line"]) == "6"
    assert match.group(pattern["message"]).startswith("actions[0].status: unknown status")
    no_line = regexp.match("content/posts/x.md: title: is missing")
    assert no_line.group(1) == "content/posts/x.md" and no_line.group(2) is None
    for other in ("publish: the gate passed; output now holds it", "Done: Processed 7 articles"):
        assert regexp.match(other) is None
    workflow = (ROOT / ".github/workflows/pages.yml").read_text()
    assert 'echo "::add-matcher::.github/reflective-problems.json"' in workflow
    assert workflow.index("::add-matcher::") < workflow.index("run: make publish")
