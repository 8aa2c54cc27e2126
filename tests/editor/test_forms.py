"""The forms the editor cannot hold: found, converted once by `reflective tidy`, checked.

`forms.scan` and `forms.tidy` on text; `reflective tidy` (--dry-run and for real) and
`reflective check` with the editor on, as the author runs them, in a subprocess on a
copy of the sample site.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from reflective.core import frontmatter, schema
from reflective.editor import forms

POST = """---
# a comment
title: "A post"
date: 2011-07-01 10:30
actions:
  - Read two posts by other participants   # trailing comment
  - text: A mapping without an id
    due: 2011-08-01
  - id: kept
    text: Has an id
---
Body.
"""


def test_scan_finds_each_form():
    found = {(f.field, f.tidy) for f in forms.scan(POST, "p.md")}
    assert found == {
        ("front matter", False),
        ("actions[0]", True),
        ("actions[1].id", True),
        ("date", False),
    }


def test_tidy_writes_the_derived_ids_and_nothing_else():
    text, converted = forms.tidy(POST, "p.md")
    assert len(converted) == 2
    data = frontmatter.split(text, "p.md").data
    assert data["actions"][0] == {
        "text": "Read two posts by other participants",
        "id": schema.derive_id("Read two posts by other participants"),
    }
    assert data["actions"][1]["id"] == "a-mapping-without-an-id"
    assert "# a comment" in text and "# trailing comment" in text and text.endswith("Body.\n")
    assert forms.tidy(text, "p.md") == (text, [])  # once


def _run(root, *args):
    return subprocess.run(
        [sys.executable, "-m", "reflective", *args], cwd=root, capture_output=True, text=True
    )


def test_tidy_and_check_on_the_sample_site(tmp_path):
    from ._support import sample_project

    extra = 'REFLECTIVE_EDITOR = {"repo": "ruth/blog"}\nSTATIC_PATHS = ["images"]\n'
    root = sample_project(tmp_path, extra=extra)
    before = {p: p.read_bytes() for p in (root / "content").rglob("*.md")}
    checked = _run(root, "check")
    assert checked.returncode == 1
    assert "actions[0]: the editor is on: an action written as a bare line" in checked.stdout
    dry = _run(root, "tidy", "--dry-run")
    assert dry.returncode == 1 and "3 form(s) would be converted" in dry.stdout
    assert {p: p.read_bytes() for p in before} == before
    done = _run(root, "tidy")
    assert done.returncode == 0 and "3 form(s) converted; 0 left" in done.stdout
    assert _run(root, "check").returncode == 0
    assert _run(root, "tidy").stdout.startswith("0 form(s) converted")


@pytest.mark.parametrize(
    "settings, field",
    [
        ({"STATIC_PATHS": []}, "STATIC_PATHS"),
        ({"STATIC_PATHS": ["media"]}, "STATIC_PATHS"),
        ({"STATIC_PATHS": ["images/2024"]}, "STATIC_PATHS"),
        ({"STATIC_PATHS": ["images"]}, None),
        ({"STATIC_PATHS": ["./images/"]}, None),
        ({"STATIC_PATHS": ["."]}, None),
        ({"STATIC_PATHS": ["media"], "REFLECTIVE_EDITOR_MEDIA": "media/uploads"}, None),
        ({"STATIC_PATHS": ["images"], "STATIC_EXCLUDES": ["images"]}, "STATIC_EXCLUDES"),
    ],
)
def test_a_media_folder_the_build_would_not_copy(settings, field):
    from reflective.editor import checks

    found = list(checks._media(settings))
    assert [p.field for p in found] == ([field] if field else [])


def test_pelicans_default_static_paths_publish_the_media_folder():
    from pelican.settings import DEFAULT_CONFIG

    from reflective.editor import checks

    assert list(checks._media(dict(DEFAULT_CONFIG))) == []  # STATIC_PATHS = ["images"]


def test_check_names_the_media_setting_and_its_fix(tmp_path):
    from ._support import sample_project

    root = sample_project(tmp_path, extra='REFLECTIVE_EDITOR = {"repo": "ruth/blog"}\n')
    assert _run(root, "tidy").returncode == 0
    checked = _run(root, "check")
    assert checked.returncode == 1
    assert (
        "settings: STATIC_PATHS: the editor is on: images uploaded in the editor go to "
        "images/ in the content folder (REFLECTIVE_EDITOR_MEDIA), which STATIC_PATHS does "
        "not include, so the build would not publish them: add 'images' to STATIC_PATHS "
        "in pelicanconf.py"
    ) in checked.stdout
