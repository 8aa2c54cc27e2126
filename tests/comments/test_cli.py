"""`reflective check` and `reflective comments list|add` with the real command."""

from __future__ import annotations

import re
import textwrap

from fixtures_cli.support import run

from .test_build import BAD, files
from sitebuild import REPO, build, make_site, post

PROBLEM = re.compile(r"^\S+\.md(:\d+)?: [^:]+: .+")


def problem_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if PROBLEM.match(line):
            lines.append(line)
    return sorted(lines)


def test_check_reports_comment_problems_exactly_as_the_build(tmp_path):
    bad = {
        **BAD,
        "posts/asks.md": post("Asks", "questions:\n  - id: Bad Id\n    text: Hm?\n  - 12"),
    }
    root = make_site(tmp_path, files(bad))
    built = build(root)
    checked = run("check", cwd=root)
    assert built.returncode == 1 and checked.returncode == 1
    from_build = problem_lines(built.stdout + built.stderr)
    from_check = problem_lines(checked.stdout)
    assert len(from_check) == 8, checked.stdout
    assert from_check == from_build
    assert any("questions[0].id: 'Bad Id' is not an id" in line for line in from_check)


def test_comments_list_shows_threads_questions_and_links(tmp_path):
    root = make_site(tmp_path, files())
    result = run("comments", "list", "--post", "my-post", cwd=root)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("my-post  (My post; 8 comments, 1 link)")
    assert "  ? best-tip: What is your best tip?  [ok]" in out
    assert "  - ok  2011-07-02 10:00  Reader ok  answers best-tip" in out
    assert "    - reply  2011-07-03  Test Author (author)" in out
    assert "  ↪ ping  2011-07-02 10:00  pingback from https://other.example/post/" in out
    wrong = run("comments", "list", "--post", "my-psot", cwd=root)
    assert wrong.returncode == 1 and "did you mean 'my-post'?" in wrong.stderr


def test_comments_add_from_arguments_checks_then_writes_once(tmp_path):
    root = make_site(tmp_path, files(), THEME=str(REPO / "theme"))
    result = run(
        "comments", "add", "--post", "my-post", "--author", "Ann Other", "--replyto", "ok",
        "--answers", "best-tip", "--date", "2011-07-04 09:30", "--website",
        "https://ann.example/", "--text", "Me too: *really*.", cwd=root,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    path = root / result.stdout.strip()
    assert path == root / "content/comments/my-post/2011-07-04-ann-1.md"
    assert path.read_text() == textwrap.dedent(
        """\
        ---
        id: ann-1
        author: "Ann Other"
        date: 2011-07-04 09:30
        website: "https://ann.example/"
        replyto: ok
        answers: [best-tip]
        ---
        Me too: *really*.
        """
    )
    again = run(
        "comments", "add", "--post", "my-post", "--author", "Ann Other", "--id", "ann-1",
        "--text", "Twice", cwd=root,
    )  # fmt: skip
    assert again.returncode == 1 and "already has a comment 'ann-1'" in again.stderr
    wrong = run(
        "comments", "add", "--post", "my-post", "--author", "B", "--replyto", "okk",
        "--text", "x", cwd=root,
    )  # fmt: skip
    assert wrong.returncode == 1 and "did you mean 'ok'?" in wrong.stderr
    bad_site = run(
        "comments", "add", "--post", "my-post", "--author", "B", "--website", "ftp://x",
        "--text", "x", cwd=root,
    )  # fmt: skip
    assert bad_site.returncode == 1 and "is not a web address" in bad_site.stderr
    assert run("check", cwd=root).returncode == 0
    built = build(root)
    assert built.returncode == 0
    page = (root / "output" / "my-post.html").read_text()
    assert 'id="comment-ann-1"' in page and "<em>really</em>" in page


EML = """\
From: "Priya Natarajan" <priya.n@example.net>
To: ruth@example.org
Subject: Re: My post [my-post#comment-ok]
Date: Tue, 05 Jul 2011 18:20:00 +0100
Content-Type: text/plain; charset=utf-8
MIME-Version: 1.0

I agree with this, and here is why.

Second paragraph.

--\x20
Priya, sent from her phone

On 4 Jul 2011, Ruth wrote:
> the original text
"""


def test_comments_add_from_a_saved_email_drops_the_address(tmp_path):
    root = make_site(tmp_path, files())
    (root / "reply.eml").write_text(EML)
    result = run("comments", "add", "--eml", "reply.eml", cwd=root)
    assert result.returncode == 0, result.stderr
    text = (root / result.stdout.strip()).read_text()
    assert text.startswith(
        '---\nid: priya-1\nauthor: "Priya Natarajan"\ndate: 2011-07-05 18:20+01:00\n'
        "replyto: ok\n---\n"
    )
    assert text.endswith("I agree with this, and here is why.\n\nSecond paragraph.\n")
    assert "example.net" not in text and "phone" not in text and "original" not in text
    assert run("check", cwd=root).returncode == 0
