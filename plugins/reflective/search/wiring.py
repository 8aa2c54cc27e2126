"""The Pelican layer of search: the search page, and Pagefind after every build.

Owns: the search settings' defaults in the Pelican settings (so every template sees
`REFLECTIVE_SEARCH` and `REFLECTIVE_SEARCH_URL`, for the header's search form); the
generator that writes the search page (`reflective/search.html`, the theme's or the
plugin's), offered to a foreign theme's menu (`pelican_layer.menu`); and the
`finalized` handler that runs Pagefind (`core.index`) on the output folder once Pelican
has written everything. A failure is one line with the fix; a strict build
(REFLECTIVE_STRICT) then exits non-zero, since a published site with a dead search page
is a defect. A missing binary is found before anything is written, by the capability's
check (`checks.py`, which `reflective check` runs too).

`make serve` must never wait for the index: it attaches a `BackgroundIndexer` to each
Pelican instance it builds with (`index_in_background`), and the handler then starts
the index in a thread and returns at once. `pelican -r` (`make regenerate`) gets one
too: Pelican looks for the next change only once a build has returned.
"""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.generators import Generator

from ..core import settings as reflective_settings
from ..pelican_layer import menu
from ..pelican_layer.wiring import SETTINGS_DIR_KEY, _autoreloading
from . import core
from .background import BackgroundIndexer

logger = logging.getLogger(__name__)
NAMES = (
    "REFLECTIVE_SEARCH",
    "REFLECTIVE_SEARCH_URL",
    "REFLECTIVE_SEARCH_SAVE_AS",
    "REFLECTIVE_PAGEFIND",
)
BACKGROUND_DELAY = 1.0  # seconds between a build and its background index
_INDEXER = "reflective_search_indexer"  # attribute of a Pelican instance (make serve)


def _config(settings: dict) -> dict:
    return {name: settings.get(name, reflective_settings.DEFAULTS[name]) for name in NAMES}


def add_defaults(pelican) -> None:
    """`initialized`: the search settings, with defaults, for every template."""
    for name in NAMES:
        pelican.settings.setdefault(name, reflective_settings.DEFAULTS[name])
    if not pelican.settings.get("REFLECTIVE_SEARCH"):
        pelican.settings["REFLECTIVE_SEARCH_URL"] = ""  # no form in the header


class SearchPageGenerator(Generator):
    """Writes the search page (REFLECTIVE_SEARCH_SAVE_AS) with `reflective/search.html`."""

    def generate_context(self):
        """Nothing to read."""

    def generate_output(self, writer):
        config = _config(self.settings)
        if not config["REFLECTIVE_SEARCH"] or not config["REFLECTIVE_SEARCH_SAVE_AS"]:
            return
        writer.write_file(
            config["REFLECTIVE_SEARCH_SAVE_AS"],
            self.get_template("reflective/search"),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            url=config["REFLECTIVE_SEARCH_URL"],
            page_name="search",
            search_bundle=core.BUNDLE,
        )


def offer_page(generators) -> None:
    """`all_generators_finalized`: the search page, when written, for a foreign theme's
    menu (it has no search form of its own)."""
    if not generators:
        return
    config = _config(generators[0].settings)
    if config["REFLECTIVE_SEARCH"] and config["REFLECTIVE_SEARCH_SAVE_AS"]:
        menu.offer(generators[0].context, menu.SEARCH, "Search", config["REFLECTIVE_SEARCH_URL"])


def get_generators(pelican):
    """At the start of every build: the search page's generator; and a background index
    still running for the previous build stops, so it does not compete with this one
    (its bundle stays until this build's index replaces it)."""
    indexer = getattr(pelican, _INDEXER, None)
    if indexer is not None:
        indexer.stop()
    return SearchPageGenerator


def index_in_background(pelican, indexer: BackgroundIndexer | None = None) -> BackgroundIndexer:
    """Make `pelican` index its output in the background after each build (make serve).

    Call it on every Pelican instance the server builds with, before its first `run()`,
    passing the indexer it returned the first time, so a newer build cancels an older
    index however many instances the server has made. Returns the indexer.
    """
    indexer = indexer or BackgroundIndexer()
    setattr(pelican, _INDEXER, indexer)
    return indexer


def _report(outcome, error) -> None:
    if error is not None:
        logger.error("%s", error)
    else:
        logger.info("%s", outcome.summary())


def index_output(pelican) -> None:
    """`finalized`: run Pagefind on the output folder (in the background under make serve).

    A missing binary was reported by this capability's check (`checks.check`) with the
    content's problems, and a strict build stopped there; here it only means no index.
    """
    settings = pelican.settings
    config = _config(settings)
    if not config["REFLECTIVE_SEARCH"]:
        return
    try:
        binary = core.find_binary(
            config["REFLECTIVE_PAGEFIND"], settings.get(SETTINGS_DIR_KEY) or os.getcwd()
        )
    except core.MissingBinary as missing:
        logger.debug("%s (reported with the content's problems)", missing)
        return
    site = pelican.output_path
    indexer = getattr(pelican, _INDEXER, None)
    if indexer is None and _autoreloading():  # pelican -r (make regenerate)
        indexer = index_in_background(pelican)
    if indexer is not None:
        # A moment after the build: the reload is served first, and pelican -r, which
        # looks for the next change only once run() has returned, is listening again
        # (a save before that is missed). A save meanwhile cancels it (get_generators).
        indexer.start(site, binary, _report, BACKGROUND_DELAY)
        return
    try:
        outcome = core.index(site, binary)
    except core.SearchError as error:
        strict = settings.get(
            "REFLECTIVE_STRICT", reflective_settings.DEFAULTS["REFLECTIVE_STRICT"]
        )
        if strict:  # (under pelican -r the index runs in the background, above)
            raise SystemExit(f"reflective: the build failed: {error}") from None
        logger.error("%s", error)
        return
    logger.info("%s", outcome.summary())


def register() -> None:
    signals.initialized.connect(add_defaults)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(offer_page)
    signals.finalized.connect(index_output)
