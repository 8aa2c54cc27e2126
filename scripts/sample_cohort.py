"""Make the sample site's committed cohort cache (cohort-cache/) by really fetching it.

The participants in cohort.yaml have made-up addresses. This script builds the two
who use this kit (tests/cohort/sample/priya, tom) with the real pelican command, serves
their progress.json and the others' feeds (tests/cohort/sample/*.atom, *.rss) from a
local http.server, and runs the real fetch with an httpx transport that sends every
request to that server. It fetches twice, as a cohort is fetched over time: on 23
September 2011, then on 30 September, when Sam Lee's blog answers 503 (so the page shows
stale data) and Morag Bell's feed never existed (404). SOURCE_DATE_EPOCH fixes the
fetch's clock, so the output is the same every run:

    .venv/bin/python scripts/sample_cohort.py [--cache FOLDER]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "tests" / "cohort" / "sample"
sys.path[:0] = [str(REPO / "plugins"), str(REPO / "tests")]

from cohort.support import Route, Server  # noqa: E402

from reflective.cohort import config, fetch  # noqa: E402

from sitebuild import build, make_site  # noqa: E402

FIRST = 1316779200  # 2011-09-23 12:00 UTC
SECOND = 1317384000  # 2011-09-30 12:00 UTC


class LocalTransport(httpx.AsyncHTTPTransport):
    """Every request goes to the local server, as /<host><path>; the URL stays as asked."""

    def __init__(self, port: int):
        super().__init__()
        self.port = port

    async def handle_async_request(self, request):
        local = request.url.copy_with(
            scheme="http",
            host="127.0.0.1",
            port=self.port,
            path=f"/{request.url.host}{request.url.path}",
        )
        headers = [(k, v) for k, v in request.headers.raw if k.lower() != b"host"]
        headers.append((b"Host", request.url.host.encode()))
        return await super().handle_async_request(
            httpx.Request(request.method, local, headers=headers, extensions=request.extensions)
        )


def kit_site(name: str, work: Path) -> bytes:
    """A participant's site built with this kit: its progress.json."""
    files = {p.name: p.read_text("utf-8") for p in sorted((SAMPLE / name).glob("*.md"))}
    root = make_site(
        work / name,
        files,
        SITEURL=f"https://{name}.example.org",
        ARTICLE_URL="{date:%Y}/{slug}/",
        ARTICLE_SAVE_AS="{date:%Y}/{slug}/index.html",
    )
    result = build(root)
    if result.returncode != 0:
        sys.exit(f"building {name}'s sample site failed:\n{result.stderr}")
    return (root / "output" / "progress.json").read_bytes()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", default=str(REPO / "cohort-cache"))
    args = parser.parse_args(argv)
    participants, problems = config.load(str(REPO / "cohort.yaml"), "cohort.yaml")
    if problems:
        sys.exit("\n".join(p.format() for p in problems))
    with tempfile.TemporaryDirectory() as work:
        routes = {
            "/priya.example.org/progress.json": Route(kit_site("priya", Path(work))),
            "/tom.example.org/progress.json": Route(kit_site("tom", Path(work))),
            "/hannah.example.net/feed.atom": Route(
                (SAMPLE / "hannah.atom").read_bytes(), "application/atom+xml"
            ),
            "/dev.example.com/rss.xml": Route(
                (SAMPLE / "dev.rss").read_bytes(), "application/rss+xml", etag=False
            ),
            "/sam.example.org/feed.xml": Route(
                (SAMPLE / "sam.rss").read_bytes(), "application/rss+xml"
            ),
        }
        shutil.rmtree(args.cache, ignore_errors=True)
        with Server(routes) as server:
            for epoch in (FIRST, SECOND):
                if epoch == SECOND:
                    server.routes["/sam.example.org/feed.xml"] = Route(status=503)
                os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
                summary = fetch.run(participants, args.cache, transport=LocalTransport(server.port))
                for outcome in summary.outcomes:
                    print(f"{outcome.participant.name}: {outcome.status} {outcome.error or ''}")
    print(f"sample cohort cache written to {args.cache}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
