"""`pelican -r` (what `make serve` runs): problems come and go, the server never dies."""

import os
import subprocess
import sys
import time

import pytest

from sitebuild import make_site, post, wait_for

GOOD = post("Good", "thing: 1\nactions:\n  - {id: good, text: Good action}", date="2011-06-01")
BAD = post("Later", "actions:\n  - {id: later, text: Later, status: finished}", date="2011-07-01")
FIXED = post("Later", "actions:\n  - {id: later, text: Later, status: done}", date="2011-07-01")


@pytest.fixture
def autoreload(tmp_path):
    processes = []

    def start(**settings):
        root = make_site(tmp_path, {"posts/good.md": GOOD}, THEME="simple", **settings)
        log = open(root / "log.txt", "w")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pelican",
                "content",
                "-o",
                "output",
                "-s",
                "pelicanconf.py",
                "-r",
                "--log-handler",
                "plain",
            ],
            cwd=root,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=dict(os.environ, COLUMNS="200"),
        )
        processes.append(process)
        return root, process

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=10)


def read(path):
    return path.read_text(encoding="utf-8") if path.exists() else ""


def edit(path, text):
    path.write_text(text)
    stat = path.stat()
    os.utime(path, (stat.st_atime + 2, stat.st_mtime + 2))


@pytest.mark.parametrize("strict", [False, True])
def test_fixing_a_post_clears_its_error_and_the_process_survives(autoreload, strict):
    root, process = autoreload(REFLECTIVE_STRICT=strict)
    progress = root / "output" / "progress.json"
    log = root / "log.txt"
    wait_for(lambda: '"good"' in read(progress), "the first build")
    # Pelican looks for changes only once a build has returned (a save before that is
    # missed): wait for the build's last line, and a moment for its watcher to start.
    wait_for(lambda: "Done: Processed" in read(log), "the first build to end")
    time.sleep(0.5)

    bad = root / "content" / "posts" / "later.md"
    edit(bad, BAD)
    wait_for(lambda: "unknown status 'finished'" in read(log), "the problem to be reported")
    # strict or not, an autoreloading build reports and goes on (a stop would busy-loop)
    wait_for(lambda: '"later"' in read(progress), "the build to show the post")
    time.sleep(1)
    assert process.poll() is None, read(log)

    reported = read(log).count("unknown status 'finished'")
    edit(bad, FIXED)
    wait_for(lambda: '"status": "done"' in read(progress), "the fixed build")
    time.sleep(1.5)
    assert process.poll() is None, read(log)
    assert read(log).count("unknown status 'finished'") == reported
