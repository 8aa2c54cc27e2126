"""The progress capability's commands: `actions`, `done` and `set`.

Owns listing every action's current state (a table or JSON) and changing one action's
status in its own post's front matter (through `core.edit`; only that action's lines
change), with a note when later updates in other posts win.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import shutil
import sys
import textwrap

from ..cli import base
from ..cli.base import CLIError
from ..core import content, schema
from ..core.model import GROUPS, PERIOD_LABELS, STATUS_LABELS, STATUS_SYMBOLS


def _statuses(value: str) -> list[str]:
    out = []
    for word in (w.strip().lower() for w in value.split(",")):
        if word not in schema.STATUSES:
            raise argparse.ArgumentTypeError(
                f"unknown status {word!r}; allowed: {', '.join(schema.STATUSES)}"
            )
        out.append(word)
    return out


def register(subparsers) -> None:
    actions = base.add_command(
        subparsers,
        "actions",
        cmd_actions,
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
        "--thing", "-t", type=base.thing, metavar="N", help="only actions of posts for Thing N"
    )
    actions.add_argument("--json", action="store_true", help="machine-readable output")

    done = base.add_command(
        subparsers,
        "done",
        cmd_done,
        help="mark an action done",
        description="Mark an action done in its own post's front "
        "matter; only that action's lines change.",
    )
    done.add_argument("id", help="the action's id (see `reflective actions`)")
    done.add_argument("--date", "-d", type=base.date, help="when it was done (default: today)")
    done.add_argument("--note", "-n", help="a note to keep with it (replaces its note)")

    set_ = base.add_command(
        subparsers,
        "set",
        cmd_set,
        help="set an action's status",
        description="Set an action's status in its own post's "
        "front matter; only that action's lines change.",
    )
    set_.add_argument("id", help="the action's id (see `reflective actions`)")
    set_.add_argument("--status", required=True, choices=schema.STATUSES)
    set_.add_argument(
        "--date", "-d", type=base.date, help="with --status done: when it was done (default: today)"
    )
    set_.add_argument("--note", "-n", help="a note to keep with it (replaces its note)")


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
    loaded = base.load(args)
    if args.thing is not None:
        base.check_thing(loaded, args.thing)
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
    from ..core.render import plain  # Markdown: only needed here

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
    from ..core import edit  # ruamel.yaml: only needed to write

    loaded = base.load(args)
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
    after = base.load(args)
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
