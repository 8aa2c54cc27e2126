"""The Pelican layer of the editor: `/admin/` in a published build, when asked for.

Owns the generator that writes `admin/` (the page, the generated `config.yml`, the
vendored CMS with its fonts and locales, the preview pane's script) into the output
folder when `REFLECTIVE_EDITOR` names the repository (docs/editor.md); without it a
build writes no `admin/` at all. A bad setting is reported by the capability's check
(`checks.py`), which stops a strict build before anything is written.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from ..pelican_layer.wiring import SETTINGS_DIR_KEY
from . import config as config_mod
from . import page, vendor

logger = logging.getLogger(__name__)
FOLDER = "admin"
STATIC = Path(__file__).parent / "static"


def files(settings: dict, settings_dir: str, where: config_mod.Repository) -> dict[str, bytes]:
    """Every file of the published `admin/`, by path under it."""
    things, codes = page.site_data(settings, settings_dir)
    built = config_mod.build(
        settings, settings_dir, things, codes, where, site_url=settings.get("SITEURL", "")
    )
    out = {
        "index.html": page.render(
            settings.get("SITENAME", ""), local=False, style=page.theme_style(settings)
        ).encode(),
        "config.yml": config_mod.dump(built).encode(),
        "preview.js": (STATIC / "preview.js").read_bytes(),
    }
    for name in vendor.asset_names():
        out[name] = vendor.asset(name)
    return out


class EditorGenerator(Generator):
    """Writes `admin/` when `REFLECTIVE_EDITOR` is set."""

    def generate_output(self, writer=None):
        try:
            where = config_mod.repository(self.settings)
        except config_mod.EditorSettingError:
            return  # reported by checks.py
        if where is None:
            return
        settings_dir = self.settings.get(SETTINGS_DIR_KEY) or os.getcwd()
        for name, data in files(self.settings, settings_dir, where).items():
            path = os.path.join(self.output_path, FOLDER, *name.split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as out:
                out.write(data)


def get_generators(_pelican):
    return EditorGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
