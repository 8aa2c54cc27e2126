"""The Pelican layer of mentions: the receiving endpoint and the h-card on every page.

Owns `initialized`: the checked mentions settings put in the settings Pelican hands
every template, so `base.html` can write `<link rel="webmention">` (and the pingback
bridge's `<link rel="pingback">`) and `index.html` the h-card's `rel="me"` links.
A bad value was reported by the check; here it is simply left out.
"""

from __future__ import annotations

from pelican import signals

from . import config as config_mod


def add_settings(pelican) -> None:
    config, _ = config_mod.read(pelican.settings)
    for key in ("REFLECTIVE_WEBMENTION", "REFLECTIVE_PINGBACK", "REFLECTIVE_REL_ME"):
        pelican.settings[key] = config[key]


def register() -> None:
    signals.initialized.connect(add_settings)
