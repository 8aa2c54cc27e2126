"""The progress capability's Pelican hooks.

Owns adding `generator.ProgressGenerator` (the progress page, its group pages, the
Thing pages, progress.json and actions.ics) to the build, and offering the progress
page to a foreign theme's menu when it is written (`pelican_layer.menu`). The site
model it writes from is built once by the shared Pelican layer (`pelican_layer.wiring`).
"""

from __future__ import annotations

from pelican import signals

from ..pelican_layer import menu
from ..pelican_layer.wiring import CONTEXT_KEY


def get_generators(pelican):
    from .generator import ProgressGenerator

    return ProgressGenerator


def offer_page(generators) -> None:
    """`all_generators_finalized`: the progress page is written when the model was
    built and REFLECTIVE_PROGRESS_SAVE_AS is set (generator.ProgressGenerator)."""
    context = generators[0].context if generators else {}
    reflective = context.get(CONTEXT_KEY)
    if reflective is not None and reflective.config["REFLECTIVE_PROGRESS_SAVE_AS"]:
        menu.offer(context, menu.PROGRESS, "Progress", reflective.progress_url)


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(offer_page)
