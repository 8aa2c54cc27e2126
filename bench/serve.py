"""`make bench-serve`: how long a save takes to reach the browser in `make serve`.

For each N: writes a generated site (bench/generate.py) with the project's own settings
(the repo's pelicanconf.py, content cache as the user gets it; only PATH, THEME,
PLUGIN_PATHS and REFLECTIVE_TODAY point at the corpus), starts the real `make serve`
(`make -C REPO serve INPUTDIR=... OUTPUTDIR=... CONFFILE=... PORT=...`), opens chromium
(Playwright) on a post, and edits that post N_EDITS times in turn: a sentence added to
its body, an action's status changed, its title changed (which moves the post to a new
address: the browser follows). Each edit is timed from just before the file is written
to the moment the open browser shows the change (which needs the reload to have been
sent and the served page to have it); then the loop is left to settle (the full build
in the background, "preview: up to date") before the next edit. It also records how
long the first page took after `make serve` started, the server's own figures from its
log (quick render, background full build with the content cache), and its memory.

`--memory-edits K --memory-n M`: K more edits (body) on an M-post site, each left to
settle, with the server's RSS after every one (the report gives every tenth).

`--pace N...` (issue 24): the writer's pace, saves every 2-6 s of five kinds, timed to
the browser (bench/serve_pace.py); `--builds-saves K --builds-n M`: K settled saves on an
M-post site, for the background build's time and memory from the first ten to the last.

`--baseline`: three body edits, at the smallest N, against the server before this change (scripts/serve.py
as of `git merge-base HEAD main`... or `--baseline-rev`), for a before/after on the
same machine at the same time.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench import serve_pace
from bench.serve_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    KINDS,
    REPO,
    Serve,
    make_corpus,
    make_edit,
    pick_target,
    post_url,
    rss_mib,
    split,
)


def run_edits(serve: Serve, page, target: Path, output: Path, edits: int, settle_pattern: str):
    """Edit the target `edits` times; timings in seconds."""
    rows = []
    for number in range(1, edits + 1):
        kind = KINDS[(number - 1) % len(KINDS)]
        for status in ("todo", "doing", "done"):
            page.evaluate(
                f"window.__before_{status} = "
                f"document.querySelectorAll('article li.s-{status}, main li.s-{status}').length"
            )
        before_settle = serve.count(settle_pattern)
        before_quick = serve.count(r"shown in")
        start = time.perf_counter()
        condition, what = make_edit(target, kind, number)
        page.wait_for_function(f"() => {condition}", timeout=900_000, polling=10)
        shown = time.perf_counter() - start
        serve.wait_for_log(settle_pattern, before_settle)
        settled = time.perf_counter() - start
        quick = re.findall(r"shown in\s+([\d.]+) s", serve.log())
        rows.append(
            {
                "edit": number,
                "kind": what,
                "shown_s": round(shown, 3),
                "settled_s": round(settled, 3),
                "server_quick_s": float(quick[-1]) if len(quick) > before_quick else None,
            }
        )
        print(
            f"  edit {number:2d} ({what}): in the browser after {shown:.2f} s; "
            f"settled after {settled:.2f} s",
            flush=True,
        )
        page.wait_for_timeout(300)
    return rows


def bench_n(n: int, work: Path, edits: int, browser, baseline: Path | None) -> dict:
    folder = work / f"n{n}"
    print(f"n={n}: generating the corpus", flush=True)
    corpus = make_corpus(folder, n)
    target = pick_target(corpus)
    title = split(target.read_text(encoding="utf-8"))[0]["title"]
    result: dict = {"n": n, "target": target.name}
    serve = Serve(folder)
    page = browser.new_page()
    try:
        first = _first_page_seconds(serve)
        serve.wait_for_log(r"preview: up to date", 0)
        output = folder / "output"
        url = serve.base + post_url(output, title)
        result["first_page_s"] = round(first, 2)
        result["first_build_s"] = _rebuilt(serve.log())[0] if _rebuilt(serve.log()) else None
        print(f"  first page after make serve: {first:.1f} s", flush=True)
        page.goto(url)
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=60_000)
        page.wait_for_timeout(500)
        result["rss_start_mib"] = round(rss_mib(serve.process.pid), 1)
        result["edits"] = run_edits(serve, page, target, output, edits, r"preview: up to date")
        result["rss_end_mib"] = round(rss_mib(serve.process.pid), 1)
        rebuilds = _rebuilt(serve.log())[1:]
        result["background_full_build_s"] = rebuilds
    finally:
        page.close()
        serve.stop()
    result["clean_build_s"] = clean_build_seconds(folder)
    print(f"  a clean build (make html's): {result['clean_build_s']:.1f} s", flush=True)
    if baseline is not None:
        result["baseline"] = bench_baseline(folder, baseline, browser, target, min(edits, 3))
    return result


def clean_build_seconds(folder: Path) -> float:
    """Wall time of one clean build of the same site (`make html`'s command), now."""
    out = folder / "output-clean"
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "pelican"),
            str(folder / "content"),
            "-o",
            str(out),
            "-s",
            str(folder / "pelicanconf.py"),
            "-q",
        ],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - start
    shutil.rmtree(out, ignore_errors=True)
    return round(seconds, 1)


def _first_page_seconds(serve: Serve) -> float:
    """From `make serve` to the first page of the site answered (the first build)."""
    import urllib.request

    while True:
        if serve.process.poll() is not None:
            raise SystemExit(f"make serve stopped:\n{serve.log()[-3000:]}")
        try:
            with urllib.request.urlopen(serve.base, timeout=30) as response:
                if response.status == 200:
                    return time.perf_counter() - serve.started
        except OSError:
            pass
        time.sleep(0.05)


def _rebuilt(log: str) -> list[float]:
    return [float(x) for x in re.findall(r"site rebuilt in\s+([\d.]+) s", log)]


def bench_baseline(folder: Path, rev: Path, browser, target: Path, edits: int) -> dict:
    """The same body edits against the old server (a copy of its scripts/serve.py)."""
    print("  baseline: the server before this change", flush=True)
    serve = Serve(folder, script=rev)
    page = browser.new_page()
    try:
        serve.wait_for_log(r"Serving the site", 0)
        output = folder / "output-baseline"
        deadline = time.monotonic() + 1800
        while not (output / "index.html").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        first = time.perf_counter() - serve.started
        title_now = split(target.read_text(encoding="utf-8"))[0]["title"]
        page.goto(serve.base + post_url(output, title_now))
        page.wait_for_function("() => window.LiveReload !== undefined", timeout=60_000)
        rows = []
        for number in range(101, 101 + edits):
            start = time.perf_counter()
            condition, _ = make_edit(target, "body", number)
            page.wait_for_function(f"() => {condition}", timeout=900_000, polling=10)
            rows.append(round(time.perf_counter() - start, 2))
            print(f"  baseline edit: in the browser after {rows[-1]:.2f} s", flush=True)
            page.wait_for_timeout(4000)  # past the old server's 3 s blind spot
        return {"first_index_s": round(first, 1), "shown_s": rows}
    finally:
        page.close()
        serve.stop()


def old_serve_script(rev: str, work: Path) -> Path:
    text = subprocess.run(
        ["git", "show", f"{rev}:scripts/serve.py"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = work / "serve_before.py"
    path.write_text(text, encoding="utf-8")
    return path


def memory_run(n: int, work: Path, edits: int) -> dict:
    """RSS of make serve over many edits, each left to settle (no browser)."""
    folder = work / f"mem{n}"
    corpus = make_corpus(folder, n)
    target = pick_target(corpus)
    serve = Serve(folder)
    samples = []
    try:
        serve.wait_for_log(r"preview: up to date", 0)
        samples.append((0, round(rss_mib(serve.process.pid), 1)))
        for number in range(1, edits + 1):
            before = serve.count(r"preview: up to date")
            make_edit(target, "body", number)
            serve.wait_for_log(r"preview: up to date", before)
            samples.append((number, round(rss_mib(serve.process.pid), 1)))
            if number % 10 == 0 or number <= 10:
                print(f"  memory after {number} edits: {samples[-1][1]} MiB", flush=True)
    finally:
        serve.stop()
    return {"n": n, "edits": edits, "rss_mib": samples}


def report(results: list[dict]) -> str:
    lines = [
        "| posts | save → browser shows it, median (min–max) | body / status / title medians "
        "| settled (full build done), median | background full build (cache on), median "
        "| first page after make serve (a clean build) | server RSS start → end |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        shown = [e["shown_s"] for e in r["edits"]]
        by_kind = []
        for kind in ("body", "status", "title"):
            values = [e["shown_s"] for e in r["edits"] if e["kind"].startswith(kind)]
            by_kind.append(f"{statistics.median(values):.2f}" if values else "–")
        settled = statistics.median(e["settled_s"] for e in r["edits"])
        full = r["background_full_build_s"]
        lines.append(
            f"| {r['n']:,} | **{statistics.median(shown):.2f} s** ({min(shown):.2f}–{max(shown):.2f}) "
            f"| {' / '.join(by_kind)} s | {settled:.1f} s "
            f"| {statistics.median(full):.1f} s "
            f"| {r['first_page_s']:.1f} s ({r.get('clean_build_s', float('nan')):.1f} s) "
            f"| {r['rss_start_mib']:.0f} → {r['rss_end_mib']:.0f} MiB |"
        )
    for r in results:
        if "baseline" in r:
            b = r["baseline"]
            lines.append(
                f"\nbefore this change, {r['n']:,} posts: save → browser "
                f"{', '.join(f'{x:.1f}' for x in b['shown_s'])} s; first index page after "
                f"{b['first_index_s']:.0f} s"
            )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="*", default=[1000, 5000])  # none: memory only
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--work", type=Path, default=Path("/tmp/reflective-bench-serve"))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--baseline-rev", default=None)
    parser.add_argument("--memory-edits", type=int, default=0)
    parser.add_argument("--memory-n", type=int, default=200)
    parser.add_argument(
        "--pace", type=int, nargs="*", default=None, help="writer's pace at these N (issue 24)"
    )
    parser.add_argument("--pace-saves", type=int, default=serve_pace.SAVES)
    parser.add_argument("--builds-saves", type=int, default=0, help="settled saves (build times)")
    parser.add_argument("--builds-n", type=int, default=1000)
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    baseline = None
    if args.baseline:
        rev = (
            args.baseline_rev
            or subprocess.run(
                ["git", "merge-base", "HEAD", "main"],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
        baseline = old_serve_script(rev, args.work)
    results, pace = [], []
    load = os.getloadavg()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for n in args.pace or ():
                pace.append(serve_pace.pace_run(n, args.work, browser, args.pace_saves))
            for n in args.n:  # the old server only at the smallest N (it takes minutes a save)
                old = baseline if n == min(args.n) else None
                results.append(bench_n(n, args.work, args.edits, browser, old))
        finally:
            browser.close()
    memory = memory_run(args.memory_n, args.work, args.memory_edits) if args.memory_edits else None
    builds = None
    if args.builds_saves:
        builds = serve_pace.builds_run(args.builds_n, args.work, args.builds_saves)
    print()
    if pace or builds:
        print("writer's pace (issue 24):")
        print(serve_pace.report(pace, builds))
    if results:
        print(report(results))
    if memory:
        print(
            f"\nmemory over {memory['edits']} edits at {memory['n']} posts: "
            + ", ".join(f"{k}: {v} MiB" for k, v in memory["rss_mib"] if k % 10 == 0)
        )
    print(f"\nload average at the start: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (2 cores)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {
                    "results": results,
                    "memory": memory,
                    "load": load,
                    "pace": pace,
                    "builds": builds,
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    for r in results:
        shown = statistics.median(e["shown_s"] for e in r["edits"])
        print(f"save → browser at {r['n']} posts: {shown:.2f} s (median of {len(r['edits'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
