"""`reflective mentions send|pull`: Webmention out and in (docs/mentions.md).

Owns the commands and their reports. `send` reads the published output folder (what
is live is what is announced), plans with the state file (`plan`, `state`), sends one
request at a time and records each outcome; `--dry-run` shows the plan and changes
nothing. `pull` reads the receiver's JF2 API with the token from WEBMENTION_IO_TOKEN
(never from a file), writes comment files (`pull.apply`) and reports the rest.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from urllib.parse import urlsplit

from ..cli import base
from ..core import addresses, comment_format
from . import blocklist, pages, plan, pull, state
from . import config as config_mod
from . import send as send_mod
from .net import Net

TOKEN_VARIABLE = "WEBMENTION_IO_TOKEN"


def register(subparsers) -> None:
    parser = base.add_command(
        subparsers,
        "mentions",
        lambda args: _help(parser),
        help="send webmentions for published posts; pull the ones received",
        description="Webmention across sites (docs/mentions.md).",
    )
    sub = parser.add_subparsers(dest="mentions_command", metavar="ACTION")
    send = base.add_command(
        sub,
        "send",
        cmd_send,
        help="tell the pages your new or changed posts link to (after a deploy)",
        description="Reads the published site (--output), and for each post that is new or "
        "changed since the last run sends a webmention to every page it links to or had "
        "linked to. The first run records a baseline and sends nothing (--since DATE sends "
        "for posts published since then). What was sent is kept in the state file "
        "(REFLECTIVE_WEBMENTION_STATE), so running it again sends nothing new.",
    )
    send.add_argument("--output", metavar="FOLDER", help="the published site (default OUTPUT_PATH)")
    send.add_argument("--since", type=base.date, metavar="YYYY-MM-DD",
                      help="also send for posts published on or after this day")  # fmt: skip
    send.add_argument(
        "--dry-run", action="store_true", help="show what would be sent; send nothing"
    )
    send.add_argument(
        "--allow-local-addresses",
        action="store_true",
        help="also send to loopback and private addresses (tests, an intranet)",
    )
    send.add_argument("--max-wait", type=float, default=60, metavar="SECONDS",
                      help="the longest Retry-After to wait for (default 60)")  # fmt: skip
    pull_parser = base.add_command(
        sub,
        "pull",
        cmd_pull,
        help="write the mentions your receiver holds as comment files",
        description=f"Reads every mention of your site from the receiver's JF2 API (the "
        f"token from {TOKEN_VARIABLE}) and writes new ones as comment files "
        "(content/comments/<post>/wm-<id>.md); never over a file, never one you deleted, "
        "nothing from the blocklist (REFLECTIVE_WEBMENTION_BLOCKLIST).",
    )
    pull_parser.add_argument("--api", help="the JF2 API (default REFLECTIVE_WEBMENTION_API)")
    pull_parser.add_argument("--site", help="the site's address (default SITEURL)")
    pull_parser.add_argument(
        "--prune", action="store_true", help="remove files of mentions gone upstream or blocked"
    )


def _help(parser) -> int:
    parser.print_help()
    return 2


def _config(args):
    settings, folder, _ = base.load_settings(args)
    config, problems = config_mod.read(settings)
    if problems:
        raise base.CLIError("; ".join(p.format() for p in problems))
    return settings, folder, config


def _state_path(config, folder) -> str:
    return config_mod.path(config, "REFLECTIVE_WEBMENTION_STATE", folder)


def _read_state(path: str) -> dict:
    try:
        return state.read(path)
    except state.StateError as error:
        raise base.CLIError(str(error)) from None


# -- send -------------------------------------------------------------------------------


def cmd_send(args) -> int:
    settings, folder, config = _config(args)
    output = args.output or settings.get("OUTPUT_PATH") or "output"
    path = _state_path(config, folder)
    current = _read_state(path)
    try:
        posts = pages.read_output(output)
    except pages.OutputError as error:
        raise base.CLIError(str(error)) from None
    today = dt.date.today().isoformat()
    since = args.since.isoformat() if args.since else None
    jobs, baseline = plan.plan(posts, current, today, since)
    first = current.get("baseline") is None
    todo = [job for job in jobs if job.send_to]
    if args.dry_run:
        for job in todo:
            print(f"{job.source} ({job.reason})")
            for target in job.send_to:
                print(f"  would send: {target}")
        _say(f"dry run: {sum(len(j.send_to) for j in todo)} webmention(s) for {len(todo)} "
             f"post(s); nothing sent, {os.path.relpath(path)} unchanged")  # fmt: skip
        return 0
    net = Net(
        timeout=config["REFLECTIVE_WEBMENTION_TIMEOUT"],
        allow_local=args.allow_local_addresses,
    )
    outcomes, counts = {}, {}
    try:
        for job in todo:
            print(f"{job.source} ({job.reason})")
            for target in job.send_to:
                outcome = send_mod.send_one(net, job.source, target, max_wait=args.max_wait)
                outcomes[(job.source, target)] = outcome
                counts[outcome.status] = counts.get(outcome.status, 0) + 1
                print(f"  {outcome.line()}")
            # Recorded after each post: an interrupted run never sends the same again.
            current = plan.record(current, [job], baseline, outcomes)
            state.write(path, current)
    finally:
        net.close()
        current = plan.record(current, [j for j in jobs if not j.send_to], baseline, outcomes)
        state.write(path, current)
    if first and not todo:
        _say(f"first run: {len(jobs)} published post(s) recorded as the baseline in "
             f"{os.path.relpath(path)}; nothing sent (--since YYYY-MM-DD sends for recent "
             "posts); from now on new and changed posts are sent")  # fmt: skip
        return 0
    shown = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing to send"
    _say(f"{shown}; {len(jobs) - len(todo)} post(s) unchanged")
    if counts.get("failed"):
        _say(f"{counts['failed']} not sent (listed above as failed) will be tried again next time")
    return 0


def _say(text: str) -> None:
    print(f"reflective: {text}", file=sys.stderr)


# -- pull -------------------------------------------------------------------------------


def cmd_pull(args) -> int:
    CLIError = base.CLIError
    settings, folder, config = _config(args)
    site = (args.site or settings.get("SITEURL") or "").rstrip("/")
    if not config_mod.is_web(site):
        raise CLIError("mentions pull needs the site's address: give --site https://... or "
                       "set SITEURL")  # fmt: skip
    token = os.environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise CLIError(f"no token: set {TOKEN_VARIABLE} to your webmention.io API key "
                       "(it is never read from a file in the repository)")  # fmt: skip
    api = args.api or config["REFLECTIVE_WEBMENTION_API"]
    path = _state_path(config, folder)
    current = _read_state(path)
    blocks, bad = blocklist.read(config_mod.path(config, "REFLECTIVE_WEBMENTION_BLOCKLIST", folder))
    if bad:
        raise CLIError("; ".join(p.format() for p in bad))
    loaded = base.load(args)
    posts = {}
    for view in loaded.site.posts:
        if view.ref.draft:
            continue
        where = addresses.of_source(view.handle, settings)
        if where.slug and where.save_as:  # its address: the file it is written to
            posts[view.ref.url or where.save_as] = where.slug
    targets = pull.jf2.Targets(site, posts)
    domain = urlsplit(site).hostname
    try:
        entries = pull.fetch_all(api, domain, token, config["REFLECTIVE_WEBMENTION_TIMEOUT"])
    except pull.PullError as error:
        raise CLIError(str(error)) from None
    comments = settings.get("REFLECTIVE_COMMENTS_PATH") or comment_format.DEFAULT_FOLDER
    root = os.path.join(settings["PATH"], comments.strip("/"))
    report = pull.apply(entries, targets, root, current, blocks.blocks, prune=args.prune)
    state.write(path, current)
    for written_path, fields, _ in report.written:
        print(f"{os.path.relpath(written_path)}  {fields['kind']} by {fields['author']} "
              f"from {fields['source']}")  # fmt: skip
    for found in report.gone:
        verb = "removed" if args.prune else "gone upstream (deleted or private); --prune removes"
        print(f"{os.path.relpath(found.path)}  {verb}")
    for found in report.blocked:
        verb = "removed" if args.prune else "from a blocked source; --prune removes"
        print(f"{os.path.relpath(found.path)}  {verb}")
    skipped = ", ".join(f"{n} {why}" for why, n in sorted(report.skipped.items()))
    _say(
        f"{len(report.written)} new mention(s) written, {report.kept} already there"
        + (f", {len(report.deleted_by_you)} deleted by you (not written again)"
           if report.deleted_by_you else "")
        + (f"; skipped: {skipped}" if skipped else "")
    )  # fmt: skip
    if report.written:
        _say("review them (delete a file to refuse it; add its source to the blocklist to "
             "refuse the site), then `reflective check` and commit")  # fmt: skip
    return 0
