"""The shared Pelican layer: the one reader, the build-wide signals, the capability registry.

Owns what every capability's `wiring.py` stands on: the YAML front-matter reader
(`reader`), the signals that build the site model once per build and report its
problems (`wiring`), and the list of capabilities with their registration points
(`capabilities`). It imports the shared core; capabilities import it, never the reverse
(docs/architecture.md).
"""
