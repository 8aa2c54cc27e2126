"""The blocklist of sources (`REFLECTIVE_WEBMENTION_BLOCKLIST`, beside the settings file).

One entry a line; `#` starts a comment. An http(s) address blocks that page (and any
address under it: `https://spam.example/a/` blocks `https://spam.example/a/b`); a bare
domain (`spam.example`) blocks that host and every subdomain. `reflective mentions pull`
writes nothing from a blocked source, and lists the files already written from one
(`--prune` removes them). Pure, apart from reading the file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..core.problems import Problem

_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9-]{1,63}\.)*[a-z0-9-]{1,63}$")


@dataclass
class Blocklist:
    domains: set = field(default_factory=set)
    prefixes: list = field(default_factory=list)

    def blocks(self, *urls: str | None) -> str | None:
        """The entry that blocks one of these addresses, or None."""
        for url in urls:
            if not url:
                continue
            host = (urlsplit(url).hostname or "").lower().rstrip(".")
            for domain in self.domains:
                if host == domain or host.endswith("." + domain):
                    return domain
            bare = _bare(url)
            for prefix in self.prefixes:
                if bare == prefix or bare.startswith(prefix.rstrip("/") + "/"):
                    return prefix
        return None


def _bare(url: str) -> str:
    """An address without its scheme and fragment, for comparing http and https alike."""
    parts = urlsplit(url.strip())
    rest = (parts.netloc.lower() + parts.path) + (f"?{parts.query}" if parts.query else "")
    return rest


def read(path: str) -> tuple[Blocklist, list[Problem]]:
    found, problems = Blocklist(), []
    if not os.path.exists(path):
        return found, problems
    with open(path, encoding="utf-8", errors="replace") as handle:
        lines = handle.read().split("\n")
    for number, line in enumerate(lines, 1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        if entry.lower().startswith(("http://", "https://")) and urlsplit(entry).hostname:
            found.prefixes.append(_bare(entry))
        elif _DOMAIN.match(entry.lower().rstrip(".")):
            found.domains.add(entry.lower().rstrip("."))
        else:
            problems.append(
                Problem(
                    path,
                    "line",
                    f"{entry!r} is neither an address (https://...) nor a domain "
                    "(spam.example); fix or delete the line",
                    number,
                )
            )
    return found, problems
