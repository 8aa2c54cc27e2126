"""`reflective comments list|add|pull`: the author's commands for comments.

Owns: listing every post's conversation (or one post's) as an indented thread;
writing a comment file from arguments or from a saved e-mail (`.eml`), checked with
the build's own checks before it is written and never over an existing file; `pull`
(in `isso`) brings approved comments from an Isso server. `reflective check` checks
comments through `content.load_site` (see `checks`), exactly as the build does.
"""

from __future__ import annotations

import datetime as dt
import os
import sys

from ..problems import closest
from . import config as config_mod
from . import core, mail


def add_commands(commands, common) -> None:
    """Register `reflective comments ...` on the main parser's subcommands."""
    parser = commands.add_parser(
        "comments",
        parents=[common],
        help="list comments, add one (from a saved e-mail), pull them from Isso",
        description="The conversation on your posts: comment files under content/comments/.",
    )
    sub = parser.add_subparsers(dest="comments_command", metavar="ACTION")
    sub.required = True
    listing = sub.add_parser(
        "list", parents=[common], help="every post's comments, threaded", description=None
    )
    listing.add_argument("--post", metavar="SLUG", help="only this post's comments")
    listing.set_defaults(func=cmd_list)
    add = sub.add_parser(
        "add",
        parents=[common],
        help="write a comment file from arguments or a saved e-mail",
        description="Write content/comments/<post>/<date>-<id>.md. With --eml, the author, "
        "date, post and the comment answered come from the saved e-mail (its subject is "
        "the one the Reply links make); arguments given win. The sender's address is "
        "never written.",
    )
    add.add_argument("--eml", metavar="FILE", help="a saved e-mail (.eml) to turn into a comment")
    add.add_argument("--post", metavar="SLUG", help="the post's slug (its comments folder)")
    add.add_argument("--author", help="the commenter's name, as shown")
    add.add_argument("--date", help="YYYY-MM-DD or 'YYYY-MM-DD HH:MM' (default: now)")
    add.add_argument("--website", help="the commenter's site (http or https)")
    add.add_argument("--replyto", metavar="ID", help="the id of the comment this one answers")
    add.add_argument(
        "--answers", metavar="ID", nargs="+", default=[], help="ids of questions it answers"
    )
    add.add_argument("--type", choices=core.TYPES, default=None)
    add.add_argument("--source", help="for a pingback or webmention: the linking page")
    add.add_argument("--id", dest="ident", metavar="ID", help="default: from the author's name")
    add.add_argument("--text", help="the comment's text (Markdown); '-' reads standard input")
    add.set_defaults(func=cmd_add)
    from .isso import add_pull_command, add_server_command

    add_pull_command(sub, common)
    add_server_command(sub, common)


def _loaded(args):
    from ..cli import _load

    return _load(args)


def cmd_list(args) -> int:
    loaded = _loaded(args)
    result = loaded.comments
    conversations = sorted(result.by_slug.values(), key=lambda c: c.post.date or dt.date.min)
    if args.post:
        wanted = [c for c in conversations if c.post.slug == args.post]
        if not wanted:
            return _no_post(args.post, result)
        conversations = wanted
    shown = 0
    for conv in conversations:
        if conv.is_empty and not args.post:
            continue
        shown += 1
        counts = conv.counts_text or "no comments"
        print(f"{conv.post.slug}  ({conv.post.title}; {counts})")
        for q in conv.questions:
            answers = ", ".join(c.id for c in q.answers) or "open"
            print(f"  ? {q.id}: {q.text}  [{answers}]")
        for comment in conv.thread:
            _print_comment(comment, 1)
        for link in conv.linkbacks:
            print(f"  ↪ {link.id}  {_day(link)}  {link.type} from {link.source or link.author}")
    if not shown:
        print("reflective: no comments yet", file=sys.stderr)
    for problem in loaded.problems:
        if "comments" in problem.file.split(os.sep) or problem.field in ("questions",):
            print(f"reflective: problem: {problem.format()}", file=sys.stderr)
    return 0


def _print_comment(comment, depth: int) -> None:
    first = " ".join((comment.body or "").split())
    first = first[:60] + ("…" if len(first) > 60 else "")
    mark = " (author)" if comment.by_author else ""
    answers = f"  answers {', '.join(q.id for q in comment.answers)}" if comment.answers else ""
    print(f"{'  ' * depth}- {comment.id}  {_day(comment)}  {comment.author}{mark}{answers}")
    if first:
        print(f"{'  ' * depth}  {first}")
    for child in comment.children:
        _print_comment(child, depth + 1)


def _day(comment) -> str:
    if comment.date is None:
        return "(no date)"
    if isinstance(comment.date, dt.datetime):
        return comment.date.strftime("%Y-%m-%d %H:%M")
    return comment.date.isoformat()


def _no_post(slug: str, result) -> int:
    from ..cli import CLIError

    guess = closest(slug, result.by_slug, cutoff=0.5)
    hint = f"; did you mean {guess!r}?" if guess else "; `reflective comments list` shows them"
    raise CLIError(f"no post has the slug {slug!r}{hint}")


def cmd_add(args) -> int:
    from ..cli import CLIError, _load_settings

    fields = {"author": None, "date": None, "slug": None, "replyto": None, "body": None}
    if args.eml:
        try:
            with open(args.eml, "rb") as handle:
                fields.update(mail.read_eml(handle.read()))
        except OSError as error:
            raise CLIError(f"cannot read {args.eml}: {error.strerror}") from None
    if args.text == "-":
        fields["body"] = sys.stdin.read()
    elif args.text is not None:
        fields["body"] = args.text
    slug = args.post or fields["slug"]
    author = args.author or fields["author"]
    replyto = args.replyto or fields["replyto"]
    when = _parse_date(args.date) if args.date else fields["date"] or dt.datetime.now()
    if isinstance(when, dt.datetime):
        when = when.replace(microsecond=0, second=0)
    if not slug:
        raise CLIError(
            "which post? give --post SLUG (an e-mail's subject names it when it is a reply)"
        )
    if not author:
        raise CLIError("give the commenter's name with --author")
    if not (fields["body"] or "").strip() and (args.type or "comment") == "comment":
        raise CLIError("the comment has no text: give --text, or --eml with a plain-text body")
    loaded = _loaded(args)
    conv = loaded.comments.by_slug.get(slug)
    if conv is None:
        return _no_post(slug, loaded.comments)
    taken = {c.id for c in conv.all}
    if replyto and replyto not in taken:
        guess = closest(replyto, taken)
        raise CLIError(
            f"the post {slug!r} has no comment {replyto!r} to reply to"
            + (f"; did you mean {guess!r}?" if guess else "")
        )
    asked = {q.id for q in conv.questions}
    for wanted in args.answers:
        if wanted not in asked:
            guess = closest(wanted, asked)
            raise CLIError(
                f"the post {slug!r} asks no question {wanted!r}"
                + (
                    f"; did you mean {guess!r}?"
                    if guess
                    else f" (it asks: {', '.join(asked) or 'none'})"
                )
            )
    ident = args.ident or _new_id(author, taken)
    if ident in taken:
        raise CLIError(f"the post {slug!r} already has a comment {ident!r}; choose another --id")
    text = render_file(
        {
            "id": ident,
            "author": author,
            "date": when,
            "website": args.website,
            "type": args.type,
            "replyto": replyto,
            "source": args.source,
            "answers": args.answers,
        },
        fields["body"] or "",
    )
    settings, _, _ = _load_settings(args)
    config, _ = config_mod.read(settings)
    folder = os.path.join(settings["PATH"], config["REFLECTIVE_COMMENTS_PATH"].strip("/"), slug)
    day = when.date() if isinstance(when, dt.datetime) else when
    path = os.path.join(folder, f"{day.isoformat()}-{ident}.md")
    _, problems = core.read(text, path)
    if problems:
        raise CLIError(
            "the comment would have problems, nothing written:\n  "
            + "\n  ".join(p.format() for p in problems)
        )
    os.makedirs(folder, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise CLIError(f"{path} exists already; nothing written") from None
    print(os.path.relpath(path))
    return 0


def _parse_date(text: str):
    from ..cli import CLIError

    try:
        if len(text.strip()) == 10:
            return dt.date.fromisoformat(text.strip())
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise CLIError(f"--date {text!r}: give YYYY-MM-DD or 'YYYY-MM-DD HH:MM'") from None


def _new_id(author: str, taken: set) -> str:
    from slugify import slugify

    base = slugify(author.split()[0] if author.split() else "", lowercase=True)[:20] or "c"
    number = 1
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def render_file(fields: dict, body: str) -> str:
    """The text of a comment file (SPEC §5); fields that are None or empty are left out."""
    import json

    lines = ["---"]
    for key in core.FIELDS:
        value = fields.get(key)
        if value in (None, "", []):
            continue
        if key == "type" and value == "comment":
            continue
        if isinstance(value, (dt.date, dt.datetime)):
            shown = _when_text(value)
        elif isinstance(value, list):
            shown = "[" + ", ".join(value) + "]"
        elif key in ("id", "replyto") and core.ID_PATTERN.match(str(value)):
            shown = str(value) if not str(value).isdigit() else json.dumps(str(value))
        else:
            shown = json.dumps(str(value), ensure_ascii=False)  # a YAML double-quoted string
        lines.append(f"{key}: {shown}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body.strip("\n") + "\n"


def _when_text(value) -> str:
    if isinstance(value, dt.datetime):
        text = value.isoformat(sep=" ", timespec="minutes")
        return text
    return value.isoformat()
