"""The quick render's pieces: a writer of only some pages, and a re-read post put in place.

Owns `SelectiveWriter` (Pelican's writer, writing only wanted pages: by name, or the
page of a paginated list that shows a changed post; feeds skipped), and the helpers
that put a re-read post where the last build had the old one (`swap`: every list of
the articles generator and its context, tags, categories, authors, archives,
translations) or a new post where a build would list it (`add`), re-sort after a date
change, fix built posts' addresses (`fix_addresses`), write a redirect at a post's old
address, and read a whole site into memory without writing it (`read_site`). Used by
`site`.
"""

from __future__ import annotations

import io
import os

from pelican import signals
from pelican.generators import ArticlesGenerator
from pelican.utils import order_content
from pelican.writers import Writer


class SelectiveWriter(Writer):
    """Pelican's writer, writing only the wanted pages (by name, or a paginated page
    that lists one of the changed articles). Feeds are skipped."""

    selective = True  # generators that write exports of their own skip them (see generator)

    def __init__(self, output_path, settings, wanted: set[str], changed: list):
        super().__init__(output_path, settings)
        self.wanted = set(wanted)
        self.changed_ids = {id(article) for article in changed}
        self.written: list[str] = []
        self._skipped: set[str] = set()

    def wants(self, name: str) -> bool:
        return name in self.wanted

    def write_feed(self, *args, **kwargs):
        return None

    def write_file(self, name, template, context, *args, **kwargs):
        paginated = kwargs.get("paginated") or {
            key: kwargs[key] for key in ("articles", "dates") if key in kwargs
        }
        if paginated and kwargs.get("template_name") in self.settings["PAGINATED_TEMPLATES"]:
            template = _OnlyPagesListing(template, self)
        elif name not in self.wanted:
            return None
        return super().write_file(name, template, context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        if filename in self._skipped:
            return io.StringIO()
        self.written.append(os.path.relpath(filename, self.output_path).replace(os.sep, "/"))
        return super()._open_w(filename, encoding, override)


class _OnlyPagesListing:
    """A template that renders a paginated page only if it lists a changed article."""

    def __init__(self, template, writer: SelectiveWriter):
        self.template = template
        self.writer = writer

    def render(self, context):
        name = context.get("output_file")
        page = context.get("articles_page")
        listed = page is not None and any(
            id(article) in self.writer.changed_ids for article in page.object_list
        )
        if listed or name in self.writer.wanted:
            return self.template.render(context)
        self.writer._skipped.add(os.path.join(self.writer.output_path, name))
        return ""


LISTS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)


def fix_addresses(generator) -> None:
    """Pelican computes `url` and `save_as` anew on every use (a format and a relpath):
    each quick render asks for every post's (the site model, the duplicate check), so
    the built posts get them fixed through Pelican's own `override_url`/`override_save_as`
    (what `url:`/`save_as:` metadata sets). Only these in-memory copies: a post the
    quick render reads again is a new object, and every full build starts afresh."""
    if generator is None:
        return
    for name in LISTS:
        for article in getattr(generator, name):
            for key in ("url", "save_as"):
                if not hasattr(article, f"override_{key}"):
                    setattr(article, f"override_{key}", getattr(article, key))


def translation(article) -> tuple:
    return (getattr(article, "lang", None), getattr(article, "translation", None))


def _swap_in(items: list, old, new) -> None:
    for index, item in enumerate(items):
        if item is old:
            items[index] = new


def swap(generator: ArticlesGenerator, old, new) -> None:
    """Put `new` wherever the last build had `old` (lists of the generator and context)."""
    for name in (*LISTS, "dates"):
        _swap_in(getattr(generator, name), old, new)
    for mapping in (generator.tags,):
        for items in mapping.values():
            _swap_in(items, old, new)
    for pairs in (generator.categories, generator.authors):
        for _key, items in pairs:
            _swap_in(items, old, new)
    for items in generator.period_archives.values():
        for archive in items:
            _swap_in(archive.get("articles", []), old, new)
            _swap_in(archive.get("dates", []), old, new)
    for article in generator.articles + generator.drafts + generator.hidden_articles:
        _swap_in(getattr(article, "translations", []), old, new)
    generator.context["generated_content"][new.get_relative_source_path()] = new


def add(generator: ArticlesGenerator, new) -> None:
    """Put a new post where a build would list it: the posts (or drafts), the dates, its
    category's and author's lists when the site has them (a new category, tag or author
    page waits for the full build). `resort` afterwards."""
    if new.status == "draft":
        generator.drafts.append(new)
    else:
        generator.articles.append(new)
        generator.dates.append(new)
        for tag in getattr(new, "tags", None) or ():
            if tag in generator.tags:
                generator.tags[tag].append(new)
        for pairs, key in ((generator.categories, "category"), (generator.authors, "author")):
            for item, items in pairs:
                if item == getattr(new, key, None):
                    items.append(new)
    generator.context["generated_content"][new.get_relative_source_path()] = new


def resort(generator: ArticlesGenerator) -> None:
    order = generator.settings["ARTICLE_ORDER_BY"]
    generator.articles[:] = order_content(generator.articles, order)
    generator.drafts[:] = order_content(generator.drafts, order)
    generator.hidden_articles[:] = order_content(generator.hidden_articles, order)
    generator.dates.sort(key=lambda a: a.date, reverse=generator.context["NEWEST_FIRST_ARCHIVES"])


def redirect(output: str, old_save_as: str, new_url: str, relative: bool) -> None:
    """A page at a post's old address that sends the browser to its new one."""
    target = new_url
    if relative:
        depth = old_save_as.count("/")
        target = "../" * depth + new_url
    path = os.path.join(output, old_save_as)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(
            '<!doctype html><meta charset="utf-8"><title>Moved</title>'
            f'<meta http-equiv="refresh" content="0; url={target}">'
            f'<p>This post has a new address: <a href="{target}">{target}</a>.</p>\n'
        )


def read_site(instance) -> list:
    """The first half of Pelican's `run()`: every generator's context, then
    `all_generators_finalized` and the intersite links; no writer, nothing written."""
    context = instance.settings.copy()
    context["generated_content"] = {}
    context["static_links"] = set()
    context["static_content"] = {}
    context["localsiteurl"] = instance.settings["SITEURL"]
    generators = [
        cls(
            context=context,
            settings=instance.settings,
            path=instance.path,
            theme=instance.theme,
            output_path=instance.output_path,
        )
        for cls in instance._get_generator_classes()
    ]
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
        if hasattr(generator, "check_disabled_readers"):
            generator.check_disabled_readers()
    signals.all_generators_finalized.send(generators)
    for generator in generators:
        if hasattr(generator, "refresh_metadata_intersite_links"):
            generator.refresh_metadata_intersite_links()
    return generators
