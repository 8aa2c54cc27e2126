"""sitemap.xml whose `lastmod` comes from the content, never from the build's clock.

A Pelican plugin of its own (`PLUGINS = [..., "reflective.pelican_layer.sitemap"]`, as
`publishconf.py` does) that wraps pelican-sitemap's generator and owns only the
`lastmod` of each URL, so two builds of the same content are byte-identical and a cached
rebuild equals a clean one. pelican-sitemap writes every other part of the file.

`lastmod` of a page is, in this order:

1. a post or page: its `modified`, else its `date` (as pelican-sitemap does);
2. a page that lists posts (index and its numbered pages, tag, category, author,
   archives, the progress and Thing pages): the newest `modified`/`date` of the posts
   it shows (the posts of that numbered page, that tag, ...);
3. otherwise `SOURCE_DATE_EPOCH` (the reproducible-builds convention), when set;
4. otherwise none: the `<lastmod>` element is left out, which the sitemap protocol
   allows, rather than stamping the build's time.

pelican-sitemap falls back to its import time for pages that are not a post or a page;
here such pages get a stand-in object carrying their URL and the date above.
"""

from __future__ import annotations

import copy
import os
from datetime import UTC, datetime

from pelican import signals
from pelican.plugins.sitemap import sitemap as _sitemap

from ..core import urlpath

# A date no content has: pelican-sitemap writes it, and `_write_out` removes the element.
_NO_DATE = datetime(1, 1, 1, tzinfo=UTC)
_NO_DATE_ELEMENT = f"<lastmod>{_sitemap.format_date(_NO_DATE)}</lastmod>\n"


def content_date(obj) -> datetime | None:
    """When a post or page last changed, by its own metadata."""
    return getattr(obj, "modified", None) or getattr(obj, "date", None)


def shown_posts(context: dict) -> list:
    """The posts a listing page shows: those a generator names (`shown_posts`, as the
    Thing pages do), its numbered page's, else the ones it was given."""
    if context.get("shown_posts") is not None:
        return list(context["shown_posts"])
    paginated = context.get("articles_page")
    if paginated is not None:
        return list(paginated.object_list)
    for key in ("articles", "dates"):
        if context.get(key):
            return list(context[key])
    return []


def source_date_epoch() -> datetime | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return datetime.fromtimestamp(int(value), tz=UTC)
    except (ValueError, OverflowError, OSError):
        return None


def lastmod(obj, context: dict) -> datetime | None:
    """The date of a page for the sitemap (see the module docstring), or None."""
    if obj is not None:
        own = content_date(obj)
        if own is not None:
            return own
    else:
        dates = [d for d in (content_date(post) for post in shown_posts(context)) if d]
        if dates:
            return max(dates)
    return source_date_epoch()


class _Listing:
    """What pelican-sitemap reads of a page that is not a post or a page."""

    def __init__(self, url: str, date: datetime):
        self.url = url
        self.date = date


class ContentSitemap(_sitemap.SitemapGenerator):
    """pelican-sitemap's generator, with `lastmod` from the content."""

    def init(self, pelican):
        # A build that failed half-way (make serve keeps going) must not leave its pages.
        if self._main_pelican is None or self._main_pelican is pelican:
            self.page_queue = []
        super().init(pelican)

    def queue_page(self, path, context):
        obj = context.get("article") or context.get("page")
        date = lastmod(obj, context) or _NO_DATE
        if obj is None:
            output = context.get("OUTPUT_PATH") or os.path.dirname(path)
            obj = _Listing(urlpath.quoted(urlpath.relative(path, output)), date)
        elif content_date(obj) is None:
            obj = copy.copy(obj)  # a page without a date: dated for the sitemap only
            obj.date = date
        self.page_queue.append((path, obj))

    def _write_out(self, pelican):
        super()._write_out(pelican)
        config = pelican.settings.get("SITEMAP", {})
        if config.get("format", "xml") != "xml":
            return
        filename = os.path.join(pelican.output_path, "sitemap.xml")
        with open(filename, encoding="utf-8") as handle:
            text = handle.read()
        if _NO_DATE_ELEMENT in text:
            with open(filename, "w", encoding="utf-8") as handle:
                handle.write(text.replace(_NO_DATE_ELEMENT, ""))


generator = ContentSitemap()


def register():
    signals.get_generators.connect(generator.init)
    signals.content_written.connect(generator.queue_page)
    signals.finalized.connect(generator.finalize)
