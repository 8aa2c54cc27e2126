"""`make bench`: Reflective's full configuration (A) against plain Pelican (B), side by side.

Owns the measurement. For each N it generates a corpus (`bench.generate`), writes the
settings of both sides next to it, and then, in one process tree:

1. warms up: one build of each side with Pelican's content cache on (this also fills
   the caches for step 3);
2. clean builds, no cache, `--rounds` rounds, the sides interleaved (A B, then B A, so
   neither side always runs first), plus `reflective check` on the same content when
   the CLI exists;
3. the preview loop: edit one post, rebuild each side with the content cache on, for
   `--rounds` rounds.

Each build is a `pelican` subprocess; `os.wait4` gives its own CPU time (user + system)
and peak memory (`ru_maxrss`), and wall time is measured around it. The machine is shared
(2 cores, other jobs running), so wall time includes waiting for a CPU: the ratios and
the overhead are computed on CPU time, which is what a build costs; wall time is shown
too. The time inside the plugin comes from the `bench_timer` plugin (see
bench/plugins/bench_timer), also in CPU seconds. It prints medians and the medians of
the per-round ratios A/B, the sizes of the plugin's outputs, the growth between the
sizes of site measured, optionally a profile of the plugin's part (`--profile`), and
last, exactly: `plugin overhead at N posts: X.X %` for the largest N.

Side A: the repo's pelicanconf.py (preview settings: lenient, drafts and private actions
shown), PLUGINS = ["reflective"], THEME = the repo's theme/. Side B: the same settings
and theme, PLUGINS = ["reflective_reader_only"] (bench/plugins): the same reader, so
front matter is parsed and validated and Markdown converted identically, and empty
templates at the theme's two include points. Both sides also load `bench_timer`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import generate
from bench.plugins.bench_timer import PLUGIN_KEYS

REPO = Path(__file__).resolve().parent.parent
BENCH_PLUGINS = REPO / "bench" / "plugins"
SIDES = {"A": ("bench_timer", "reflective"), "B": ("bench_timer", "reflective_reader_only")}

SETTINGS = '''"""Bench settings, side {side}: written by bench/run.py; do not edit."""

_repo_settings = {{}}
with open({conf!r}, encoding="utf-8") as _handle:
    exec(compile(_handle.read(), {conf!r}, "exec"), _repo_settings)
globals().update({{k: v for k, v in _repo_settings.items() if k.isupper()}})

PATH = {content!r}
THEME = {theme!r}
PLUGIN_PATHS = [{bench_plugins!r}, {plugins!r}]
PLUGINS = {plugin_list!r}
REFLECTIVE_TODAY = {today!r}
CACHE_CONTENT = {cache!r}
LOAD_CONTENT_CACHE = {cache!r}
CACHE_PATH = {cache_path!r}
DELETE_OUTPUT_DIRECTORY = False
REFLECTIVE_COHORT = None  # the sample's cohort is measured on its own (bench/cohort.py)
REFLECTIVE_SEARCH = False  # Pagefind is measured on its own: bench/search.py
'''


@dataclass
class Build:
    wall: float
    cpu: float  # user + system seconds of the build process
    rss_kb: int
    timings: dict
    returncode: int


@dataclass
class Result:
    n: int
    corpus: dict
    clean: dict = field(default_factory=lambda: {"A": [], "B": []})
    rebuild: dict = field(default_factory=lambda: {"A": [], "B": []})
    check: list = field(default_factory=list)
    check_note: str = ""
    sizes: dict = field(default_factory=dict)
    problems: int | None = None


def write_settings(folder: Path, side: str, today: str, cache: bool) -> Path:
    name = ("pelicanconf" if side == "A" else "baseline") + ("_cached" if cache else "")
    path = folder / f"{name}.py"
    path.write_text(
        SETTINGS.format(
            side=side,
            conf=str(REPO / "pelicanconf.py"),
            content=str(folder / "content"),
            theme=str(REPO / "theme"),
            bench_plugins=str(BENCH_PLUGINS),
            plugins=str(REPO / "plugins"),
            plugin_list=list(SIDES[side]),
            today=today,
            cache=cache,
            cache_path=str(folder / f"cache-{side}"),
        ),
        encoding="utf-8",
    )
    return path


def pelican_command() -> list[str]:
    local = Path(sys.executable).parent / "pelican"
    return [str(local)] if local.exists() else [sys.executable, "-m", "pelican"]


def run_measured(
    command: list[str], cwd: Path, env: dict, log: Path
) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, peak RSS in KiB and exit code of one subprocess."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=out)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode


def build(folder: Path, side: str, settings: Path, output: Path, tag: str) -> Build:
    timings_file = folder / f"timings-{tag}.json"
    timings_file.unlink(missing_ok=True)
    env = dict(os.environ, BENCH_TIMINGS=str(timings_file), BENCH_SIDE=side, PYTHONHASHSEED="0")
    command = pelican_command() + [str(folder / "content"), "-o", str(output), "-s", str(settings)]
    log = folder / f"log-{tag}.txt"
    wall, cpu, rss, code = run_measured(command, folder, env, log)
    if code != 0:
        sys.exit(
            f"bench: the {side} build failed (exit {code}); see {log}:\n"
            + log.read_text(errors="replace")[-3000:]
        )
    timings = json.loads(timings_file.read_text()) if timings_file.exists() else {}
    return Build(wall, cpu, rss, timings, code)


def check_command(folder: Path) -> list[str] | None:
    """`reflective check` when the CLI exists (BENCH_CHECK overrides the command)."""
    override = os.environ.get("BENCH_CHECK")
    if override:
        return shlex.split(
            override.format(
                folder=folder, content=folder / "content", settings=folder / "pelicanconf.py"
            )
        )
    if importlib.util.find_spec("reflective.cli") is None:
        return None
    script = Path(sys.executable).parent / "reflective"
    base = [str(script)] if script.exists() else [sys.executable, "-m", "reflective.cli"]
    return base + ["check"]


def edit(post: Path, round_number: int) -> None:
    """Change one post's body, as an author does between two previews."""
    with open(post, "a", encoding="utf-8") as handle:
        handle.write(f"\nEdited for the rebuild measurement, round {round_number}.\n")


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def measure(n: int, rounds: int, work: Path, log=print) -> Result:
    folder = work / f"n{n}"
    shutil.rmtree(folder, ignore_errors=True)
    corpus = generate.generate(folder, n)
    today = corpus.today.isoformat()
    result = Result(
        n,
        {
            "posts": corpus.posts,
            "drafts": corpus.drafts,
            "actions": corpus.actions,
            "private": corpus.private,
            "habits": corpus.habits,
            "updates": corpus.updates,
            "statuses": corpus.statuses,
            "comments": corpus.comments,
            "today": today,
        },
    )
    log(
        f"\n== {n} posts: {corpus.actions} actions ({corpus.private} private, "
        f"{corpus.habits} habits), {corpus.updates} updates, {corpus.drafts} drafts, "
        f"{corpus.comments} comments; "
        f"today {today}"
    )
    clean = {side: write_settings(folder, side, today, cache=False) for side in SIDES}
    cached = {side: write_settings(folder, side, today, cache=True) for side in SIDES}
    for side in SIDES:  # warm-up, and the content caches for the rebuilds
        b = build(folder, side, cached[side], folder / f"out-{side}-cached", f"warm-{side}")
        log(f"   warm-up {side} (cache filled): {b.cpu:.2f} s CPU")
    checker = check_command(folder)
    if checker is None:
        result.check_note = "skipped (CLI not present)"
    for r in range(rounds):
        for side in ("A", "B") if r % 2 == 0 else ("B", "A"):
            out = folder / f"out-{side}"
            shutil.rmtree(out, ignore_errors=True)
            b = build(folder, side, clean[side], out, f"clean-{side}-{r}")
            result.clean[side].append(b)
            log(
                f"   round {r + 1} clean {side}: {b.cpu:.2f} s CPU, {b.wall:.2f} s wall, "
                f"{b.rss_kb / 1024:.0f} MiB"
                + (f", plugin {plugin_seconds(b):.3f} s" if side == "A" else "")
            )
        if checker is not None:
            # The CLI keeps a cache of read posts: one per corpus, cold in round 1.
            env = dict(os.environ, PYTHONHASHSEED="0", XDG_CACHE_HOME=str(folder / "xdg-cache"))
            _wall, cpu, _rss, code = run_measured(
                checker, folder, env, folder / f"log-check-{r}.txt"
            )
            result.check.append((cpu, code))
            log(f"   round {r + 1} reflective check: {cpu:.2f} s CPU (exit {code})")
    for r in range(rounds):
        edit(corpus.edit_target, r)
        for side in ("A", "B") if r % 2 == 0 else ("B", "A"):
            b = build(
                folder, side, cached[side], folder / f"out-{side}-cached", f"rebuild-{side}-{r}"
            )
            result.rebuild[side].append(b)
            log(
                f"   round {r + 1} rebuild {side} (one post edited, cache on): "
                f"{b.cpu:.2f} s CPU, {b.wall:.2f} s wall"
            )
    result.problems = result.clean["A"][-1].timings.get("facts", {}).get("problems")
    out_a, out_b = folder / "out-A", folder / "out-B"
    things = sorted((out_a / "things").glob("*/index.html"), key=lambda p: p.stat().st_size)
    groups = [p for p in (out_a / "progress").rglob("index.html") if p.parent != out_a / "progress"]
    result.sizes = {
        "progress_html": _size(out_a / "progress" / "index.html"),
        "group_pages": len(groups),
        "group_pages_total": sum(p.stat().st_size for p in groups),
        "largest_group_page": max((p.stat().st_size for p in groups), default=0),
        "progress_json": _size(out_a / "progress.json"),
        "actions_ics": _size(out_a / "actions.ics"),
        "largest_thing_html": things[-1].stat().st_size if things else 0,
        "largest_thing": things[-1].parent.name if things else None,
        "output_A": folder_size(out_a),
        "output_B": folder_size(out_b),
    }
    return result


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def plugin_seconds(b: Build) -> float:
    seconds = b.timings.get("seconds", {})
    return sum(seconds.get(key, 0.0) for key in PLUGIN_KEYS)


def median(values) -> float:
    return statistics.median(values)


def paired(result: Result, kind: str, value) -> float:
    pairs = zip(getattr(result, kind)["A"], getattr(result, kind)["B"], strict=True)
    return median(value(a) / value(b) for a, b in pairs)


def summary(result: Result) -> dict:
    A, B = result.clean["A"], result.clean["B"]
    seconds = lambda b, key: b.timings.get("seconds", {}).get(key, 0.0)  # noqa: E731
    out = {
        "n": result.n,
        "corpus": result.corpus,
        "cpu_A": median(b.cpu for b in A),
        "cpu_B": median(b.cpu for b in B),
        "cpu_ratio": paired(result, "clean", lambda b: b.cpu),
        "wall_A": median(b.wall for b in A),
        "wall_B": median(b.wall for b in B),
        "wall_ratio": paired(result, "clean", lambda b: b.wall),
        "rss_A_mib": median(b.rss_kb for b in A) / 1024,
        "rss_B_mib": median(b.rss_kb for b in B) / 1024,
        "rss_ratio": paired(result, "clean", lambda b: b.rss_kb),
        "plugin_s": median(plugin_seconds(b) for b in A),
        "plugin_share": median(plugin_seconds(b) / b.cpu for b in A),
        "plugin_parts": {
            key: median(seconds(b, key) for b in A)
            for key in PLUGIN_KEYS + ("json", "ics", "comments_model")
        },
        "gc_in_plugin": median(seconds(b, "gc_in_plugin") for b in A),
        "gc_A": median(sum(seconds(b, f"gc_gen{g}") for g in range(3)) for b in A),
        "gc_B": median(sum(seconds(b, f"gc_gen{g}") for g in range(3)) for b in B),
        "reader_frontmatter_A": median(seconds(b, "reader_frontmatter") for b in A),
        "reader_frontmatter_B": median(seconds(b, "reader_frontmatter") for b in B),
        "reader_markdown_B": median(seconds(b, "reader_markdown") for b in B),
        "reader_total_B": median(seconds(b, "reader_total") for b in B),
        "rebuild_A": median(b.cpu for b in result.rebuild["A"]),
        "rebuild_B": median(b.cpu for b in result.rebuild["B"]),
        "rebuild_ratio": paired(result, "rebuild", lambda b: b.cpu),
        "rebuild_plugin_s": median(plugin_seconds(b) for b in result.rebuild["A"]),
        "check_s": median(c for c, _ in result.check) if result.check else None,
        "check_cold_s": result.check[0][0] if result.check else None,
        "check_exit": [code for _, code in result.check],
        "check_vs_B": (
            median(c / b.cpu for (c, _), b in zip(result.check, B, strict=True))
            if result.check
            else None
        ),
        "check_note": result.check_note,
        "sizes": result.sizes,
        "problems": result.problems,
    }
    out["overhead"] = out["cpu_ratio"] - 1
    return out


def kib(size: int) -> str:
    return f"{size / 1024:,.0f} KiB" if size < 10 * 1024 * 1024 else f"{size / 1048576:.1f} MiB"


def table(summaries: list[dict], rounds: int) -> str:
    ns = [s["n"] for s in summaries]
    head = "| | " + " | ".join(f"{n:,} posts" for n in ns) + " |"
    rule = "|---|" + "---|" * len(ns)

    def row(label, cell):
        return f"| {label} | " + " | ".join(cell(s) for s in summaries) + " |"

    rows = [
        head,
        rule,
        row(
            "actions / updates in the corpus",
            lambda s: f"{s['corpus']['actions']:,} / {s['corpus']['updates']:,}",
        ),
        row(
            "comments in the corpus (B does not read them)",
            lambda s: f"{s['corpus'].get('comments', 0):,}",
        ),
        row("clean build, plain Pelican (B): CPU, median", lambda s: f"{s['cpu_B']:.2f} s"),
        row("clean build, Reflective (A): CPU, median", lambda s: f"{s['cpu_A']:.2f} s"),
        row(
            "**plugin overhead** (CPU, median of A/B − 1)",
            lambda s: f"**{100 * s['overhead']:+.1f} %**",
        ),
        row(
            "wall time B / A, median (shared machine)",
            lambda s: f"{s['wall_B']:.2f} / {s['wall_A']:.2f} s",
        ),
        row(
            "wall-time overhead (median of A/B − 1)",
            lambda s: f"{100 * (s['wall_ratio'] - 1):+.1f} %",
        ),
        row("time inside the plugin (timer, CPU), median", lambda s: f"{s['plugin_s']:.3f} s"),
        row("… share of A's build (CPU)", lambda s: f"{100 * s['plugin_share']:.2f} %"),
        row(
            "… importing its modules (icalendar, ...)",
            lambda s: f"{s['plugin_parts']['imports']:.3f} s",
        ),
        row("… model (`build_site`)", lambda s: f"{s['plugin_parts']['model']:.3f} s"),
        row(
            "… outputs (progress, Things, JSON, ICS)",
            lambda s: f"{s['plugin_parts']['outputs']:.3f} s",
        ),
        row(
            "… … of which progress.json / actions.ics",
            lambda s: f"{s['plugin_parts']['json']:.3f} / {s['plugin_parts']['ics']:.3f} s",
        ),
        row(
            "… article include templates",
            lambda s: f"{s['plugin_parts']['article_includes']:.3f} s",
        ),
        row(
            "… comments: checks+threads (in model) / questions+feed / post template",
            lambda s: (
                f"{s['plugin_parts']['comments_model']:.3f} / "
                f"{s['plugin_parts']['comments_outputs']:.3f} / "
                f"{s['plugin_parts']['comments_includes']:.3f} s"
            ),
        ),
        row(
            "… of which Python's garbage collector",
            lambda s: f"{s['gc_in_plugin']:.3f} s",
        ),
        row(
            "garbage collector, whole build: B / A",
            lambda s: f"{s['gc_B']:.2f} / {s['gc_A']:.2f} s",
        ),
        row(
            "reader: front matter + validation (A and B)",
            lambda s: (
                f"{s['reader_frontmatter_B']:.3f} s "
                f"({100 * s['reader_frontmatter_B'] / s['cpu_B']:.1f} %)"
            ),
        ),
        row(
            "reader: Markdown of bodies (A and B)",
            lambda s: (
                f"{s['reader_markdown_B']:.2f} s "
                f"({100 * s['reader_markdown_B'] / s['cpu_B']:.0f} %)"
            ),
        ),
        row("peak RSS B / A, median", lambda s: f"{s['rss_B_mib']:.0f} / {s['rss_A_mib']:.0f} MiB"),
        row("peak RSS ratio A/B", lambda s: f"{s['rss_ratio']:.3f}"),
        row(
            "rebuild, one post edited, cache on: CPU B / A",
            lambda s: f"{s['rebuild_B']:.2f} / {s['rebuild_A']:.2f} s",
        ),
        row("rebuild ratio A/B", lambda s: f"{s['rebuild_ratio']:.3f}"),
        row(
            "`reflective check`: CPU, median (round 1, cold cache)",
            lambda s: (
                f"{s['check_s']:.2f} s, {100 * s['check_vs_B']:.0f} % of B "
                f"({s['check_cold_s']:.2f} s)"
                if s["check_s"] is not None
                else s["check_note"]
            ),
        ),
        row("progress/index.html", lambda s: kib(s["sizes"]["progress_html"])),
        row(
            "progress group pages: count, total, largest",
            lambda s: (
                f"{s['sizes']['group_pages']}, {kib(s['sizes']['group_pages_total'])}, "
                f"{kib(s['sizes']['largest_group_page'])}"
            ),
        ),
        row("progress.json", lambda s: kib(s["sizes"]["progress_json"])),
        row("actions.ics", lambda s: kib(s["sizes"]["actions_ics"])),
        row("largest things/N/index.html", lambda s: kib(s["sizes"]["largest_thing_html"])),
        row(
            "whole output B / A",
            lambda s: f"{kib(s['sizes']['output_B'])} / {kib(s['sizes']['output_A'])}",
        ),
    ]
    return (
        "\n".join(rows) + f"\n\n({rounds} rounds; medians; ratios are medians of per-round pairs.)"
    )


def growth(summaries: list[dict]) -> list[str]:
    lines = []
    ordered = sorted(summaries, key=lambda s: s["n"])
    for low, high in zip(ordered, ordered[1:], strict=False):
        factor = high["n"] / low["n"]
        lines.append(
            f"growth {low['n']:,} → {high['n']:,} posts (×{factor:g}): "
            f"CPU A ×{high['cpu_A'] / low['cpu_A']:.2f}, B ×{high['cpu_B'] / low['cpu_B']:.2f}, "
            f"plugin ×{high['plugin_s'] / low['plugin_s']:.2f} "
            f"(model ×{high['plugin_parts']['model'] / low['plugin_parts']['model']:.2f}, "
            f"outputs ×{high['plugin_parts']['outputs'] / low['plugin_parts']['outputs']:.2f}, "
            f"includes ×{high['plugin_parts']['article_includes'] / low['plugin_parts']['article_includes']:.2f}); "
            f"target ≤ ×{factor * 1.04:.2f}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Reflective against plain Pelican")
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, help="where the corpora go (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the corpora and outputs")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument(
        "--profile", action="store_true", help="profile one A build at the largest N (cProfile)"
    )
    args = parser.parse_args(argv)
    if args.rounds < 3:
        print("bench: fewer than 3 rounds give no useful median", file=sys.stderr)
    work = args.work or Path(tempfile.mkdtemp(prefix="reflective-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.time()
    print(
        f"bench: Pelican with Reflective (A) against plain Pelican (B); N = "
        f"{' '.join(map(str, args.n))}; {args.rounds} rounds; work folder {work}"
    )
    summaries = []
    try:
        for n in args.n:
            summaries.append(summary(measure(n, args.rounds, work)))
            if summaries[-1]["problems"]:
                print(
                    f"bench: warning: the {n}-post corpus has {summaries[-1]['problems']} "
                    "content problems; the generator should make none"
                )
        print()
        print(table(summaries, args.rounds))
        for line in growth(summaries):
            print(line)
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(summaries, indent=1, default=str) + "\n")
        if args.profile:
            from bench import profile

            largest = max(args.n)
            folder = work / f"n{largest}"
            print(
                f"\nprofile of one A build at {largest:,} posts (cProfile; "
                "in-process, so slower than above):"
            )
            print(profile.report(folder / "pelicanconf.py", folder / "out-profile"))
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nbench took {time.time() - started:.0f} s")
    last = max(summaries, key=lambda s: s["n"])
    print(f"plugin overhead at {last['n']} posts: {100 * last['overhead']:.1f} %")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
