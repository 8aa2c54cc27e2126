"""Comment files read once per process: the memo of parsed files (`core.FileCache`)
gives exactly what a fresh read gives, and the cheap "did you mean" for a comment folder
that names no post (`conversation.closest_slug`) answers exactly as difflib does."""

from __future__ import annotations

import os
import random

from pelican import Pelican
from pelican.settings import read_settings

from reflective.comments import conversation, core
from reflective.core.problems import closest
from tests.comments.test_build import PUBLISHED, comment, files

from sitebuild import build, make_site, output_files, post


def fields(items):
    return [(f.name, f.folder, f.data, f.problems) for f in items]


def write_keeping_stamp(path, text):
    """Rewrite a file with the same size and modification time (a coarse clock, or a
    tool that restores times): only the change time tells."""
    before = os.stat(path)
    assert len(text.encode()) == before.st_size
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_mtime_ns == before.st_mtime_ns


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(tmp_path):
    root = tmp_path / "comments"
    (root / "a-post").mkdir(parents=True)
    one, two = root / "a-post" / "one.md", root / "a-post" / "two.md"
    one.write_text(comment("c1", "First words."), encoding="utf-8")
    two.write_text(comment("c2", "Other words."), encoding="utf-8")
    cache = core.FileCache()
    first = core.read_folder(str(root), cache=cache)
    assert (cache.hits, cache.misses) == (0, 2)
    again = core.read_folder(str(root), cache=cache)
    assert (cache.hits, cache.misses) == (2, 2)
    assert fields(again) == fields(first)

    # Same size, same modification time, different bytes: read again.
    write_keeping_stamp(one, comment("c9", "Fixed words."))
    changed = core.read_folder(str(root), cache=cache)
    assert changed[0].data["id"] == "c9" and changed[0].data["body"] == "Fixed words."
    assert fields(changed) == fields(core.read_folder(str(root), cache=core.FileCache()))

    # A new problem shows at once; its fix clears it.
    two.write_text(comment("c2", "Other words.", website="mailto:x@y.example"), "utf-8")
    assert [p.field for f in core.read_folder(str(root), cache=cache) for p in f.problems] == [
        "website"
    ]
    two.write_text(comment("c2", "Other words."), encoding="utf-8")
    assert not any(f.problems for f in core.read_folder(str(root), cache=cache))


def test_the_memo_forgets_deleted_files_and_callers_cannot_change_it(tmp_path):
    root = tmp_path / "comments"
    (root / "a-post").mkdir(parents=True)
    for number in range(3):
        (root / "a-post" / f"c{number}.md").write_text(comment(f"c{number}", "Hi."), "utf-8")
    (root / "loose.md").write_text(comment("loose", "Not in a folder."), "utf-8")
    cache = core.FileCache()
    items = core.read_folder(str(root), cache=cache)
    assert [f.folder for f in items] == ["a-post"] * 3 + [None]
    items[0].data["answers"].append("changed")
    items[0].data["body"] = "changed"
    items[0].problems.append("changed")
    (root / "a-post" / "c2.md").unlink()
    again = core.read_folder(str(root), cache=cache)
    assert len(cache.entries) == 3 and len(again) == 3
    assert again[0].data["answers"] == [] and again[0].data["body"] == "Hi."
    assert again[0].problems == []


def test_closest_slug_answers_as_difflib_does():
    rng = random.Random(18)
    words = "thing reflection database routine round science library notes week".split()
    slugs = ["-".join(rng.choices(words, k=rng.randint(1, 5))) for _ in range(400)]
    slugs += ["a", "ab", "ba", "abc-def", "abd-fed"]
    asked = [rng.choice(slugs) + tail for tail in ("", "-x", "-new-title")] * 10
    asked += [s[::-1] for s in slugs[:20]] + ["", "zzz", "ab", "ba", "abd-def"]
    for word in asked:
        others = [s for s in slugs if s != word]
        assert conversation.closest_slug(word, others) == closest(word, others, cutoff=0.5), word


def test_a_rebuild_in_one_process_after_editing_a_comment_matches_a_clean_build(
    tmp_path, monkeypatch
):
    extra = {
        "comments/renamed-post/lost.md": comment("lost", "Filed under an old slug."),
        "posts/other.md": post("Other post", "thing: 5", date="2011-07-06"),
    }
    root = make_site(tmp_path / "site", files(extra), **PUBLISHED, REFLECTIVE_STRICT=False)
    monkeypatch.chdir(root)
    config = read_settings(
        str(root / "pelicanconf.py"),
        override={"PATH": str(root / "content"), "OUTPUT_PATH": str(root / "inproc")},
    )
    pelican = Pelican(config)
    pelican.run()
    ok = root / "content" / "comments" / "my-post" / "ok.md"
    text = ok.read_text(encoding="utf-8")
    write_keeping_stamp(ok, text.replace("A *fine* comment.", "A *good* comment."))
    reply = root / "content" / "comments" / "my-post" / "reply.md"
    reply.write_text(reply.read_text("utf-8") + "\nA second paragraph.\n", "utf-8")
    (root / "content" / "comments" / "my-post" / "event.md").unlink()
    (root / "content" / "comments" / "renamed-post").rename(root / "content/comments/other-post")
    pelican.run()  # as autoreload and `make serve` do: the same process, the same Pelican

    result = build(root, output="clean")
    assert result.returncode == 0, result.stdout + result.stderr
    inproc, clean = output_files(root, "inproc"), output_files(root, "clean")
    assert inproc.keys() == clean.keys()
    assert [name for name in clean if inproc[name] != clean[name]] == []
    page = clean["my-post.html"].decode()
    assert "A <em>good</em> comment." in page and "A second paragraph." in page
    assert "Click" not in page  # event.md is gone
    assert "Filed under an old slug." in clean["other-post.html"].decode()
