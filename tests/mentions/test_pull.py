"""`reflective mentions pull` against a fake webmention.io on 127.0.0.1 (paging, a reply
threaded under a comment, a like, a repost, a mention, a private one, one for a page
that is not a post, http and https forms of our addresses, a deleted one, a blocked
source), then the real build showing them; the real CLI in a subprocess."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from .jf2server import PHOTO, SITE, TOKEN, JF2Server
from .support import free_port, kit_site, reflective
from sitebuild import build, output_files, post

COMMENT = """---
id: c1
author: "Dana Colleague"
date: 2011-07-02
---
A first comment, made here.
"""


@pytest.fixture
def site(tmp_path):
    root = kit_site(
        tmp_path / "site",
        {
            "first.md": post("First steps", date="2011-06-01"),
            "second.md": post("Second thoughts", date="2011-06-08"),
            "comments/first-steps/c1.md": COMMENT,
        },
        SITEURL=SITE,
    )
    (root / "webmention-blocklist.txt").write_text("# spam\nspam.example\n")
    return root


def pull(root, api, *args, token=TOKEN):
    return reflective(root, "mentions", "pull", "--api", api, *args,
                      env={"WEBMENTION_IO_TOKEN": token})  # fmt: skip


def tree(root):
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted((root / "content").rglob("*")) if p.is_file()
    } | {"state": (root / "webmentions.json").read_bytes()}  # fmt: skip


def test_pull_writes_the_right_files_once(site):
    with JF2Server(page_size=3) as api:
        result = pull(site, api.api)
        assert result.returncode == 0, result.stderr
        assert [int(q["page"]) for q in api.requests] == [0, 1, 2, 3]  # paged to the end
        assert all(q["domain"] == "me.example.org" for q in api.requests)
        folder = site / "content" / "comments"
        written = sorted(str(p.relative_to(folder)) for p in folder.rglob("wm-*.md"))
        assert written == [
            "first-steps/wm-1001.md",  # reply, threaded under c1
            "first-steps/wm-1002.md",  # like (http form)
            "first-steps/wm-1006.md",  # repost
            "second-thoughts/wm-1003.md",  # mention
            "second-thoughts/wm-1007.md",  # reply
            "second-thoughts/wm-1009.md",  # reply to http://…/index.html
        ]  # not 1004 (private), 1005 (not a post), 1008 (blocked)
        reply = (folder / "first-steps" / "wm-1001.md").read_text()
        assert 'type: "webmention"\nkind: reply\nreplyto: c1\n' in reply
        assert 'author: "Alice Reader"' in reply and "Agreed! This is how" in reply
        like = (folder / "first-steps" / "wm-1002.md").read_text()
        assert "kind: like" in like and like.endswith("---\n\n")  # no body
        assert "skipped: 1 blocked, 1 not for one of our posts, 1 private" in result.stderr
        assert PHOTO not in "".join(p.read_text() for p in folder.rglob("*.md"))

        before = tree(site)
        again = pull(site, api.api)
        assert again.returncode == 0, again.stderr
        assert tree(site) == before  # a second pull changes nothing
        assert "0 new mention(s) written, 6 already there" in again.stderr

        # the author refuses one (deletes it); one is deleted upstream
        (folder / "first-steps" / "wm-1006.md").unlink()
        api.entries = [e for e in api.entries if e["wm-id"] != 1007]
        third = pull(site, api.api)
        assert not (folder / "first-steps" / "wm-1006.md").exists()  # not written again
        assert "1 deleted by you (not written again)" in third.stderr
        assert "wm-1007.md  gone upstream" in third.stdout
        assert (folder / "second-thoughts" / "wm-1007.md").exists()  # reported, kept
        pruned = pull(site, api.api, "--prune")
        assert "wm-1007.md  removed" in pruned.stdout
        assert not (folder / "second-thoughts" / "wm-1007.md").exists()


def test_the_post_shows_them(site):
    with JF2Server() as api:
        assert pull(site, api.api).returncode == 0
    listed = reflective(site, "comments", "list", "--post", "first-steps")
    assert "+ like ×1: Bob Liker" in listed.stdout and "- wm-1001" in listed.stdout
    result = build(site)
    assert result.returncode == 0, result.stderr
    first = BeautifulSoup((site / "output/2011/first-steps/index.html").read_text(), "html.parser")
    thread = first.find(id="comment-c1").find_parent("li")
    reply = thread.find("ol").find(id="comment-wm-1001")
    assert "Agreed! This is how we do it too." in reply.get_text()
    assert "p-comment" in reply["class"]
    reactions = first.find(class_="rf-reactions").get_text(" ", strip=True)
    assert "Liked by 1: Bob Liker" in reactions and "Reposted by 1: Carol Reposter" in reactions
    counts = first.find(id="conversation-title").get_text()
    assert "(2 comments, 1 like, 1 repost)" in counts  # c1 and the reply; the rest counted
    second = BeautifulSoup(
        (site / "output/2011/second-thoughts/index.html").read_text(), "html.parser"
    )
    linked = second.find(class_="rf-linked")
    assert linked.find("a", href="https://elsewhere3.example/post-3")
    assert "A round-up of this week" in linked.get_text()
    for name, data in output_files(site).items():
        assert PHOTO.encode() not in data, name  # no photo address anywhere in the site
        assert b"A private reply" not in data and b"cheap pills" not in data, name


@pytest.mark.parametrize("case", ["bad token", "unreachable", "no token"])
def test_a_bad_token_or_no_api_writes_nothing(site, case):
    with JF2Server() as api:
        url = api.api
        if case == "unreachable":
            url = f"http://127.0.0.1:{free_port()}/api/mentions.jf2"
        token = {"bad token": "wrong", "no token": ""}.get(case, TOKEN)
        result = pull(site, url, token=token)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert {"bad token": "refused the token", "unreachable": "cannot reach",
            "no token": "WEBMENTION_IO_TOKEN"}[case] in lines[0]  # fmt: skip
    assert not list((site / "content" / "comments").rglob("wm-*"))
    assert not (site / "webmentions.json").exists()


def test_the_token_is_never_written(site):
    with JF2Server() as api:
        assert pull(site, api.api).returncode == 0
    for path in site.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path
