"""`reflective import`: bringing a WordPress or Blogger CPD blog into a Reflective site.

The pure core (no Pelican): `xmlstream` (safe streaming XML), `wxr` and `blogger`
(exports to `records`), `wptext` (WordPress's stored text to HTML), `tomarkdown` (HTML
to Markdown, the closing task list), `media`, `plan` (what each record becomes; its
Thing from the shared `core.things`), `files` (staging, re-runs, the record of what
was written), `report`, and `core` (one import, start to finish). `cli` holds the commands and
`wiring` the Pelican layer that writes the redirect pages at old addresses.
"""
