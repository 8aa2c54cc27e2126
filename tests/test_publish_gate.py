"""The pre-publish gate's checks on hand-made output folders, and what it must keep
unpublished, read from the fixture content (no Pelican build: see test_publish.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reflective.core.gate import Secret, find_broken_links, find_leaks
from reflective.publish import run, unpublished

ROOT = Path(__file__).resolve().parent.parent
SITEURL = "https://me.example.org"


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return folder


def messages(problems) -> list[str]:
    return [problem.format() for problem in problems]


# -- links ------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head>
<link rel="stylesheet" href="{site}/theme/main.css">
<link rel="alternate" type="application/atom+xml" href="/feeds/all.atom.xml">
</head><body>
<h2 id="plan">Plan</h2>
<a href="{site}/posts/one/">one</a>
<a href="../one/#plan">one, plan</a>
<a href="#plan">here</a> <a href="#top">top</a> <a href="#">nothing</a>
<a href="https://elsewhere.example.com/missing/">another site</a>
<a href="mailto:me@example.org">mail</a> <a href="javascript:void(0)">js</a>
<a href="/posts/one/?utm=1">query</a>
<img src="{site}/images/a.png" srcset="/images/a.png 1x, /images/a2.png 2x" alt="">
{extra}
</body></html>"""


def site_folder(tmp_path: Path, extra: str = "", site: str = SITEURL) -> Path:
    return write(
        tmp_path / "out",
        {
            "index.html": "<p>home</p>",
            "theme/main.css": "body{}",
            "feeds/all.atom.xml": (
                '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f'<link href="{SITEURL}/" rel="alternate"/>'
                f'<entry><link href="{SITEURL}/posts/one/" rel="alternate"/></entry></feed>'
            ),
            "images/a.png": b"\x89PNG\r\n\x1a\n\x00",
            "images/a2.png": b"\x89PNG\r\n\x1a\n\x01",
            "posts/one/index.html": PAGE.format(site=site, extra=extra),
        },
    )


def test_a_site_whose_links_all_resolve_passes(tmp_path):
    assert find_broken_links(str(site_folder(tmp_path)), SITEURL) == []


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ('<a href="../two/">', "broken link '../two/': the output has no posts/two/index.html"),
        ('<a href="/posts">', None),  # a folder with an index.html
        ('<a href="/images/">', "broken link '/images/': the output has no images/index.html"),
        ('<a href="/images">', "broken link '/images': the output has no images/index.html"),
        ('<a href="/images/b.png">', "broken link '/images/b.png': the output has no images/b.png"),
        (
            '<img src="missing.png">',
            "broken link 'missing.png': the output has no posts/one/missing.png",
        ),
        (
            '<img srcset="/images/a.png 1x, /images/c.png 2x">',
            "broken link '/images/c.png': the output has no images/c.png",
        ),
        (
            '<a href="#nowhere">',
            "broken link '#nowhere': posts/one/index.html has no element with id 'nowhere'",
        ),
        (
            '<a href="http://ME.example.org/nope.html">',
            "broken link 'http://ME.example.org/nope.html': the output has no nope.html",
        ),
        (
            '<a href="../../../../etc/passwd">',  # a URL cannot climb above the site's root
            "broken link '../../../../etc/passwd': the output has no etc/passwd",
        ),
        (
            '<script src="//me.example.org/app.js"></script>',
            "broken link '//me.example.org/app.js': the output has no app.js",
        ),
    ],
)
def test_each_kind_of_broken_link_is_named_with_page_line_and_link(tmp_path, link, expected):
    if link == '<a href="/posts">':
        write(tmp_path / "out", {"posts/index.html": "<p>list</p>"})
    problems = messages(find_broken_links(str(site_folder(tmp_path, link)), SITEURL))
    assert problems == ([f"posts/one/index.html:13: {expected}"] if expected else [])


def test_a_project_site_checks_links_under_its_path_only(tmp_path):
    site = "https://me.github.io/blog"
    folder = site_folder(
        tmp_path, '<a href="/blog/gone/">x</a> <a href="/other-project/">y</a>', site=site
    )
    problems = messages(find_broken_links(str(folder), site))
    # /feeds/... and /images/... are outside /blog/ on that host: not ours to check;
    # the feed's links name another host.
    assert problems == [
        "posts/one/index.html:13: broken link '/blog/gone/': the output has no gone/index.html"
    ]


def test_a_feed_link_to_a_missing_page_is_broken(tmp_path):
    folder = site_folder(tmp_path)
    write(
        folder,
        {
            "feeds/all.atom.xml": (
                '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f'<entry><link href="{SITEURL}/posts/gone/" rel="alternate"/></entry></feed>'
            )
        },
    )
    assert messages(find_broken_links(str(folder), SITEURL)) == [
        f"feeds/all.atom.xml: broken link '{SITEURL}/posts/gone/': the output has no "
        "posts/gone/index.html"
    ]


# -- leaks ------------------------------------------------------------------------------

SECRET = Secret("Ask Dr Quillfeather about the bursary, today", "the private action 'x'")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("page.html", "<li>Ask <em>Dr</em>\n   Quillfeather about the bursary, today</li>"),
        ("page.html", '<img alt="Ask Dr Quillfeather about the bursary, today" src="a.png">'),
        (
            "feed.xml",
            '<content type="html">&lt;p&gt;Ask Dr Quillfeather about the '
            "&lt;b&gt;bursary&lt;/b&gt;, today&lt;/p&gt;</content>",
        ),
        (
            "progress.json",
            '{"actions": [{"text": "Ask Dr Quillfeather about the bursary\\u002c today"}]}',
        ),
        (
            "actions.ics",
            "BEGIN:VTODO\r\nSUMMARY:Ask Dr Quillfeather about the bursa\r\n ry\\, "
            "today\r\nEND:VTODO\r\n",
        ),
        ("search.txt", "Ask Dr Quillfeather about the bursary, today"),
    ],
)
def test_a_secret_is_found_in_every_form_a_file_can_hold_it(tmp_path, name, data):
    folder = write(tmp_path / "out", {name: data, "other.html": "<p>nothing here</p>"})
    assert messages(find_leaks(str(folder), [SECRET])) == [
        f"{name}: holds the private action 'x': 'Ask Dr Quillfeather about the bursary, today'"
    ]


def test_binary_files_are_skipped_and_a_drafts_folder_is_a_problem(tmp_path):
    folder = write(
        tmp_path / "out",
        {
            "images/photo.jpg": b"\xff\xd8\xff\xe0 Ask Dr Quillfeather \xff",
            "drafts/idea.html": "<p>an idea</p>",
        },
    )
    assert messages(find_leaks(str(folder), [SECRET])) == [
        "drafts/idea.html: a draft page is in the output (drafts/ is never published); set "
        "DRAFT_SAVE_AS and DRAFT_PAGE_SAVE_AS to '' in publishconf.py"
    ]


# -- what must stay unpublished ---------------------------------------------------------


def test_secrets_are_the_private_and_draft_texts_of_the_content(tmp_path, monkeypatch):
    content = write(
        tmp_path / "content",
        {
            "posts/a.md": (
                "---\ntitle: A public post\ndate: 2011-06-20\nactions:\n"
                "  - text: Ring the *regional* office about funding\n    private: true\n"
                "    note: Ask for Margaret, not the switchboard.\n"
                "  - text: Public action text here\n"
                "  - text: Call mum\n    private: true\n"
                "  - text: Read the handbook this week\n    private: true\n"
                "---\nThis public body says: Read the handbook this week, like everyone.\n"
            ),
            "posts/b.md": (
                "---\ntitle: Later\ndate: 2011-06-27\nupdates:\n"
                "  - action: ring-the-regional-office-about-funding\n    status: done\n"
                "    note: Margaret approved the full amount.\n"
                "  - action: public-action-text-here\n    note: Done for the week, no problem.\n---\n"
                "Body.\n"
            ),
            "posts/c.md": (
                "---\ntitle: My secret draft title\ndate: 2011-07-01\nstatus: draft\n---\n"
                "A draft paragraph that is long enough to search.\n\nToo short here.\n"
            ),
            "pages/d.md": "Title: An old style page\nStatus: draft\n\nOld style draft text that "
            "is long enough to search.\n",
        },
    )
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SITEURL", SITEURL)
    settings = run.read_site(str(ROOT / "publishconf.py")).settings
    found, published = unpublished._secrets(str(content), settings, str(ROOT))
    secrets = {(s.text, s.what) for s in found}
    a, b, c, d = (
        os.path.join(*p)
        for p in (("posts", "a.md"), ("posts", "b.md"), ("posts", "c.md"), ("pages", "d.md"))
    )
    assert secrets == {
        (
            "Ring the regional office about funding",
            f"the private action 'ring-the-regional-office-about-funding' of {a}",
        ),
        (
            "Ask for Margaret, not the switchboard.",
            f"the private action 'ring-the-regional-office-about-funding' of {a}",
        ),
        (
            "Margaret approved the full amount.",
            f"an update of the private action 'ring-the-regional-office-about-funding' in {b}",
        ),
        ("Read the handbook this week", f"the private action 'read-the-handbook-this-week' of {a}"),
        ("Call mum", f"the private action 'call-mum' of {a}"),
        ("My secret draft title", f"the title of the draft {c}"),
        ("A draft paragraph that is long enough to search.", f"text of the draft {c}"),
        ("An old style page", f"the title of the draft {d}"),
        ("Old style draft text that is long enough to search.", f"text of the draft {d}"),
    }
    # Texts the site publishes anyway are no leak: a private text the author quoted in
    # a public body, public actions and notes, a Thing's title; short draft lines are
    # not searched at all.
    assert published("Read the handbook this week")
    assert published("Public action text here")
    assert published("Done for the week, no problem.")
    assert published("Reflective practice")  # CPD23's Thing 5
    assert not published("Call mum")
    assert not published("My secret draft title")


def test_a_secret_the_site_publishes_anyway_is_no_leak(tmp_path):
    folder = write(
        tmp_path / "out", {"a.html": "<p>Ask Dr Quillfeather about the bursary, today</p>"}
    )
    asked = []

    def published(text):
        asked.append(text)
        return True

    assert find_leaks(str(folder), [SECRET], published) == []
    assert asked == ["Ask Dr Quillfeather about the bursary, today"]
