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
(REFLECTIVE_COHORT_CONCURRENCY), not N. Last, the sample site is built with and without
the largest cohort (the real pelican command, CPU time, median of rounds). The servers
run in this process, on the same (shared) cores as the fetch.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

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


def write_cohort(folder: Path, n: int, servers: list[Server]) -> None:
    rng = random.Random(n)
    people = []
    for index in range(n):
        server = servers[index % len(servers)]
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
    (folder / "cohort.yaml").write_text(yaml.safe_dump({"participants": people}), "utf-8")
    (folder / "content").mkdir(exist_ok=True)
    (folder / "pelicanconf.py").write_text(
        'PATH = "content"\nREFLECTIVE_COHORT = "cohort.yaml"\n', "utf-8"
    )


def fetch_once(folder: Path, label: str) -> dict:
    command = [sys.executable, "-m", "reflective", "cohort", "fetch", "--quiet"]
    wall, cpu, rss, code = run_measured(command, folder, dict(os.environ), folder / f"{label}.log")
    tail = (folder / f"{label}.log").read_text(errors="replace").strip().splitlines()[-1:]
    if code != 0:
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
    page = folder / "out-A" / "cohort" / "index.html"
    return {
        side: {
            "wall": statistics.median(r[0] for r in runs),
            "cpu": statistics.median(r[1] for r in runs),
            "rss_kb": max(r[2] for r in runs),
        }
        for side, runs in results.items()
    } | {"cohort_page_bytes": page.stat().st_size if page.exists() else 0}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark reflective cohort fetch.")
    parser.add_argument("--participants", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--servers", type=int, default=4)
    parser.add_argument("--latency", type=float, nargs=2, default=[0.05, 0.3])
    parser.add_argument("--rounds", type=int, default=3, help="builds per side")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-cohort-") as work:
        for n in args.participants:
            folder = Path(work) / f"n{n}"
            folder.mkdir()
            servers = [Server(latency=tuple(args.latency)) for _ in range(args.servers)]
            for server in servers:
                server.__enter__()
            try:
                write_cohort(folder, n, servers)
                first = fetch_once(folder, "first")
                second = fetch_once(folder, "second")
                served = sum(server.total(server.bytes_sent) for server in servers)
            finally:
                for server in servers:
                    server.__exit__(None, None, None)
            results[n] = {"first": first, "second": second, "bytes_served": served}
            for label, run in (("first fetch", first), ("second fetch", second)):
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
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1, default=str) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
