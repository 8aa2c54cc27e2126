"""`make bench`, cohort part: `reflective cohort fetch` of a large cohort, and the
build cost of the cohort pages.

Owns this measurement. For each size N (default 100 and 1,000 participants) it writes a
cohort file whose participants are served by local HTTP servers (tests/cohort/support:
http.server in threads on 127.0.0.1, free ports) with a latency of 50–300 ms per
response: 70 % serve a progress.json of about 25 KB (Things, posts and action items,
as this kit writes them), 30 % an Atom feed of 20 entries. It then runs the real
`reflective cohort fetch` in a subprocess twice, the first time downloading everything,
the second time with every document unchanged (conditional requests: 304s), and reports
wall time, CPU time and peak memory (`os.wait4`); peak memory should follow the pool
(REFLECTIVE_COHORT_CONCURRENCY), not N. Then "a year on": `--failing` of the
participants (default half) fail the way blogs go (a host that is gone, 404 and 410,
a parked domain's HTML page, 503, a dropped connection, a redirect loop) and a third
fetch records it (their earlier data kept, stale). Last, the sample site is built with
and without the largest cohort, as that third fetch left it (the real pelican command,
CPU time, median of rounds), and the weights of the cohort's pages are reported (HTML
with the stylesheets and icon it links; the budget is 30 KB): the cohort page, its
numbered pages, the Thing pages and the pages continuing them. The servers run in this
process, on the same (shared) cores as the fetch.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from bench.run import pelican_command, run_measured

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from cohort.support import Route, Server, feed_atom  # noqa: E402


def progress_document(rng: random.Random, index: int, base: str) -> bytes:
    things = []
    for number in range(1, 24):
        posts = []
        if rng.random() < 0.6:
            posts.append(
                {
                    "title": f"Thing {number}: notes from participant {index}",
                    "url": f"{base}/posts/thing-{number}/",
                    "date": f"2011-07-{number:02d}",
                    "things": [number],
                }
            )
        things.append(
            {
                "number": number,
                "title": f"Thing {number}",
                "week": number,
                "section": None,
                "optional": False,
                "written": bool(posts),
                "posts": posts,
            }
        )
    actions = [
        {
            "id": f"action-{i}",
            "text": f"Something to do about Thing {i % 23 + 1}, soon " * 2,
            "html": "x" * 120,
            "status": "todo",
            "group": "open",
            "overdue": False,
            "due": None,
            "done": None,
            "priority": "normal",
            "every": None,
            "private": False,
            "note": None,
            "post": {"title": "A post", "url": f"{base}/p/", "date": "2011-07-01", "things": [1]},
            "history": [],
        }
        for i in range(40)
    ]
    return json.dumps(
        {
            "schema_version": 1,
            "today": "2011-10-01",
            "progress_url": f"{base}/progress/",
            "programme": {
                "name": "23 Things",
                "url": None,
                "total": 23,
                "written": sum(t["written"] for t in things),
                "things": things,
            },
            "counts": {
                "todo": 40,
                "doing": 0,
                "done": 0,
                "dropped": 0,
                "overdue": 0,
                "habits": 0,
                "total": 40,
            },
            "actions": actions,
        },
        indent=1,
    ).encode()


def atom_document(rng: random.Random, index: int, base: str) -> bytes:
    entries = [
        {
            "title": f"Thing {rng.randint(1, 23)}: a post by blogger {index}",
            "url": f"{base}/{n}/",
            "date": f"2011-08-{n % 28 + 1:02d}",
            "tags": ["cpd23"],
        }
        for n in range(20)
    ]
    return feed_atom(f"Blogger {index}", base, entries)


# A year on: how the blogs that cannot be read fail, and the share of each among them.
# "gone" participants are served by a server of their own, shut down before that fetch
# (a lapsed domain: cannot connect).
FAILURES = (
    ("gone", 0.30),
    ("404", 0.25),
    ("410", 0.10),
    ("parked", 0.15),
    ("503", 0.10),
    ("drop", 0.05),
    ("loop", 0.05),
)
PARKED = b"<!DOCTYPE html><title>This domain may be for sale</title><p>Parked.</p>"


def plan_failures(n: int, fraction: float) -> dict[int, str]:
    """Which participants fail a year on, and how (deterministic for n and fraction)."""
    rng = random.Random(f"failing-{n}-{fraction}")
    failing = sorted(rng.sample(range(n), round(n * fraction)))
    plan, start = {}, 0
    for number, (kind, share) in enumerate(FAILURES):
        count = len(failing) - start if number == len(FAILURES) - 1 else round(len(failing) * share)
        for index in failing[start : start + count]:
            plan[index] = kind
        start += count
    return plan


def a_year_on(plan: dict[int, str], routes: dict[int, tuple[Server, str]], gone: Server) -> None:
    """Break the planned participants' documents (their servers keep counting)."""
    for index, kind in plan.items():
        server, path = routes[index]
        if kind == "404" or kind == "410" or kind == "503":
            server.routes[path] = Route(status=int(kind))
        elif kind == "parked":
            server.routes[path] = Route(PARKED, "text/html")
        elif kind == "drop":
            server.routes[path] = Route(drop=True)
        elif kind == "loop":
            server.routes[path] = Route(location=path)
    gone.__exit__(None, None, None)


def write_cohort(
    folder: Path, n: int, servers: list[Server], gone: Server | None = None, plan=None
) -> dict[int, tuple[Server, str]]:
    """The cohort file and its servers' routes: participant index -> (server, path)."""
    rng = random.Random(n)
    people, routes = [], {}
    for index in range(n):
        server = servers[index % len(servers)]
        if gone is not None and (plan or {}).get(index) == "gone":
            server = gone
        base = f"https://p{index}.example.org"
        if index % 10 < 7:
            path = f"/p{index}/progress.json"
            server.routes[path] = Route(progress_document(rng, index, base))
            people.append(
                {"name": f"Participant {index}", "site": base + "/", "progress": server.url(path)}
            )
        else:
            path = f"/p{index}/feed.atom"
            server.routes[path] = Route(atom_document(rng, index, base), "application/atom+xml")
            people.append(
                {"name": f"Participant {index}", "site": base + "/", "feed": server.url(path)}
            )
        routes[index] = (server, path)
    (folder / "cohort.yaml").write_text(yaml.safe_dump({"participants": people}), "utf-8")
    (folder / "content").mkdir(exist_ok=True)
    (folder / "pelicanconf.py").write_text(
        'PATH = "content"\nREFLECTIVE_COHORT = "cohort.yaml"\n', "utf-8"
    )
    return routes


def fetch_once(folder: Path, label: str, failures: bool = False) -> dict:
    command = [sys.executable, "-m", "reflective", "cohort", "fetch", "--quiet"]
    wall, cpu, rss, code = run_measured(command, folder, dict(os.environ), folder / f"{label}.log")
    tail = (folder / f"{label}.log").read_text(errors="replace").strip().splitlines()[-1:]
    if code not in ((0, 4) if failures else (0,)):
        sys.exit(f"bench: cohort fetch failed (exit {code}): {tail}")
    return {"wall": wall, "cpu": cpu, "rss_kb": rss, "summary": tail[0] if tail else ""}


def build_cost(folder: Path, rounds: int) -> dict:
    """The sample site built with the cohort of `folder` (A) and without one (B)."""
    results = {"A": [], "B": []}
    for side in ("A", "B"):
        conf = folder / f"site-{side}.py"
        conf.write_text(
            f"exec(open({str(REPO / 'pelicanconf.py')!r}).read())\n"
            f"PATH = {str(REPO / 'content')!r}\nTHEME = {str(REPO / 'theme')!r}\n"
            f"PLUGIN_PATHS = [{str(REPO / 'plugins')!r}]\n"
            + (
                f"REFLECTIVE_COHORT = {str(folder / 'cohort.yaml')!r}\n"
                f"REFLECTIVE_COHORT_CACHE = {str(folder / 'cohort-cache')!r}\n"
                if side == "A"
                else "REFLECTIVE_COHORT = None\n"
            ),
            "utf-8",
        )
    for round_number in range(rounds):
        for side in ("A", "B") if round_number % 2 == 0 else ("B", "A"):
            output = folder / f"out-{side}"
            shutil.rmtree(output, ignore_errors=True)
            command = pelican_command() + [
                str(REPO / "content"),
                "-o",
                str(output),
                "-s",
                str(folder / f"site-{side}.py"),
            ]
            wall, cpu, rss, code = run_measured(
                command, folder, dict(os.environ), folder / f"build-{side}.log"
            )
            if code != 0:
                sys.exit(f"bench: the {side} build failed; see {folder / f'build-{side}.log'}")
            results[side].append((wall, cpu, rss))
    output = folder / "out-A"
    page = output / "cohort" / "index.html"
    weights = {
        kind: [weight(output, html) for html in sorted(output.glob(f"cohort/{kind}/*/index.html"))]
        for kind in ("participants", "not-fetched")
    }
    weights["things"] = [weight(output, html) for html in output.glob("things/*/index.html")]
    weights["thing-pages"] = [
        weight(output, h) for h in output.glob("cohort/things/*/*/index.html")
    ]
    return {
        side: {
            "wall": statistics.median(r[0] for r in runs),
            "cpu": statistics.median(r[1] for r in runs),
            "rss_kb": max(r[2] for r in runs),
        }
        for side, runs in results.items()
    } | {
        "cohort_page_bytes": page.stat().st_size if page.exists() else 0,
        "cohort_page_weight": weight(output, page) if page.exists() else 0,
        "participants_pages": len(weights["participants"]),
        "participants_page_weight_max": max(weights["participants"], default=0),
        "not_fetched_pages": len(weights["not-fetched"]),
        "not_fetched_page_weight_max": max(weights["not-fetched"], default=0),
        "thing_page_weight_max": max(weights["things"], default=0),
        "thing_numbered_pages": len(weights["thing-pages"]),
        "thing_numbered_page_weight_max": max(weights["thing-pages"], default=0),
    }


def weight(output: Path, html: Path) -> int:
    """A page's bytes with every stylesheet and icon it links (the 30 KB budget)."""
    text = html.read_text("utf-8")
    size = len(text.encode())
    for tag in re.findall(r"<link\b[^>]*>", text):
        rel = re.search(r'rel="([^"]*)"', tag)
        href = re.search(r'href="([^"]*)"', tag)
        if rel and href and {"stylesheet", "icon"} & set(rel.group(1).split()):
            target = urlsplit(href.group(1))
            # RELATIVE_URLS (the bench's settings): relative to the page's folder.
            base = output if target.scheme or target.path.startswith("/") else html.parent
            path = (base / target.path.lstrip("/")).resolve()
            size += path.stat().st_size if path.is_file() else 0
    return size


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark reflective cohort fetch.")
    parser.add_argument("--participants", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--servers", type=int, default=4)
    parser.add_argument("--latency", type=float, nargs=2, default=[0.05, 0.3])
    parser.add_argument("--rounds", type=int, default=3, help="builds per side")
    parser.add_argument(
        "--failing",
        type=float,
        default=0.5,
        help="share of participants that fail a year on (third fetch); 0 skips it",
    )
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-cohort-") as work:
        for n in args.participants:
            folder = Path(work) / f"n{n}"
            folder.mkdir()
            servers = [Server(latency=tuple(args.latency)) for _ in range(args.servers)]
            gone = Server(latency=tuple(args.latency))
            for server in [*servers, gone]:
                server.__enter__()
            plan = plan_failures(n, args.failing)
            year_on = None
            try:
                routes = write_cohort(folder, n, servers, gone, plan)
                first = fetch_once(folder, "first")
                second = fetch_once(folder, "second")
                served = sum(server.total(server.bytes_sent) for server in [*servers, gone])
                if plan:
                    a_year_on(plan, routes, gone)
                    year_on = fetch_once(folder, "year-on", failures=True)
            finally:
                for server in [*servers, gone]:
                    if server.thread.is_alive():
                        server.__exit__(None, None, None)
            results[n] = {
                "first": first,
                "second": second,
                "bytes_served": served,
                "year_on": year_on,
                "failing": len(plan),
            }
            runs = [("first fetch", first), ("second fetch", second)]
            runs += [(f"a year on, {len(plan)} failing", year_on)] if year_on else []
            for label, run in runs:
                print(
                    f"cohort fetch, {n} participants, {label}: {run['wall']:.1f} s wall, "
                    f"{run['cpu']:.1f} s CPU, peak {run['rss_kb'] / 1024:.0f} MiB "
                    f"({run['summary'].removeprefix('reflective: cohort: ')})"
                )
        largest = max(args.participants)
        cost = build_cost(Path(work) / f"n{largest}", args.rounds)
        results["build"] = cost
        print(
            f"sample site build with a cohort of {largest}: {cost['A']['cpu']:.2f} s CPU "
            f"(without: {cost['B']['cpu']:.2f} s; +{cost['A']['cpu'] - cost['B']['cpu']:.2f} s), "
            f"peak {cost['A']['rss_kb'] / 1024:.0f} MiB (without: "
            f"{cost['B']['rss_kb'] / 1024:.0f} MiB); cohort/index.html "
            f"{cost['cohort_page_bytes'] / 1024:.0f} KiB"
        )
        print(
            f"cohort pages of {largest} ({results[largest]['failing']} not fetched), with "
            f"CSS and icon: cohort/ {cost['cohort_page_weight'] / 1024:.1f} KiB; "
            f"{cost['participants_pages']} participants pages, the heaviest "
            f"{cost['participants_page_weight_max'] / 1024:.1f} KiB; "
            f"{cost['not_fetched_pages']} not-fetched pages, the heaviest "
            f"{cost['not_fetched_page_weight_max'] / 1024:.1f} KiB; Thing pages, the heaviest "
            f"{cost['thing_page_weight_max'] / 1024:.1f} KiB; {cost['thing_numbered_pages']} "
            "pages continuing them (the cohort's posts on a Thing), the heaviest "
            f"{cost['thing_numbered_page_weight_max'] / 1024:.1f} KiB"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1, default=str) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
