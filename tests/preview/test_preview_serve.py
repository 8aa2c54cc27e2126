"""`make serve` (scripts/serve.py, the real server in a subprocess) on a generated site.

After each kind of change the served folder, once the loop settles, is byte-identical to
a clean build of the same content; the edited post is shown before the full rebuild;
pages are answered while a build runs. With the Reflective plugin on and off.
"""

import re
import time

import pytest

from served import Served, assert_same_as_clean_build, fetch, make_project

pytestmark = pytest.mark.slow


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("plugin", [True, False], ids=["plugin-on", "plugin-off"])
def test_every_kind_of_change_ends_as_a_clean_build(tmp_path, plugin):
    root = make_project(tmp_path / "site", 40, plugin=plugin)
    posts = sorted((root / "content" / "posts").glob("*.md"))
    server = Served(root)
    try:
        server.wait_settled(0)
        assert fetch(server.base)[0] == 200
        assert_same_as_clean_build(root)

        def step(change):
            before = server.settled()
            change()
            server.wait_settled(before)
            assert_same_as_clean_build(root)

        # an edit: body, a title (a new address: the old page goes), an action's status
        # (without the plugin, Pelican's own reader fails on some of the YAML: not those)
        target = next(
            p for p in posts[5:] if f"Could not process posts/{p.name}" not in server.log()
        )
        text = target.read_text(encoding="utf-8")
        title = re.search(r"^title: (.*)$", text, re.M).group(1)
        step(lambda: edit(target, "\n---\n", "\n---\nA sentence written in the preview.\n\n"))
        assert "quick render" not in server.log()  # nothing fell back with a warning
        assert re.search(r"preview: posts/\S+ shown in", server.log())
        step(lambda: edit(target, f"title: {title}", "title: A renamed post for the preview"))
        if "status: todo" in target.read_text(encoding="utf-8"):
            step(lambda: edit(target, "status: todo", "status: done"))

        # a post added, renamed (its file), deleted
        new = root / "content" / "posts" / "2012-12-01-new.md"
        step(lambda: new.write_text("---\ntitle: A new post\ndate: 2012-12-01\n---\nHello.\n"))
        renamed = root / "content" / "posts" / "2012-12-01-renamed.md"
        step(lambda: new.rename(renamed))
        step(lambda: posts[7].unlink())

        # a comment file (issue 13's content/comments/), a template, the settings
        # a comment on the edited post (its folder is named after the post's slug): the
        # post is shown again at once, its comment included with the plugin on
        slug = "a-renamed-post-for-the-preview"
        comment = root / "content" / "comments" / slug / "2012-12-02-reader.md"

        def add_comment():
            comment.parent.mkdir(parents=True, exist_ok=True)
            comment.write_text(
                "---\nid: reader-1\nauthor: A reader of the preview\ndate: 2012-12-02\n---\n"
                "Thanks for this.\n"
            )

        shown = server.count(r"shown in")
        step(add_comment)
        assert server.count(r"shown in") > shown
        if plugin:
            page = next((root / "output" / "posts").glob(f"*/{slug}/index.html"))
            assert "A reader of the preview" in page.read_text(encoding="utf-8")
        base_html = root / "theme" / "templates" / "base.html"
        step(lambda: edit(base_html, "</body>", "<!-- changed in a test --></body>"))
        step(
            lambda: edit(
                root / "pelicanconf.py", "DEFAULT_PAGINATION = 4", "DEFAULT_PAGINATION = 3"
            )
        )
        assert server.process.poll() is None
    finally:
        server.stop()


def test_pages_are_answered_during_a_rebuild(tmp_path):
    root = make_project(tmp_path / "site", 120)
    server = Served(root)
    try:
        # during the first build: a page that reloads itself when the site is there
        deadline = time.monotonic() + 60
        status, html = fetch(server.base, timeout=10)
        while status == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
            status, html = fetch(server.base, timeout=10)
        assert server.settled() == 0, "the first build was done before the server answered"
        assert status == 503 and "Building the site" in html and "livereload" in html
        server.wait_settled(0)
        assert fetch(server.base)[0] == 200
        before = server.settled()
        base_html = root / "theme" / "templates" / "base.html"
        edit(base_html, "</body>", "<!-- a template change: a full rebuild --></body>")
        deadline = time.monotonic() + 60
        while "preview: template" not in server.log() and time.monotonic() < deadline:
            time.sleep(0.02)
        assert "preview: template" in server.log()
        status, html = fetch(server.base + "progress/", timeout=10)
        answered_during_build = server.settled() == before
        assert status == 200 and "</html>" in html
        assert answered_during_build, "the build finished before the page was asked for"
        server.wait_settled(before)
    finally:
        server.stop()
