"""`make bench`, the portfolio part: `reflective portfolio` on a generated N-post site.

Owns the measurement of the portfolio (issue 16): a corpus from `bench.generate` with
CPD fields added to every post (hours, an activity, two DigComp codes; one post in ten
marked `portfolio: true`, so about N/10 posts are printed in full beside the CPD log,
the action log of every action and the evidence matrix), then, each in its own
subprocess measured with `os.wait4` (CPU seconds, peak memory) and a wall clock: the
site's build with Reflective for reference, the PDF, and the same document as HTML.
The machine is shared, so wall time includes waiting for a CPU; CPU time is the cost.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import generate
from bench.run import pelican_command, run_measured, write_settings

ACTIVITIES = ("reading", "course", "event", "writing", "project", "networking", "other")
CODES = ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2")
CODES += ("3.3", "3.4", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3")  # 5.4: one gap

# Appended to bench.run's settings of side A (the repo's pelicanconf.py and theme).
EXTRA_SETTINGS = """
# bench/portfolio.py
REFLECTIVE_FRAMEWORK = "digcomp"
REFLECTIVE_SHOW_PRIVATE = False
"""


def add_cpd_fields(posts_dir: Path) -> int:
    """CPD fields on every post, the same for the same corpus; returns how many marked."""
    marked = 0
    for index, path in enumerate(sorted(posts_dir.glob("*.md"))):
        text = path.read_text(encoding="utf-8")
        codes = [CODES[index % len(CODES)], CODES[(index * 7 + 3) % len(CODES)]]
        lines = [
            f"hours: {(index % 8 + 1) / 2}",
            f"activity: {ACTIVITIES[index % len(ACTIVITIES)]}",
            f"competencies: {sorted(set(codes))!r}".replace("'", '"'),
        ]
        if index % 10 == 0:
            lines.append("portfolio: true")
            marked += 1
        path.write_text("---\n" + "\n".join(lines) + "\n" + text[4:], encoding="utf-8")
    return marked


def measure(n: int, work: Path, log=print) -> dict:
    folder = work / f"portfolio-n{n}"
    corpus = generate.generate(folder, n)
    marked = add_cpd_fields(folder / "content" / "posts")
    settings = write_settings(folder, "A", corpus.today.isoformat(), cache=False)
    with open(settings, "a", encoding="utf-8") as handle:
        handle.write(EXTRA_SETTINGS)
    env = dict(os.environ, PYTHONHASHSEED="0")
    reflective = str(Path(sys.executable).parent / "reflective")
    runs = {
        "site build": pelican_command()
        + [str(folder / "content"), "-o", str(folder / "output"), "-s", str(settings)],
        "portfolio PDF": [reflective, "portfolio", "-s", str(settings), "-o", "portfolio.pdf"],
        "portfolio HTML": [reflective, "portfolio", "-s", str(settings), "-o", "portfolio.html"],
    }
    results = {"n": n, "marked": marked, "actions": corpus.actions}
    for name, command in runs.items():
        wall, cpu, rss, code = run_measured(command, folder, env, folder / f"log-{name}.txt")
        if code != 0:
            text = (folder / f"log-{name}.txt").read_text(errors="replace")[-3000:]
            sys.exit(f"bench: {name} failed (exit {code}):\n{text}")
        results[name] = {"wall": wall, "cpu": cpu, "rss_kb": rss}
        log(f"  {name:15} {wall:7.1f} s wall {cpu:7.1f} s CPU {rss / 1024:7.0f} MiB peak")
    pdf = folder / "portfolio.pdf"
    results["pdf_bytes"] = pdf.stat().st_size
    results["html_bytes"] = (folder / "portfolio.html").stat().st_size
    try:
        from pypdf import PdfReader

        results["pages"] = len(PdfReader(str(pdf)).pages)
    except ImportError:  # pypdf comes with the test toolchain
        results["pages"] = None
    return results


def main(argv: list[str] | None = None) -> int:
    started = time.time()
    parser = argparse.ArgumentParser(description="reflective portfolio on a generated site")
    parser.add_argument("--n", type=int, default=1000, help="posts in the site (default 1000)")
    parser.add_argument("--work", type=Path, help="where the corpus goes (default: a temp dir)")
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="reflective-bench-portfolio-"))
    print(f"bench: reflective portfolio on a generated {args.n:,}-post site (work folder {work})")
    try:
        r = measure(args.n, work)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    pdf, site = r["portfolio PDF"], r["site build"]
    print(
        f"portfolio of {args.n:,} posts: {r['pages']} pages ({r['marked']} posts in full, "
        f"{r['actions']:,} actions), {r['pdf_bytes'] / 1048576:.1f} MiB PDF, "
        f"{r['html_bytes'] / 1048576:.1f} MiB HTML; PDF {pdf['cpu']:.1f} s CPU "
        f"({pdf['cpu'] / site['cpu']:.1f}x the site's build), "
        f"{pdf['rss_kb'] / 1024:.0f} MiB peak; bench took {time.time() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
