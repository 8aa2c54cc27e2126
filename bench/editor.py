"""`python -m bench.editor [N]`: the editor in the browser at N posts (default 1,000).

Measures what the author waits for, in headless chromium against the real `make serve`
on a generated corpus (bench/serve_support.py), tidied first as `reflective tidy` does
when the editor is turned on: how long /admin/ takes from "Work with Local Repository"
to listing every post, and, for five saves of one post's body in the editor, the time
from the Save click until the preview's page of that post shows the new sentence in a
second window. Figures go in docs/performance.md; nothing here is a pass or fail.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import serve_support as support

SAVES = 5


def _targets(folder: Path) -> list[Path]:
    """SAVES published posts spread over the site (each saved once, as an author would)."""
    posts = sorted((folder / "content" / "posts").glob("*.md"))
    found = []
    for path in posts[len(posts) // 3 :]:
        meta, _ = support.split(path.read_text(encoding="utf-8"))
        if meta.get("status") != "draft" and meta.get("thing"):
            found.append(path)
        if len(found) == SAVES:
            return found
    raise SystemExit("not enough published posts to save")


def main(n: int = 1000) -> None:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="bench-editor-")) / "site"
    support.make_corpus(folder, n)
    tidy = subprocess.run(
        [sys.executable, "-m", "reflective", "tidy"], cwd=folder, capture_output=True, text=True
    )
    print(tidy.stdout.strip().splitlines()[-1])
    targets = _targets(folder)
    posts = len(list((folder / "content" / "posts").glob("*.md")))
    served = support.Serve(folder)
    try:
        served.wait_for_log(r"preview: up to date", 0)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=support.CHROMIUM, args=support.CHROMIUM_ARGS
            )
            context = browser.new_context(
                service_workers="block", viewport={"width": 1280, "height": 900}
            )
            # No page.route here: routing every request through Playwright slows the
            # editor's many file reads; the tests check that nothing leaves the machine.
            page = context.new_page()
            console = []
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}"[:300]))
            page.goto(served.base + "admin/")
            start = time.perf_counter()
            page.get_by_role("button", name="Work with Local Repository").click()
            page.wait_for_url("**/admin/#/collections/posts", timeout=300_000)
            page.get_by_text(f"which has {posts:,} entries").wait_for(timeout=300_000)
            listed = time.perf_counter() - start
            print(f"editor lists {posts} posts: {listed:.2f} s from 'Work with Local Repository'")
            for line in console:  # the editor's own account of where that time went
                if "[Loading site data]" in line:
                    print("  editor:", line.split("] ", 1)[1])
            # The preview in a window of its own, beside the editor's, as an author has
            # them: a second tab of the editor's window would not be drawn while the
            # editor's is, and a page that is not drawn waits a second or more for each
            # click (measured at 100 posts: 2.0 s from Save to the file on disk, 0.12 s in two
            # windows).
            preview = browser.new_context(service_workers="block").new_page()
            times, on_disk = [], []
            for number, target in enumerate(targets, start=1):
                meta, _ = support.split(target.read_text(encoding="utf-8"))
                preview.goto(served.base + support.post_url(folder / "output", meta["title"]))
                page.goto(f"{served.base}admin/#/collections/posts/entries/{target.stem}")
                body = page.get_by_role("textbox", name="Post")
                body.wait_for()
                marker = f"Saved in the editor, number {number}."
                body.fill(body.input_value().rstrip("\n") + f"\n\n{marker}\n")
                page.wait_for_timeout(500)  # the editor takes in what was typed
                start = time.perf_counter()
                page.get_by_role("button", name="Save").click()
                deadline = time.monotonic() + 60
                while marker not in target.read_text(encoding="utf-8"):
                    if time.monotonic() > deadline:
                        page.screenshot(path=str(folder / "bench-editor-failed.png"))
                        print("\n".join(c for c in console[-30:] if "debug" not in c[:6]))
                        print(page.url)
                        raise SystemExit(f"the save never reached {target}: see {folder}")
                    page.wait_for_timeout(5)  # (lets Playwright route the editor's requests)
                on_disk.append(time.perf_counter() - start)
                preview.wait_for_function(
                    f"document.body && document.body.innerText.includes({json.dumps(marker)})",
                    timeout=60_000,
                    polling=20,
                )
                times.append(time.perf_counter() - start)
                page.get_by_text("Entry saved.").first.wait_for()
            print(
                "save → preview (s): "
                + ", ".join(f"{t:.2f}" for t in times)
                + f"; median {statistics.median(times):.2f} (on disk after "
                + f"{statistics.median(on_disk):.2f} s: the editor's own save)"
            )
            browser.close()
    finally:
        served.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.editor", description=__doc__)
    parser.add_argument("n", nargs="?", type=int, default=1000, help="posts (default 1,000)")
    main(parser.parse_args().n)
