"""The importer's Pelican layer: redirect pages at imported posts' old addresses.

Why here: `reflective import` writes each post's old permalink into the post itself
(`old_urls`), so the redirect travels with the post. The build resolves it to the
post's address under the site's current URL settings and SITEURL, writes nothing for
drafts (their old address was never public), and a strict build such as `make publish`
checks it like any other field; the pre-publish gate then checks every redirect's link.

Owns: checking pages' `old_urls` when they are read (`page_generator_finalized`, before
anything is written; posts' are checked in the shared pipeline, `checks`), and
`RedirectGenerator`, which writes one page per old address of a published post or page
(never over a page Pelican wrote) and a `_redirects` file at the output's root.
"""

from __future__ import annotations

import logging
import os
from urllib.parse import urlsplit

from pelican.generators import Generator

from ..core.content import display_path
from . import redirects
from .checks import claim

logger = logging.getLogger(__name__)


def _source(item) -> str:
    data = item.metadata.get("reflective")
    return data["source"] if data else display_path(item.source_path)


def _triples(items):
    return [(_source(i), i.metadata.get(redirects.FIELD), i) for i in items]


def _strict(settings) -> bool:
    from ..core import settings as settings_mod

    try:
        return settings_mod.read(settings)["REFLECTIVE_STRICT"]
    except Exception:  # the shared wiring reports settings problems
        return True


def check_pages(generator) -> None:
    """`page_generator_finalized`: pages' `old_urls`, and a path a post claims too."""
    from ..pelican_layer.wiring import report

    context = generator.context
    taken = claim(_triples(context.get("articles", []) + context.get("drafts", [])))
    pages = generator.pages + generator.hidden_pages + generator.draft_pages
    problems: list = []
    for path, (source, _) in claim(_triples(pages), problems).items():
        if path in taken:
            problems.append(
                redirects.Problem(
                    source,
                    redirects.FIELD,
                    f"{path} is also an old address of {taken[path][0]}; keep it in one place",
                )
            )
    report(problems, _strict(generator.settings))


class RedirectGenerator(Generator):
    """Writes a redirect page at each published post's or page's old address."""

    def generate_context(self):
        """Nothing to read: the posts and pages hold their old addresses."""

    def generate_output(self, writer):
        # published posts and pages only: a draft's old address was never public
        claimed = claim(_triples(self.context.get("pages", [])))
        claimed.update(claim(_triples(self.context.get("articles", []))))  # posts first
        siteurl = (self.settings.get("SITEURL") or "").rstrip("/")
        pairs = []
        for path, (_source_name, item) in sorted(claimed.items()):
            target_path = "/" + item.url.lstrip("/")
            if target_path == path:
                continue
            save_as = redirects.save_as(path)
            out = os.path.join(self.output_path, *save_as.split("/"))
            if os.path.exists(out) and not redirects.is_redirect_page(out):
                logger.warning(
                    "reflective: %s: old_urls: %s is also the address of a page of this "
                    "site; no redirect written there",
                    _source(item),
                    path,
                )
                continue
            if siteurl:
                target = f"{siteurl}{target_path}"
            else:  # a preview: a link relative to the redirect page itself
                depth = save_as.count("/")
                target = "../" * depth + item.url.lstrip("/") or "./"
            os.makedirs(os.path.dirname(out) or self.output_path, exist_ok=True)
            with open(out, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(
                    redirects.page(_title(item), target, self.settings.get("DEFAULT_LANG", "en"))
                )
            base = urlsplit(siteurl).path.rstrip("/")
            pairs.append((base + path, base + target_path))
        if pairs:
            self._write_redirects_file(pairs)

    def _write_redirects_file(self, pairs) -> None:
        out = os.path.join(self.output_path, "_redirects")
        existing = ""
        if os.path.exists(out):  # the author's own, copied as a static file: keep it
            with open(out, encoding="utf-8") as handle:
                existing = handle.read().rstrip("\n") + "\n"
        with open(out, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(existing + "# old addresses of imported posts (reflective import)\n")
            handle.write(redirects.redirects_lines(pairs))


def _title(item) -> str:
    import html

    return html.unescape(getattr(item, "title", "") or "")


def get_generators(pelican):
    return RedirectGenerator


def register() -> None:
    from pelican import signals

    signals.page_generator_finalized.connect(check_pages)
    signals.get_generators.connect(get_generators)
