"""Opened in the editor and saved without a change, a post leaves the built site as it was.

Real parts throughout: a site tidied by `reflective tidy`, `reflective serve`, Sveltia
CMS in chromium with no network (tests/editor/_support.py), each post saved through the
same-origin file API, then a clean Pelican build compared byte for byte with the build
made before any post was saved. Two sites: the sample site, and a corpus of every form
of front matter docs/content-format.md allows (tests/editor/corpus/: a byte-order mark
and CRLF, bare and mapped actions with every field, a quoted numeric id, `thing` as a
number, a list of one and of two, YAML comments, unknown keys, folded and literal
text, drafts, hidden posts, every emphasis style, footnotes, tables, HTML comments).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from preview.served import Served, clean_build, tree

from ._support import Offline, open_editor, sample_project, save_unchanged

pytestmark = pytest.mark.browser
CORPUS = Path(__file__).parent / "corpus"


def _tidy(root, left: int):
    """`reflective tidy`; exit 1 while forms it cannot convert are left (YAML comments)."""
    result = subprocess.run(
        [sys.executable, "-m", "reflective", "tidy"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == (1 if left else 0), result.stdout + result.stderr
    assert f"; {left} left for you to look at." in result.stdout
    return result.stdout


def _corpus(root: Path) -> None:
    posts = root / "content" / "posts"
    shutil.rmtree(posts)
    shutil.copytree(CORPUS, posts)
    shutil.rmtree(root / "content" / "comments")


@pytest.mark.parametrize("site", ["sample", "corpus"])
def test_every_post_saved_in_the_editor_builds_byte_identical(tmp_path, browser, site):
    root = sample_project(tmp_path)
    if site == "corpus":
        _corpus(root)
    clean_build(root, "before-tidy")
    report = _tidy(root, left=2 if site == "corpus" else 0)
    assert "form(s) converted" in report and not report.startswith("0 ")
    clean_build(root, "before")
    assert tree(root / "before") == tree(root / "before-tidy"), "tidy changed the built site"
    posts = sorted((root / "content" / "posts").glob("*.md"))
    originals = {p.name: p.read_bytes() for p in posts}
    served = Served(root)
    offline = Offline(browser)
    try:
        served.wait_settled(0)
        page = offline.page()
        open_editor(page, served)
        for post in posts:
            save_unchanged(page, served, "posts", post.stem)
    finally:
        offline.close()
        served.stop()
    saved = {p.name: p.read_bytes() for p in (root / "content" / "posts").glob("*.md")}
    assert saved.keys() == originals.keys()
    unsaved = [name for name in saved if saved[name] == originals[name]]
    assert not unsaved, f"not written by the editor: {unsaved}"
    clean_build(root, "after")
    before, after = tree(root / "before"), tree(root / "after")
    differ = sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n))
    assert not differ, f"the built site changed: {differ[:10]}"
    assert offline.asked == [], f"the editor asked other hosts: {offline.asked[:5]}"
    assert offline.errors == []
