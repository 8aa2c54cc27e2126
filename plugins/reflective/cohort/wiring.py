"""The cohort's Pelican layer: the cache into the build, and the pages it adds.

Owns, when `REFLECTIVE_COHORT` is set: reading the cohort file and the cache (never
the network) once every generator has read its content (`all_generators_finalized`,
after the site model exists, before anything is written; the cohort file's problems
are reported with the build's others by `checks`), each post's `cohort_links` (the
participants' posts linking to it, `links`), `CohortContext` (what
templates see as `reflective_cohort`), "Others on this Thing" appended to posts for
themes that do not place it (REFLECTIVE_APPEND_TO_CONTENT), and `CohortGenerator`,
which writes `cohort/` and its numbered pages (participants, when more than the page's
table holds; those not fetched, when there are more than the cohort page lists; the
cohort's posts on a Thing beyond what its Thing page lists); it asks the progress
generator for every Thing's page, so a Thing the author has not written yet has one
too.
"""

from __future__ import annotations

import functools
import logging
import os

from pelican import signals

from ..core.weburl import same_page_key
from ..pelican_layer import menu
from ..pelican_layer import wiring as shared
from ..pelican_layer.generators import SiteGenerator
from . import cache, config, failures, links, view

logger = logging.getLogger(__name__)
CONTEXT_KEY = "reflective_cohort"


class CohortContext:
    """The cohort as templates see it (`reflective_cohort`): the view plus its URLs."""

    def __init__(self, cohort: view.Cohort, settings: dict, cache_dir: str):
        self.cohort = cohort
        self.url = settings["REFLECTIVE_COHORT_URL"]
        self.save_as = settings["REFLECTIVE_COHORT_SAVE_AS"]
        self.others_limit = settings["REFLECTIVE_COHORT_OTHERS_LIMIT"]
        self.latest_count = settings["REFLECTIVE_COHORT_LATEST"]
        self.cache_dir = cache_dir
        self.page_size = settings["REFLECTIVE_COHORT_PAGE_SIZE"]
        members = cohort.members
        # The page budget (docs/cohort.md, "Within the page budget"): the cohort page
        # has its table up to REFLECTIVE_COHORT_TABLE_LIMIT participants; a larger
        # cohort's table is on numbered pages of its own, REFLECTIVE_COHORT_PAGE_SIZE
        # a page. The page's other parts do not grow with the cohort: the newest
        # REFLECTIVE_COHORT_LATEST posts, one line per Thing (a count and a link to the
        # Thing's page, which has every post), and those not fetched (capped below).
        self.table_limit = settings["REFLECTIVE_COHORT_TABLE_LIMIT"]
        self.pages = (
            [members[i : i + self.page_size] for i in range(0, len(members), self.page_size)]
            if len(members) > self.table_limit
            else None
        )
        # A Thing's page lists the cohort's newest REFLECTIVE_COHORT_THING_PAGE_SIZE
        # posts on it (after the author's own); the rest continue on numbered pages.
        self.thing_page_size = settings["REFLECTIVE_COHORT_THING_PAGE_SIZE"]
        self.thing_url_pattern = settings["REFLECTIVE_THING_URL"]
        # Those not fetched, by reason: all on the cohort page up to
        # REFLECTIVE_COHORT_FAILED_LIMIT; more (a year on, blogs gone), their counts by
        # reason there and every one on numbered pages of their own.
        self.failed_limit = settings["REFLECTIVE_COHORT_FAILED_LIMIT"]
        self.failure_groups = failures.group(members)
        self.failure_list = [f for group in self.failure_groups for f in group.failures]
        self.failed_pages = None
        self.reason_pages: dict[str, int] = {}
        if len(cohort.failed) > self.failed_limit:
            self.failed_pages = failures.pages(self.failure_groups, self.page_size)
            for number, parts in enumerate(self.failed_pages, start=1):
                for part in parts:
                    self.reason_pages.setdefault(part.group.key, number)

    def page_url(self, number: int) -> str:
        return f"{self.url}participants/{number}/"

    def failed_url(self, number: int) -> str:
        return f"{self.url}not-fetched/{number}/"

    @property
    def latest(self) -> list[view.OtherPost]:
        return self.cohort.latest(self.latest_count)

    def thing_posts(self, number: int, page: int = 1) -> list[view.OtherPost]:
        """Page `page` of the cohort's posts on Thing `number` (1: on its Thing page)."""
        size = self.thing_page_size
        return self.cohort.others(number)[(page - 1) * size : page * size]

    def thing_page_count(self, number: int) -> int:
        return max(1, -(-len(self.cohort.others(number)) // self.thing_page_size))

    def thing_posts_url(self, number: int, page: int) -> str:
        """Page 1 is the Thing's page; the next ones are the cohort's."""
        if page == 1:
            return self.thing_url_pattern.format(number=number)
        return f"{self.url}things/{number}/{page}/"

    def thing_pager(self, number: int):
        """`thing_posts_url` for one Thing: page number -> address (the numbered pages)."""
        return functools.partial(self.thing_posts_url, number)

    def __getattr__(self, name):
        return getattr(self.cohort, name)


def load(generators) -> None:
    """`all_generators_finalized`: the cohort from the cache, for every page to come."""
    context = generators[0].context if generators else None
    if context is None:
        return
    context[CONTEXT_KEY] = None
    reflective = context.get(shared.CONTEXT_KEY)
    if reflective is None or not reflective.config.get("REFLECTIVE_COHORT"):
        return
    settings = reflective.config
    base = generators[0].settings.get(shared.SETTINGS_DIR_KEY) or os.getcwd()
    setting = settings["REFLECTIVE_COHORT"]
    # The cohort file's problems were reported with the build's (cohort.checks).
    participants, _ = config.load(config.resolve(setting, base), setting)
    cache_dir = cache.folder(settings["REFLECTIVE_COHORT_CACHE"], base)
    records = {p.key: cache.read(cache_dir, p.key) for p in participants}
    missing = sum(1 for record in records.values() if record is None)
    if participants and missing:
        logger.warning(
            "reflective: cohort: %d of %d participants are not in the cache %s yet; "
            "run 'reflective cohort fetch'",
            missing,
            len(participants),
            cache_dir,
        )
    cohort = view.build(
        reflective.site.programme, participants, records, settings["REFLECTIVE_TODAY"]
    )
    context[CONTEXT_KEY] = CohortContext(cohort, settings, cache_dir)
    _link_posts(participants, records, reflective, generators[0].settings)
    if settings["REFLECTIVE_COHORT_SAVE_AS"]:  # a foreign theme's menu links it
        menu.offer(context, menu.COHORT, "Cohort", settings["REFLECTIVE_COHORT_URL"])
    # "What did the others make of Thing 7?" before writing it: every Thing's page.
    context[shared.ALL_THING_PAGES_KEY] = True
    if settings["REFLECTIVE_APPEND_TO_CONTENT"]:
        _append_to_posts(generators, context, reflective)


def _link_posts(participants, records, reflective, pelican_settings) -> None:
    """Each of our posts that a participant's post links to gets `cohort_links`, shown
    under "Linked from" (templates/reflective/comments.html). Our addresses need SITEURL
    (a published build); a preview without it cannot know them."""
    siteurl = str(pelican_settings.get("SITEURL") or "")
    if not siteurl.startswith(("http://", "https://")):
        return
    handles = [p.handle for p in reflective.site.posts if not p.ref.draft]
    ours = {
        same_page_key(f"{siteurl.rstrip('/')}/{handle.url}"): index
        for index, handle in enumerate(handles)
        if getattr(handle, "url", None) is not None
    }
    for index, entries in links.linking(participants, records, ours).items():
        handles[index].cohort_links = entries


def _append_to_posts(generators, context, reflective) -> None:
    articles = next((g for g in generators if hasattr(g, "articles")), None)
    if articles is None:
        return
    template = articles.get_template("reflective/cohort_others")
    for post in reflective.site.posts:
        if post.things and not post.ref.draft:
            html = template.render(context, cohort_things=post.things, cohort_limit=True)
            post.handle._content = (post.handle._content or "") + html


class CohortGenerator(SiteGenerator):
    """Writes `cohort/`, and a large cohort's numbered pages of participants and of
    those not fetched."""

    def generate_output(self, writer):
        """`load` filled the context from the cache; nothing else to read."""
        cohort = self.context.get(CONTEXT_KEY)
        if cohort is None or self.site_context() is None:
            return
        relative = self.settings.get("RELATIVE_URLS", False)
        self._write_thing_pages(writer, cohort)
        if cohort.save_as:
            writer.write_file(
                cohort.save_as,
                self.get_template("reflective/cohort"),
                self.context,
                relative_urls=relative,
                url=cohort.url,
                page_name=cohort.url.rstrip("/") or "cohort",
            )
        if cohort.save_as and cohort.pages:
            self.write_numbered(
                writer,
                "reflective/cohort_participants",
                cohort.pages,
                cohort.page_url,
                "page_members",
            )
        if cohort.save_as and cohort.failed_pages:
            self.write_numbered(
                writer,
                "reflective/cohort_not_fetched",
                cohort.failed_pages,
                cohort.failed_url,
                "page_parts",
            )

    def _write_thing_pages(self, writer, cohort) -> None:
        """The cohort's posts on a Thing beyond its Thing page's share, on numbered
        pages continuing it (the Thing page, written by progress, is page 1)."""
        reflective = self.site_context()
        if not reflective.config["REFLECTIVE_THING_SAVE_AS"]:
            return  # no Thing pages to continue
        size = cohort.thing_page_size
        for thing in reflective.site.things:
            posts = cohort.others(thing.number)
            if len(posts) <= size:
                continue
            self.write_numbered(
                writer,
                "reflective/cohort_thing",
                [posts[i : i + size] for i in range(size, len(posts), size)],
                cohort.thing_pager(thing.number),
                "page_posts",
                start=2,
                thing=thing,
            )


def get_generators(pelican):
    return CohortGenerator


def register() -> None:
    signals.all_generators_finalized.connect(load)
    signals.get_generators.connect(get_generators)
