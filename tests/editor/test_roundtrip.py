"""Opened in the editor and saved without a change, a post leaves the built site as it was.

Real parts throughout: the sample site tidied by `reflective tidy`, `reflective serve`,
Sveltia CMS in chromium with no network (tests/editor/_support.py), each post saved
through the same-origin file API, then a clean Pelican build compared byte for byte
with the build made before any post was saved.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from preview.served import Served, clean_build, tree

from ._support import SAMPLE_POSTS, Offline, open_editor, open_entry, sample_project, save

pytestmark = pytest.mark.browser


def _tidy(root):
    result = subprocess.run(
        [sys.executable, "-m", "reflective", "tidy"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_every_sample_post_saved_in_the_editor_builds_byte_identical(tmp_path, browser):
    root = sample_project(tmp_path)
    clean_build(root, "before-tidy")
    report = _tidy(root)
    assert "3 form(s) converted" in report
    clean_build(root, "before")
    assert tree(root / "before") == tree(root / "before-tidy"), "tidy changed the built site"
    originals = {p.name: p.read_bytes() for p in (root / "content" / "posts").glob("*.md")}
    served = Served(root)
    offline = Offline(browser)
    try:
        served.wait_settled(0)
        page = offline.page()
        open_editor(page, served)
        for slug in SAMPLE_POSTS:
            open_entry(page, served, "posts", slug)
            save(page)
    finally:
        offline.close()
        served.stop()
    saved = {p.name: p.read_bytes() for p in (root / "content" / "posts").glob("*.md")}
    assert saved.keys() == originals.keys()
    assert any(saved[name] != originals[name] for name in saved), "nothing was written"
    clean_build(root, "after")
    before, after = tree(root / "before"), tree(root / "after")
    differ = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    assert not differ, f"the built site changed: {differ[:10]}"
    assert offline.asked == [], f"the editor asked other hosts: {offline.asked[:5]}"
    assert offline.errors == []
