"""The base of the capabilities' Pelican generators that write pages from the site model.

Owns `SiteGenerator`: nothing to read (the model is built when the articles are
finalized), and `site_context()`, which gives the build's `SiteContext` and makes the
generator render with the articles generator's Jinja environment, so base.html and the
macros it already compiled are not compiled again (Pelican gives each generator its own),
and `write_numbered()`, the one loop that writes a long list as numbered pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

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

    def write_numbered(
        self,
        writer,
        template_name: str,
        pages: Sequence,
        url_for: Callable[[int], str],
        item_name: str,
        start: int = 1,
        **extra,
    ) -> None:
        """Write `pages` (one list of items each) at `url_for(number)` + index.html, the
        page's items as `item_name`, with `page_number`, `page_count` and `extra`.
        `start` > 1: the pages continue a list whose first pages are written elsewhere
        (the cohort's posts on a Thing continue its Thing page, page 1)."""
        template = self.get_template(template_name)
        relative = self.settings.get("RELATIVE_URLS", False)
        for number, items in enumerate(pages, start=start):
            url = url_for(number)
            writer.write_file(
                url + "index.html",
                template,
                self.context,
                relative_urls=relative,
                url=url,
                page_number=number,
                page_count=start - 1 + len(pages),
                page_name=url.rstrip("/"),
                **{item_name: items},
                **extra,
            )
