"""The Pelican layer: signals that connect the pure core to a Pelican build.

Owns: registering the YAML front-matter reader, adding the plugin's default templates
behind the theme's (a theme overrides any of them) and its Jinja filters, building the
site model once every article is read (`article_generator_finalized`, which sees cached
and fresh articles alike), reporting all problems of the build in one message,
stopping a strict build before anything is written, `SiteContext` (what templates see
as `reflective`), a foreign theme's `MENUITEMS` (`menu`), and freezing the garbage
collector for the rest of the build. Per-run state lives in the generator context,
never in module globals, so autoreload starts clean on every run.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

from jinja2 import FileSystemLoader
from markupsafe import Markup
from pelican import signals

from .. import capabilities
from ..core import addresses, content, model, render
from ..core.checks import CheckContext
from ..core.checks import run as run_checks
from ..core.problems import Problem, log_lines, sort_key
from . import menu
from .reader import ReflectiveMarkdownReader, display_path

logger = logging.getLogger(__name__)
TEMPLATES = Path(__file__).parent.parent / "templates"
CONTEXT_KEY = "reflective"
ALL_THING_PAGES_KEY = "reflective_all_thing_pages"  # set by a capability that wants them
SETTINGS_DIR_KEY = "_reflective_settings_dir"  # lowercase: never a user setting


def add_reader(readers):
    for extension in ReflectiveMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ReflectiveMarkdownReader


def add_templates(generator):
    """Our templates go behind the theme's, so a theme can override each one."""
    env = getattr(generator, "env", None)
    if env is None:
        return
    loaders = getattr(env.loader, "loaders", None)
    if loaders is not None and not any(
        isinstance(loader, FileSystemLoader) and str(TEMPLATES) in loader.searchpath
        for loader in loaders
    ):
        loaders.append(FileSystemLoader(str(TEMPLATES)))
    add_filters(env)


def add_filters(env) -> None:
    """The Jinja filters the plugin's templates use (docs/settings.md, Templates)."""
    # Markup: render.inline escapes raw HTML and unsafe links itself (see render).
    env.filters["reflective_inline"] = lambda text: Markup(render.inline(text or ""))
    env.filters["reflective_plain"] = render.plain
    env.filters["reflective_day"] = lambda value: Markup(render.time_element(value))


def _post_input(article, draft: bool) -> model.PostInput:
    data = article.metadata.get("reflective")
    source = data["source"] if data else display_path(article.source_path)
    fields = data["fields"] if data else {"things": [], "actions": [], "updates": []}
    problems = [Problem.from_dict(p) for p in data["problems"]] if data else []
    return model.PostInput(
        source=source,
        title=article.title,
        url=article.url,
        date=article.date.date(),
        fields=fields,
        draft=draft,
        problems=problems,
        handle=article,
    )


def build_site(generator):
    """`article_generator_finalized`: check everything, then attach views."""
    config, programme, problems, _ = content.configure(generator.settings, _settings_dir(generator))
    problems.extend(_addresses(generator))
    posts = [_post_input(a, False) for a in generator.articles + generator.hidden_articles]
    posts += [_post_input(a, True) for a in generator.drafts]
    site = model.build(
        posts, programme, config["REFLECTIVE_TODAY"], show_private=config["REFLECTIVE_SHOW_PRIVATE"]
    )
    problems.extend(site.problems)
    checks_context = CheckContext(site, config, generator.settings, _settings_dir(generator))
    problems.extend(run_checks(checks_context, capabilities.checks()))
    site.problems = sorted(problems, key=sort_key)
    report(site.problems, config["REFLECTIVE_STRICT"])
    context = SiteContext(site, config, getattr(generator, "env", None))
    generator.context[CONTEXT_KEY] = context
    menu.install(generator.context, generator.settings, config)  # foreign themes' menus
    for view in site.posts:
        view.handle.reflective = view
    if config["REFLECTIVE_APPEND_TO_CONTENT"]:
        template = generator.get_template("reflective/article_actions")
        for view in site.posts:
            if view.has_actions or view.things:
                html = template.render(generator.context, article=view.handle)
                view.handle._content = (view.handle._content or "") + html
    if config["REFLECTIVE_GC_FREEZE"]:
        freeze_read_objects()


def freeze_read_objects() -> None:
    """Keep the garbage collector off everything read so far, until the build ends.

    Once the articles are read, the rest of the build (Pelican's pages and ours)
    allocates briskly, and each full collection then walks every article, its
    Markdown output and the site model, which are alive until the end anyway: at
    5,000 posts that was most of the collector's time. `gc.freeze()` moves them to a
    generation the collector skips; `thaw` (at `finalized`, and when the next build
    starts, should this one fail halfway) hands them back, so an autoreloading
    Pelican does not keep old builds alive. Garbage already there is collected first.
    """
    gc.collect()
    gc.freeze()


def thaw(_sender=None) -> None:
    gc.unfreeze()


def _addresses(generator) -> list[Problem]:
    """Where Pelican will write each post, checked by `core.addresses` as `reflective
    check` checks it: posts Pelican dropped (read again as the CLI reads them, to say
    why), titles that make no address, two posts written to one file.

    Pelican would overwrite one post with the other, or abort half-way through
    writing: reported here, before anything is written. So that a lenient preview
    still shows both, the later one gets a numbered slug, and a post with no slug "post".
    """
    found = []
    for article in generator.articles + generator.hidden_articles + generator.drafts:
        data = article.metadata.get("reflective") or {}
        found.append(
            addresses.Address(
                os.path.abspath(article.source_path),
                display_path(article.source_path),
                article.slug,
                article.save_as,
                data.get("slug_line"),
                handle=article,
            )
        )
    for path, value in generator.context.get("generated_content", {}).items():
        if value is None:  # Pelican gave up on it (and logged why)
            full = os.path.abspath(os.path.join(generator.path, path))
            dropped = addresses.of_source(
                content.read_source(full, generator.settings), generator.settings
            )
            if dropped.missing is None and dropped.unreadable is None:
                dropped.unreadable = "its error is logged above"
            found.append(dropped)
    problems, later = addresses.check(found)
    for address in found:
        if address.handle is not None and not address.handle.slug:
            address.handle.slug = "post"
    renamed = {id(a) for a in later}
    taken = {a.handle.save_as for a in found if a.handle is not None and id(a) not in renamed}
    for address in later:
        article, number = address.handle, 2
        base = article.slug
        while article.save_as in taken:
            article.slug = f"{base}-{number}"
            number += 1
        taken.add(article.save_as)
    return problems


def _settings_dir(generator) -> str:
    """Where a relative programme path resolves: the settings file's folder (as PATH)."""
    return generator.settings.get(SETTINGS_DIR_KEY) or os.getcwd()


def report(problems: list[Problem], strict: bool) -> None:
    """One message for all problems; a strict build stops before writing anything.

    Under `pelican -r` (autoreload) a strict build does not stop: Pelican's reload
    loop re-runs a failed build at once, in a busy loop, and an exit would end the
    server; the problems are reported and the site is built, as in the preview.
    """
    if not problems:
        return
    count = len(problems)
    noun = "problem" if count == 1 else "problems"
    if strict and not _autoreloading():
        logger.error("reflective: %d %s in the content:", count, noun)
        log_lines(problems)  # one unwrapped line each, whatever the output
        # A clean exit, not a traceback: the problems are the whole story.
        raise SystemExit(
            f"reflective: the build stopped: {count} {noun} in the content (listed "
            "above); nothing was written. Fix them, or preview with "
            "REFLECTIVE_STRICT = False."
        )
    suffix = " (strict, but autoreloading)" if strict else ""
    logger.error(
        "reflective: %d %s in the content%s (the rest of the site is built):",
        count,
        noun,
        suffix,
    )
    log_lines(problems)


def _autoreloading() -> bool:
    """True under `pelican -r`, which re-runs a failed build in a busy loop."""
    for arg in sys.argv[1:]:
        if arg == "--autoreload" or (
            arg.startswith("-") and not arg.startswith("--") and "r" in arg[1:]
        ):
            return True
    return False


class SiteContext:
    """What templates see as `reflective`: the site model plus its URLs and limits.

    One per build (it lives in the generator context), so its caches start empty on
    every run of an autoreloading Pelican.
    """

    def __init__(self, site: model.Site, config: dict, template_env=None):
        self.site = site
        self.config = config
        self.progress_url = config["REFLECTIVE_PROGRESS_URL"]
        self.json_url = config["REFLECTIVE_JSON_SAVE_AS"]
        self.ics_url = config["REFLECTIVE_ICS_SAVE_AS"]
        # Thing pages turned off (REFLECTIVE_THING_SAVE_AS = ""): a Thing's links go to
        # its entry on the progress page, which then lists all of the Thing's posts.
        self.thing_pages = bool(config.get("REFLECTIVE_THING_SAVE_AS"))
        self.thing_post_limit = (
            config.get("REFLECTIVE_THING_POST_LIMIT", 5) if self.thing_pages else None
        )
        self.stylesheet_save_as = config.get("REFLECTIVE_STYLESHEET_SAVE_AS") or ""
        self.stylesheet_used = False  # a page linked it: the progress generator writes it
        self.page_size = config.get("REFLECTIVE_PROGRESS_PAGE_SIZE", 100)
        pattern = config["REFLECTIVE_THING_URL"]
        if not self.thing_pages and config.get("REFLECTIVE_PROGRESS_SAVE_AS"):
            pattern = self.progress_url + "#thing-{number}"
        self._thing_url_pattern = pattern
        # Every page's menu and badges ask for these: formatted once, not per call.
        self.thing_urls = {
            thing.number: pattern.format(number=thing.number) for thing in site.things
        }
        self._thing_url_set = frozenset(self.thing_urls.values())
        self._fragments: dict = {}
        # The articles generator's Jinja environment (from build_site): the progress
        # generator renders with it too, so base.html and the macros it already
        # compiled are not compiled again (Pelican gives each generator its own).
        self.template_env = template_env

    def thing_url(self, number: int) -> str:
        url = self.thing_urls.get(number)
        return url if url is not None else self._thing_url_pattern.format(number=number)

    def is_thing_url(self, url: str) -> bool:
        return url in self._thing_url_set

    def once(self, *key, caller):
        """A `{% call reflective.once(key...) %}` block's output, rendered once per key.

        For markup that is the same on many pages (the theme's Things menu): the key
        names everything the block depends on (the page's root, say). Model objects,
        which are not hashable, count by identity; they live as long as this context.
        """
        cache_key = tuple(id(part) if type(part).__hash__ is None else part for part in key)
        fragment = self._fragments.get(cache_key)
        if fragment is None:
            fragment = self._fragments[cache_key] = caller()
        return fragment

    def stylesheet(self) -> str:
        """The plugin's stylesheet's path, for the plugin's own templates (themes that
        know nothing of the plugin); asking for it has the file written."""
        if self.stylesheet_save_as:
            self.stylesheet_used = True
        return self.stylesheet_save_as

    def limit(self, group: model.Group) -> int:
        """The most actions of a group the progress page itself lists: done actions are
        history (the most recent first), the others what is still to do."""
        if group.key == "done":
            return self.config.get("REFLECTIVE_PROGRESS_DONE_LIMIT", 10)
        return self.config.get("REFLECTIVE_PROGRESS_GROUP_LIMIT", 50)

    def split(self, group: model.Group) -> bool:
        """Whether a group is too long for the progress page and gets pages of its own."""
        url = self.config.get("REFLECTIVE_PROGRESS_GROUP_URL")
        return bool(url) and len(group.actions) > self.limit(group)

    def shown(self, group: model.Group) -> list:
        """The actions of a group that the progress page itself lists."""
        if self.split(group):
            return group.actions[: self.limit(group)]
        return group.actions

    def group_url(self, key: str, page: int = 1) -> str:
        url = self.config["REFLECTIVE_PROGRESS_GROUP_URL"].format(group=key)
        return url if page == 1 else f"{url}{page}/"

    def __getattr__(self, name):
        return getattr(self.site, name)


def remember_settings_file(pelican):
    """`initialized`: check the settings and note the settings file's folder.

    Pelican does not keep the settings file's path, so it is taken from the command
    line (`-s FILE`); without one, Pelican reads ./pelicanconf.py, so the working
    folder is right. Code that builds with Pelican's API may set the key itself.
    """
    settings = pelican.settings
    if not settings.get(SETTINGS_DIR_KEY):
        directory = os.getcwd()
        for index, arg in enumerate(sys.argv[:-1]):
            if arg in ("-s", "--settings"):
                directory = os.path.dirname(os.path.abspath(sys.argv[index + 1]))
        settings[SETTINGS_DIR_KEY] = directory


def register():
    signals.initialized.connect(thaw)
    signals.finalized.connect(thaw)
    signals.initialized.connect(remember_settings_file)
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(add_templates)
    signals.article_generator_finalized.connect(build_site)
