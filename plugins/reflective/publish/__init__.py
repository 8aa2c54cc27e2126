"""Building, publishing and deploying a site: `reflective build|publish|deploy`.

Owns every task that turns a site's content into a folder and puts that folder on a
host (docs/publishing.md): the build (Pelican in a child process, as `make html`), the
strict, gated and atomic publish (`core`, `unpublished`, `run`), and the deploys to
GitHub Pages (`github`: git, one commit per publish), a server (`rsync`) and Netlify
(`netlify`: its file-digest deploy API). No make, no shell: every program is started
with a list of arguments, so each works on Windows as on Linux and macOS.
"""
