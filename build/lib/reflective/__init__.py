"""Reflective: a Pelican plugin for reflective-practice blogs.

Posts carry a programme `thing` and `actions` in YAML front matter; the plugin shows
each post's action items, keeps every action's state across posts through `updates`,
and writes a progress page, a page per Thing, `progress.json` and `actions.ics`.

Use it with `PLUGINS = ["reflective"]` (installed, or from `PLUGIN_PATHS`). This
module only exposes `register`; the Pelican wiring is in `wiring`, the pure core in
`frontmatter`, `schema`, `programme`, `model`, `render` and `exports`.
"""

from .core import __version__  # noqa: F401  (one version, in the core)


def register():
    """Pelican's entry point: the shared Pelican layer, then each capability's hooks."""
    from . import capabilities
    from .pelican_layer import wiring

    wiring.register()
    for register_capability in capabilities.wiring_registrations():
        register_capability()
