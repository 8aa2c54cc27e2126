"""Timers for the bench: how long a build spends inside Reflective's code.

Owns wrapping, from outside and without editing the plugin, the entry points through
which a Pelican build enters Reflective's code, timing them in CPU seconds (`time.process_time`: the build is one thread, and
waiting for a shared CPU is not counted), and
writing the totals as JSON to the file named by `BENCH_TIMINGS` at `finalized`. Load it
before the plugin (`PLUGINS = ["bench_timer", "reflective"]`), so the functions that the
plugin connects to signals are already the timed ones. With `BENCH_SIDE=A` the plugin's
own steps are timed too:

- `model`: `wiring.build_site` (programme, cross-post checks, updates, groups);
- `outputs`: `ProgressGenerator.generate_output` (progress page, Thing pages, JSON and
  calendar), of which `json` and `ics` are the two exports;
- `article_includes`: rendering `reflective/thing_nav.html` and `reflective/actions.html`
  inside every article page (the theme includes them);
- `setup`: `remember_settings_file` and `add_templates`;
- `imports`: importing the plugin's modules beyond the reader (wiring, model, render,
  generator, exports and their libraries: icalendar, ...), done here, timed, before
  the plugin's `register` finds them imported.

On both sides the garbage collector is timed (`gc_gen0`..`gc_gen2`, from `gc.callbacks`),
and `gc_in_plugin` is the part of it that ran inside the plugin's steps above (included
in their times). On both sides the reader is timed: `reader_imports` (importing it), `reader_total` (`ReflectiveMarkdownReader.read`),
`reader_markdown` (its Markdown conversion of the body) and `reader_frontmatter`
(`frontmatter.split` plus `schema.read_fields`: YAML and per-post validation).
"""

from __future__ import annotations

import functools
import gc
import json
import os
from collections import defaultdict
from time import process_time as clock  # CPU time: other work on the machine does not count

from pelican import signals

TOTALS: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)
FACTS: dict[str, object] = {}
INCLUDES = ("reflective/thing_nav.html", "reflective/actions.html")
COMMENT_INCLUDES = ("reflective/comments.html",)  # timed apart, as comments_includes


PLUGIN_KEYS = (
    "imports",
    "setup",
    "model",
    "outputs",
    "article_includes",
    "comments_outputs",
    "comments_includes",
)
_inside = [0]  # > 0 while the plugin's own steps run
_gc_start = [0.0]


def _add(key: str, seconds: float) -> None:
    TOTALS[key] += seconds
    CALLS[key] += 1


def _gc_callback(phase: str, info: dict) -> None:
    """Python's cyclic garbage collector: its time, and how much of it the plugin pays.

    A full collection walks every object alive in the build, so it costs more the
    bigger the site, whichever step happens to trigger it.
    """
    if phase == "start":
        _gc_start[0] = clock()
        return
    seconds = clock() - _gc_start[0]
    generation = info.get("generation", 0)
    _add(f"gc_gen{generation}", seconds)
    if _inside[0]:
        _add("gc_in_plugin", seconds)


def timed(key: str, function):
    plugin = key in PLUGIN_KEYS

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = clock()
        _inside[0] += plugin
        try:
            return function(*args, **kwargs)
        finally:
            _inside[0] -= plugin
            _add(key, clock() - start)

    wrapper.__bench_wrapped__ = True
    return wrapper


def _wrap(owner, name: str, key: str) -> None:
    current = getattr(owner, name)
    if not getattr(current, "__bench_wrapped__", False):
        setattr(owner, name, timed(key, current))


def _timed_template(template, key: str) -> None:
    render = template.root_render_func

    def root_render_func(context):
        start = clock()
        _inside[0] += 1
        try:
            events = list(render(context))
        finally:
            _inside[0] -= 1
        _add(key, clock() - start)
        yield from events  # a generator: Jinja closes what an include returns

    template.root_render_func = root_render_func
    template.__bench_wrapped__ = True


def watch_includes(generator) -> None:
    """Time the plugin's templates where the theme includes them in article pages."""
    env = getattr(generator, "env", None)
    if env is None or "get_template" in vars(env):
        return
    get_template = env.get_template

    def timed_get_template(name, parent=None, globals=None):
        if name not in INCLUDES + COMMENT_INCLUDES:
            return get_template(name, parent, globals)
        key = "comments_includes" if name in COMMENT_INCLUDES else "article_includes"
        start = clock()  # loading, compiling, checking it is up to date
        _inside[0] += 1
        try:
            template = get_template(name, parent, globals)
        finally:
            _inside[0] -= 1
        _add(key, clock() - start)
        if not getattr(template, "__bench_wrapped__", False):
            _timed_template(template, key)
        return template

    env.get_template = timed_get_template


def write(pelican) -> None:
    path = os.environ.get("BENCH_TIMINGS")
    if not path:
        return
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(
            {"seconds": dict(TOTALS), "calls": dict(CALLS), "facts": FACTS},
            handle,
            indent=1,
            sort_keys=True,
        )


def _count_problems(function):
    @functools.wraps(function)
    def wrapper(generator):
        result = function(generator)
        context = generator.context.get("reflective")
        if context is not None:
            FACTS["problems"] = len(context.site.problems)
            FACTS["actions_visible"] = len(context.site.actions)
            FACTS["posts"] = len(context.site.posts)
        return result

    return wrapper


def register():
    start = clock()
    from reflective.core import frontmatter, schema
    from reflective.pelican_layer.reader import ReflectiveMarkdownReader

    _add("reader_imports", clock() - start)

    _wrap(ReflectiveMarkdownReader, "read", "reader_total")
    _wrap(ReflectiveMarkdownReader, "_convert", "reader_markdown")
    _wrap(frontmatter, "split", "reader_frontmatter")
    _wrap(schema, "read_fields", "reader_frontmatter")
    if os.environ.get("BENCH_SIDE") == "A":
        start = clock()
        from reflective.pelican_layer import wiring
        from reflective.progress import exports, generator

        _add("imports", clock() - start)

        wiring.build_site = timed("model", _count_problems(wiring.build_site))
        wiring.build_site.__bench_wrapped__ = True
        _wrap(wiring, "remember_settings_file", "setup")
        _wrap(wiring, "add_templates", "setup")
        _wrap(generator.ProgressGenerator, "generate_output", "outputs")
        _wrap(exports, "write_progress_json", "json")
        _wrap(exports, "write_calendar", "ics")
        from reflective.comments import checks as comments_checks
        from reflective.comments import wiring as comments_wiring

        _wrap(comments_checks, "check", "comments_model")  # inside "model" (build_site)
        _wrap(comments_wiring.CommentsGenerator, "generate_output", "comments_outputs")
        signals.generator_init.connect(watch_includes)
    gc.callbacks.append(_gc_callback)
    signals.finalized.connect(write)
