"""`make serve`: a bad save is reported once and the server goes on; post-build hooks."""

import re
import time

import pytest

from served import Served, assert_same_as_clean_build, make_project

pytestmark = pytest.mark.slow
HOOK_PLUGINS = str(__import__("pathlib").Path(__file__).parent / "plugins")


def test_a_bad_save_is_reported_once_and_a_fix_clears_it(tmp_path):
    root = make_project(tmp_path / "site", 30)
    server = Served(root)
    try:
        server.wait_settled(0)
        post = next(
            p
            for p in sorted((root / "content" / "posts").glob("*.md"))[3:]
            if "\nactions:\n- text: " in p.read_text(encoding="utf-8")
        )
        good = post.read_text(encoding="utf-8")
        before = server.settled()
        post.write_text(
            good.replace("\nactions:\n- text: ", "\nactions:\n- status: finished\n  text: ", 1),
            encoding="utf-8",
        )
        server.wait_settled(before)
        log = server.log()
        assert re.search(r"preview: posts/\S+ shown in", log)  # shown at once, problem and all
        assert log.count("unknown status 'finished'") == 1  # not again by the full build
        assert server.process.poll() is None

        before = server.settled()
        post.write_text(good, encoding="utf-8")
        server.wait_settled(before)
        assert server.log().count("unknown status 'finished'") == 1
        assert_same_as_clean_build(root)
    finally:
        server.stop()


def test_post_build_hooks_run_after_each_build_and_keep_their_files(tmp_path):
    root = make_project(tmp_path / "site", 20)
    settings = root / "pelicanconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8")
        + f"PLUGIN_PATHS = PLUGIN_PATHS + [{HOOK_PLUGINS!r}]\n"
        + "PLUGINS = PLUGINS + ['preview_test_hook']\n",
        encoding="utf-8",
    )
    runs = root / "output" / "hooked" / "runs.txt"
    server = Served(root)
    try:
        server.wait_settled(0)
        deadline = time.monotonic() + 30
        while not runs.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        first = runs.read_text(encoding="utf-8").splitlines()
        assert len(first) == 1 and int(first[0].split()[0]) > 20  # every file, the first time

        post = sorted((root / "content" / "posts").glob("*.md"))[4]
        before = server.settled()
        post.write_text(
            post.read_text(encoding="utf-8").replace("\n---\n", "\n---\nHooked.\n\n", 1),
            encoding="utf-8",
        )
        server.wait_settled(before)
        deadline = time.monotonic() + 30
        while len(runs.read_text().splitlines()) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        second = runs.read_text(encoding="utf-8").splitlines()
        assert len(second) == 2  # kept across the sync, and called again
        assert 1 <= int(second[1].split()[0]) < int(first[0].split()[0])
    finally:
        server.stop()
