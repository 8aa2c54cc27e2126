"""`make bench-serve`'s writer's pace: saves every few seconds, as a person writes.

Owns the two runs issue 24 asked for:

- `pace_run(n)`: the real `make serve` on an n-post site, chromium open on a post (and a
  second tab on the home page, for new posts); `SAVES` saves at seeded random gaps of
  2-6 s, each gap counted from the previous save (the writer does not wait for the
  browser; a save that is not shown when the next one is due is waited for first, so
  each save's time is its own), of five kinds in a seeded order: a sentence added to the
  post's body, its title, an action's status, a new post (shown on the home page), a
  comment file on the post. Each is timed from just before the file is written to the
  moment the browser shows it. Reports median, p90, max overall and per kind; the full
  builds the server finished meanwhile, and its memory (server and build processes).
- `builds_run(n, saves)`: `saves` body saves, each left to settle (the full build done),
  no browser: the background build's time and the memory over the run (first ten
  against last ten).

The load average of the machine is recorded at the start and end of each run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import statistics
import time
from pathlib import Path

from bench.serve_support import Serve, make_corpus, make_edit, pick_target, post_url, rss_mib, split

SEED = "reflective-pace-1"
SAVES = 30
KIND_MIX = {"body": 18, "title": 3, "status": 3, "new post": 3, "comment": 3}


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.9 * len(ordered) + 0.5) - 1)]


def kinds(saves: int, rng: random.Random) -> list[str]:
    mix = [kind for kind, count in KIND_MIX.items() for _ in range(count)]
    rng.shuffle(mix)
    return (mix * (saves // len(mix) + 1))[:saves]


def newest_day(content: Path) -> str:
    """The day after the newest post (files are named by date): a new post dated then
    is first on the home page."""
    newest = max(path.name[:10] for path in (content / "posts").glob("*.md"))
    return (dt.date.fromisoformat(newest) + dt.timedelta(days=1)).isoformat()


def new_post(content: Path, number: int, day: str) -> tuple[Path, str]:
    title = f"A new post written at pace {number}"
    path = content / "posts" / f"{day}-pace-new-{number}.md"
    path.write_text(
        f"---\ntitle: {title}\ndate: {day} 12:{number % 60:02d}\ncategory: cpd23\n"
        f"thing: 5\n---\nThe first paragraph of a new post, number {number}.\n",
        encoding="utf-8",
    )
    return path, title


def comment(content: Path, slug: str, number: int, today: str) -> str:
    marker = f"A comment saved at pace, number {number}."
    folder = content / "comments" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"pace-{number}.md").write_text(
        f'---\nid: pace-{number}\nauthor: "A reader at pace"\ndate: {today} 12:00\n---\n{marker}\n',
        encoding="utf-8",
    )
    return marker


def _loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def pace_run(n: int, work: Path, browser, saves: int = SAVES) -> dict:
    folder = work / f"pace{n}"
    print(f"writer's pace, n={n}: generating the corpus", flush=True)
    corpus = make_corpus(folder, n)
    target = pick_target(corpus)
    today = corpus.today.isoformat()
    newest = newest_day(folder / "content")
    rng = random.Random(f"{SEED}-{n}")
    order = kinds(saves, rng)
    gaps = [rng.uniform(2.0, 6.0) for _ in order]
    serve = Serve(folder)
    post_page, home = browser.new_page(), browser.new_page()
    rows = []
    try:
        serve.wait_for_log(r"preview: up to date", 0)
        output = folder / "output"
        title = split(target.read_text(encoding="utf-8"))[0]["title"]
        post_page.goto(serve.base + post_url(output, title))
        home.goto(serve.base)
        for page in (post_page, home):
            page.wait_for_function("() => window.LiveReload !== undefined", timeout=60_000)
        post_page.wait_for_timeout(1000)
        result = {
            "n": n,
            "load_start": _loadavg(),
            "rss_start_mib": round(rss_mib(serve.process.pid), 1),
        }
        builds_before = len(_rebuilt(serve.log()))
        due = time.perf_counter()
        for number, (kind, gap) in enumerate(zip(order, gaps, strict=True), start=1):
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            page = post_page
            if kind in ("body", "title", "status"):
                for status in ("todo", "doing", "done"):
                    page.evaluate(
                        f"window.__before_{status} = document.querySelectorAll("
                        f"'article li.s-{status}, main li.s-{status}').length"
                    )
            start = time.perf_counter()
            if kind == "new post":
                _path, new_title = new_post(folder / "content", number, newest)
                page, condition = home, f"document.body.innerText.includes({json.dumps(new_title)})"
            elif kind == "comment":
                slug = post_page.url.rstrip("/").rsplit("/", 1)[-1]  # a title moves the post
                marker = comment(folder / "content", slug, number, today)
                condition = f"document.body.innerText.includes({json.dumps(marker)})"
            else:
                condition, _what = make_edit(target, kind, 100 + number)
            due = start + gap
            # (during a reload the page may have no body yet: not shown)
            page.wait_for_function(
                f"() => {{ try {{ return {condition}; }} catch (e) {{ return false; }} }}",
                timeout=300_000,
                polling=10,
            )
            shown = time.perf_counter() - start
            rows.append(
                {"save": number, "kind": kind, "shown_s": round(shown, 3), "gap_s": round(gap, 2)}
            )
            print(f"  save {number:2d} ({kind}): shown after {shown:.2f} s", flush=True)
        result["saves"] = rows
        result["builds_finished_during"] = _rebuilt(serve.log())[builds_before:]
        result["rss_end_mib"] = round(rss_mib(serve.process.pid), 1)
        result["load_end"] = _loadavg()
    finally:
        post_page.close()
        home.close()
        serve.stop()
    return result


def builds_run(n: int, work: Path, saves: int) -> dict:
    """Body saves, each left to settle: the full build's time and memory over the run."""
    folder = work / f"builds{n}"
    corpus = make_corpus(folder, n)
    target = pick_target(corpus)
    serve = Serve(folder)
    rss = []
    result = {"n": n, "saves": saves, "load_start": _loadavg()}
    try:
        serve.wait_for_log(r"preview: up to date", 0)
        first = len(_rebuilt(serve.log()))
        rss.append(round(rss_mib(serve.process.pid), 1))
        for number in range(1, saves + 1):
            before = serve.count(r"preview: up to date")
            make_edit(target, "body", 1000 + number)
            serve.wait_for_log(r"preview: up to date", before)
            rss.append(round(rss_mib(serve.process.pid), 1))
            if number % 10 == 0:
                print(f"  {number} saves: server and build process {rss[-1]} MiB", flush=True)
        result["build_s"] = _rebuilt(serve.log())[first:]
        result["rss_mib"] = rss
        result["load_end"] = _loadavg()
    finally:
        serve.stop()
    return result


def _rebuilt(log: str) -> list[float]:
    return [float(x) for x in re.findall(r"site rebuilt in\s+([\d.]+) s", log)]


def report(pace: list[dict], builds: dict | None) -> str:
    lines = [
        "| posts | saves | save → browser: median / p90 / max | body | title | status "
        "| new post | comment | load (start → end) | RSS start → end |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in pace:
        shown = [s["shown_s"] for s in r["saves"]]
        cells = []
        for kind in KIND_MIX:
            values = [s["shown_s"] for s in r["saves"] if s["kind"] == kind]
            cells.append(
                f"{statistics.median(values):.2f} / {p90(values):.2f} / {max(values):.2f}"
                if values
                else "–"
            )
        lines.append(
            f"| {r['n']:,} | {len(shown)} | **{statistics.median(shown):.2f} / {p90(shown):.2f} / "
            f"{max(shown):.2f} s** | {' | '.join(cells)} | {r['load_start'][0]:.1f} → "
            f"{r['load_end'][0]:.1f} | {r['rss_start_mib']:.0f} → {r['rss_end_mib']:.0f} MiB |"
        )
    if builds:
        times = builds["build_s"]
        first, last = times[:10], times[-10:]
        lines.append(
            f"\nbackground full build over {builds['saves']} saves at {builds['n']:,} posts: "
            f"first ten median {statistics.median(first):.2f} s (min {min(first):.2f}), last ten "
            f"median {statistics.median(last):.2f} s (min {min(last):.2f}); RSS (server + build "
            f"process) {builds['rss_mib'][0]} → {builds['rss_mib'][10]} (save 10) → "
            f"{builds['rss_mib'][-1]} MiB; load {builds['load_start'][0]:.1f} → "
            f"{builds['load_end'][0]:.1f}"
        )
    return "\n".join(lines)
