"""Comment bodies: untrusted Markdown (or HTML) in, harmless HTML out.

Owns the one way a comment body becomes HTML, used for every page and feed: Markdown
(raw HTML allowed in, as WordPress comments hold HTML), e-mail addresses replaced,
headings demoted to bold paragraphs (a comment must not break the page's outline),
then nh3 (the Rust `ammonia` sanitiser; bleach, the other well-known choice, has been
deprecated since 2023) with a small allow-list: inline and block text tags, `a href`
with absolute http(s) URLs only (marked `rel="nofollow ugc noopener"`), no scripts,
styles, event attributes, images, iframes or forms. Broken HTML is repaired by the
sanitiser's HTML5 parser.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3

from .core import EMAIL

REMOVED_ADDRESS = "[address removed]"
TAGS = {
    "p", "br", "a", "em", "strong", "b", "i", "s", "del", "ins", "code", "pre",
    "blockquote", "ul", "ol", "li", "q", "cite", "abbr", "sub", "sup", "hr",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
LINK_REL = "nofollow ugc noopener"
_HEADING_OPEN = re.compile(r"<h[1-6](\s[^>]*)?>", re.I)
_HEADING_CLOSE = re.compile(r"</h[1-6]\s*>", re.I)

_CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script", "style", "template", "textarea", "title"},
    attributes=ATTRIBUTES,
    url_schemes={"http", "https"},
    url_relative="deny",
    link_rel=LINK_REL,
    strip_comments=True,
)


def redact(text: str) -> str:
    """The text with every e-mail address replaced."""
    return EMAIL.sub(REMOVED_ADDRESS, text or "")


def clean(html: str) -> str:
    """Sanitise an HTML fragment with the comment allow-list."""
    html = _HEADING_OPEN.sub("<p><strong>", html)
    html = _HEADING_CLOSE.sub("</strong></p>", html)
    return _CLEANER.clean(html)


_MD: list = []  # one converter, reset for each body (building one costs more than a body)


@lru_cache(maxsize=1 << 14)
def body_html(body: str) -> str:
    """A comment's body as safe HTML."""
    if not _MD:
        _MD.append(
            markdown.Markdown(extensions=["markdown.extensions.sane_lists"], output_format="html")
        )
    md = _MD[0]
    md.reset()
    return clean(md.convert(redact(body)))
