"""`reflective portfolio --comments`: the conversation of each printed post (SPEC §5)."""

from __future__ import annotations

import textwrap

from pypdf import PdfReader

from .sites import POSTS, cpd_site, reflective


def comment(front: str, body: str) -> str:
    return "---\n" + textwrap.dedent(front).strip() + "\n---\n" + body + "\n"


COMMENTS = {
    "comments/thing-2-reading-other-blogs/1.md": comment(
        """
        id: first
        author: Ann Reader
        date: 2011-06-28
        """,
        "Which feed reader did you choose? <script>alert(1)</script>",
    ),
    "comments/thing-2-reading-other-blogs/2.md": comment(
        """
        id: reply
        author: Test Author
        date: 2011-06-29
        replyto: first
        """,
        "A desktop one, for now.",
    ),
    "comments/thing-2-reading-other-blogs/3.md": comment(
        """
        id: ping
        author: Another Blog
        date: 2011-06-30
        type: pingback
        source: https://other.example.org/post
        """,
        "",
    ),
}


def test_comments_are_printed_under_their_post_threaded(tmp_path):
    root = cpd_site(tmp_path / "site", dict(POSTS, **COMMENTS))
    result = reflective("portfolio", "-o", "c.html", "--comments", cwd=root)
    assert result.returncode == 0, result.stderr
    html = (root / "c.html").read_text("utf-8")
    assert "Which feed reader did you choose?" in html and "<script>alert" not in html
    # The author's reply sits inside the first comment's item, marked as the author's.
    first = html.index("Ann Reader")
    reply = html.index("A desktop one, for now.")
    assert first < reply < html.index("</li>", reply)
    assert "(the author)" in html
    assert '<a href="https://other.example.org/post">Another Blog</a>' in html
    result = reflective("portfolio", "-o", "c.pdf", "--comments", cwd=root)
    assert result.returncode == 0, result.stderr
    text = " ".join(page.extract_text() for page in PdfReader(root / "c.pdf").pages)
    assert "Ann Reader" in text and "Linked from" in text


def test_without_the_option_there_are_no_comments(tmp_path):
    root = cpd_site(tmp_path / "site", dict(POSTS, **COMMENTS))
    assert reflective("portfolio", "-o", "c.html", cwd=root).returncode == 0
    assert "Ann Reader" not in (root / "c.html").read_text("utf-8")
