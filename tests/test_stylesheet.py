"""The plugin's small stylesheet, for themes that know nothing of the plugin.

Real builds: under Pelican's `simple` theme the plugin's own templates link
reflective/reflective.css and the file is written, with every rule scoped to the
plugin's rf- classes; under the kit's theme (its own reflective/ templates) nothing is
linked and no file is written; REFLECTIVE_STYLESHEET_SAVE_AS = "" turns it off.
"""

from __future__ import annotations

import os
import re

import pelican

from sitebuild import REPO, build, make_site, post

SIMPLE = os.path.join(os.path.dirname(pelican.__file__), "themes", "simple")
FILES = {"one.md": post("Thing one", "thing: 1\nactions:\n  - Write the next post")}
CSS = REPO / "plugins" / "reflective" / "static" / "reflective.css"


def _built(tmp_path, **settings):
    root = make_site(tmp_path, FILES, **settings)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


def test_a_foreign_theme_gets_the_stylesheet(tmp_path):
    output = _built(tmp_path, THEME=SIMPLE, REFLECTIVE_APPEND_TO_CONTENT=True)
    written = output / "reflective" / "reflective.css"
    assert written.read_bytes() == CSS.read_bytes()
    progress = (output / "progress" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="stylesheet" href="[^"]*/reflective/reflective\.css">', progress)
    assert "reflective/reflective.css" in (output / "thing-one.html").read_text(encoding="utf-8")


def test_every_rule_is_scoped_to_the_plugin():
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(encoding="utf-8"), flags=re.S)
    text = re.sub(r"@media[^{]*\{", "", text)
    selectors = [s for block in re.findall(r"([^{}]+)\{", text) for s in block.split(",")]
    assert selectors
    for selector in selectors:
        assert selector.strip().startswith(".rf-"), selector
    assert len(CSS.read_bytes()) < 3000  # small: it rides along with any theme


def test_a_theme_with_its_own_templates_gets_none(tmp_path):
    # as the kit sets it: its theme places the action lists itself
    output = _built(
        tmp_path, THEME=str(REPO / "theme"), TEMPLATE_PAGES={}, REFLECTIVE_APPEND_TO_CONTENT=False
    )
    assert not (output / "reflective").exists()
    assert "reflective.css" not in (output / "progress" / "index.html").read_text(encoding="utf-8")


def test_it_can_be_turned_off(tmp_path):
    output = _built(tmp_path, THEME=SIMPLE, REFLECTIVE_STYLESHEET_SAVE_AS="")
    assert not (output / "reflective").exists()
    assert "reflective.css" not in (output / "progress" / "index.html").read_text(encoding="utf-8")
