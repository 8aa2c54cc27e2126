"""The plan of a new site: the answers in, every file's path and text out (pure).

Owns the answers `reflective init` asks for (`Answers`) and their checks, the hosts a
site can be published on (`HOSTS`), what else the plan needs that the command finds out
(`Facts`: today, the programme's first Thing, the time zone, where CI installs
Reflective from), and `plan()`, which lists the files of the new site. Nothing here
touches the file system, so a plan can be tested with plain data and checked whole
before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from ..core import newpost
from . import files

# key -> what the question shows; the key is what --host takes.
HOSTS: dict[str, str] = {
    "github": "GitHub Pages (a GitHub Actions workflow publishes every push)",
    "netlify": "Netlify (netlify.toml)",
    "rsync": "a server of your own, by rsync (reflective deploy rsync)",
    "none": "not yet (decide later)",
}

# Where a programme given as a file is copied, so the site (and its CI) has it.
PROGRAMME_FILE = "programme.yaml"

# A site's address: no query or fragment, and nothing a shell or TOML would read (it
# goes into netlify.toml's command and the README's).
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/+-]*)?$")


@dataclass(frozen=True)
class Answers:
    """What the author tells `reflective init` (each has a default)."""

    name: str
    author: str
    programme: str  # a bundled programme's name, or the path of a programme file
    siteurl: str  # the published address, or "" when not known yet
    host: str  # a key of HOSTS


@dataclass(frozen=True)
class Facts:
    """What the plan needs besides the answers; the command finds them out."""

    today: dt.date
    programme_name: str
    first_thing: int
    first_title: str
    programme_bundled: bool  # False: the programme is a file, copied as PROGRAMME_FILE
    programme_text: str = ""  # that file's text
    timezone: str = "UTC"
    requirement: str = ""  # the pip requirement CI installs Reflective with ("": unknown)


@dataclass(frozen=True)
class PlannedFile:
    path: str  # relative to the site's folder, always with "/"
    text: str


def requirement(direct_url: str | None) -> str:
    """The pip requirement CI installs Reflective with, from how it was installed here.

    `direct_url`: the installed distribution's PEP 610 record (`direct_url.json`). A git
    URL or the web address of a wheel is one CI can reach; a file or folder on this
    computer (a wheel, the kit's editable install) is not, and neither is an unknown
    index ("": no record). Never the bare name: PyPI's "reflective" is another project.
    """
    try:
        record = json.loads(direct_url or "")
    except ValueError:
        return ""
    url = record.get("url", "") if isinstance(record, dict) else ""
    if not url.startswith(("https://", "http://", "ssh://", "git@")):
        return ""
    if "vcs_info" in record:
        vcs = record["vcs_info"]
        commit = vcs.get("commit_id")
        return f"reflective @ {vcs.get('vcs', 'git')}+{url}" + (f"@{commit}" if commit else "")
    return f"reflective @ {url}" if "archive_info" in record else ""


def siteurl(value: str) -> str:
    """The address as the settings keep it: trimmed, without a trailing `/`."""
    return value.strip().rstrip("/")


def problems(answers: Answers) -> list[str]:
    """What is wrong with the answers, one sentence each naming the option and the fix."""
    found = []
    for option, value in (("--name", answers.name), ("--author", answers.author)):
        if not value.strip():
            found.append(f"{option} is empty; give the blog's {option[2:]}")
        elif "\n" in value or "\r" in value:
            found.append(f"{option} must be one line")
    if not answers.programme.strip():
        found.append("--programme is empty; give a bundled programme (e.g. cpd23) or a file")
    url = siteurl(answers.siteurl)
    if url and not _URL.match(url):
        found.append(
            f"--siteurl {answers.siteurl!r} is not a web address; give one such as "
            "https://me.example.org (or leave it out until you know it)"
        )
    if answers.host not in HOSTS:
        found.append(f"--host {answers.host!r} is not one of {', '.join(HOSTS)}")
    return found


def programme_setting(answers: Answers, facts: Facts) -> str:
    """REFLECTIVE_PROGRAMME in the new site: the bundled name, or the copied file."""
    return answers.programme.strip() if facts.programme_bundled else PROGRAMME_FILE


def starter_post(facts: Facts) -> PlannedFile:
    """The post for the first Thing, exactly as `reflective new --thing N` writes it."""
    title = newpost.default_title(facts.first_thing, facts.first_title)
    name = newpost.file_name(facts.today, facts.first_thing, title)
    text = newpost.text(title, facts.today, facts.first_thing, "rolfe")
    return PlannedFile(f"content/posts/{name}", text)


def plan(answers: Answers, facts: Facts) -> list[PlannedFile]:
    """Every file of the new site, in the order they are written."""
    wrong = problems(answers)
    if wrong:
        raise ValueError("; ".join(wrong))
    setting = programme_setting(answers, facts)
    url = siteurl(answers.siteurl)
    planned = [
        PlannedFile("pelicanconf.py", files.pelicanconf(answers, facts, setting)),
        PlannedFile("publishconf.py", files.publishconf(url)),
        starter_post(facts),
        PlannedFile("content/pages/about.md", files.about(answers, facts)),
        PlannedFile(".gitignore", files.GITIGNORE),
        PlannedFile("README.md", files.readme(answers, facts, url)),
    ]
    if not facts.programme_bundled:
        planned.append(PlannedFile(PROGRAMME_FILE, facts.programme_text))
    if answers.host in ("github", "netlify"):  # CI installs Reflective from it
        planned.append(PlannedFile("requirements.txt", files.requirements(facts.requirement)))
    if answers.host == "github":
        planned += [
            PlannedFile(".github/workflows/pages.yml", files.PAGES_WORKFLOW),
            PlannedFile(".github/reflective-problems.json", files.PROBLEM_MATCHER),
        ]
    elif answers.host == "netlify":
        planned.append(PlannedFile("netlify.toml", files.netlify(url)))
    return planned
