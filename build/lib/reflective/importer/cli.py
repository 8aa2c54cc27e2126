"""The `reflective import wordpress|blogger EXPORT` commands.

Owns their arguments (`--media DIR`, `--force`, `--dry-run`, with the common
`--settings` and `--path`), finding where things go from the site's settings (the
content folder, `ARTICLE_PATHS[0]`, `PAGE_PATHS[0]`, the programme's Things, action ids
already used by the site's posts), and printing the report. Exit codes: 0 imported
(or nothing to change), 1 the export was refused (nothing written), 2 a usage error.
"""

from __future__ import annotations

import os
import sys

from ..cli import base
from ..core import content
from ..core import programme as programme_mod
from ..core import settings as settings_mod
from .core import run
from .media import MediaFolder
from .plan import Options
from .xmlstream import ExportError

HELP = {
    "wordpress": "a WordPress export (WXR .xml: Tools → Export → All content)",
    "blogger": "a Blogger export: Takeout's feed.atom (or the Takeout .zip), or the "
    "older Settings → Back up content .xml",
}


TEXTS = {
    "help": "bring in a WordPress or Blogger blog",
    "description": "Import posts, pages, comments and pingbacks from a WordPress or Blogger "
    "export into this site: Things and closing task lists recognised, old addresses "
    "redirected. Safe to run again. See docs/importing.md.",
}


def register(subparsers) -> None:
    """`reflective import wordpress|blogger EXPORT` (the capability's command point)."""
    command = base.add_command(subparsers, "import", _usage, **TEXTS)
    platforms = command.add_subparsers(dest="platform", metavar="PLATFORM")
    platforms.required = True
    for name, text in HELP.items():
        sub = base.add_command(
            platforms, name, cmd_import, help=text, description=f"Import {text}."
        )
        sub.add_argument("export", metavar="EXPORT", help="the export file")
        sub.add_argument(
            "--media",
            metavar="DIR",
            help="a folder of the blog's downloaded media: images found there are "
            "copied under content/media/ and linked locally (default: keep the old links)",
        )
        sub.add_argument(
            "--force", action="store_true", help="overwrite files edited since the last import"
        )
        sub.add_argument(
            "--dry-run", "-n", action="store_true", help="show what would be written; write nothing"
        )


def _usage(args) -> int:
    raise base.CLIError("name the platform: reflective import wordpress|blogger EXPORT", code=2)


def _relative(path: str, site: str) -> str:
    return os.path.relpath(path, site).replace(os.sep, "/")


def _existing_ids(settings: dict, folder: str) -> set:
    """Action ids of the site's own posts (not those an earlier import wrote), so
    imported ones never collide with them."""
    from .files import read_record

    try:
        ours = {os.path.abspath(os.path.join(folder, p)) for p in read_record(folder)}
        loaded = content.load_site(settings, folder, show_private=True, cache=False)
    except Exception:  # a site that cannot be read yet still gets its import
        return set()
    return {
        action.id
        for view in loaded.site.posts
        if os.path.abspath(view.ref.source) not in ours
        for action in view.actions
    }


def cmd_import(args) -> int:

    if not os.path.isfile(args.export) and not os.path.isdir(args.export):
        raise base.CLIError(
            f"{args.export}: no such file; give the path of the export you downloaded"
        )
    if args.media and not os.path.isdir(args.media):
        raise base.CLIError(f"--media {args.media}: no such folder", code=2)
    settings, folder, _ = base.load_settings(args)
    site = folder
    content_dir = os.path.abspath(settings["PATH"])
    articles = (settings.get("ARTICLE_PATHS") or [""])[0] or "posts"
    pages = (settings.get("PAGE_PATHS") or [""])[0] or "pages"
    try:
        ours = settings_mod.read(settings)
        programme = programme_mod.load(ours["REFLECTIVE_PROGRAMME"], folder)
        valid = {thing.number for thing in programme.things}
    except Exception:  # the programme's own problems are `reflective check`'s to report
        valid = None
    relative = _relative(content_dir, site)

    def inside(name: str) -> str:
        return name if relative == "." else f"{relative}/{name.strip('/')}"

    options = Options(
        posts_dir=inside(articles),
        pages_dir=inside(pages),
        comments_dir=inside("comments"),
        media_dir=inside("media"),
        valid_things=valid,
        media=MediaFolder(args.media) if args.media else None,
        taken_ids=_existing_ids(settings, folder),
    )
    if relative.startswith(".."):
        raise base.CLIError(
            f"the content folder {content_dir} is outside the site folder {site}; "
            "run reflective import in the site's folder"
        )
    try:
        result = run(
            args.platform,
            args.export,
            site,
            options,
            force=args.force,
            dry_run=args.dry_run,
            export_name=os.path.basename(args.export),
        )
    except ExportError as error:
        raise base.CLIError(f"{error}") from None
    except OSError as error:
        raise base.CLIError(f"cannot write the import: {error}; nothing was written") from None
    print(result.text, end="")
    if args.media and "media" not in (settings.get("STATIC_PATHS") or []):
        print(
            "reflective: note: add 'media' to STATIC_PATHS in your settings so the copied "
            "media are published",
            file=sys.stderr,
        )
    if not args.dry_run:
        print(
            f"reflective: report written to {_relative(result.report_path, os.getcwd())}",
            file=sys.stderr,
        )
    return 0
