"""Rendering a portfolio: one HTML document from the theme's template, then PDF or HTML.

Owns the Jinja environment of the portfolio (the theme's `templates/`, so a theme
restyles or replaces `reflective/portfolio.html` and `reflective/portfolio.css`), making
each post's body fit the document (headings one level under the post's title, ids
prefixed so they stay unique, links to printed posts turned into links inside the
document, other site links dropped, local images embedded as data: URIs, nothing
fetched from the network), and writing the PDF with WeasyPrint (tagged, PDF/UA-1:
bookmarks, language, title) or the same document as one self-contained HTML file.
"""

from __future__ import annotations

import base64
import html
import logging
import mimetypes
import os
import re
from pathlib import Path

from jinja2 import ChainableUndefined, Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ..core import render
from .document import Portfolio

logger = logging.getLogger(__name__)
TEMPLATE = "reflective/portfolio.html"
STYLESHEET = Path("templates") / "reflective" / "portfolio.css"  # not static: no site page uses it
_HEADING = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)
_ID = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"', re.IGNORECASE)
_IMG = re.compile(r'<img\b([^>]*?)\bsrc="([^"]*)"([^>]*)>', re.IGNORECASE)
_ALT = re.compile(r'\balt="([^"]*)"')
_CHECKBOX = re.compile(r"<input\b[^>]*\btype=\"checkbox\"[^>]*>", re.IGNORECASE)


class PortfolioError(Exception):
    """The portfolio cannot be made as asked; the message says why and what to do."""


def theme_files(theme: str) -> tuple[Path, Path]:
    """The template folder and stylesheet of `theme`; an error names what is missing."""
    folder = Path(theme) / "templates"
    template = folder / TEMPLATE
    stylesheet = Path(theme) / STYLESHEET
    for path in (template, stylesheet):
        if not path.is_file():
            raise PortfolioError(
                f"the theme {theme} has no {path.relative_to(theme)}; copy it from the "
                "Reflective theme (theme/ in the kit) into your theme to make portfolios"
            )
    return folder, stylesheet


def environment(template_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(template_dir)),
        autoescape=select_autoescape(["html"]),
        undefined=ChainableUndefined,
        trim_blocks=False,
    )
    env.filters["reflective_inline"] = lambda text: Markup(render.inline(text or ""))
    env.filters["reflective_plain"] = render.plain
    env.filters["reflective_day"] = lambda value: Markup(render.time_element(value))
    from .wiring import hours

    env.filters["reflective_hours"] = hours
    return env


def fit_body(body: str, anchor: str, targets: dict, site_url: str, roots) -> str:
    """A post's HTML made to sit inside the document (see the module's docstring)."""

    def heading(match):
        level = min(6, max(3, int(match.group(2)) + 1))
        return f"<{match.group(1)}h{level}"

    body = _HEADING.sub(heading, body)
    body = _ID.sub(lambda m: f'id="{anchor}-{m.group(1)}"', body)

    def link(match):
        attrs, href = match.group(1), html.unescape(match.group(2))
        if href.startswith("#"):
            return f'<a{attrs}href="#{anchor}-{html.escape(href[1:])}"'
        if href.startswith(("http://", "https://", "mailto:")) and not (
            site_url and href.startswith(site_url)
        ):
            return match.group(0)
        path = href[len(site_url) :] if site_url and href.startswith(site_url) else href
        key = path.lstrip("/").split("#")[0]
        if key in targets:
            return f'<a{attrs}href="#{targets[key]}"'
        if site_url.startswith("http"):
            return f'<a{attrs}href="{html.escape(site_url.rstrip("/") + "/" + key)}"'
        return f"<a{attrs.rstrip()}"  # a page of the site that is not in the document

    body = _HREF.sub(link, body)
    # Task-list checkboxes as symbols with words: a form field means nothing on paper.
    body = _CHECKBOX.sub(
        lambda m: (
            '<span class="task">☑ <span class="task-state">(done)</span></span>'
            if re.search(r"\bchecked\b", m.group(0))
            else '<span class="task">☐ <span class="task-state">(to do)</span></span>'
        ),
        body,
    )
    return _IMG.sub(lambda m: _image(m, roots), body)


def _image(match, roots) -> str:
    before, src, after = match.group(1), html.unescape(match.group(2)), match.group(3)
    if src.startswith("data:"):
        return match.group(0)
    if src.startswith(("http://", "https://", "//")):
        alt = _ALT.search(before + after)
        label = html.escape(html.unescape(alt.group(1))) if alt and alt.group(1) else "an image"
        return f'<a href="{html.escape(src)}">[{label}, on the web]</a>'
    relative = src.split("?")[0].split("#")[0].lstrip("/")
    for root in roots:
        path = Path(root) / relative
        if path.is_file():
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            return f'<img{before}src="data:{kind};base64,{data}"{after}>'
    logger.warning("reflective portfolio: the image %s was not found; it is left out", src)
    alt = _ALT.search(before + after)
    return f"[{html.escape(html.unescape(alt.group(1))) if alt and alt.group(1) else 'image'}]"


def render_html(portfolio: Portfolio, theme: str, output_format: str, site_url: str = "") -> str:
    template_dir, stylesheet = theme_files(theme)
    env = environment(template_dir)
    return env.get_template(TEMPLATE).render(
        portfolio=portfolio,
        anchors={entry.cpd.source: entry.anchor for entry in portfolio.posts},
        css=Markup(stylesheet.read_text(encoding="utf-8")),
        output_format=output_format,
        site_url=site_url.rstrip("/") if site_url.startswith(("http://", "https://")) else "",
    )


def write_pdf(document: str, target: str) -> None:
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except ImportError:
        raise PortfolioError(
            "WeasyPrint is not installed; run `make portfolio` (it installs it) or "
            "pip install 'reflective[portfolio]'"
        ) from None
    # Only data: URIs: every image is embedded beforehand, nothing comes from outside.
    fetcher = URLFetcher(allowed_protocols={"data"})
    HTML(string=document, base_url=os.getcwd(), url_fetcher=fetcher).write_pdf(
        target, pdf_variant="pdf/ua-1", pdf_tags=True
    )
