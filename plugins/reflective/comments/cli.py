"""`reflective comments list|add|pull|serve`: the author's commands for comments.

Owns: listing every post's conversation (or one post's) as an indented thread;
writing a comment file from arguments or from a saved e-mail (`.eml`), checked with
the build's own checks before it is written and never over an existing file; `pull`,
which brings approved comments from an Isso server, and `serve` (first called
`server`, a name that still works), which runs one (their pure parts are in `isso`). `reflective check` checks comments through the
capability's check (`checks`), exactly as the build does.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import urllib.error
import urllib.parse

from ..cli import base
from ..core import comment_format
from ..core.problems import closest
from . import checks, core, isso, mail
from . import config as config_mod


def register(subparsers) -> None:
    """`reflective comments list|add|pull|serve` (docs/cli.md)."""
    parser = base.add_command(
        subparsers,
        "comments",
        cmd_help,
        help="list comments, add one (from a saved e-mail), pull them from Isso",
        description="The conversation on your posts: comment files under content/comments/.",
    )
    sub = parser.add_subparsers(dest="comments_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: cmd_help(args, parser))
    listing = base.add_command(
        sub,
        "list",
        cmd_list,
        help="every post's comments, threaded",
        description="Every post's questions, comments (threaded) and links.",
    )
    listing.add_argument("--post", metavar="SLUG", help="only this post's comments")
    add = base.add_command(
        sub,
        "add",
        cmd_add,
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
    register_isso_commands(sub)


def cmd_help(args, parser=None) -> int:
    if parser is not None:
        parser.print_help()
    return 2


def conversations(args):
    """(Loaded, Result, settings): the site read and checked as `reflective check` does."""
    settings, _, _ = base.load_settings(args)
    loaded = base.load(args)
    result, _ = checks.checked(loaded.site, settings)
    return loaded, result, settings


def cmd_list(args) -> int:
    loaded, result, _ = conversations(args)
    threads = sorted(result.by_slug.values(), key=lambda c: c.post.date or dt.date.min)
    if args.post:
        wanted = [c for c in threads if c.post.slug == args.post]
        if not wanted:
            return _no_post(args.post, result)
        threads = wanted
    shown = 0
    for conv in threads:
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
        for kind, people in conv.reactions.items():  # webmention likes, reposts, bookmarks
            print(f"  + {kind} ×{len(people)}: {', '.join(c.author for c in people)}")
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
    guess = closest(slug, result.by_slug, cutoff=0.5)
    hint = f"; did you mean {guess!r}?" if guess else "; `reflective comments list` shows them"
    raise base.CLIError(f"no post has the slug {slug!r}{hint}")


def cmd_add(args) -> int:
    CLIError = base.CLIError
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
    _, result, settings = conversations(args)
    conv = result.by_slug.get(slug)
    if conv is None:
        return _no_post(slug, result)
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
    text = comment_format.render(
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
    try:
        if len(text.strip()) == 10:
            return dt.date.fromisoformat(text.strip())
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise base.CLIError(f"--date {text!r}: give YYYY-MM-DD or 'YYYY-MM-DD HH:MM'") from None


def _new_id(author: str, taken: set) -> str:
    from slugify import slugify

    base = slugify(author.split()[0] if author.split() else "", lowercase=True)[:20] or "c"
    number = 1
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


# -- Isso: pull and server (the server's pure parts are in isso.py) --------------


def register_isso_commands(sub) -> None:
    """`reflective comments pull` and `reflective comments serve` (alias `server`)."""
    pull_parser = base.add_command(
        sub,
        "pull",
        cmd_pull,
        help="write approved comments from an Isso server as comment files",
        description="Reads the approved comments of every post from Isso's HTTP API and "
        "writes each as a comment file (isso-<id>.md); files already there are never "
        "overwritten, so running it again only adds new comments.",
    )
    pull_parser.add_argument(
        "--server", help="the Isso server (default: REFLECTIVE_COMMENTS_ISSO from the settings)"
    )
    # `serve`, as `reflective serve`; `server`, its first name, still works.
    server = sub.add_parser(
        "serve",
        aliases=["server"],
        parents=[base.options()],
        help="run Isso locally for this site (make comments-server)",
        description="Write an Isso config from the settings (moderation on, the database "
        "under REFLECTIVE_COMMENTS_DATA, the site's origins allowed, bound to 127.0.0.1) "
        "and run Isso until Ctrl-C. Isso is optional: pip install 'reflective[comments]'.",
    )
    server.set_defaults(func=cmd_server)
    server.add_argument("--port", type=int, help="default: REFLECTIVE_COMMENTS_ISSO's, or 8081")
    server.add_argument(
        "--origin", action="append", default=[], help="another site address allowed to post"
    )
    server.add_argument("--config-only", action="store_true", help="write the config, print it")


def cmd_pull(args) -> int:
    CLIError = base.CLIError
    _, result, settings = conversations(args)
    config, _ = config_mod.read(settings)
    server = args.server or config["REFLECTIVE_COMMENTS_ISSO"]
    if not server:
        raise CLIError("no Isso server: give --server URL or set REFLECTIVE_COMMENTS_ISSO")
    root = os.path.join(settings["PATH"], config["REFLECTIVE_COMMENTS_PATH"].strip("/"))
    posts = [c.post for c in result.by_slug.values() if not c.post.draft]
    try:
        written = isso.pull(
            server, posts, lambda p: os.path.join(root, p.slug), comment_format.render
        )
    except (urllib.error.URLError, OSError) as error:
        raise CLIError(f"cannot reach the Isso server {server}: {error}") from None
    for path in written:
        print(os.path.relpath(path))
    print(f"reflective: {len(written)} new comment(s) from {server}", file=sys.stderr)
    return 0


def cmd_server(args) -> int:
    import secrets
    import shutil
    import subprocess

    CLIError = base.CLIError
    settings, folder, _ = base.load_settings(args)
    config, _ = config_mod.read(settings)
    isso_url = config["REFLECTIVE_COMMENTS_ISSO"] or ""
    parts = urllib.parse.urlsplit(isso_url)
    port = args.port or (parts.port if parts.hostname in ("127.0.0.1", "localhost") else None)
    port = port or 8081
    data_dir = os.path.join(folder, config["REFLECTIVE_COMMENTS_DATA"])
    origins = list(args.origin) + ["http://127.0.0.1:8000", "http://localhost:8000"]
    siteurl = urllib.parse.urlsplit(settings.get("SITEURL") or "")
    if siteurl.scheme in ("http", "https"):
        origins.insert(0, f"{siteurl.scheme}://{siteurl.netloc}")
    password_file = os.path.join(data_dir, "admin-password")
    os.makedirs(data_dir, exist_ok=True)
    if not os.path.exists(password_file):
        with open(password_file, "w", encoding="utf-8") as handle:
            handle.write(secrets.token_urlsafe(18))
        os.chmod(password_file, 0o600)
    with open(password_file, encoding="utf-8") as handle:
        password = handle.read().strip()
    path = isso.write_config(
        os.path.join(data_dir, "isso.cfg"), data_dir, list(dict.fromkeys(origins)), port, password
    )
    if args.config_only:
        print(path)
        return 0
    # Isso's command beside this Python (bin/ or Scripts\\ of a venv), else on PATH
    program = shutil.which("isso", path=os.path.dirname(sys.executable)) or shutil.which("isso")
    if not program:
        raise CLIError(
            "Isso is not installed; install it with pip install 'reflective[comments]' (it "
            "needs a C compiler; in the kit, make comments-server installs it) and run "
            "reflective comments serve again"
        )
    print(
        f"reflective: Isso on http://127.0.0.1:{port}/ (config {os.path.relpath(path)}); "
        f"moderate at http://127.0.0.1:{port}/admin/ with the password in "
        f"{os.path.relpath(password_file)}, or with the Activate links printed below; "
        "then `reflective comments pull`",
        file=sys.stderr,
    )
    try:
        return subprocess.call([program, "-c", path, "run"])
    except KeyboardInterrupt:
        return 0
