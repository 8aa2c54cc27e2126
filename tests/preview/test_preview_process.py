"""The full build in a process of its own (issue 24): a save during a full build is shown
without waiting for it, a cancelled or killed build leaves nothing in the served folder,
and a restarted server shows a post saved while it was off before its full build.

Order of events is read from the server's log (never wall-clock times).
"""

import logging
import re
import time

import pytest

from served import Served, assert_same_as_clean_build, fetch, make_project, tree

pytestmark = pytest.mark.slow


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def wait_for(server, pattern, after=0, timeout=180):
    """The position in the log of the first match of `pattern` after `after`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail(f"the server stopped:\n{server.log()}")
        found = re.compile(pattern).search(server.log(), after)
        if found:
            return found.start()
        time.sleep(0.02)
    pytest.fail(f"no {pattern!r} in the log after {after}:\n{server.log()[-4000:]}")


def editable_post(root):
    return sorted((root / "content" / "posts").glob("*.md"))[10]


def test_a_save_during_a_full_build_is_shown_before_that_build_ends(tmp_path):
    root = make_project(tmp_path / "site", 120)
    target = editable_post(root)
    server = Served(root)
    try:
        server.wait_settled(0)
        before = server.settled()
        start = len(server.log())
        # a template change: a full build only, every page written again
        base_html = root / "theme" / "templates" / "base.html"
        edit(base_html, "</body>", "<!-- a template change for the test --></body>")
        building = wait_for(server, r"preview: template", start)
        # the full build is running: it is writing pages with the new template
        staging = root / "output.tmp.serve"
        deadline = time.monotonic() + 120
        while not any(
            "a template change for the test" in page.read_text(encoding="utf-8", errors="replace")
            for page in staging.glob("*.html")
        ):
            assert time.monotonic() < deadline, server.log()
            time.sleep(0.01)
        edit(target, "\n---\n", "\n---\nA sentence saved while the site was building.\n\n")
        saved = wait_for(server, r"preview: post edited", building)
        shown = wait_for(server, r"preview: posts/\S+ shown in", saved)
        log = server.log()
        rebuilt = [m.start() for m in re.finditer(r"site rebuilt in", log)]
        # the full build the template started had not finished when the save came...
        assert not [at for at in rebuilt if building < at < saved], log[start:]
        # ...the save was shown before any full build finished, and that build stopped
        assert not [at for at in rebuilt if saved < at < shown], log[start:]
        wait_for(server, r"a newer save arrived; the full build stops", building)
        server.wait_settled(before)
        assert_same_as_clean_build(root)
        assert server.process.poll() is None
    finally:
        server.stop()


def test_a_restarted_server_shows_a_post_saved_while_it_was_off_first(tmp_path):
    root = make_project(tmp_path / "site", 60)
    target = editable_post(root)
    server = Served(root)
    try:
        server.wait_settled(0)
    finally:
        server.stop()
    marker = "A sentence saved while the server was off."
    edit(target, "\n---\n", f"\n---\n{marker}\n\n")
    server = Served(root)
    try:
        # it answers from the last output at once, before any build of this session
        deadline = time.monotonic() + 60
        status, _ = fetch(server.base)
        while status != 200 and time.monotonic() < deadline:
            time.sleep(0.05)
            status, _ = fetch(server.base)
        assert status == 200
        off = wait_for(server, r"1 post\(s\) saved while the server was off")
        shown = wait_for(server, r"shown in", off)
        rebuilt = wait_for(server, r"site rebuilt in", 0)
        assert off < shown < rebuilt, server.log()
        server.wait_settled(0)
        assert marker in "".join(
            p.read_text(encoding="utf-8") for p in (root / "output" / "posts").rglob("index.html")
        )
        assert_same_as_clean_build(root)
    finally:
        server.stop()


# -- the build process itself, driven as the server drives it ----------------------------


@pytest.fixture
def build_process(tmp_path, monkeypatch):
    from reflective.preview import outputs
    from reflective.preview.worker import BuildProcess

    root = make_project(tmp_path / "site", 30)
    monkeypatch.chdir(root)
    process = BuildProcess(
        ["content", "-s", "pelicanconf.py"], str(root / "output"), logging.WARNING
    )

    def build():
        process.start({"keep": [], "seen": []})
        result = None
        while result is None:
            result = process.result(0.1)
        return result

    def apply(result):
        if "direct" in result:
            return result["direct"]
        return outputs.apply(
            result["staging"], str(root / "output"), result["replace"], result["remove"]
        )

    yield root, process, build, apply
    process.stop()


def test_a_finished_build_applied_equals_a_clean_build(build_process):
    root, process, build, apply = build_process
    first = build()  # into the empty output folder: written there directly
    assert first["ok"] and not first["cancelled"] and first["direct"]
    assert_same_as_clean_build(root)
    served = tree(root / "output")
    target = editable_post(root)
    edit(target, "\n---\n", "\n---\nA sentence for the build process.\n\n")
    result = build()
    assert result["ok"] and result["replace"] and "direct" not in result
    assert tree(root / "output") == served  # the build process never writes there
    apply(result)
    assert_same_as_clean_build(root)
    # unchanged content: the next build finds nothing to replace or remove
    again = build()
    assert again["ok"] and again["replace"] == [] and again["remove"] == []
    assert process.started == 1  # one process kept for every build


def test_a_cancelled_or_killed_build_leaves_the_served_folder_alone(build_process):
    root, process, build, apply = build_process
    apply(build())
    served = tree(root / "output")
    base_html = root / "theme" / "templates" / "base.html"
    edit(base_html, "</body>", "<!-- never served half-built --></body>")

    process.start({"keep": [], "seen": []})
    process.cancel()
    result = None
    while result is None:
        result = process.result(0.1)
    assert result["cancelled"] and not result["ok"]
    assert tree(root / "output") == served

    process.start({"keep": [], "seen": []})
    process.kill()  # what the server does to a build that does not stop
    assert tree(root / "output") == served
    result = build()  # a new process takes the next job
    assert result["ok"] and process.started == 2
    assert tree(root / "output") == served  # until the server applies it
    apply(result)
    assert_same_as_clean_build(root)


def test_a_cache_cut_short_is_written_whole_again(build_process):
    """A build process killed while it wrote the content cache (before issue 24's
    atomic writes) left a file every later build failed on."""
    root, process, build, apply = build_process
    apply(build())
    cache = root / "output.tmp.serve-cache"
    files = [p for p in cache.iterdir() if p.name not in ("fingerprint", "built")]
    assert files
    for path in files:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    edit(editable_post(root), "\n---\n", "\n---\nA sentence after the cache broke.\n\n")
    result = build()
    assert result["ok"], result
    apply(result)
    assert_same_as_clean_build(root)
    assert not list(cache.glob("*.tmp"))  # written into a temporary file, then renamed
    again = build()
    assert again["ok"] and again["replace"] == []
