"""Preview: `make serve` shows a saved post in the browser at once, at any site size.

A capability of the plugin (docs/preview.md). `core` (pure: what changed, what to
re-render, the build queue) and `outputs` (making the served folder equal to a
finished build) know nothing of Pelican; `site` is the server's Pelican layer (the site
in memory, the quick render), `build` the full build in a process of its own, `worker`
the server's handle on that process; `serve` runs the watchers, the builder and
the post-build hooks around livereload's server. Other capabilities add steps after
each build through `core.afterbuild` (shared, so none imports the preview).
"""
