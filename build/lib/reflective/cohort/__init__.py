"""Cohort (SPEC §7): reading alongside the other participants of a programme.

The pure core: `config` (the cohort file), `things` (Things named in a feed entry),
`parse` (a participant's progress.json or feed, made safe), `cache` (the
`cohort-cache/` folder), `fetch` (the network, with httpx), `view` (what the pages
show), `failures` (those not fetched, by reason). The Pelican layer is `wiring`; the
command line is `cli`.
"""
