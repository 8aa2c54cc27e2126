"""`reflective new`: start the post for a Thing (or a bonus post).

Owns the `new` command: the title, the file name and the first text come from
`core.newpost`; it never overwrites a file.
"""

from __future__ import annotations

import os
import sys

from ..core import content, newpost
from . import base
from .base import CLIError

HELP = "start the post for a Thing"
DESCRIPTION = "Write a new post with front matter and the headings of a reflective model."


def register(subparsers) -> None:
    new = base.add_command(subparsers, "new", cmd_new, help=HELP, description=DESCRIPTION)
    new.add_argument(
        "--thing",
        "-t",
        type=base.thing,
        metavar="N",
        help="the Thing the post is for (leave out for a bonus post)",
    )
    new.add_argument("--title", help="default: 'Thing N: <the programme's title>'")
    new.add_argument(
        "--model",
        "-m",
        choices=sorted(newpost.MODELS),
        default="rolfe",
        help="section headings: rolfe (What? So what? Now what?), gibbs, "
        "kolb or free (default: rolfe)",
    )
    new.add_argument("--date", "-d", type=base.date, help="YYYY-MM-DD (default: today)")


def cmd_new(args) -> int:
    loaded = base.load(args)
    number = args.thing
    if number is not None:
        base.check_thing(loaded, number)
        title = args.title or newpost.default_title(number, loaded.programme.get(number).title)
    elif args.title:
        title = args.title
    else:
        raise CLIError("give --thing N for a programme post, or --title for a bonus post", code=2)
    if not title.strip():
        raise CLIError("--title is empty", code=2)
    date = args.date or loaded.calendar_today
    settings, _, _ = base.load_settings(args)
    paths = settings.get("ARTICLE_PATHS") or [""]
    folder = os.path.join(settings["PATH"], paths[0]) if paths[0] else settings["PATH"]
    path = os.path.join(folder, newpost.file_name(date, number, title))
    shown = content.display_path(path)
    if os.path.exists(path):
        raise CLIError(
            f"{shown} already exists; nothing was written (pick another "
            "--title or --date, or edit that file)"
        )
    if number is not None:
        earlier = [s.name for s in loaded.sources if number in s.fields.get("things", [])]
        if earlier:
            print(
                f"reflective: warning: Thing {number} already has "
                f"{'a post' if len(earlier) == 1 else 'posts'}: {', '.join(earlier)}",
                file=sys.stderr,
            )
    try:
        os.makedirs(folder, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(newpost.text(title, date, number, args.model))
    except FileExistsError:
        raise CLIError(f"{shown} already exists; nothing was written") from None
    except OSError as error:
        raise CLIError(f"cannot write {shown}: {error.strerror}") from None
    print(shown)
    return 0
