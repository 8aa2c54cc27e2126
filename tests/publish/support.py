"""A site as a user has it (the theme by name, the plugin installed), and its files.

`user_site` writes a site outside the kit: the kit's settings with `THEME =
reflective_theme()` and no PLUGIN_PATHS (the installed package), the publishing
fixture's content; `snapshot` is every file's bytes' digest.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures_publish" / "content"
SITEURL = "https://me.example.org"
THEMED = "from reflective.core.theme import path as reflective_theme\n\nTHEME = reflective_theme()"


def user_site(folder: Path, name: str = "blog") -> Path:
    site = folder / name
    shutil.copytree(FIXTURE, site / "content")
    conf = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    conf = conf.replace('THEME = "theme"', THEMED)
    conf = conf.replace('PLUGIN_PATHS = ["plugins"]\n', "")
    conf = re.sub(r"(?m)^REFLECTIVE_COHORT = .*$", "", conf)
    (site / "pelicanconf.py").write_text(conf, encoding="utf-8")
    shutil.copy(ROOT / "publishconf.py", site / "publishconf.py")
    return site


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
