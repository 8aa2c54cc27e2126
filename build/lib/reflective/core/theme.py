"""Where Reflective's own theme is, for a site that uses it by name.

Owns `path()`: the folder of the theme that ships with Reflective. In the kit (a
checkout of the repository) that is the repository's `theme/`, its source; an
installed package carries a copy of it.
"""

from __future__ import annotations

from pathlib import Path

_KIT = Path(__file__).resolve().parents[3] / "theme"


def path() -> str:
    """The theme's folder (absolute): `THEME = path()` in a site's settings."""
    return str(_KIT)
