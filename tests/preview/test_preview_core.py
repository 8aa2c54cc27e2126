"""The preview's pure core: classifying saves, the build queue, syncing the output."""

import os
import threading

from reflective.core.afterbuild import after_build, kept, registered, remove
from reflective.preview import core, outputs

ROOT = "/site"
LAYOUT = core.Layout(
    content=f"{ROOT}/content",
    article_dirs=(f"{ROOT}/content/posts",),
    page_dirs=(f"{ROOT}/content/pages",),
    comment_dirs=(f"{ROOT}/content/comments",),
    settings_file=f"{ROOT}/pelicanconf.py",
    template_dirs=(f"{ROOT}/theme/templates",),
    theme=f"{ROOT}/theme",
    ignored_dirs=(f"{ROOT}/output", f"{ROOT}/output.tmp.serve"),
)
KNOWN = {f"{ROOT}/content/posts/old.md", f"{ROOT}/content/posts/gone.md"}
EXISTING = KNOWN - {f"{ROOT}/content/posts/gone.md"} | {
    f"{ROOT}/content/posts/new.md",
    f"{ROOT}/content/pages/about.md",
    f"{ROOT}/content/comments/old/1.yaml",
    f"{ROOT}/content/images/a.png",
}


def kind(path):
    return core.classify(path, LAYOUT, KNOWN.__contains__, EXISTING.__contains__)


def test_each_kind_of_change_is_told_apart():
    assert kind(f"{ROOT}/content/posts/old.md") is core.Kind.POST_EDITED
    assert kind(f"{ROOT}/content/posts/new.md") is core.Kind.POST_ADDED
    assert kind(f"{ROOT}/content/posts/gone.md") is core.Kind.POST_DELETED
    assert kind(f"{ROOT}/content/pages/about.md") is core.Kind.PAGE
    assert kind(f"{ROOT}/content/comments/old/1.yaml") is core.Kind.COMMENT
    assert kind(f"{ROOT}/content/images/a.png") is core.Kind.CONTENT
    assert kind(f"{ROOT}/theme/templates/base.html") is core.Kind.TEMPLATE
    assert kind(f"{ROOT}/theme/static/css/main.css") is core.Kind.THEME
    assert kind(f"{ROOT}/pelicanconf.py") is core.Kind.SETTINGS


def test_editor_scratch_files_and_the_output_are_ignored():
    for name in ("old.md.swp", "old.md~", ".#old.md", "4913", "#old.md#", "x___jb_tmp___"):
        assert kind(f"{ROOT}/content/posts/{name}") is core.Kind.IGNORED, name
    assert kind(f"{ROOT}/content/.git/index") is core.Kind.IGNORED
    assert kind(f"{ROOT}/output/index.html") is core.Kind.IGNORED
    assert kind(f"{ROOT}/output.tmp.serve/index.html") is core.Kind.IGNORED
    # a post that came and went between two looks (an editor's temporary copy)
    assert kind(f"{ROOT}/content/posts/never.md") is core.Kind.IGNORED
    # a folder just made (for a comment, say): its files will come as their own events
    folder = f"{ROOT}/content/comments/new-post"
    assert core.classify(
        folder, LAYOUT, KNOWN.__contains__, lambda p: True, {folder}.__contains__
    ) is (core.Kind.IGNORED)


def test_an_atomic_save_is_an_edit_whatever_the_watcher_called_it():
    # the path is known and exists: edited, though the watcher saw delete + add
    plan = core.plan(
        [f"{ROOT}/content/posts/old.md"] * 2, LAYOUT, KNOWN.__contains__, EXISTING.__contains__
    )
    assert plan.quick == [f"{ROOT}/content/posts/old.md"]
    assert plan.full and not plan.reload_settings


def test_plans():
    def make(*names):
        return core.plan(
            [f"{ROOT}/{n}" for n in names], LAYOUT, KNOWN.__contains__, EXISTING.__contains__
        )

    edit_and_add = make("content/posts/old.md", "content/posts/new.md")
    assert edit_and_add.quick == [f"{ROOT}/content/posts/old.md"] and edit_and_add.full
    assert make("content/posts/old.md", "theme/templates/base.html").quick == []
    settings = make("content/posts/old.md", "pelicanconf.py")
    assert settings.quick == [] and settings.reload_settings and settings.full
    ignored = make("content/posts/old.md.swp", "output/index.html")
    assert ignored.empty and not ignored.full
    assert make("content/posts/gone.md").quick == [] and make("content/posts/gone.md").full
    assert "post edited" in edit_and_add.describe() and "post added" in edit_and_add.describe()


def test_the_queue_coalesces_saves_and_never_drops_one():
    queue = core.BuildQueue()
    assert queue.take(timeout=0) is None
    queue.put(["a"])
    queue.put(["b", "a"])
    assert queue.stale.is_set()
    assert queue.take(timeout=0) == {"a", "b"}
    assert not queue.stale.is_set() and queue.taken == queue.saves == 2
    queue.put([])  # nothing: not a save
    assert queue.saves == 2

    got = []
    taker = threading.Thread(target=lambda: got.append(queue.take(timeout=10)))
    taker.start()
    queue.put(["c"])
    taker.join(10)
    assert got == [{"c"}]
    queue.close()
    assert queue.take(timeout=10) is None


def test_visible_changes():
    assert core.visible(["posts/a/index.html"])
    assert core.visible(["theme/css/main.css"])
    assert not core.visible(["progress.json", "actions.ics"])
    assert not core.visible([])


def write(root, name, data):
    path = os.path.join(root, *name.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as handle:
        handle.write(data)


def tree(root):
    found = {}
    for folder, _dirs, names in os.walk(root):
        for name in names:
            full = os.path.join(folder, name)
            with open(full, "rb") as handle:
                found[os.path.relpath(full, root)] = handle.read()
    return found


def test_sync_makes_the_output_equal_to_the_build(tmp_path):
    staging, output = str(tmp_path / "staging"), str(tmp_path / "output")
    built = {"index.html": b"new", "same.html": b"same", "a/b/new.css": b"x"}
    for name, data in built.items():
        write(staging, name, data)
    for name, data in {
        "index.html": b"old",
        "same.html": b"same",
        "old/post/index.html": b"gone",
        "pagefind/index.json": b"kept",
    }.items():
        write(output, name, data)
    expected = {**tree(staging), "pagefind/index.json": b"kept"}
    same_inode = os.stat(os.path.join(output, "same.html")).st_ino

    changed = outputs.sync(staging, output, keep=["pagefind"])

    assert tree(output) == expected
    assert sorted(changed) == ["a/b/new.css", "index.html", "old/post/index.html"]
    assert os.stat(os.path.join(output, "same.html")).st_ino == same_inode  # untouched
    assert not os.path.exists(os.path.join(output, "old"))  # empty folders pruned
    for name, data in built.items():  # the same build again: nothing to do
        write(staging, name, data)
    assert outputs.sync(staging, output, keep=["pagefind"]) == []


def test_hooks_register_by_name():
    def hook(output, changed):
        return None

    after_build("test-hook", hook, keep=("pagefind",))
    after_build("test-hook", hook, keep=("pagefind",))
    try:
        assert [h.name for h in registered()].count("test-hook") == 1
        assert "pagefind" in kept()
    finally:
        remove("test-hook")
    assert "test-hook" not in [h.name for h in registered()]


def test_a_comment_file_names_its_post_by_the_folder():
    folder = f"{ROOT}/content/comments"
    assert core.comment_slug(f"{folder}/thing-6-networks/2011-07-19-priya.md", folder) == (
        "thing-6-networks"
    )
    assert core.comment_slug(f"{folder}/stray.md", folder) is None
    assert core.comment_slug(f"{folder}/new-post", folder, is_folder=True) == "new-post"
    assert core.comment_slug(f"{ROOT}/content/posts/a.md", folder) is None
    plan = core.plan(
        [f"{folder}/old/1.yaml", f"{ROOT}/content/posts/old.md"],
        LAYOUT,
        KNOWN.__contains__,
        EXISTING.__contains__,
    )
    assert plan.comments == [f"{folder}/old/1.yaml"] and plan.full
