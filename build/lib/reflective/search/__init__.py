"""Search without a server: Pagefind indexes every build's output; a search page.

`core` runs Pagefind over an output folder and reads its result (pure), `background`
indexes after each `make serve` rebuild without delaying it (pure), `wiring` is the
Pelican layer (settings in templates, the search page, Pagefind at `finalized`).
docs/search.md is the user's side.
"""
