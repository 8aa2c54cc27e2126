"""`pelican.plugins.reflective`: the Reflective plugin under Pelican's plugin namespace.

Installed with the `reflective` distribution (as `pelican-sitemap` installs
`pelican.plugins.sitemap`), so any Pelican site can say `PLUGINS = ["reflective"]`:
Pelican 4.12 finds namespace plugins before `PLUGIN_PATHS`. This module only re-exports
the one plugin module `reflective`, so a process never holds two copies of the plugin
(tests, the CLI and the build share `reflective`'s modules). There is deliberately no
`pelican/__init__.py` nor `pelican/plugins/__init__.py` beside it: Pelican's own package
stays the only `pelican`.
"""

from reflective import __version__, register

__all__ = ["__version__", "register"]
