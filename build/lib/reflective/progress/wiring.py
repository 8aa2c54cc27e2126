"""The progress capability's Pelican hooks.

Owns adding `generator.ProgressGenerator` (the progress page, its group pages, the
Thing pages, progress.json and actions.ics) to the build. The site model it writes
from is built once by the shared Pelican layer (`pelican_layer.wiring`).
"""

from __future__ import annotations

from pelican import signals


def get_generators(pelican):
    from .generator import ProgressGenerator

    return ProgressGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
