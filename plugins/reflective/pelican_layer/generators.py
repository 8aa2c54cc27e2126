"""The base of the capabilities' Pelican generators that write pages from the site model.

Owns `SiteGenerator`: nothing to read (the model is built when the articles are
finalized), and `site_context()`, which gives the build's `SiteContext` and makes the
generator render with the articles generator's Jinja environment, so base.html and the
macros it already compiled are not compiled again (Pelican gives each generator its own).
"""

from __future__ import annotations

from pelican.generators import Generator

from .wiring import CONTEXT_KEY


class SiteGenerator(Generator):
    """A generator writing a capability's pages with the site's one compiled theme."""

    def generate_context(self):
        """Nothing to read: the site model is built when the articles are finalized."""

    def site_context(self):
        """The build's `SiteContext` (None when the model was not built), its theme in use."""
        reflective = self.context.get(CONTEXT_KEY)
        if reflective is not None and reflective.template_env is not None:
            self.env = reflective.template_env  # see SiteContext.template_env
            self._templates = {}
        return reflective
