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
    return result, config, problems + result.problems


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
