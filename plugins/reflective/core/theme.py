"""Where Reflective's own theme is, for a site that uses it by name.

Owns `path()`: the folder of the theme that ships with Reflective. An installed
package (a wheel) carries a copy of the kit's theme at `reflective/theme/` (setup.py
puts it there), so an upgrade of Reflective upgrades the theme; in the kit itself (a
checkout of the repository, or its editable install) it is the repository's `theme/`,
the theme's source. A site changes one template without copying the theme through
Pelican's `THEME_TEMPLATES_OVERRIDES` (docs/architecture.md, "Installed, or from the kit").
"""

from __future__ import annotations

from pathlib import Path

_INSTALLED = Path(__file__).resolve().parents[1] / "theme"  # site-packages/reflective/theme
_KIT = Path(__file__).resolve().parents[3] / "theme"  # the checkout: plugins/reflective/core/


def path() -> str:
    """The theme's folder (absolute): `THEME = path()` in a site's settings."""
    return str(_INSTALLED if (_INSTALLED / "templates").is_dir() else _KIT)
