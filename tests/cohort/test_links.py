"""The cohort's posts that link to ours, under "Linked from" (issue 23): fetched by the
real `reflective cohort fetch` from local servers, shown by a real build, no service."""

from __future__ import annotations

from bs4 import BeautifulSoup

from reflective.cohort import links, parse
from reflective.cohort.config import Participant

from .support import Route, Server
from .test_build import author_site
from .test_fetch import fetch
from sitebuild import build

OURS = "https://ruth.example.org"


def atom(entries) -> bytes:
    items = "".join(
        f'<entry><title>{title}</title><link rel="alternate" href="{url}"/>'
        f"<id>{url}</id><updated>{day}T12:00:00Z</updated><published>{day}T12:00:00Z</published>"
        f'<content type="html">{content}</content></entry>'
        for title, url, day, content in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        '<title>Bea</title><link href="https://bea.example/"/><id>https://bea.example/</id>'
        f"<updated>2011-09-30T00:00:00Z</updated>{items}</feed>"
    ).encode()


FEED = atom(
    [
        ("Thing 4: answering Ruth", "https://bea.example/4", "2011-07-20",
         "&lt;p&gt;As &lt;a href=&quot;http://ruth.example.org/posts/thing-3-my-own-brand/"
         "index.html#top&quot;&gt;Ruth wrote&lt;/a&gt;, brands matter.&lt;/p&gt;"),
        ("Thing 5: elsewhere", "https://bea.example/5", "2011-07-27",
         "&lt;p&gt;&lt;a href=&quot;https://other.example/&quot;&gt;x&lt;/a&gt;&lt;/p&gt;"),
        ("A note", "https://bea.example/n", "2011-08-01",
         f"&lt;a href='{OURS}/posts/thing-3-my-own-brand/?utm=feed'&gt;again&lt;/a&gt;"),
    ]
)  # fmt: skip


def test_a_participant_linking_to_a_post_is_shown_under_linked_from(tmp_path):
    with Server({"/bea/feed.atom": Route(FEED, "application/atom+xml")}) as server:
        people = [
            {"name": "Bea", "site": "https://bea.example/", "feed": server.url("/bea/feed.atom")}
        ]
        root = author_site(tmp_path / "site", people, SITEURL=OURS)
        result = fetch(root, "--timeout", "5")
        assert result.returncode == 0, result.stderr
    built = build(root)
    assert built.returncode == 0, built.stderr
    soup = BeautifulSoup(
        (root / "output/posts/thing-3-my-own-brand/index.html").read_text(), "html.parser"
    )
    linked = soup.find(class_="rf-linked")
    assert linked is not None, "no Linked from"
    items = [" ".join(li.get_text().split()) for li in linked.find_all("li")]
    assert items == [
        "A note by Bea (cohort, 1 August 2011)",
        "Thing 4: answering Ruth by Bea (cohort, 20 July 2011)",
    ]
    assert linked.find("a", href="https://bea.example/4")
    other = (root / "output/posts/thing-1-starting/index.html").read_text()
    assert "rf-linked" not in other  # nobody links to it


def test_links_are_read_from_feeds_and_progress_json():
    data = parse.feed(FEED, "https://bea.example/feed.atom")
    by_url = {p["url"]: p["links"] for p in data["posts"]}
    assert by_url["https://bea.example/4"] == [
        "http://ruth.example.org/posts/thing-3-my-own-brand/index.html#top"
    ]
    assert data["has_links"] is True
    progress = (
        b'{"schema_version": 1, "programme": {"name": "x", "total": 23, "things": [{"posts": '
        b'[{"title": "T", "url": "/p/", "date": "2011-07-01", "things": [1], "links": '
        b'["https://ruth.example.org/a/", "javascript:alert(1)", "/local/"]}]}]}}'
    )
    post = parse.progress_json(progress, "https://ann.example/progress.json")["posts"][0]
    assert post["links"] == ["https://ruth.example.org/a/", "https://ann.example/local/"]


def test_linking_ignores_our_own_site_and_matches_the_same_page():
    me = Participant("Me", f"{OURS}/", f"{OURS}/progress.json", "progress")
    bea = Participant("Bea", "https://bea.example/", "https://bea.example/f", "feed")
    post = {"title": "T", "date": "2011-07-01", "links": [f"{OURS}/a/"]}
    records = {
        me.key: {"url": me.url, "status": "ok",
                 "data": {"posts": [dict(post, url=f"{OURS}/b/")]}},
        bea.key: {"url": bea.url, "status": "stale",
                  "data": {"posts": [dict(post, url="https://bea.example/t")]}},
    }  # fmt: skip
    found = links.linking([me, bea], records, {"ruth.example.org/a": "A"})
    assert [e.url for e in found["A"]] == ["https://bea.example/t"]
