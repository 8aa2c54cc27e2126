"""Baseline for the bench (side B): plain Pelican with Reflective's reader and nothing else.

Owns registering `reflective.reader.ReflectiveMarkdownReader` for .md files (so B parses
and validates the same front matter as A, and converts the same Markdown with the same
extensions), and putting empty `reflective/thing_nav.html` and `reflective/actions.html`
behind the theme, so B renders the same theme as A with the plugin's include points
producing nothing. No site model, no progress or Thing pages, no JSON, no calendar.
"""

from pathlib import Path

from jinja2 import FileSystemLoader
from pelican import signals

TEMPLATES = Path(__file__).parent / "templates"


def add_reader(readers):
    from reflective.reader import ReflectiveMarkdownReader

    for extension in ReflectiveMarkdownReader.file_extensions:
        readers.reader_classes[extension] = ReflectiveMarkdownReader


def add_templates(generator):
    loaders = getattr(getattr(generator, "env", None), "loader", None)
    loaders = getattr(loaders, "loaders", None)
    if loaders is not None and not any(
        isinstance(loader, FileSystemLoader) and str(TEMPLATES) in loader.searchpath
        for loader in loaders
    ):
        loaders.append(FileSystemLoader(str(TEMPLATES)))


def register():
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(add_templates)
