"""The `reflective` command: an author's tools for a Reflective site, without a build.

Owns the command line (`new`, `check`, `actions`, `done`, `set`), reading the site's
settings file, and how results and errors are shown. Reading content is `content`,
editing a post is `edit`, new posts are `newpost`; the checks and the action states are
the plugin's own (`frontmatter`, `schema`, `model`). Exit codes: 0 ok, 1 problems found
or a change refused, 2 a usage error. Errors are one line, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import logging
import os
import shutil
import sys
import textwrap

from . import __version__, content, newpost, schema
from . import settings as settings_mod
from .model import GROUPS, PERIOD_LABELS, STATUS_LABELS, STATUS_SYMBOLS


class CLIError(Exception):
    """A misuse or a refusal: printed as `reflective: error: ...` with an exit code."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


# -- arguments -----------------------------------------------------------------------


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date; use an existing day as YYYY-MM-DD, e.g. 2011-10-01"
        ) from None


def _thing(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a Thing number such as 6") from None
    return number


def _statuses(value: str) -> list[str]:
    out = []
    for word in (w.strip().lower() for w in value.split(",")):
        if word not in schema.STATUSES:
            raise argparse.ArgumentTypeError(
                f"unknown status {word!r}; allowed: {', '.join(schema.STATUSES)}"
            )
        out.append(word)
    return out


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--settings",
        "-s",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help="the site's settings file (default: pelicanconf.py here)",
    )
    common.add_argument(
        "--path",
        metavar="FOLDER",
        default=argparse.SUPPRESS,
        help="the content folder (default: PATH from the settings)",
    )
    common.add_argument(
        "--no-cache",
        action="store_true",
        default=argparse.SUPPRESS,
        help="read every post again (the cache of read posts is in ~/.cache/reflective)",
    )
    parser = argparse.ArgumentParser(
        prog="reflective",
        parents=[common],
        description="An author's tools for a Reflective blog: start a post, check the "
        "content, see and update your actions.",
    )
    parser.add_argument("--version", action="version", version=f"reflective {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    new = commands.add_parser(
        "new",
        parents=[common],
        help="start the post for a Thing",
        description="Write a new post with front matter and the headings of a reflective model.",
    )
    new.add_argument(
        "--thing",
        "-t",
        type=_thing,
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
    new.add_argument("--date", "-d", type=_date, help="YYYY-MM-DD (default: today)")
    new.set_defaults(func=cmd_new)

    check = commands.add_parser(
        "check",
        parents=[common],
        help="check all content",
        description="Check every post as a strict build would, "
        "without building: one line per problem.",
    )
    check.set_defaults(func=cmd_check)

    actions = commands.add_parser(
        "actions",
        parents=[common],
        help="list every action and its current state",
        description="Every action's current state (after "
        "updates), overdue first; private and draft "
        "actions included and marked.",
    )
    actions.add_argument(
        "--status",
        type=_statuses,
        metavar="S,...",
        help=f"only these statuses ({', '.join(schema.STATUSES)})",
    )
    actions.add_argument("--overdue", action="store_true", help="only overdue actions")
    actions.add_argument(
        "--thing", "-t", type=_thing, metavar="N", help="only actions of posts for Thing N"
    )
    actions.add_argument("--json", action="store_true", help="machine-readable output")
    actions.set_defaults(func=cmd_actions)

    done = commands.add_parser(
        "done",
        parents=[common],
        help="mark an action done",
        description="Mark an action done in its own post's front "
        "matter; only that action's lines change.",
    )
    done.add_argument("id", help="the action's id (see `reflective actions`)")
    done.add_argument("--date", "-d", type=_date, help="when it was done (default: today)")
    done.add_argument("--note", "-n", help="a note to keep with it (replaces its note)")
    done.set_defaults(func=cmd_done)

    set_ = commands.add_parser(
        "set",
        parents=[common],
        help="set an action's status",
        description="Set an action's status in its own post's "
        "front matter; only that action's lines change.",
    )
    set_.add_argument("id", help="the action's id (see `reflective actions`)")
    set_.add_argument("--status", required=True, choices=schema.STATUSES)
    set_.add_argument(
        "--date", "-d", type=_date, help="with --status done: when it was done (default: today)"
    )
    set_.add_argument("--note", "-n", help="a note to keep with it (replaces its note)")
    set_.set_defaults(func=cmd_set)
    # -- capabilities' commands --
    from .cpd.cli import add_commands as add_cpd_commands

    add_cpd_commands(commands, common, CLIError)
    return parser


# -- settings and content -------------------------------------------------------------


def _load_settings(args) -> tuple[dict, str, str]:
    """The Pelican settings, the settings file's folder, and how to name the file."""
    from pelican.settings import DEFAULT_CONFIG, read_settings

    given = getattr(args, "settings", None)
    path_override = getattr(args, "path", None)
    # The theme is not needed here, and Pelican refuses a settings file whose theme is
    # missing: use Pelican's own default theme instead.
    override = {"THEME": DEFAULT_CONFIG["THEME"]}
    if path_override:
        override["PATH"] = os.path.abspath(path_override)
    settings_file = given or "pelicanconf.py"
    if path_override and not os.path.isdir(path_override):
        raise CLIError(f"the content folder {path_override} (--path) does not exist")
    if os.path.isfile(settings_file):
        try:
            settings = read_settings(settings_file, override=override)
        except SystemExit as stop:  # e.g. publishconf.py without SITEURL
            raise CLIError(f"the settings file {settings_file} stopped: {stop.code}") from None
        except Exception as error:  # the settings file is the user's Python code
            _missing_content(settings_file, error)
            raise CLIError(
                f"cannot read the settings file {settings_file}: {type(error).__name__}: {error}"
            ) from None
        folder = os.path.dirname(os.path.abspath(settings_file))
    elif given:
        raise CLIError(
            f"the settings file {given} does not exist; pass the path of your "
            "site's pelicanconf.py with --settings"
        )
    elif path_override:
        settings = read_settings(None, override=override)
        folder = os.getcwd()
        settings_file = "(no settings file)"
    else:
        raise CLIError(
            f"there is no pelicanconf.py in {os.getcwd()}; run reflective in "
            "your site's folder, or pass --settings FILE (or --path FOLDER)"
        )
    if not os.path.isdir(settings["PATH"]):
        source = "--path" if path_override else f"PATH in {settings_file}"
        raise CLIError(
            f"the content folder {content.display_path(settings['PATH'])} does "
            f"not exist ({source}); pass the right folder with --path"
        )
    return settings, folder, settings_file


def _missing_content(settings_file: str, error: Exception) -> None:
    """Pelican refuses a PATH that does not exist: say which folder, and the fix."""
    from pelican.settings import get_settings_from_file

    if not isinstance(error, ValueError) or "path containing the content" not in str(error):
        return
    path = get_settings_from_file(settings_file).get("PATH", ".")
    folder = os.path.join(os.path.dirname(os.path.abspath(settings_file)), path)
    raise CLIError(
        f"the content folder {content.display_path(folder)} does not exist "
        f"(PATH in {settings_file}); create it, or pass the right folder "
        "with --path"
    )


def _load(args) -> content.Loaded:
    settings, folder, _ = _load_settings(args)
    try:
        return content.load_site(
            settings, folder, show_private=True, cache=not getattr(args, "no_cache", False)
        )
    except settings_mod.SettingsError as error:
        raise CLIError(str(error)) from None


def _programme_problem(loaded: content.Loaded) -> None:
    if loaded.programme_problems:
        raise CLIError(f"the programme cannot be used: {loaded.programme_problems[0].format()}")


def _check_thing(loaded: content.Loaded, number: int) -> None:
    _programme_problem(loaded)
    if loaded.programme.get(number) is None:
        numbers = [t.number for t in loaded.programme.things]
        raise CLIError(
            f"Thing {number} is not in the programme {loaded.programme.name!r} "
            f"(Things {min(numbers)}–{max(numbers)})",
            code=2,
        )


# -- commands -------------------------------------------------------------------------


def cmd_check(args) -> int:
    loaded = _load(args)
    for problem in loaded.problems:
        print(problem.format())
    posts = sum(1 for s in loaded.sources if s.status != "skip")
    if loaded.problems:
        files = len({p.file for p in loaded.problems})
        noun = "problem" if len(loaded.problems) == 1 else "problems"
        print(
            f"reflective: {len(loaded.problems)} {noun} in {files} "
            f"file{'s' if files != 1 else ''} ({posts} posts checked)",
            file=sys.stderr,
        )
        return 1
    print(f"reflective: {posts} posts checked, no problems", file=sys.stderr)
    return 0


def _all_actions(loaded: content.Loaded) -> list:
    """Every action the model knows, drafts' included, in the progress page's order."""
    from dataclasses import replace

    site = loaded.site
    seen = {id(a) for a in site.actions}
    extra = [a for view in site.posts for a in view.actions if id(a) not in seen]
    return [
        a for group in replace(site, actions=site.actions + extra).groups for a in group.actions
    ]


def cmd_actions(args) -> int:
    loaded = _load(args)
    if args.thing is not None:
        _check_thing(loaded, args.thing)
    chosen = []
    for action in _all_actions(loaded):
        if args.status and action.status not in args.status:
            continue
        if args.overdue and not action.overdue:
            continue
        if args.thing is not None and args.thing not in action.post.things:
            continue
        chosen.append(action)
    if args.json:
        print(
            json.dumps(
                {
                    "today": loaded.site.today.isoformat(),
                    "actions": [_action_json(a) for a in chosen],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        _print_table(chosen, loaded)
    if loaded.problems:
        count = len(loaded.problems)
        print(
            f"reflective: note: {count} problem{'s' if count != 1 else ''} in the "
            "content; `reflective check` lists them",
            file=sys.stderr,
        )
    return 0


def _action_json(action) -> dict:
    def day(value):
        return value.isoformat() if value else None

    return {
        "id": action.id,
        "text": action.text,
        "status": action.status,
        "own_status": action.own_status,
        "overdue": action.overdue,
        "due": day(action.due),
        "done": day(action.done),
        "priority": action.priority,
        "every": action.every,
        "private": action.private,
        "draft": action.post.draft,
        "note": action.note,
        "things": list(action.post.things),
        "post": {
            "title": action.post.title,
            "file": action.post.source,
            "line": action.line,
            "date": day(action.post.date),
        },
        "history": [
            {
                "date": day(u.date),
                "status": u.status,
                "note": u.note,
                "file": u.post.source,
                "line": u.line,
            }
            for u in action.history
        ],
    }


def _print_table(actions, loaded) -> None:
    from .render import plain  # Markdown: only needed here

    if not actions:
        print("No actions match." if loaded.site.posts else "No posts yet.")
        return
    width = shutil.get_terminal_size((100, 24)).columns
    id_width = min(max(len(a.id) for a in actions), 36)
    when_width = max(len(_when(a)) for a in actions)
    labels = dict(GROUPS)
    current = None
    for action in actions:
        if action.group != current:
            current = action.group
            count = sum(1 for a in actions if a.group == current)
            if current != actions[0].group:
                print()
            print(f"{labels[current]} ({count})")
        state = f"{STATUS_SYMBOLS[action.status]} {STATUS_LABELS[action.status]}"
        when = _when(action)
        thing = ",".join(str(n) for n in action.post.things)
        thing = f"Thing {thing}" if thing else "bonus"
        marks = []
        if action.overdue:
            marks.append(f"OVERDUE {(loaded.site.today - action.due).days}d")
        if action.priority != "normal":
            marks.append(f"{action.priority} priority")
        if action.private:
            marks.append("private")
        if action.post.draft:
            marks.append("draft")
        if action.status != action.own_status:
            marks.append("by update")
        line = f"  {state:<10} {action.id:<{id_width}}  {when:<{when_width}}  {thing}"
        if marks:
            line += f"  [{', '.join(marks)}]"
        print(line.rstrip())
        for text_line in textwrap.wrap(plain(action.text), width=max(width - 13, 30)):
            print(f"{'':13}{text_line}")


def _when(action) -> str:
    if action.status == "done" and action.done:
        return f"done {action.done.isoformat()}"
    if action.due:
        return f"due {action.due.isoformat()}"
    if action.every:
        last = action.last_checkin
        return PERIOD_LABELS[action.every].lower() + (f", last {last.isoformat()}" if last else "")
    return ""


def _locate(loaded: content.Loaded, action_id: str):
    matches = []
    ids = set()
    for source in loaded.sources:
        if source.status == "skip":
            continue
        for data in source.fields["actions"]:
            ids.add(data["id"])
            if data["id"] == action_id:
                matches.append((source, data))
    if not matches:
        close = difflib.get_close_matches(action_id, sorted(ids), n=3, cutoff=0.5)
        close += sorted(i for i in ids if action_id in i and i not in close)[:3]
        hint = f"; did you mean {', '.join(close[:3])}?" if close else ""
        raise CLIError(
            f"no action has the id {action_id!r}{hint} (`reflective actions` lists every id)"
        )
    if len(matches) > 1:
        places = ", ".join(f"{s.name}:{d['line']}" for s, d in matches)
        raise CLIError(
            f"the id {action_id!r} is used by {len(matches)} actions ({places}); "
            "give one of them another id first"
        )
    source, data = matches[0]
    action = next(
        (
            a
            for view in loaded.site.posts
            for a in view.actions
            if a.post.source == source.name and a.index == data["index"]
        ),
        None,
    )
    return source, data, action


def _change(args, status: str) -> int:
    from . import edit  # ruamel.yaml: only needed to write

    loaded = _load(args)
    source, data, action = _locate(loaded, args.id)
    today = loaded.calendar_today  # the real date, even where REFLECTIVE_TODAY fixes "today"
    changes: dict = {"status": status}
    if status == "done":
        keep = data["status"] == "done" and data["done"] and args.date is None
        changes["done"] = dt.date.fromisoformat(data["done"]) if keep else (args.date or today)
    else:
        if args.date:
            raise CLIError("--date is for --status done only", code=2)
        changes["done"] = None
    if args.note is not None:
        if not args.note.strip():
            raise CLIError("--note is empty; give the text of the note", code=2)
        changes["note"] = args.note
    same_status = data["status"] == status
    same_done = data["done"] == (changes["done"].isoformat() if changes.get("done") else None)
    same_note = args.note is None or args.note == data["note"]
    if same_status and same_done and same_note:
        print(
            f"{source.name}: {args.id} is already {status}"
            f"{' (' + data['done'] + ')' if data['done'] else ''}; nothing changed"
        )
        _explain_updates(action, status)
        return 0
    if data["status"] == status == "todo" and not data["done"]:
        changes.pop("status")  # todo is the default; only the note changes
    try:
        before = edit.snapshot(source.path)
        text, problem = content.decode(before.data, source.name)
        if problem is not None:
            raise CLIError(problem.format())
        new_text = edit.change_action(text, data["index"], changes, source.name)
        edit.write_atomic(before, new_text.encode("utf-8"))
    except edit.EditError as error:
        raise CLIError(str(error)) from None
    except OSError as error:
        raise CLIError(f"{source.name}: {error.strerror}; nothing was written") from None
    when = f" ({changes['done'].isoformat()})" if changes.get("done") else ""
    old_note = data["note"] if args.note is not None and data["note"] else None
    print(f"{source.name}: {args.id}: {data['status']} → {status}{when}")
    if old_note and old_note != args.note:
        print(f"  the note was: {old_note}")
    after = _load(args)
    _, _, new_action = _locate(after, args.id)
    _explain_updates(new_action, status)
    return 0


def _explain_updates(action, wanted: str) -> None:
    if action is None:
        return
    made = [u for u in action.history if u.status is not None]
    if not made:
        return
    print(
        f"reflective: note: updates in other posts also set the status of {action.id!r}:",
        file=sys.stderr,
    )
    for update in made:
        print(
            f"  {update.post.source}:{update.line or ''} {update.date.isoformat()} "
            f"→ {update.status}",
            file=sys.stderr,
        )
    if action.status != wanted:
        print(
            f"reflective: note: the last update wins, so the site shows {action.id!r} "
            f"as {action.status}; change or remove that update to show it as {wanted}",
            file=sys.stderr,
        )


def cmd_done(args) -> int:
    return _change(args, "done")


def cmd_set(args) -> int:
    return _change(args, args.status)


def cmd_new(args) -> int:
    loaded = _load(args)
    number = args.thing
    if number is not None:
        _check_thing(loaded, number)
        title = args.title or newpost.default_title(number, loaded.programme.get(number).title)
    elif args.title:
        title = args.title
    else:
        raise CLIError("give --thing N for a programme post, or --title for a bonus post", code=2)
    if not title.strip():
        raise CLIError("--title is empty", code=2)
    date = args.date or loaded.calendar_today
    settings, _, _ = _load_settings(args)
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


# -- entry point ----------------------------------------------------------------------


class _Format(logging.Formatter):
    def format(self, record):
        message = record.getMessage()
        if message.startswith("reflective: "):
            message = message[len("reflective: ") :]
        return f"reflective: {record.levelname.lower()}: {message}"


def _setup_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Format())
    for name in ("reflective", "pelican"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.propagate = False
    logging.getLogger("reflective").setLevel(logging.WARNING)
    logging.getLogger("pelican").setLevel(logging.ERROR)  # e.g. "feeds without SITEURL"


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _setup_logging()
    try:
        return args.func(args)
    except CLIError as error:
        if error.code == 2:
            parser.print_usage(sys.stderr)
        print(f"reflective: error: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        print("reflective: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # never a traceback for the author
        if os.environ.get("REFLECTIVE_DEBUG"):
            raise
        print(
            f"reflective: error: unexpected {type(error).__name__}: {error} (set "
            "REFLECTIVE_DEBUG=1 to see where; please report it)",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
