"""`reflective init [FOLDER]`: the questions, then a new site (docs/cli.md#init).

Owns the command's arguments (a flag per question, `--yes` for every default), asking
the questions that no flag answered (only on a terminal), finding out what the plan
needs (`plan.Facts`: the programme's first Thing, today, the time zone, where this
Reflective was installed from), and saying what was made and what to do next. The plan
is `plan.plan`, the writing `write.write`.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..cli import base
from ..cli.base import CLIError
from . import plan

DEFAULT_NAME = "My reflective practice"
DEFAULT_PROGRAMME = "cpd23"

HELP = "start a new blog in FOLDER (asks a few questions)"
DESCRIPTION = (
    "Make a new Reflective site in FOLDER (default: here): settings, a first post, an "
    "About page, the deploy file for your host and a README of its commands. Asks for "
    "each answer not given as an option, offering a default; --yes takes the defaults. "
    "It never writes over anything: a folder that already holds files is refused."
)


def register(subparsers) -> None:
    init = base.add_command(subparsers, "init", cmd_init, help=HELP, description=DESCRIPTION)
    init.add_argument(
        "folder", nargs="?", default=".", metavar="FOLDER", help="new or empty (default: .)"
    )
    init.add_argument("--yes", "-y", action="store_true", help="take every default, ask nothing")
    init.add_argument("--name", help=f"the blog's name (default: {DEFAULT_NAME!r})")
    init.add_argument("--author", help="your name as readers see it (default: git's user.name)")
    init.add_argument(
        "--programme",
        metavar="NAME|FILE",
        help=f"a bundled programme or a programme file (default: {DEFAULT_PROGRAMME})",
    )
    init.add_argument(
        "--siteurl", metavar="URL", help="the published address, if you know it (default: none)"
    )
    init.add_argument(
        "--host",
        choices=list(plan.HOSTS),
        help="where it will be published: " + ", ".join(plan.HOSTS) + " (default: none)",
    )


# -- the questions ----------------------------------------------------------------------


DEFAULTS = {"name": DEFAULT_NAME, "programme": DEFAULT_PROGRAMME, "siteurl": "", "host": "none"}


def default(key: str) -> str:
    """The default answer to one question (the author's asks git: only when needed)."""
    if key == "author":
        return _git_user() or _login() or "Me"
    return DEFAULTS[key]


def answers_from(args, read: Callable[[str], str] | None) -> plan.Answers:
    """The answers: flags first, then the questions (`read`), else the defaults.

    `read(prompt) -> str` asks one question (None: no terminal, take the defaults only
    with --yes). Each answer is checked as it is given and asked again when wrong.
    """
    given = {key: getattr(args, key) for key in ("name", "author", "programme", "siteurl", "host")}
    for key, value in given.items():  # a wrong option stops before any question
        wrong = None if value is None else _wrong(key, value)
        if wrong:
            raise CLIError(wrong if wrong.startswith("--") else f"--{key}: {wrong}", code=2)
    missing = [key for key, value in given.items() if value is None]
    if missing and read is None and not args.yes:
        raise CLIError(
            "there is no terminal to ask the questions on: answer them with "
            + ", ".join(f"--{key}" for key in missing)
            + ", or take the defaults with --yes",
            code=2,
        )
    for key in missing:
        given[key] = default(key) if args.yes else _ask(key, default(key), read)
    return plan.Answers(**given)


def _ask(key: str, offered: str, read: Callable[[str], str]) -> str:
    question, describe = QUESTIONS[key]
    while True:
        try:
            reply = read(f"{question}{describe(offered)}: ").strip()
        except EOFError:
            raise CLIError("no answer (end of input); nothing was written") from None
        value = _choice(key, reply) if reply else offered
        wrong = _wrong(key, value)
        if not wrong:
            return value
        print(f"  {wrong}", file=sys.stderr)


def _choice(key: str, reply: str) -> str:
    if key == "host" and reply.isdigit() and 1 <= int(reply) <= len(plan.HOSTS):
        return list(plan.HOSTS)[int(reply) - 1]
    return reply


def _wrong(key: str, value: str) -> str | None:
    sample = plan.Answers(name="n", author="a", programme="p", siteurl="", host="none")
    found = plan.problems(plan.Answers(**{**sample.__dict__, key: value}))
    if not found and key == "programme":
        try:
            _programme(value)
        except CLIError as error:
            return str(error).removeprefix("--programme: ")
    return found[0] if found else None


def _hosts(default: str) -> str:
    lines = [f"\n  {n}. {key}: {text}" for n, (key, text) in enumerate(plan.HOSTS.items(), 1)]
    return "".join(lines) + f"\nNumber or name [{default}]"


def _programmes(default: str) -> str:
    from ..core import programme

    return f" ({', '.join(programme.bundled_names())}, or a programme file) [{default}]"


QUESTIONS: dict[str, tuple[str, Callable[[str], str]]] = {
    "name": ("The blog's name", lambda d: f" [{d}]"),
    "author": ("Your name, as readers will see it", lambda d: f" [{d}]"),
    "programme": ("The programme", _programmes),
    "siteurl": (
        "The site's address, e.g. https://me.example.org",
        lambda d: f" [{d or 'not yet'}]",
    ),
    "host": ("Where will it be published?", _hosts),
}


# -- what the plan needs besides the answers ----------------------------------------------


def _programme(value: str):
    from ..core import programme

    try:
        return programme.load(value, os.getcwd())
    except programme.ProgrammeError as error:
        raise CLIError(f"--programme: {error.problems[0].format()}") from None


def facts(answers: plan.Answers) -> plan.Facts:
    from ..core import programme as programme_mod

    loaded = _programme(answers.programme)
    bundled = answers.programme.strip() in programme_mod.bundled_names()
    first = loaded.things[0]
    return plan.Facts(
        today=dt.date.today(),
        programme_name=loaded.name,
        first_thing=first.number,
        first_title=first.title,
        programme_bundled=bundled,
        programme_text="" if bundled else Path(loaded.source).read_text(encoding="utf-8"),
        timezone=local_timezone(),
        requirement=install_source(),
    )


def local_timezone() -> str:
    """The computer's IANA time zone (TZ, or /etc/localtime's link), else UTC."""
    from zoneinfo import ZoneInfo

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = os.path.realpath(localtime).replace(os.sep, "/")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if "/" in name or name == "UTC":
            try:
                ZoneInfo(name)
            except Exception:  # unknown name, or no time zone data (Windows without tzdata)
                continue
            return name
    return "UTC"


def install_source() -> str:
    """How CI can install this Reflective (a pip requirement), or "" (plan.requirement)."""
    from importlib import metadata

    try:
        dist = metadata.distribution("reflective")
    except metadata.PackageNotFoundError:
        return ""
    return plan.requirement(dist.read_text("direct_url.json"))


def _git_user() -> str:
    import shutil
    import subprocess

    git = shutil.which("git")
    if not git:
        return ""
    try:
        done = subprocess.run(
            [git, "config", "user.name"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name (e.g. a container's unnamed uid)
        return ""


# -- the command ---------------------------------------------------------------------------


def _terminal_reader() -> Callable[[str], str] | None:
    return input if sys.stdin is not None and sys.stdin.isatty() else None


def cmd_init(args) -> int:
    from . import write

    folder = Path(args.folder)
    why = write.refusal(folder)
    if why:  # before any question: nothing to ask when nothing can be written
        raise CLIError(f"{why}; nothing was written")
    answers = answers_from(args, None if args.yes else _terminal_reader())
    wrong = plan.problems(answers)
    if wrong:
        raise CLIError("; ".join(wrong), code=2)
    planned = plan.plan(answers, facts(answers))
    try:
        write.write(folder, planned)
    except write.Refused as refused:
        raise CLIError(f"{refused}; nothing was written") from None
    except OSError as error:
        raise CLIError(
            f"cannot write {error.filename or folder}: {error.strerror}; "
            "what was written has been removed"
        ) from None
    print(f"reflective: made a new blog in {folder}{os.sep}")
    for item in planned:
        print(f"  {item.path}")
    print(f"reflective: {write.git_init(folder)}")
    if answers.host in ("github", "netlify") and not _requirement_given(planned):
        print(
            "reflective: note: requirements.txt does not say yet where CI can install "
            "Reflective from (this copy came from your computer); see the comment in it",
            file=sys.stderr,
        )
    shown = f'"{args.folder}"' if " " in args.folder else args.folder
    here = "" if folder.resolve() == Path.cwd().resolve() else f"cd {shown}\n  "
    print(f"\nNext:\n  {here}reflective serve      (then open http://127.0.0.1:8000)")
    return 0


def _requirement_given(planned) -> bool:
    for item in planned:
        if item.path == "requirements.txt":
            return any(line and not line.startswith("#") for line in item.text.splitlines())
    return True
