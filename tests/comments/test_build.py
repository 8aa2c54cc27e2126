"""Comments in real Pelican builds: hostile bodies, problems, pages, feed, listings."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from sitebuild import REPO, build, make_site, output_files, post

HOSTILE = {
    "script": "Hi <script>alert('s1')</script> there",
    "event": "<p onclick=\"alert('e1')\">Click</p> <img src=x onerror=\"alert('e2')\">"
    " <svg onload=\"alert('e3')\"></svg>",
    "jslink": "[a](javascript:alert('j1')) <a href=\"JaVaScRiPt:alert('j2')\">b</a>"
    " <a href=\"java&#x09;script:alert('j3')\">c</a>",
    "datalink": "[d](data:text/html;base64,PHNjcmlwdD4=) <a href='data:text/html,x'>e</a>",
    "broken": "<b><i>unclosed <a href='https://ok.example/x'>fine link</a> <div><table><tr>",
    "style": "<style>body{display:none}</style><iframe src='https://evil.example/'></iframe>",
}


def comment(ident, body, **fields):
    front = {"id": ident, "author": f"Reader {ident}", "date": "2011-07-02 10:00", **fields}
    lines = "\n".join(f"{k}: {v}" for k, v in front.items())
    return f"---\n{lines}\n---\n{body}\n"


def files(extra=None):
    out = {
        "posts/my-post.md": post(
            "My post",
            "thing: 3\nquestions:\n  - id: best-tip\n    text: What is your best tip?\n"
            "  - Has anyone tried the other way?",
        ),
        "posts/quiet.md": post("Quiet post", "thing: 4", date="2011-07-05"),
        "comments/my-post/ok.md": comment(
            "ok", "A *fine* comment.", website="https://reader.example/", answers="[best-tip]"
        ),
        "comments/my-post/reply.md": comment(
            "reply", "Thanks!", author='"Test Author"', replyto="ok", date="2011-07-03"
        ),
        "comments/my-post/ping.md": comment(
            "ping", "", type="pingback", source="https://other.example/post/"
        ),
    }
    for key, body in HOSTILE.items():
        out[f"comments/my-post/{key}.md"] = comment(key, body)
    out.update(extra or {})
    return out


PUBLISHED = dict(
    THEME=str(REPO / "theme"),
    REFLECTIVE_APPEND_TO_CONTENT=False,  # as the kit's pelicanconf.py: the theme places lists
    SITEURL="https://me.example.org",
    FEED_ALL_ATOM="feeds/all.atom.xml",
    FEED_DOMAIN="https://me.example.org",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_site(tmp_path_factory.mktemp("comments"), files(), **PUBLISHED)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root


def page(site, name="my-post.html"):
    return BeautifulSoup((site / "output" / name).read_text(encoding="utf-8"), "html.parser")


def test_comment_files_are_never_read_as_posts_or_pages(site):
    # ARTICLE_PATHS is Pelican's default (the whole content folder): without the
    # exclusion, every comment file would be a post (and a strict build would stop,
    # as comment files have no title).
    names = output_files(site)
    assert not any(name.startswith(("ok", "reply", "ping", "script")) for name in names)
    assert sorted(n for n in names if n.endswith(".html") and "/" not in n) == [
        "archives.html",
        "authors.html",
        "categories.html",
        "index.html",
        "my-post.html",
        "quiet-post.html",
        "tags.html",
    ]


def test_hostile_bodies_come_out_harmless_on_every_page_and_feed(site):
    outputs = {
        name: data.decode("utf-8")
        for name, data in output_files(site).items()
        if name.endswith((".html", ".xml", ".json"))
    }
    feed = outputs["feeds/comments.atom.xml"]
    head = page(site).head.find("link", title=re.compile("comments"))
    assert head["href"] == "https://me.example.org/feeds/comments.atom.xml"
    assert "Reader script" in feed and "Reader broken" in feed  # the bodies are there
    for name, text in outputs.items():
        low = text.lower()
        if name != "search/index.html":  # the search page's own script (issue 15)
            assert "<script" not in low, name
        assert "&lt;script" not in low.replace("&amp;", "&"), name
        for marker in ("s1", "e1", "e2", "e3", "j1", "j2", "j3"):
            assert f"alert('{marker}')" not in text and f"alert(&#39;{marker}&#39;)" not in text
        assert not re.search(r"\son(click|error|load)\s*=", low), name
        assert "javascript:" not in low and "data:text" not in low, name
        assert "<iframe" not in low and "<style>body" not in low, name
        assert "evil.example" not in low, name
    soup = page(site)
    broken = soup.find(id="comment-broken")
    assert broken.find("a", href="https://ok.example/x")["rel"] == ["nofollow", "ugc", "noopener"]
    body = broken
    assert not body.find(["table", "div"]) and body.find("b").find("i")  # repaired, closed
    # the feed's bodies are the same sanitised HTML, and the feed is well-formed XML
    tree = ET.fromstring(feed.encode("utf-8"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = tree.findall("a:entry", ns)
    assert len(entries) == len(HOSTILE) + 3
    links = {e.find("a:link", ns).get("href") for e in entries}
    assert "https://me.example.org/my-post.html#comment-ok" in links


def test_thread_markup_author_reply_and_links(site):
    soup = page(site)
    section = soup.find("section", class_="rf-conversation")
    assert section.h2.get_text(" ", strip=True) == "Conversation (8 comments, 1 link)"
    ok = section.find(id="comment-ok")
    assert ok.name == "article" and ok.find("time")["datetime"] == "2011-07-02T10:00:00"
    author = ok.find("a", href="https://reader.example/")
    assert author["rel"] == ["nofollow", "ugc"]
    reply_li = ok.parent.find("ol").find("li")
    reply = reply_li.find("article")
    assert reply["id"] == "comment-reply" and "rf-by-author" in reply["class"]
    assert "post author" in reply.get_text()
    linked = section.find("ul", class_="rf-linked")
    assert linked.find("a")["href"] == "https://other.example/post/"
    assert not section.find("a", href=re.compile("^mailto:"))  # no address set: no Reply link
    box = section.find("section", class_="rf-questions")
    items = box.find_all("li")
    assert items[0]["id"] == "question-best-tip" and "Reader ok" in items[0].get_text()
    assert items[1]["id"] == "question-has-anyone-tried-the-other-way"
    assert "Not answered yet" in items[1].get_text()


def test_questions_page_open_first_and_counts_in_listings(site):
    soup = page(site, "questions/index.html")
    items = soup.find("ol", class_="rf-question-list").find_all("li", recursive=False)
    assert "Has anyone tried the other way?" in items[0].get_text()
    assert "Open" in items[0].get_text()
    assert "1 answer" in items[1].get_text() and "What is your best tip?" in items[1].get_text()
    for name in ("index.html", "archives.html", "things/3/index.html"):
        listing = page(site, name)
        assert "8 comments, 1 link" in listing.get_text(" ", strip=True), name
        assert not listing.select("link[href$='comments.css']"), name
    assert "comment" not in page(site, "things/4/index.html").find("main").get_text()


# One of each problem of SPEC §5 (also used by test_cli: `check` reports the same).
BAD = {
    "comments/my-psot/a.md": comment("a", "Lost."),
    "comments/my-post/dup.md": comment("ok", "Twin."),
    "comments/my-post/r.md": comment("r", "Re.", replyto="okk"),
    "comments/my-post/q.md": comment("q", "Answer.", answers="[best-tpi]"),
    "comments/my-post/w.md": comment("w", "Site.", website="ftp://x.example/"),
    "comments/my-post/n.md": "---\nauthor: Nobody\n---\nNo id or date.\n",
}


def test_strict_build_stops_on_comment_problems_and_lenient_builds(tmp_path):
    bad = BAD
    root = make_site(tmp_path / "strict", files(bad), THEME=str(REPO / "theme"))
    result = build(root)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert not (root / "output" / "my-post.html").exists()
    for expected in (
        "content/comments/my-psot/a.md: folder: comments/my-psot/ names no post",
        "(did you mean 'my-post'?)",
        ":2: id: the id 'ok' is also used by",
        "content/comments/my-post/r.md:5: replyto: 'okk' names no comment",
        "(did you mean 'ok'?)",
        "content/comments/my-post/q.md:5: answers: 'best-tpi' names no question",
        "(did you mean 'best-tip'?)",
        "content/comments/my-post/w.md:5: website: 'ftp://x.example/' is not a web address",
        "content/comments/my-post/n.md:2: id: is missing",
        "content/comments/my-post/n.md:2: date: is missing",
    ):
        assert expected in out, expected
    lenient = make_site(
        tmp_path / "lenient", files(bad), THEME=str(REPO / "theme"), REFLECTIVE_STRICT=False
    )
    result = build(lenient)
    assert result.returncode == 0, result.stderr
    soup = page(lenient)
    assert soup.find(id="comment-ok-2") and soup.find(id="comment-r")  # nothing vanishes
    assert "names no post" in result.stdout + result.stderr


def test_no_email_address_is_ever_published(tmp_path):
    extra = {
        "comments/my-post/mail.md": comment(
            "mail", "Mail me: reader.person@example.net", email="reader.person@example.net"
        ),
    }
    root = make_site(tmp_path / "mail", files(extra), REFLECTIVE_STRICT=False, **PUBLISHED)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert "never stored in comment files" in result.stdout + result.stderr
    for name, data in output_files(root).items():
        assert b"reader.person" not in data, name
    assert "[address removed]" in page(root).find(id="comment-mail").get_text()


def test_reply_links_by_mail_name_the_post_and_comment(tmp_path):
    root = make_site(
        tmp_path / "reply",
        files(),
        THEME=str(REPO / "theme"),
        REFLECTIVE_COMMENTS_EMAIL="ruth@example.org",
    )
    assert build(root).returncode == 0
    soup = page(root)
    links = [a["href"] for a in soup.find_all("a", href=re.compile("^mailto:"))]
    assert "mailto:ruth@example.org?subject=Re%3A%20My%20post%20%5Bmy-post%5D" in links
    assert "mailto:ruth@example.org?subject=Re%3A%20My%20post%20%5Bmy-post%23comment-ok%5D" in links
    reply = soup.find(id="comment-ok").find("a", href=re.compile("^mailto:.*comment-ok"))
    assert reply["aria-label"] == "Reply to Reader ok" and reply.get_text() == "Reply"


DANGER = re.compile(
    r"<script|<style|<iframe|<svg|<img|\son\w+\s*=|javascript:|data:|alert\(", re.IGNORECASE
)


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_each_hostile_body_is_harmless_on_the_post_and_in_the_feed(site, kind):
    article = page(site).find(id=f"comment-{kind}")
    body = "".join(str(p) for p in article.find_all(recursive=False)[1:])
    assert BeautifulSoup(body, "html.parser").get_text(strip=True) or kind in ("style",)
    assert not DANGER.search(body), body
    feed = (site / "output" / "feeds" / "comments.atom.xml").read_text(encoding="utf-8")
    tree = ET.fromstring(feed.encode("utf-8"))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    [entry] = [
        e
        for e in tree.findall("a:entry", ns)
        if e.find("a:link", ns).get("href").endswith(f"#comment-{kind}")
    ]
    content = entry.find("a:content", ns).text or ""  # the HTML, unescaped once by XML
    assert not DANGER.search(content), content


def test_a_post_with_thirty_comments_stays_under_40_kb(tmp_path):
    from .thirty import write

    root = make_site(
        tmp_path,
        {"posts/busy.md": post("Busy post", "thing: 6", body="Words of reflection. " * 150)},
        THEME=str(REPO / "theme"),
        REFLECTIVE_APPEND_TO_CONTENT=False,
        REFLECTIVE_COMMENTS_EMAIL="ruth@example.org",
        AUTHOR="Ruth Ashdown",
    )
    write(root / "content" / "comments" / "busy-post")
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (root / "output" / "busy-post.html").read_bytes()
    soup = BeautifulSoup(html, "html.parser")
    sheets = [link["href"].rsplit("/", 1)[-1] for link in soup.select("link[rel=stylesheet]")]
    assert sheets == ["main.css", "comments.css"]  # comments.css only where it is needed
    css = b"".join((REPO / "theme" / "static" / "css" / name).read_bytes() for name in sheets)
    assert len(soup.select(".rf-thread article")) == 28
    assert len(soup.select(".rf-linked > li")) == 2
    assert soup.select(".rf-thread ol ol article")  # replies to replies
    assert len(html) + len(css) < 40 * 1024, (len(html), len(css))


def test_a_theme_that_knows_nothing_of_comments_still_shows_them(tmp_path):
    """Pelican's own theme, REFLECTIVE_APPEND_TO_CONTENT (the default): the conversation
    follows the post's content, sanitised as everywhere."""
    root = make_site(tmp_path, files())
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    soup = page(root)
    section = soup.find("section", class_="rf-conversation")
    assert section is not None and section.find(id="comment-ok")
    assert not DANGER.search(str(section))
