"""Reflective: a Pelican plugin for reflective-practice blogs.

Posts carry a programme `thing` and `actions` in YAML front matter; the plugin shows
each post's action items, keeps every action's state across posts through `updates`,
and writes a progress page, a page per Thing, `progress.json` and `actions.ics`.

Use it with `PLUGINS = ["reflective"]` (installed, or from `PLUGIN_PATHS`). This
module only exposes `register`; the Pelican wiring is in `wiring`, the pure core in
`frontmatter`, `schema`, `programme`, `model`, `render` and `exports`.
"""

__version__ = "0.1.0"


def register():
    from .wiring import register as _register

    _register()
    # == search (issue 15): the search page and Pagefind after every build ==
    from .search.wiring import register as _register_search

    _register_search()
