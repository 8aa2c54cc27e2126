"""Helpers for the importer tests: a fresh site, the real command, a strict publish, and
WordPress exports written at test time: one post of a chosen body, and a whole Thing 6
post with its thread rebuilt from fixtures/thing-6-saved-page.txt.

That fixture is a made-up post written for these tests, saved as a reader sees a hosted
blog's page: the title, the body (a short line is a heading, a `  •` line a task), a
"N comments on" line, then the numbered comments, each reply a `    •` line under the
comment it answers, a pingback's text starting with "[…]", and "Leave a Reply"."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
from pathlib import Path

import pelican
from fixtures_cli.support import run  # the real `reflective` command in a subprocess

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
PELICAN_EXPORT = Path(pelican.__file__).parent / "tests" / "content" / "wordpressexport.xml"
THING_POST = FIXTURES / "thing-6-saved-page.txt"
SITEURL = "https://me.example.org"

__all__ = [
    "run",
    "make_site",
    "publish",
    "reflective_import",
    "thing_post_export",
    "wordpress_export",
    "snapshot",
]


def make_site(folder: Path) -> Path:
    """A new Reflective site: the kit's own settings, theme and plugin, no content yet
    (and not the sample's cohort)."""
    site = folder / "site"
    (site / "content").mkdir(parents=True)
    conf = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    conf = conf.replace('THEME = "theme"', f"THEME = {str(ROOT / 'theme')!r}")
    conf = conf.replace('PLUGIN_PATHS = ["plugins"]', f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]")
    # the sample site's own cohort is not the new blog's
    conf = re.sub(r"(?m)^REFLECTIVE_COHORT = .*$", "", conf)
    (site / "pelicanconf.py").write_text(conf, encoding="utf-8")
    (site / "publishconf.py").write_text(
        (ROOT / "publishconf.py").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return site


def reflective_import(site: Path, platform: str, export, *args: str):
    return run("import", platform, str(export), *args, cwd=site)


def publish(site: Path, output: Path | None = None) -> subprocess.CompletedProcess:
    """`make publish` for this site: `reflective publish`, strict, gated, atomic."""
    output = output or site / "output"
    return run("publish", "--output", str(output), cwd=site, env={"SITEURL": SITEURL})


def snapshot(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "output" not in p.relative_to(folder).parts
    }


# -- WordPress exports written at test time --------------------------------------------


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def parse_saved_page(text: str) -> dict:
    """Title, body paragraphs, the closing list and the thread, from the saved page."""
    lines = text.splitlines()
    title = lines[0].strip()
    end = next(i for i, line in enumerate(lines) if re.match(r"^\d+ comments on ", line))
    stop = next(i for i, line in enumerate(lines) if line.startswith("Leave a Reply"))
    body = [line.strip() for line in lines[1:end] if line.strip() and not line.startswith("  •")]
    tasks = [line.strip()[1:].strip() for line in lines[1:end] if line.startswith("  •")]
    thread: list[dict] = []
    current = None
    for line in lines[end + 1 : stop]:
        top = re.match(r"^  (\d+)\. (.*)$", line)
        reply = re.match(r"^    • (.*)$", line)
        if top:
            current = {"text": [top.group(2)], "replies": []}
            thread.append(current)
        elif reply:
            current["replies"].append([reply.group(1)])
        elif line.strip() and current is not None:
            target = (
                current["replies"][-1]
                if line.startswith("      ") and current["replies"]
                else current["text"]
            )
            target.append(line.strip())
    return {"title": title, "body": body, "tasks": tasks, "thread": thread}


def thing_post_export(folder: Path) -> tuple[Path, dict]:
    """A WXR file holding the Thing 6 post, its closing tasks and its whole thread."""
    post = parse_saved_page(THING_POST.read_text(encoding="utf-8"))
    paragraphs = []
    for para in post["body"]:
        short = len(para) < 40 and not para.endswith((".", "!", "?", ":"))
        paragraphs.append(f"<h3>{html.escape(para)}</h3>" if short else html.escape(para))
    body = (
        "\n\n".join(paragraphs)
        + "\n<ul>\n"
        + "".join(f"\t<li>{html.escape(task)}</li>\n" for task in post["tasks"])
        + "</ul>"
    )
    comments, next_id = [], 1001
    for n, top in enumerate(post["thread"], start=1):
        text = "\n\n".join(top["text"])
        pingback = text.startswith("[…]")
        top_id = next_id
        next_id += 1
        comments.append(
            _comment(
                top_id,
                f"Fellow participant {n}" if not pingback else f"A linking blog {n}",
                f"https://participant{n}.example.org/thing-6/" if pingback else "",
                text,
                "pingback" if pingback else "",
                0,
            )
        )
        for reply in top["replies"]:
            comments.append(_comment(next_id, "The author", "", "\n\n".join(reply), "", top_id))
            next_id += 1
    path = wordpress_export(
        folder / "thing-6-post.xml", post["title"], body, "".join(comments), "online-networks"
    )
    return path, post


def wordpress_export(
    path: Path, title: str, body: str, comments: str = "", slug: str = "a-post"
) -> Path:
    """A WXR file of one published post of 18 July 2011 (`body` as WordPress stores it,
    `comments` as <wp:comment> elements), in the cpd23 category."""
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>A CPD23 blog written for the tests</title>
<link>https://rebuilt.example.com</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:author><wp:author_login>author</wp:author_login><wp:author_display_name>The author</wp:author_display_name></wp:author>
<item>
<title>{_cdata(title)}</title>
<link>https://rebuilt.example.com/2011/07/18/{slug}/</link>
<dc:creator>author</dc:creator>
<content:encoded>{_cdata(body)}</content:encoded>
<wp:post_id>6</wp:post_id>
<wp:post_date>2011-07-18 21:00:00</wp:post_date>
<wp:post_name>{slug}</wp:post_name>
<wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>
<wp:post_password></wp:post_password>
<category domain="category" nicename="cpd23">{_cdata("cpd23")}</category>
{comments}
</item>
</channel>
</rss>
"""
    path.write_text(xml, encoding="utf-8")
    return path


def _comment_date(cid: int) -> str:
    """Later comments are later: one every five hours from the day after the post."""
    return (dt.datetime(2011, 7, 19, 9) + dt.timedelta(hours=5 * (cid - 1001))).isoformat(" ")


def _comment(cid, author, url, text, kind, parent) -> str:
    return f"""
<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author>{_cdata(author)}</wp:comment_author>
<wp:comment_author_email>reader{cid}@example.net</wp:comment_author_email><wp:comment_author_url>{url}</wp:comment_author_url>
<wp:comment_date>{_comment_date(cid)}</wp:comment_date><wp:comment_content>{_cdata(text)}</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type>{kind}</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"""
