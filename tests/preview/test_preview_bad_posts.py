"""`make serve`'s server (scripts/serve.py): serves, rebuilds on change, survives bad posts."""

import time

import pytest

from served import Served, fetch
from sitebuild import make_site, post, wait_for

GOOD = post("Good", "thing: 1\nactions:\n  - {id: good, text: Good action}", date="2011-06-01")


@pytest.mark.parametrize("strict", [False, True])
def test_serve_rebuilds_and_survives_bad_posts(tmp_path, strict):
    root = make_site(tmp_path, {"posts/good.md": GOOD}, THEME="simple", REFLECTIVE_STRICT=strict)
    server = Served(root)
    try:
        wait_for(lambda: "Good action" in fetch(server.base + "progress/")[1], "the first build")
        assert "livereload.js" in fetch(server.base)[1]

        later = root / "content" / "posts" / "later.md"
        later.write_text(post("Later", "actions:\n  - {id: later, text: Later, status: finished}"))
        wait_for(lambda: "unknown status 'finished'" in server.log(), "the problem to be reported")
        time.sleep(1)
        assert server.process.poll() is None

        later.write_text(
            post("Later", "actions:\n  - {id: later, text: Fixed later, status: done}")
        )
        wait_for(lambda: "Fixed later" in fetch(server.base + "progress/")[1], "the fixed build")
        assert server.process.poll() is None
    finally:
        server.stop()
