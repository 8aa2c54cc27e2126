"""The preview's memory over many saves (issue 24): what a save replaced is freed once
it settles.

The builder loop (`PreviewLoop`) in this process, its full builds in their own process,
on a generated site; each save is a body edit left to settle ("up to date"). The post
a quick render replaced holds reference cycles (with the site model and comment
threads rebuilt with it), so only a full collection frees it; the loop runs one when a
save settles. Without it the replaced copies piled up until Python's own full collection,
which waits for a quarter of the whole site's objects (1 MiB a save at 200 posts in the
server's resident memory). Object lifetimes, not times or sizes: no clock in the test.
"""

import logging
import os
import time
import weakref

import pytest

from reflective.preview.serve import PreviewLoop
from reflective.preview.site import PreviewSite

from served import make_project

pytestmark = pytest.mark.slow
SAVES = 6


def wait_settled(loop: PreviewLoop, builds: int) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if loop.builds > builds and loop.idle.is_set() and not loop.queue.pending():
            return
        time.sleep(0.05)
    raise AssertionError("the preview did not settle")


def test_a_settled_save_leaves_nothing_replaced_in_memory(tmp_path, monkeypatch):
    root = make_project(tmp_path / "site", 24)
    monkeypatch.chdir(root)
    site = PreviewSite(["content", "-s", "pelicanconf.py"], "output")
    loop = PreviewLoop(site, lambda _path: None, logging.WARNING)
    loop.start()
    try:
        wait_settled(loop, 0)
        posts = sorted((root / "content" / "posts").glob("*.md"))
        target = next(path for path in posts if site.known_post(str(path)))
        alive = []
        for number in range(1, SAVES + 1):
            builds = loop.builds
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(f"\n\nA line the writer added in save {number}.\n")
            wait_settled(loop, builds)
            current = site._find(os.path.abspath(target))
            assert current is not None
            assert f"save {number}." in current.content  # the quick render's copy
            alive.append(weakref.ref(current))
        # each copy was replaced by the next save's; the one replaced last is at times
        # still referenced when the loop collects (not traced yet; the next save's
        # collection frees it): one copy, not a pile
        kept = [number for number, ref in enumerate(alive[:-2], 1) if ref() is not None]
        assert kept == [], f"the copies of saves {kept} are still in memory"
        assert alive[-1]() is not None
    finally:
        loop.stop()
