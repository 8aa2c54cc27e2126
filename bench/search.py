"""`make bench`, search part: what Pagefind costs on generated sites of N posts.

Owns the search measurement. For each N it generates the corpus (`bench.generate`),
builds it once with the repo's preview settings and search off (so the build's own cost
is not counted), then runs Pagefind on that output `--rounds` times, exactly as the
build does (`reflective.search.core`: same binary, same options, a fresh bundle swapped
in), each run a subprocess measured with `os.wait4`: wall time, CPU time (user +
system; the machine is shared, so CPU is the figure to compare) and peak memory. It
then reports the size of the bundle: all of it, the index proper (what grows with the
site) and its file count, beside the size of the site's HTML, and checks that every
published post is in the index.

    python -m bench.search --n 1000 5000 --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import generate
from bench.run import folder_size, pelican_command, run_measured, write_settings
from reflective.search import core


def measure(n: int, rounds: int, work: Path) -> dict:
    folder = work / f"search-n{n}"
    shutil.rmtree(folder, ignore_errors=True)
    corpus = generate.generate(folder, n)
    settings = write_settings(folder, "A", corpus.today.isoformat(), cache=False)
    output = folder / "out"
    build = subprocess.run(
        pelican_command()
        + [str(folder / "content"), "-o", str(output), "-s", str(settings)]
        + ["-e", "REFLECTIVE_SEARCH=false"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        sys.exit(f"bench.search: the {n}-post build failed:\n{build.stderr[-3000:]}")
    binary = core.find_binary()
    runs = []
    for number in range(rounds):
        bundle = folder / f"bundle-{number}"
        log = folder / f"pagefind-{number}.log"
        wall, cpu, rss, code = run_measured(
            core.command(binary, str(output), str(bundle)), folder, dict(os.environ), log
        )
        if code != 0:
            sys.exit(f"bench.search: Pagefind failed (exit {code}); see {log}")
        counts = core.parse_summary(log.read_text(errors="replace"))
        runs.append({"wall": wall, "cpu": cpu, "rss_kb": rss, **counts})
        if number < rounds - 1:
            shutil.rmtree(bundle)
    sizes = core.bundle_size(str(bundle))
    indexed = len(core.read_fragments(str(bundle)))
    html = sum(p.stat().st_size for p in output.rglob("*.html"))
    return {
        "n": n,
        "posts": corpus.posts - corpus.drafts,  # plus the about page
        "pages_indexed": indexed,
        "words": runs[-1]["words"],
        "wall": statistics.median(r["wall"] for r in runs),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "rss_mb": max(r["rss_kb"] for r in runs) / 1024,
        "bundle_bytes": sizes["total"],
        "index_bytes": sizes["index"],
        "bundle_files": sizes["files"],
        "html_bytes": html,
        "site_bytes": folder_size(output),
        "rounds": rounds,
    }


def table(results: list[dict]) -> str:
    def mb(size: int) -> str:
        return f"{size / 1024 / 1024:.1f} MB"

    rows = [
        ("posts (published)", lambda r: f"{r['posts']:,}"),
        ("pages in the index", lambda r: f"{r['pages_indexed']:,}"),
        ("distinct words indexed", lambda r: f"{r['words']:,}"),
        ("indexing, CPU (median)", lambda r: f"{r['cpu']:.2f} s"),
        ("indexing, wall (median)", lambda r: f"{r['wall']:.2f} s"),
        ("indexing, peak memory", lambda r: f"{r['rss_mb']:.0f} MB"),
        ("index (fragments, words, filters)", lambda r: mb(r["index_bytes"])),
        ("whole bundle (index + UI)", lambda r: mb(r["bundle_bytes"])),
        ("files in the bundle", lambda r: f"{r['bundle_files']:,}"),
        ("the site's HTML, for scale", lambda r: mb(r["html_bytes"])),
    ]
    head = f"{'search (Pagefind)':36}" + "".join(f"{r['n']:>14,}" for r in results)
    lines = [head, "-" * len(head)]
    for label, cell in rows:
        lines.append(f"{label:36}" + "".join(f"{cell(r):>14}" for r in results))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="What Pagefind costs at N posts")
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--work", type=Path, help="where the corpora go (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="reflective-bench-search-"))
    started = time.time()
    print(f"bench.search: Pagefind on generated sites; N = {' '.join(map(str, args.n))}")
    try:
        results = [measure(n, args.rounds, work) for n in args.n]
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    missing = [r["n"] for r in results if r["pages_indexed"] != r["posts"] + 1]
    if missing:
        print(f"bench.search: warning: posts missing from the index at N = {missing}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    print(f"bench.search took {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
