"""The cohort file (SPEC §7): who the other participants are and where to read them.

Owns reading `REFLECTIVE_COHORT` (YAML: `participants`, each `{name, site, progress}`
or `{name, site, feed}`), checking it into `Participant` records and problems
(`file:line: field: message`, as in SPEC §4), and each participant's cache key.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from slugify import slugify

from ..core import frontmatter
from ..core.problems import Problem, closest

FIELDS = ("name", "site", "progress", "feed")
_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f]")  # whitespace and control characters


@dataclass(frozen=True)
class Participant:
    name: str
    site: str
    url: str  # what is fetched: the progress.json or the feed
    kind: str  # "progress" or "feed"

    @property
    def key(self) -> str:
        """The cache file's name: readable, and unique per fetched URL."""
        digest = hashlib.sha256(self.url.encode("utf-8")).hexdigest()[:12]
        return f"{slugify(self.name, max_length=40) or 'participant'}-{digest}"


def web_url(value) -> str | None:
    """`value` when it is an absolute http(s) URL with a host, else None."""
    if not isinstance(value, str) or _UNSAFE.search(value.strip()):
        return None
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value.strip()


def resolve(setting: str, base_dir: str | os.PathLike) -> str:
    """The cohort file's path: relative paths against the settings file's folder."""
    return setting if os.path.isabs(setting) else os.path.join(os.fspath(base_dir), setting)


def load(path: str, name: str | None = None) -> tuple[list[Participant], list[Problem]]:
    """The participants of the cohort file at `path`, and its problems."""
    name = name or path
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return [], [
            Problem(
                name,
                "REFLECTIVE_COHORT",
                "the cohort file does not exist; create it (docs/cohort.md) or remove the setting",
            )
        ]
    except (OSError, UnicodeDecodeError) as error:
        return [], [Problem(name, "file", f"cannot be read as UTF-8 text: {error}")]
    return parse(text, name)


def parse(text: str, name: str) -> tuple[list[Participant], list[Problem]]:
    fm = frontmatter.parse(frontmatter.normalise_text(text), name)
    problems = list(fm.problems)
    if problems:
        return [], problems
    data = fm.data or {}
    unknown = [k for k in data if k != "participants"]
    for key in unknown:
        problems.append(
            Problem(
                name,
                str(key),
                "is not a cohort field; the file holds 'participants:'",
                fm.line((key,)),
            )
        )
    people = data.get("participants")
    if people is None:
        problems.append(
            Problem(
                name,
                "participants",
                "is missing: list the participants as "
                "'- {name: ..., site: ..., progress: ...}' or '... feed: ...'",
                fm.line(()),
            )
        )
        return [], problems
    if not isinstance(people, list):
        problems.append(
            Problem(
                name, "participants", "must be a list of participants", fm.line(("participants",))
            )
        )
        return [], problems
    participants: list[Participant] = []
    seen: dict[str, str] = {}
    for index, entry in enumerate(people):
        where = f"participants[{index}]"

        def report(message, key=None, suggestion=None, where=where, index=index):
            field = f"{where}.{key}" if key else where
            path = ("participants", index) + ((key,) if key else ())
            problems.append(Problem(name, field, message, fm.line(path), suggestion))

        if not isinstance(entry, dict):
            report("must be a mapping with name, site and progress or feed")
            continue
        found = len(problems)
        for key in entry:
            if key not in FIELDS:
                report(
                    f"is not a participant field; allowed: {', '.join(FIELDS)}",
                    key,
                    closest(str(key), FIELDS),
                )
        who, site = entry.get("name"), entry.get("site")
        if not isinstance(who, str) or not who.strip():
            report("is missing: the participant's name, as shown on the cohort page", "name")
        if web_url(site) is None:
            report(
                f"must be the participant's home page as an http(s) address, found {site!r}", "site"
            )
        kinds = [k for k in ("progress", "feed") if k in entry]
        if len(kinds) != 1:
            report(
                "needs exactly one of 'progress' (the address of a progress.json) or "
                f"'feed' (an Atom or RSS feed), found {len(kinds)}"
            )
            continue
        kind = kinds[0]
        url = web_url(entry[kind])
        if url is None:
            report(f"must be an http(s) address, found {entry[kind]!r}", kind)
        elif url in seen:
            report(f"{url} is already listed for {seen[url]}; list each participant once", kind)
        if len(problems) == found:
            seen[url] = who.strip()
            participants.append(Participant(who.strip(), site.strip(), url, kind))
    return participants, problems
