"""Comments and questions checked without building, for `reflective check` and the
`reflective comments` commands: the same checks as the build, on the posts the CLI read.

Owns finding each post's slug as Pelican makes it (`slug:` in the front matter, else
Pelican's `slugify` of the title or file name under the site's SLUG settings) and
loading the comment files against those posts. The checks are the shared ones
(`core`, `conversation`).
"""

from __future__ import annotations

import os

from ..content import display_path
from . import config as config_mod
from . import conversation, core
from .config import exclude_comment_folder  # noqa: F401  (content.load_site uses it)


def pelican_slug(source, settings: dict) -> str:
    """The slug Pelican gives a post read by the CLI (`content.Source`)."""
    if getattr(source, "slug", ""):
        return source.slug
    from markupsafe import escape
    from pelican.utils import slugify

    if settings.get("SLUGIFY_SOURCE", "title") == "basename":
        value = os.path.splitext(os.path.basename(source.path))[0]
    else:
        value = str(escape(source.title))  # the build's titles are HTML-escaped (reader)
    return slugify(
        value,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def post_infos(sources: list, settings: dict) -> list[conversation.PostInfo]:
    return [
        conversation.PostInfo(
            slug=pelican_slug(source, settings),
            title=source.title,
            url="",
            source=source.name,
            author=settings.get("AUTHOR") or "",
            date=source.date,
            questions=list(source.fields.get("questions") or []),
            draft=source.status == "draft",
            handle=source,
        )
        for source in sources
        if source.status != "skip"
    ]


def load(settings: dict, sources: list) -> tuple[conversation.Result, list]:
    """The site's conversation and every comment problem, as the build reports them."""
    config, problems = config_mod.read(settings)
    root = os.path.join(settings["PATH"], config["REFLECTIVE_COMMENTS_PATH"].strip("/"))
    result = conversation.build(
        post_infos(sources, settings),
        core.read_folder(root, display_path),
        max_depth=config["REFLECTIVE_COMMENTS_MAX_DEPTH"],
        author_names=[settings.get("AUTHOR") or "", *config["REFLECTIVE_COMMENTS_AUTHOR_NAMES"]],
    )
    return result, problems + result.problems
