"""`make bench-import`: `reflective import` of large generated WordPress exports, measured.

Owns generating a WXR export of about `--mb` megabytes (posts with paragraphs, a closing
task list, tags, comments and replies; words from a small vocabulary, never real text),
and running the real command on it in a subprocess, once per size, with `os.wait4`
giving the import's own CPU time and peak memory (`ru_maxrss`). Memory that stays
about the same from the smallest export to the largest is what "read as a stream"
means; the last line is exactly `import peak RSS at N MB: X MB`.

    python -m bench.importer --mb 10 100
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "library reading network profile catalogue shelf mentor chartership portfolio journal "
    "committee training session evidence reflection learning practice colleague workshop "
    "conference blog feed reader notes calendar meeting project archive record user service"
).split()
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench blog</title><link>https://bench.example.com</link>
<wp:author><wp:author_login>bench</wp:author_login><wp:author_display_name>Bench</wp:author_display_name></wp:author>
"""


def _sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _item(rng: random.Random, index: int) -> str:
    paragraphs = "\n\n".join(
        " ".join(_sentence(rng) for _ in range(5)) for _ in range(rng.randint(4, 9))
    )
    tasks = "".join(f"<li>{_sentence(rng, 8)}</li>" for _ in range(3))
    body = f"{paragraphs}\n\n<h3>Action points</h3>\n<ul>{tasks}</ul>"
    comments = []
    for c in range(rng.randint(2, 8)):
        cid = index * 100 + c
        parent = index * 100 + rng.randrange(c) if c and rng.random() < 0.33 else 0
        comments.append(
            f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author>Reader {c}"
            f"</wp:comment_author><wp:comment_author_email>r{c}@example.net</wp:comment_author_email>"
            f"<wp:comment_date>2011-07-19 10:00:00</wp:comment_date><wp:comment_content><![CDATA["
            f"{_sentence(rng, 30)}\n\n{_sentence(rng, 20)}]]></wp:comment_content>"
            f"<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>{parent}</wp:comment_parent>"
            "</wp:comment>"
        )
    day = 1 + index % 28
    thing = 1 + index % 23
    return (
        f"<item><title>Thing {thing}: post {index}</title>"
        f"<link>https://bench.example.com/2011/07/{day:02d}/post-{index}/</link>"
        f"<dc:creator>bench</dc:creator><content:encoded><![CDATA[{body}]]></content:encoded>"
        f"<wp:post_id>{index}</wp:post_id><wp:post_date>2011-07-{day:02d} 10:00:00</wp:post_date>"
        f"<wp:post_name>post-{index}</wp:post_name><wp:status>publish</wp:status>"
        f"<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password>"
        f'<category domain="post_tag" nicename="t"><![CDATA[{rng.choice(WORDS)}]]></category>'
        f"{''.join(comments)}</item>\n"
    )


def generate(path: Path, megabytes: float, seed: int = 14) -> int:
    """Write an export of about `megabytes` MB; the number of posts in it."""
    rng = random.Random(seed)
    limit = int(megabytes * 1024 * 1024)
    count = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEAD)
        size = len(HEAD)
        while size < limit:
            count += 1
            text = _item(rng, count)
            out.write(text)
            size += len(text.encode("utf-8"))
        out.write("</channel></rss>\n")
    return count


def measure(export: Path, site: Path) -> dict:
    command = [str(Path(sys.executable).parent / "reflective"), "import", "wordpress", str(export)]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    error = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the import failed: {error}")
    return {
        "cpu": usage.ru_utime + usage.ru_stime,
        "wall": wall,
        "rss_mb": usage.ru_maxrss / 1024,
        "files": sum(1 for _ in (site / "content").rglob("*.md")),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[10, 100])
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="reflective-bench-import-"))
    last = None
    try:
        for megabytes in args.mb:
            export = work / f"export-{megabytes:g}mb.xml"
            posts = generate(export, megabytes)
            site = work / f"site-{megabytes:g}"
            (site / "content").mkdir(parents=True)
            shutil.copy(ROOT / "pelicanconf.py", site / "pelicanconf.py")
            size = export.stat().st_size / 1024 / 1024
            result = measure(export, site)
            print(
                f"{size:7.1f} MB export, {posts} posts: {result['files']} files written, "
                f"CPU {result['cpu']:.1f} s, wall {result['wall']:.1f} s, "
                f"peak RSS {result['rss_mb']:.0f} MB",
                flush=True,
            )
            last = (size, result["rss_mb"])
            export.unlink()
            if not args.keep:
                shutil.rmtree(site)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if last:
        print(f"import peak RSS at {last[0]:.0f} MB: {last[1]:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
