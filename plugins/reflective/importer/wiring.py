"""The importer's Pelican layer: redirect pages at imported posts' old addresses.

Why here: `reflective import` writes each post's old permalink into the post itself
(`old_urls`), so the redirect travels with the post. The build resolves it to the
post's address under the site's current URL settings and SITEURL, writes nothing for
drafts (their old address was never public), and a strict build such as `make publish`
checks it like any other field; the pre-publish gate then checks every redirect's link.

Owns: checking `old_urls` of posts and pages when they are read
(`article_generator_finalized`, `page_generator_finalized`: before anything is written,
problems reported as every other content problem), and `RedirectGenerator`, which
writes one page per old address (never over a page Pelican wrote) and a `_redirects`
file at the output's root.
"""

from __future__ import annotations

import logging
import os
from urllib.parse import urlsplit

from pelican.generators import Generator

from ..core.content import display_path
from . import redirects

logger = logging.getLogger(__name__)
CLAIMED = "reflective_old_urls"  # generator context: old path -> (source, content)


def _source(item) -> str:
    data = item.metadata.get("reflective")
    return data["source"] if data else display_path(item.source_path)


def check(generator, items, strict: bool) -> None:
    from ..pelican_layer.wiring import report

    claimed = generator.context.setdefault(CLAIMED, {})
    problems = []
    for item in sorted(items, key=_source):  # the first file claims a path, in every build
        source = _source(item)
        paths, found = redirects.check(item.metadata.get(redirects.FIELD), source)
        problems.extend(found)
        for path in paths:
            other = claimed.get(path)
            if other is not None and other[0] != source:
                problems.append(
                    redirects.Problem(
                        source,
                        redirects.FIELD,
                        f"{path} is also an old address of {other[0]}; keep it in one post",
                    )
                )
                continue
            claimed[path] = (source, item)
    report(problems, strict)


def _strict(settings) -> bool:
    from ..core import settings as settings_mod

    try:
        return settings_mod.read(settings)["REFLECTIVE_STRICT"]
    except Exception:  # the shared wiring reports settings problems
        return True


def check_articles(generator) -> None:
    check(generator, generator.articles + generator.drafts, _strict(generator.settings))


def check_pages(generator) -> None:
    items = generator.pages + generator.hidden_pages + generator.draft_pages
    check(generator, items, _strict(generator.settings))


class RedirectGenerator(Generator):
    """Writes a redirect page at each published post's or page's old address."""

    def generate_context(self):
        """Nothing to read: `check_*` collected the addresses."""

    def generate_output(self, writer):
        claimed = self.context.get(CLAIMED) or {}
        published = {id(a) for a in self.context.get("articles", [])}
        published |= {id(p) for p in self.context.get("pages", [])}
        siteurl = (self.settings.get("SITEURL") or "").rstrip("/")
        pairs = []
        for path, (_source_name, item) in sorted(claimed.items()):
            if id(item) not in published:
                continue  # a draft or a hidden page: its old address was never public
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

    signals.article_generator_finalized.connect(check_articles)
    signals.page_generator_finalized.connect(check_pages)
    signals.get_generators.connect(get_generators)
