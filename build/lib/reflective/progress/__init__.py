"""The progress capability: action items across posts, the progress and Thing pages.

Owns `exports` (progress.json, actions.ics; pure), `generator` (the Pelican generator
writing the progress page, its group pages and the Thing pages), `wiring` (its Pelican
hooks) and `cli` (the `actions`, `done` and `set` commands).
"""
