"""Inline Markdown for action text and notes, safe to put in any page.

Owns turning one line of author text into HTML: links, emphasis and code work; raw
HTML is shown as text (Python-Markdown's raw-HTML processors are removed, so the
serializer escapes it); links other than http(s), mailto, relative and #anchors lose
their href. Also the plain-text form used in iCalendar and JSON, and the `<time>`
element of a date in an action list.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
from markdown.treeprocessors import Treeprocessor

_SAFE_SCHEMES = ("http:", "https:", "mailto:")
_SPECIAL = re.compile(r"[\\`*_\[\]<>&!#~]|^\s*[-+>0-9]|\n")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")


class _SafeLinks(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is None:
                    continue
                scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:)", value)
                if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
                    del element.attrib[attribute]


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=[], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeLinks(md), "reflective_safe_links", 0)
    return md


_MD = None


# Every text is rendered four times a build (its post, the progress page, its Thing
# page, progress.json), each pass in the same order: an LRU cache smaller than the
# site's distinct texts evicts each one before its next use and converts every time.
@lru_cache(maxsize=1 << 16)
def inline(text: str) -> str:
    """HTML for one action text or note; plain text takes a fast path."""
    global _MD
    if not text:
        return ""
    if not _SPECIAL.search(text):
        return html.escape(text, quote=False)
    if _MD is None:
        _MD = _markdown()
    _MD.reset()
    out = _MD.convert(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def plain(text: str) -> str:
    """The text without Markdown markup, for calendars and summaries."""
    if not text:
        return ""
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())


@lru_cache(maxsize=1 << 12)
def time_element(value) -> str:
    """`<time datetime="2011-08-31">31 August 2011</time>` for a date in an action list."""
    return f'<time datetime="{value.isoformat()}">{value.day} {value:%B %Y}</time>'
