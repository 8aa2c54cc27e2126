"""Baseline for the bench (side B): plain Pelican with Reflective's reader and nothing else.

Owns registering `reflective.pelican_layer.reader.ReflectiveMarkdownReader` for .md files (so B parses
and validates the same front matter as A, and converts the same Markdown with the same
extensions), and letting B render the same theme as A: any `reflective/...` template the
theme includes and does not itself provide is an empty template behind the theme's, and
the plugin's two filters exist (as `str`), so a theme that overrides the plugin's
templates still compiles. With no site model, `article.reflective` is undefined and those
templates render nothing. No model, no progress or Thing pages, no JSON, no calendar.
"""

from jinja2 import FunctionLoader
from pelican import signals

EMPTY = "{#- bench baseline: the plugin is off, so this renders nothing. -#}"


def add_reader(readers):
    from reflective.pelican_layer.reader import ReflectiveMarkdownReader

    for extension in ReflectiveMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ReflectiveMarkdownReader


def _empty_plugin_template(name: str):
    if name.startswith("reflective/"):
        return EMPTY, None, lambda: True
    return None


def add_templates(generator):
    env = getattr(generator, "env", None)
    loaders = getattr(getattr(env, "loader", None), "loaders", None)
    if loaders is None:
        return
    if not any(getattr(loader, "load_func", None) is _empty_plugin_template for loader in loaders):
        loaders.append(FunctionLoader(_empty_plugin_template))
    env.filters.setdefault("reflective_inline", str)
    env.filters.setdefault("reflective_plain", str)


def register():
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(add_templates)
