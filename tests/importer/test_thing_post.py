"""A Thing 6 post of the kind our users write (fixtures/thing-6-saved-page.txt, made up
for these tests), rebuilt at test time as a WordPress export (its body, its closing
tasks, its comments, the author's replies and the pingbacks): imported, it is Thing 6
with four action items and the whole thread, and the site publishes."""

from __future__ import annotations

import yaml

from ._support import make_site, publish, reflective_import, thing_post_export


def _front(path):
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


def test_the_thing_post_imports_as_thing_6_with_four_actions_and_its_thread(tmp_path):
    export, post = thing_post_export(tmp_path)
    site = make_site(tmp_path)
    result = reflective_import(site, "wordpress", export)
    assert result.returncode == 0, result.stderr
    fields, body = _front(site / "content" / "posts" / "2011-07-18-online-networks.md")
    assert fields["title"] == " ".join(post["title"].split())  # a no-break space made plain
    assert fields["thing"] == 6
    assert "Thing 6 (from the body)" in result.stdout
    assert len(fields["actions"]) == 4
    for action, task in zip(fields["actions"], post["tasks"], strict=True):
        text = action if isinstance(action, str) else action["text"]
        assert " ".join(text.split()) == " ".join(task.split())
        assert task[:40] not in body  # lifted, so not shown twice
    assert body.rstrip().endswith("before the next round of the programme:")
    comments = {
        p.stem: _front(p) for p in (site / "content" / "comments" / "online-networks").glob("*.md")
    }
    expected = sum(1 + len(top["replies"]) for top in post["thread"])
    assert len(comments) == expected == 10
    kinds = sorted(f.get("type", "comment") for f, _ in comments.values())
    assert kinds.count("pingback") == 2 and kinds.count("comment") == 8
    replies = [f for f, _ in comments.values() if "replyto" in f]
    assert len(replies) == 3 and all(f["replyto"] in comments for f in replies)
    assert all(f["author"] == "The author" for f in replies)
    texts = " ".join(b for _, b in comments.values())
    for top in post["thread"]:
        assert top["text"][0][:30].replace("[…]", "").strip()[:20] in texts
    assert "@example.net" not in texts
    result = publish(site)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "output" / "posts" / "2011" / "online-networks" / "index.html").read_text()
    assert "Thing 6 of 23" in page
    assert (site / "output" / "2011" / "07" / "18" / "online-networks" / "index.html").is_file()


def test_the_imported_thread_is_shown_on_the_published_post(tmp_path):
    """With comment files read by the comments capability (issue 13): the whole thread,
    replies nested under the comment they answer and marked as the post author's, the
    pingbacks listed apart, each at its old WordPress anchor."""
    from bs4 import BeautifulSoup

    export, post = thing_post_export(tmp_path)
    site = make_site(tmp_path)
    assert reflective_import(site, "wordpress", export).returncode == 0
    result = publish(site)
    assert result.returncode == 0, result.stdout + result.stderr
    page = site / "output" / "posts" / "2011" / "online-networks" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    thread = soup.select_one("#conversation")
    assert thread is not None
    top = thread.select("ol.rf-thread > li > article")
    assert len(top) == 5
    nested = thread.select("ol.rf-thread > li > ol > li > article")
    assert len(nested) == 3 and all("rf-by-author" in a.get("class", []) for a in nested)
    first = thread.select_one("#comment-1001")
    reply = first.find_parent("li").select_one("ol #comment-1002")
    assert reply is not None  # the author's answer sits under the comment it answers
    links = thread.select("ul.rf-linked > li")
    assert len(links) == 2
    assert [a["href"] for a in thread.select("ul.rf-linked > li > a")] == [
        "https://participant5.example.org/thing-6/",
        "https://participant7.example.org/thing-6/",
    ]
    assert "8 comments, 2 links" in thread.get_text(" ")
