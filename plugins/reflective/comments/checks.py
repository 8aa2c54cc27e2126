"""The comments capability's check: comment files and questions, as a build and
`reflective check` both see them (one pipeline, `core.checks`).

Owns `check(ctx)`: the posts of the site model (their slugs as Pelican makes them, their
questions), the comment files under the comments folder, every problem of SPEC §5 (via
`core` and `conversation`), and leaving the checked conversation on the site model
(`site.capabilities["comments"]`) for the wiring and the commands to show, so a build
reads the comment files once.
"""

from __future__ import annotations

import os

from ..core import addresses
from ..core.content import display_path
from ..core.problems import Problem
from ..core.weburl import same_page_key as _bare
from . import config as config_mod
from . import conversation, core

KEY = "comments"


def post_info(view, settings: dict) -> conversation.PostInfo:
    """What the conversation needs of one post of the model, built or read by the CLI."""
    handle = view.handle
    if hasattr(handle, "metadata"):  # a Pelican article (a build)
        fields = (handle.metadata.get("reflective") or {}).get("fields") or {}
        slug = handle.slug
        author = getattr(getattr(handle, "author", None), "name", "") or ""
    else:  # core.content.Source (reflective check and the commands)
        fields = handle.fields
        # where Pelican would write it, as `reflective check` finds it (one implementation)
        slug = addresses.of_source(handle, settings).slug or ""
        author = settings.get("AUTHOR") or ""
    return conversation.PostInfo(
        slug=slug,
        title=view.ref.title,
        url=view.ref.url,
        source=view.ref.source,
        author=author,
        date=view.ref.date,
        questions=list(fields.get("questions") or []),
        draft=view.ref.draft,
        handle=handle,
    )


def load(settings: dict, views) -> tuple[conversation.Result, dict, list]:
    """The conversation of these posts, the comment settings, and every problem."""
    config, problems = config_mod.read(settings)
    root = os.path.join(settings["PATH"], config["REFLECTIVE_COMMENTS_PATH"].strip("/"))
    result = conversation.build(
        [post_info(view, settings) for view in views],
        core.read_folder(root, display_path),
        max_depth=config["REFLECTIVE_COMMENTS_MAX_DEPTH"],
        author_names=[settings.get("AUTHOR") or "", *config["REFLECTIVE_COMMENTS_AUTHOR_NAMES"]],
    )
    return result, config, problems + result.problems + _self_sources(result, settings)


def _self_sources(result, settings: dict) -> list:
    """SPEC §8: a linkback whose source is the post itself (a loop, or a mistake)."""
    site = str(settings.get("SITEURL") or "")
    if not site.startswith(("http://", "https://")):
        return []
    out = []
    for item in result.by_slug.values():
        own = _bare(f"{site.rstrip('/')}/{item.post.url}")
        for comment in item.all:
            if comment.type != "comment" and comment.source and _bare(comment.source) == own:
                out.append(
                    Problem(
                        comment.file,
                        "source",
                        "is the post's own address; a link from the post to itself is "
                        "no mention: delete the file",
                    )
                )
    return out


def check(ctx):
    """`core.checks` entry point: the problems; the conversation stays on the site."""
    result, config, problems = load(ctx.settings, ctx.site.posts)
    ctx.site.capabilities[KEY] = (result, config)
    return problems


def checked(site, settings: dict) -> tuple[conversation.Result, dict]:
    """The conversation `check` left on the site model (checked again if it is not there)."""
    found = site.capabilities.get(KEY)
    if found is None:
        result, config, _ = load(settings, site.posts)
        found = site.capabilities[KEY] = (result, config)
    return found
