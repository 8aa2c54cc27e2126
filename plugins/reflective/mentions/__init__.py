"""Webmention out and in (SPEC §8, docs/mentions.md).

Owns: discovering a page's Webmention endpoint and sending to it (`discover`, `net`,
`send`), which of a site's posts to send for and the state file that makes sending
idempotent (`plan`), turning a receiver's JF2 feed into comment files (`jf2`, `pull`)
and the blocklist of sources (`blocklist`); `wiring.py` puts the endpoint's
`<link rel="webmention">` on every page, `cli.py` has `reflective mentions send|pull`.
What mentions look like on a post belongs to the comments capability, which reads the
comment files these write (SPEC §5's `type: webmention` with a `kind`).
"""
