"""The Pelican generator that writes the plugin's own outputs.

Owns writing `progress/index.html`, `things/N/index.html` (one per Thing that has a
post, or for every Thing when the context's `reflective_all_thing_pages` is true),
`progress.json` and `actions.ics` from the site model that `wiring.build_site` put in
the context. Paths come from the REFLECTIVE_* settings; an empty SAVE_AS turns
an output off.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

from ..pelican_layer.generators import SiteGenerator
from ..pelican_layer.wiring import ALL_THING_PAGES_KEY
from . import exports

STYLESHEET = Path(__file__).parent.parent / "static" / "reflective.css"


class ProgressGenerator(SiteGenerator):
    """Writes the progress page, the Thing pages and the machine-readable exports."""

    # `make serve`'s quick render (reflective.preview) may call generate_output with a
    # writer that writes only some pages (`writer.selective`); the exports, which are not
    # written through the writer, are then left to the full build that follows.
    preview_selective = True

    def generate_output(self, writer):
        reflective = self.site_context()
        if reflective is None:
            return
        config = reflective.config
        relative = self.settings.get("RELATIVE_URLS", False)
        site = reflective.site
        save_as = config["REFLECTIVE_PROGRESS_SAVE_AS"]
        if save_as:
            writer.write_file(
                save_as,
                self.get_template("reflective/progress"),
                self.context,
                relative_urls=relative,
                url=reflective.progress_url,
                page_name="progress",
            )
        if save_as:
            self._write_group_pages(writer, reflective)
        thing_save_as = config["REFLECTIVE_THING_SAVE_AS"]
        if thing_save_as:
            template = self.get_template("reflective/thing")
            # A capability may ask for every Thing's page, written or not (the cohort).
            every = self.context.get(ALL_THING_PAGES_KEY, False)
            for thing in site.things:
                if not thing.written and not every:
                    continue
                views = [v for v in site.posts if thing.number in v.ref.things and not v.ref.draft]
                # The posts this page shows: its own, and those that updated their actions
                # (the sitemap's lastmod is the newest of them: pelican_layer/sitemap.py).
                by_ref = {id(v.ref): v.handle for v in site.posts}
                shown = {id(v.ref) for v in views} | {
                    id(u.post) for v in views for a in v.actions for u in a.history
                }
                writer.write_file(
                    thing_save_as.format(number=thing.number),
                    template,
                    self.context,
                    relative_urls=relative,
                    url=reflective.thing_url(thing.number),
                    thing=thing,
                    thing_posts=views,
                    shown_posts=[by_ref[key] for key in shown if by_ref.get(key) is not None],
                    page_name=f"things/{thing.number}",
                )
        if getattr(writer, "selective", False):
            return
        siteurl = self.settings.get("SITEURL", "")
        if config["REFLECTIVE_JSON_SAVE_AS"]:
            with self._open(config["REFLECTIVE_JSON_SAVE_AS"]) as handle:
                exports.write_progress_json(handle, site, siteurl, reflective.progress_url)
        if config["REFLECTIVE_ICS_SAVE_AS"]:
            domain = urlparse(siteurl).hostname or "reflective.invalid"
            with self._open(config["REFLECTIVE_ICS_SAVE_AS"], binary=True) as handle:
                exports.write_calendar(handle, site, siteurl, uid_domain=domain)
        self._write_stylesheet(reflective)

    def _write_stylesheet(self, reflective) -> None:
        """The plugin's stylesheet, when one of its own templates linked it."""
        if not reflective.stylesheet_used:
            return
        with self._open(reflective.stylesheet_save_as) as handle:
            handle.write(STYLESHEET.read_text(encoding="utf-8"))

    def _write_group_pages(self, writer, reflective):
        """Long groups (a site with years of posts) get numbered pages of their own."""
        size = reflective.page_size
        for group in reflective.site.groups:
            if not reflective.split(group):
                continue
            self.write_numbered(
                writer,
                "reflective/progress_group",
                [group.actions[i : i + size] for i in range(0, len(group.actions), size)],
                lambda number, key=group.key: reflective.group_url(key, number),
                "page_actions",
                group=group,
            )

    def _open(self, name: str, binary: bool = False):
        path = os.path.join(self.output_path, name)
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        if binary:
            return open(path, "wb")
        return open(path, "w", encoding="utf-8", newline="\n")
