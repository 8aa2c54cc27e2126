"""The `reflective cohort` commands: fetch the other participants' progress.

Owns `reflective cohort fetch` (every participant of REFLECTIVE_COHORT into the cache,
one line per failed participant, the rest fetched) and `reflective cohort status`
(what the cache holds, offline). Exit codes: 0 every participant fetched or
unchanged; 1 the cohort file or settings are unusable (nothing fetched); 4 some
participants failed (the others were fetched, and the failed ones keep their previous
data, marked stale).
"""

from __future__ import annotations

import os
import sys

from ..cli import base
from ..core import settings as settings_mod
from . import cache, config, fetch

SOME_FAILED = 4


def register(subparsers) -> None:
    """`reflective cohort fetch` and `reflective cohort status`."""
    cohort = subparsers.add_parser(
        "cohort",
        help="fetch and show the other participants of the programme",
        description="The cohort of REFLECTIVE_COHORT (docs/cohort.md).",
    )
    sub = cohort.add_subparsers(dest="cohort_command", metavar="SUBCOMMAND")
    sub.required = True
    fetch_ = base.add_command(
        sub,
        "fetch",
        cmd_fetch,
        help="fetch every participant's progress.json or feed into the cache",
        description="Fetch every participant concurrently into the cohort cache that "
        "builds read. Exit 0: all fetched; 1: the cohort file is unusable; 4: some "
        "participants failed (one line each; their previous data is kept, marked stale).",
    )
    fetch_.add_argument(
        "--concurrency",
        type=_positive,
        metavar="N",
        help="requests at a time (default: REFLECTIVE_COHORT_CONCURRENCY)",
    )
    fetch_.add_argument(
        "--timeout",
        type=_positive,
        metavar="SECONDS",
        help="per participant (default: REFLECTIVE_COHORT_TIMEOUT)",
    )
    fetch_.add_argument("--quiet", "-q", action="store_true", help="print only failures")
    base.add_command(
        sub,
        "status",
        cmd_status,
        help="what the cohort cache holds (offline)",
        description="Each participant's state in the cache: fetched when, stale or failed "
        "and why. Reads no network. Exit 4 when some participant is stale or failed.",
    )


def _positive(value: str) -> int:
    import argparse

    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of 1 or more")
    return number


def _setup(args):
    settings, folder, settings_file = base.load_settings(args)
    checked = settings_mod.read(settings)
    setting = checked["REFLECTIVE_COHORT"]
    if not setting:
        raise base.CLIError(
            f"REFLECTIVE_COHORT is not set in {settings_file}; set it to the path of a "
            "cohort file (docs/cohort.md)"
        )
    path = config.resolve(setting, folder)
    participants, problems = config.load(path, setting)
    if problems:
        for problem in problems:
            print(problem.format())
        noun = "problem" if len(problems) == 1 else "problems"
        raise base.CLIError(f"{len(problems)} {noun} in the cohort file {setting}; nothing fetched")
    cache_dir = cache.folder(checked["REFLECTIVE_COHORT_CACHE"], folder)
    return checked, participants, cache_dir


def _writable(cache_dir: str) -> None:
    """Refuse before fetching anything when the cache cannot be written."""
    import tempfile

    try:
        os.makedirs(cache_dir, exist_ok=True)
        with tempfile.TemporaryFile(dir=cache_dir):
            pass
    except OSError as error:
        raise base.CLIError(
            f"cannot write the cohort cache {cache_dir} ({error.strerror or error}); "
            "set REFLECTIVE_COHORT_CACHE to a folder you can write"
        ) from None


def cmd_fetch(args) -> int:
    checked, participants, cache_dir = _setup(args)
    _writable(cache_dir)
    limits = fetch.Limits(
        concurrency=args.concurrency or checked["REFLECTIVE_COHORT_CONCURRENCY"],
        timeout=float(args.timeout or checked["REFLECTIVE_COHORT_TIMEOUT"]),
        max_bytes=checked["REFLECTIVE_COHORT_MAX_BYTES"],
        max_redirects=checked["REFLECTIVE_COHORT_MAX_REDIRECTS"],
    )
    summary = fetch.run(participants, cache_dir, limits)
    for outcome in summary.outcomes:
        who = outcome.participant
        if outcome.status == "failed":
            kept = " (previous data kept, marked stale)" if outcome.stale else ""
            print(f"{who.name} <{who.url}>: {outcome.error}{kept}", file=sys.stderr)
        elif not args.quiet:
            print(f"{who.name}: {outcome.status}")
    failed = len(summary.failed)
    print(
        f"reflective: cohort: {summary.count('fetched')} fetched, "
        f"{summary.count('unchanged')} unchanged, {failed} failed of {len(participants)} "
        f"participants; {summary.downloaded:,} bytes downloaded into "
        f"{cache_dir}" + (f"; {len(summary.pruned)} removed" if summary.pruned else ""),
        file=sys.stderr,
    )
    return SOME_FAILED if failed else 0


def cmd_status(args) -> int:
    _, participants, cache_dir = _setup(args)
    bad = 0
    for participant in participants:
        record = cache.read(cache_dir, participant.key)
        if record is None:
            bad += 1
            print(f"{participant.name}: not fetched yet")
            continue
        status = record.get("status")
        line = f"{participant.name}: {status}, data from {record.get('fetched_at') or 'never'}"
        if status != "ok":
            bad += 1
            line += f": {record.get('error')}"
        print(line)
    return SOME_FAILED if bad else 0
