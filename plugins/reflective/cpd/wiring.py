"""The Pelican layer of the CPD record: the record in the context and the `cpd/` page.

Owns building the record once the site model exists (`article_generator_finalized`,
after the shared layer's handler, which has already reported the CPD problems through
`checks.check`), putting it in the context as `reflective_cpd` (what the page and
the theme's navigation see; a foreign theme's menu is offered the page,
`pelican_layer.menu`), the Jinja filter `reflective_hours`, and `CpdGenerator`,
which writes `REFLECTIVE_CPD_SAVE_AS` with the template `reflective/cpd.html`. Per-run
state lives in the generator context only.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from ..pelican_layer import menu
from ..pelican_layer.wiring import CONTEXT_KEY, SETTINGS_DIR_KEY
from . import config as cpd_config
from . import record as record_mod

CPD_KEY = "reflective_cpd"


def hours(value) -> str:
    """1.0 → '1', 1.5 → '1.5', 0.333 → '0.33'."""
    if value is None:
        return ""
    return f"{round(float(value), 2):g}"


class CpdContext:
    """What the `cpd/` page and the theme see as `reflective_cpd`."""

    def __init__(self, record: record_mod.Record, cpd: cpd_config.CpdConfig):
        self.record = record
        self.url = cpd.url
        self.save_as = cpd.save_as
        self.activities = cpd.activities

    @property
    def enabled(self) -> bool:
        """A site that uses no CPD field and sets no framework gets no page."""
        return bool(self.save_as) and bool(self.record.log or self.record.framework)

    def __getattr__(self, name):
        return getattr(self.record, name)


def build_record(generator):
    """`article_generator_finalized`, after `reflective.wiring.build_site`."""
    reflective = generator.context.get(CONTEXT_KEY)
    if reflective is None:
        return
    settings_dir = generator.settings.get(SETTINGS_DIR_KEY) or "."
    cpd = cpd_config.configure(reflective.config, settings_dir)
    posts = cpd_config.posts_of(reflective.site)
    record = record_mod.build(posts, cpd.activities, cpd.framework, reflective.site.today)
    generator.context[CPD_KEY] = context = CpdContext(record, cpd)
    if context.enabled:  # the page is written: a foreign theme's menu links it
        menu.offer(generator.context, menu.CPD, "CPD", context.url)


def add_filters(generator):
    env = getattr(generator, "env", None)
    if env is not None:
        env.filters["reflective_hours"] = hours


class CpdGenerator(Generator):
    """Writes the `cpd/` page."""

    def generate_context(self):
        """Nothing to read: the record is built when the articles are finalized."""

    def generate_output(self, writer):
        cpd = self.context.get(CPD_KEY)
        reflective = self.context.get(CONTEXT_KEY)
        if cpd is None or not cpd.enabled:
            return
        if reflective is not None and reflective.template_env is not None:
            self.env = reflective.template_env
            self._templates = {}
            add_filters(self)
        writer.write_file(
            cpd.save_as,
            self.get_template("reflective/cpd"),
            self.context,
            relative_urls=self.settings.get("RELATIVE_URLS", False),
            url=cpd.url,
            page_name="cpd",
        )


def get_generators(pelican):
    return CpdGenerator


def register():
    signals.generator_init.connect(add_filters)
    signals.article_generator_finalized.connect(build_record)
    signals.get_generators.connect(get_generators)
