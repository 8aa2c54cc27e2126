"""The preview's Pelican layer in the server's process: the site in memory, the quick render.

Owns `PreviewSite`: a Pelican instance kept for the life of `make serve` (made anew
when the settings change) that never writes the whole site (the full build runs in a
process of its own: `build`), with

- `refresh(stale)`: the site read into memory as a build reads it (every generator's
  context, `all_generators_finalized`), nothing written: the context the quick render
  works in. Posts come from the content cache the full builds write
  (`<output>.tmp.serve-cache`, checked by content hash), which this process only reads.
  It gives up at the next post read once `stale` is set, keeping the context it had.
- `quick_render(paths)`: re-reads only the edited posts into that context (swapping
  the new `Article` for the old one in every list, tag and category), re-sends
  `article_generator_finalized` (so every plugin, ours too, sees the new post and
  problems are reported as in a build), and writes straight into the served folder
  only the pages a writer looks at: the post, the index page that lists it and, with
  the Reflective plugin on, the progress page and the post's Thing pages. A post whose
  address changed gets a one-line redirect at its old address until the full build
  removes it. Anything the quick render cannot do (a new post, a status change, a read
  that fails) returns None and the full build alone does the work. Its pieces (the
  selective writer, putting a re-read post in place) are in `quick`.
- `make_instance`, `fingerprint`: the Pelican both processes use (cache settings).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import threading
from functools import partial
from pathlib import Path

import pelican
from pelican import get_instance, parse_arguments, signals
from pelican.contents import Article, Content
from pelican.generators import ArticlesGenerator
from pelican.log import LimitFilter

from ..pelican_layer import wiring
from . import quick

logger = logging.getLogger("reflective.preview")
PLUGIN_DIR = Path(__file__).resolve().parent.parent


class Stale(BaseException):  # noqa: N818 (the name says what happened)
    """A newer save arrived: this build's result would be out of date.

    Not an `Exception`: Pelican catches every `Exception` a post's reading raises (it
    reports the post as unreadable and goes on), and the check is made as each post is
    read (`article_generator_preread`), so an `Exception` would make every post after
    it "unreadable" instead of stopping the build."""


class PreviewSite:
    """A Pelican kept in memory between builds; see the module docstring."""

    def __init__(self, argv: list[str], output: str):
        self.argv = list(argv)
        self.output = os.path.abspath(output)
        self.staging = self.output + ".tmp.serve"
        self.cache = self.output + ".tmp.serve-cache"
        self.generators: list | None = None  # the site in memory (refresh, quick renders)
        self._stale: threading.Event | None = None
        self._caught: list | None = None
        self._new_instance()
        signals.article_generator_preread.connect(self._checkpoint, weak=False)
        signals.all_generators_finalized.connect(self._catch, weak=False)

    # -- the Pelican instance ------------------------------------------------------

    def _new_instance(self) -> None:
        self.args, self.pelican, self.settings = make_instance(self.argv, self.output, False)
        self.settings_file = os.path.abspath(self.args.settings) if self.args.settings else ""
        self.generators = None

    def reload_settings(self) -> None:
        logger.info("preview: the settings changed; reading them again")
        self._new_instance()

    def layout_paths(self) -> dict:
        settings = self.settings
        content = os.path.abspath(settings["PATH"])
        theme = os.path.abspath(settings["THEME"]) if settings.get("THEME") else None
        templates = [os.path.join(theme, "templates")] if theme else []
        templates += [os.path.abspath(p) for p in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
        templates.append(str(wiring.TEMPLATES))
        return {
            "content": content,
            "article_dirs": tuple(os.path.join(content, p) for p in settings["ARTICLE_PATHS"]),
            "page_dirs": tuple(os.path.join(content, p) for p in settings["PAGE_PATHS"]),
            "settings_file": self.settings_file,
            "template_dirs": tuple(templates),
            "theme": theme,
            "ignored_dirs": (self.output, self.staging, self.cache),
        }

    # -- checkpoints -----------------------------------------------------------------

    def _checkpoint(self, *_args, **_kwargs) -> None:
        if self._stale is not None and self._stale.is_set():
            raise Stale()

    def _catch(self, generators) -> None:
        if self._caught is not None:
            self._caught[:] = list(generators)

    # -- the site in memory ------------------------------------------------------------

    def refresh(self, stale: threading.Event | None = None) -> bool:
        """Read the whole site into memory, write nothing; False if a newer save came
        first or the site cannot be read (the full build reports why)."""
        fresh_log()
        gc.unfreeze()  # the old context may go once this one replaces it
        forget_rendered()
        self.settings["LOAD_CONTENT_CACHE"] = self.cache_current()
        caught: list = []
        self._caught, self._stale = caught, stale
        try:
            quick.read_site(self.pelican)
        except Stale:
            return False
        except (Exception, SystemExit) as error:  # reported by the full build
            logger.debug("preview: the site could not be read: %s", error)
            return False
        finally:
            self._caught = self._stale = None
            keep_out_of_collections()
        self.generators = caught or None
        quick.fix_addresses(self._articles_generator())
        return self.generators is not None

    def cache_current(self) -> bool:
        """Whether the content cache was written with these settings and this code."""
        return _read(Path(self.cache, FINGERPRINT)) == fingerprint(self.settings_file)

    def edited_since_build(self) -> list[str]:
        """Posts the site has that were saved after the last full build began (edited
        while the server was off): the quick render shows them before the full build."""
        try:
            since = float(_read(Path(self.cache, BUILT)))
        except ValueError:
            return []
        generator = self._articles_generator()
        found = []
        for name in quick.LISTS if generator is not None else ():
            for article in getattr(generator, name):
                try:
                    if os.stat(article.source_path).st_mtime > since:
                        found.append(article.source_path)
                except OSError:
                    continue
        return sorted(set(found))

    # -- the quick render ----------------------------------------------------------------

    def post_with_slug(self, slug: str) -> str | None:
        """The source file of the post with this slug in the last build, if any."""
        generator = self._articles_generator()
        for name in quick.LISTS if generator is not None else ():
            for article in getattr(generator, name):
                if article.slug == slug:
                    return article.source_path
        return None

    def known_post(self, path: str) -> bool:
        return self._find(os.path.abspath(path)) is not None

    def _articles_generator(self) -> ArticlesGenerator | None:
        for generator in self.generators or ():
            if isinstance(generator, ArticlesGenerator):
                return generator
        return None

    def _find(self, path: str):
        generator = self._articles_generator()
        if generator is None:
            return None
        for name in quick.LISTS:
            for article in getattr(generator, name):
                if article.source_path == path:
                    return article
        return None

    def quick_render(self, paths: list[str]) -> list[str] | None:
        """Write the pages of the edited posts; None when only a full build will do."""
        fresh_log()
        collecting = gc.isenabled()
        gc.disable()  # a full collection walks the whole site: most of a quick render
        try:
            # `content_written` is for steps at the end of a whole build (the sitemap
            # queues every page it is told of, and holds it): none follows a quick render
            with signals.content_written.muted():
                return self._quick(paths)
        finally:
            if collecting:
                gc.enable()

    def _quick(self, paths):
        generator = self._articles_generator()
        if generator is None or not paths:
            return None
        swaps = []
        for path in paths:
            old = self._find(os.path.abspath(path))
            new = self._read(generator, os.path.abspath(path))
            if new is None:
                return None
            if old is None:  # a new post: only a plain one (not hidden, not a translation)
                if new.status not in ("published", "draft") or not new.in_default_lang:
                    return None
            elif new.status != old.status or quick.translation(new) != quick.translation(old):
                return None
            swaps.append((old, new))
        for old, new in swaps:
            if old is None:
                quick.add(generator, new)
            else:
                quick.swap(generator, old, new)
        forget_rendered({id(old) for old, _new in swaps if old is not None})
        if any(old is None or old.date != new.date for old, new in swaps):
            quick.resort(generator)
        freeze = self.settings.get("REFLECTIVE_GC_FREEZE")
        self.settings["REFLECTIVE_GC_FREEZE"] = False  # a collection of everything costs
        try:
            signals.article_generator_finalized.send(generator)
            for _old, new in swaps:
                new.refresh_metadata_intersite_links()
            # as in Pelican's run: what plugins attach once every context is complete
            # (a post's comments, the cohort), for the pages written below
            signals.all_generators_finalized.send(self.generators)
        except SystemExit as stop:  # strict, and the post has a problem: reported
            logger.error("%s", stop)
            return []
        finally:
            if freeze is not None:
                self.settings["REFLECTIVE_GC_FREEZE"] = freeze
        news = [new for _old, new in swaps]
        wanted = {new.save_as for new in news} | self._plugin_pages(generator, swaps)
        writer = quick.SelectiveWriter(self.output, self.settings, wanted, news)
        relative = self.settings["RELATIVE_URLS"]
        for article in news:  # as Pelican's generate_articles and generate_drafts do
            extra = {"all_articles": generator.articles} if article.status == "draft" else {}
            if article.status != "draft":
                signals.article_generator_write_article.send(generator, content=article)
            writer.write_file(
                article.save_as,
                generator.get_template(article.template),
                generator.context,
                relative_urls=relative,
                article=article,
                category=getattr(article, "category", None),
                override_output=hasattr(article, "override_save_as"),
                url=article.url,
                blog=True,
                **extra,
            )
        # Pelican's own loop: the writer renders only the index page that lists the post
        # (the other direct templates are neither wanted nor paginated: not rendered)
        generator.generate_direct_templates(partial(writer.write_file, relative_urls=relative))
        for other in self.generators:
            if getattr(other, "preview_selective", False):
                other.generate_output(writer)
        for old, new in swaps:
            if old is not None and old.save_as and old.save_as != new.save_as:
                quick.redirect(self.output, old.save_as, new.url, relative)
        return sorted(set(writer.written))

    def _read(self, generator, path):
        relative = os.path.relpath(path, generator.path)
        try:
            article = generator.readers.read_file(
                base_path=generator.path,
                path=relative,
                content_class=Article,
                context=generator.context,
                preread_signal=signals.article_generator_preread,
                preread_sender=generator,
                context_signal=signals.article_generator_context,
                context_sender=generator,
            )
        except Exception:  # the full build reports it as Pelican does
            return None
        if not isinstance(article, Article) or not article.is_valid():
            return None
        return article

    def _plugin_pages(self, generator, swaps) -> set[str]:
        """With the Reflective plugin on: the progress page and the posts' Thing pages."""
        context = generator.context.get(wiring.CONTEXT_KEY)
        if context is None:
            return set()
        config = context.config
        pages = set()
        if config.get("REFLECTIVE_PROGRESS_SAVE_AS"):
            pages.add(config["REFLECTIVE_PROGRESS_SAVE_AS"])
        thing_save_as = config.get("REFLECTIVE_THING_SAVE_AS")
        if thing_save_as:
            for old, new in swaps:
                for article in (old, new):
                    view = getattr(article, "reflective", None)
                    for number in getattr(getattr(view, "ref", None), "things", None) or ():
                        pages.add(thing_save_as.format(number=number))
        return pages


FINGERPRINT = "fingerprint"  # in the cache folder: what the cached posts were read with
BUILT = "built"  # in the cache folder: when the last finished full build began (time.time)


def make_instance(argv: list[str], output: str, writes_cache: bool):
    """(args, Pelican, settings) for the preview: output into the staging folder, the
    content cache in `<output>.tmp.serve-cache`, compared by content (MD5: two saves
    within one mtime tick still differ), at the reader layer; only the full build's
    process writes it (`writes_cache`), the server's only reads it."""
    args = parse_arguments([*argv, "-o", output + ".tmp.serve"])
    instance, settings = get_instance(args)
    settings.update(
        CACHE_CONTENT=writes_cache,
        CACHE_PATH=output + ".tmp.serve-cache",
        CHECK_MODIFIED_METHOD="md5",
        CONTENT_CACHING_LAYER="reader",
        LOAD_CONTENT_CACHE=False,
    )
    return args, instance, settings


def fingerprint(settings_file: str) -> str:
    """Cached posts keep the settings and plugin code they were read with."""
    digest = hashlib.sha256(pelican.__version__.encode())
    if settings_file and os.path.exists(settings_file):
        digest.update(Path(settings_file).read_bytes())
    for path in sorted(PLUGIN_DIR.rglob("*.py")):
        digest.update(f"{path}:{path.stat().st_mtime_ns}".encode())
    return digest.hexdigest()


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


def keep_out_of_collections() -> None:
    """After a full build: its posts, pages and model live until the next one, so the
    collector is told to leave them be (`gc.freeze`). Otherwise every full collection,
    which the quick render's allocations trigger about once each, walks all of them
    (0.2-0.5 s at 5,000 posts). The next full build unfreezes them first."""
    gc.collect()
    gc.freeze()


def collect_replaced() -> None:
    """Once a save has settled: free what the quick renders replaced (the edited post's
    old copy, the site model and comment threads rebuilt with it). They hold reference
    cycles, so only a full collection frees them, and Python starts one only once the
    objects that survived since the last number a quarter of those it kept then (the
    whole site, `keep_out_of_collections`): the server grew 1 MiB a settled save at
    200 posts, about 5 over the first ten at 1,000, before that. The site itself is
    frozen, so this walks only what changed since it was read."""
    gc.collect()


def forget_rendered(posts: set[int] | None = None) -> None:
    """Pelican memoizes each post's HTML and summary on the class, keyed by the post, for
    the life of the process: every build of a long-lived Pelican would keep all its posts
    alive (Pelican's own `-r` leaks the same way). Emptied before each reading of the
    site; after a quick render, only the replaced posts' entries (`posts`: their ids)."""
    for method in (Content.get_content, Content.get_summary):
        cache = getattr(method, "cache", None)
        if cache is None:
            continue
        if posts is None:
            cache.clear()
            continue
        for key in [k for k in cache if k and id(k[0]) in posts]:
            del cache[key]


def fresh_log() -> None:
    """Each build reports its warnings again, as a new `pelican` run would: Pelican's
    LimitFilter otherwise drops a repeated message for the life of the process."""
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
