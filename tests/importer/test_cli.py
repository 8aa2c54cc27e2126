"""`reflective import` as the author runs it: the real command in a subprocess, on a new
site, with the fixture exports (WordPress, Blogger Takeout and classic, Pelican's own
test export) and with bad input. Builds of the imported sites are in test_build.py."""

from __future__ import annotations

import datetime as dt
import zipfile

import yaml

from ._support import FIXTURES, PELICAN_EXPORT, make_site, reflective_import, run, snapshot

WP = FIXTURES / "wordpress-cpd.xml"


def _front(path):
    text = path.read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body


def test_wordpress_posts_things_actions_and_drafts(tmp_path):
    site = make_site(tmp_path)
    result = reflective_import(site, "wordpress", WP)
    assert result.returncode == 0, result.stderr
    posts = site / "content" / "posts"
    fields, body = _front(posts / "2011-06-27-thing-3-personal-brand.md")
    assert fields["title"] == "Thing 3: a personal brand, or at least a tidy one"
    assert fields["date"] == "2011-06-27 20:15" and fields["slug"] == "thing-3-personal-brand"
    assert fields["author"] == "Hedgerow" and fields["category"] == "cpd23"
    assert fields["tags"] == ["branding"] and fields["thing"] == 3
    assert fields["actions"] == [
        "Write a two-line *work* biography and use it everywhere",
        "Replace the photo on every profile with the same recent one",
    ]
    assert fields["old_urls"] == ["/2011/06/27/thing-3-personal-brand/"]
    assert "Action points" not in body and "two-line" not in body
    assert "- the swimming club" in body  # a list that is not a plan stays
    things = {
        name: _front(posts / name)[0].get("thing")
        for name in (
            "2011-07-04-thing-4-current-awareness.md",
            "2011-07-11-thing-five-reflection.md",
            "2011-08-08-things-8-9.md",
            "2011-08-29-things-10-12.md",
            "2011-07-25-committee-day.md",
            "2011-09-05-library-camp.md",
            "2011-09-12-catching-up.md",
            "2011-09-19-two-things.md",
            "2011-09-26-thing-30.md",
        )
    }
    assert list(things.values()) == [4, 5, [8, 9], [10, 11, 12], 7, 13, None, None, None]
    # a repeated task gets an id of its own, so the site's ids stay unique
    actions = _front(posts / "2011-07-11-thing-five-reflection.md")[0]["actions"]
    assert actions[2] == {
        "id": "write-one-reflective-paragraph-every-friday-2",
        "text": "Write **one** reflective paragraph every Friday",
    }
    for name, why in (
        ("2011-10-03-thing-14-half-written-draft.md", "a draft"),
        ("2011-10-04-a-private-grumble.md", "private"),
        ("2011-10-05-committee-only.md", "password-protected"),
        ("2011-10-06-waiting.md", "pending review"),
        ("2011-10-07-thing-15.md", "scheduled"),
    ):
        fields = _front(posts / name)[0]
        assert fields["status"] == "draft" and "old_urls" not in fields
        assert f"draft: {why} in the export" in result.stdout
    assert not list(posts.glob("*binned*")) and not list(posts.glob("*auto*"))
    assert (site / "content" / "pages" / "about.md").is_file()
    report = (site / "reflective-import-report.txt").read_text(encoding="utf-8")
    assert report == result.stdout
    check = run("check", cwd=site)
    assert check.returncode == 0, check.stdout + check.stderr
    for line in (
        "Thing 3 (from the title); 2 actions lifted from the list under 'Action points'",
        "Thing 7 (from the tag)",
        "Thing 13 (from the body)",
        "the body mentions several Things (2; 14); none chosen",
        "names Thing 30, which is not in the programme",
        "item 125 'Binned': not imported: in the trash",
        "1 × nav_menu_item: WordPress's own data, not content",
        "unknown post type 'wpcf7_contact_form'",
        "1 spam",
        "1 pending moderation",
        "1 in the trash",
        "shortcode [poll] left as text",
        "Removed 1 character(s) that XML does not allow",
        "https://hedgerowlibrarian.example.com/wp-content/uploads/2011/08/notebook.jpg: linked to its old address",
        "Files: 24 new",
    ):
        assert line in report, line


def test_comments_threads_and_pingbacks_per_spec(tmp_path):
    site = make_site(tmp_path)
    assert reflective_import(site, "wordpress", WP).returncode == 0
    folder = site / "content" / "comments" / "thing-3-personal-brand"
    files = {p.stem: _front(p) for p in folder.glob("*.md")}
    assert sorted(files) == ["201", "202", "203", "207", "208", "209"]  # no spam, pending, trash
    first, body = files["201"]
    assert first == {
        "id": "201",
        "author": "Marisol Tern",
        "date": dt.datetime(2011, 6, 28, 8, 2),
        "website": "https://terns-nest.example.org/",
    }
    assert (
        body
        == "I had the same namesake problem! Mine is a racehorse.\n\nDid you claim your name on the big networks first?\n"
    )
    assert files["202"][0]["replyto"] == "201" and files["203"][0]["replyto"] == "202"
    ping = files["207"][0]
    assert ping["type"] == "pingback" and ping["author"] == "Branding thoughts « Wren reads"
    assert ping["source"] == "https://wrenreads.example.org/2011/06/30/branding/"
    assert "website" not in ping and files["208"][0]["type"] == "trackback"
    assert "website" not in files["209"][0]  # javascript: is not a website
    everything = "".join(p.read_text() for p in (site / "content").rglob("*.md"))
    assert "@example" not in everything and "[e-mail address removed]" in files["203"][1]
    # the private post's comment is kept with it, unpublished as the post is
    assert (site / "content" / "comments" / "a-private-grumble" / "230.md").is_file()
    # comments belong to posts: a page's are counted, not written
    assert not (site / "content" / "comments" / "about").exists()
    report = (site / "reflective-import-report.txt").read_text()
    assert "1 on a page (comments belong to posts)" in report
    # the date is a YAML date, as comment files need, not a quoted string
    assert "\ndate: 2011-06-28 08:02:00\n" in (folder / "201.md").read_text()


def test_a_second_run_changes_nothing_and_edits_are_kept(tmp_path):
    site = make_site(tmp_path)
    assert reflective_import(site, "wordpress", WP).returncode == 0
    before = snapshot(site)
    again = reflective_import(site, "wordpress", WP)
    assert again.returncode == 0 and "Files: 24 unchanged" in again.stdout
    after = snapshot(site)
    assert {k: v for k, v in after.items() if "report" not in k} == {
        k: v for k, v in before.items() if "report" not in k
    }
    post = site / "content" / "posts" / "2011-07-04-thing-4-current-awareness.md"
    edited = post.read_text(encoding="utf-8").replace("three feed readers", "four feed readers")
    post.write_text(edited, encoding="utf-8")
    third = reflective_import(site, "wordpress", WP)
    assert third.returncode == 0 and "1 kept" in third.stdout and "--force" in third.stdout
    assert post.read_text(encoding="utf-8") == edited
    forced = reflective_import(site, "wordpress", WP, "--force")
    assert forced.returncode == 0 and "1 overwritten" in forced.stdout
    assert "three feed readers" in post.read_text(encoding="utf-8")


def test_dry_run_writes_nothing(tmp_path):
    site = make_site(tmp_path)
    before = snapshot(site)
    result = reflective_import(site, "wordpress", WP, "--dry-run")
    assert result.returncode == 0 and "dry run: nothing was written" in result.stdout
    assert "Files would be: 24 new" in result.stdout
    assert snapshot(site) == before
    assert not [p for p in site.iterdir() if p.name.startswith(".reflective-import")]


def test_pelicans_own_wordpress_export(tmp_path):
    site = make_site(tmp_path)
    result = reflective_import(site, "wordpress", PELICAN_EXPORT)
    assert result.returncode == 0, result.stderr
    assert "7 posts, 2 pages, 4 drafts" in result.stdout
    assert "2 × custom1: unknown post type" in result.stdout
    caption = (site / "content" / "posts" / "2012-02-16-caption-on-image.md").read_text()
    assert "<figcaption>This also a pelican</figcaption>" in caption
    # root-relative links pointed at the old site: they stay pointing there
    assert 'src="http://thisisa.test/theme/img/' in caption
    code = (site / "content" / "posts" / "2012-02-16-code-in-list-test.md").read_text()
    assert "for i in zip(a, b):" in code
    entity = _front(site / "content" / "posts" / "2012-02-16-html-entity-test.md")[0]
    assert (
        entity["title"]
        == "A normal post with some <html> entities in the title. You can't miss them."
    )
    assert "its old address http://thisisa.test/?p=175 is a query" in result.stdout


def test_blogger_takeout_feed_and_zip(tmp_path):
    export = FIXTURES / "blogger-takeout.atom"
    site = make_site(tmp_path)
    result = reflective_import(site, "blogger", export)
    assert result.returncode == 0, result.stderr
    content = site / "content"
    fields, body = _front(content / "posts" / "2011-06-22-thing-2-reading-other-peoples-blogs.md")
    assert fields["thing"] == 2 and fields["slug"] == "thing-2-reading-other-peoples-blogs"
    assert fields["actions"] == [
        "Comment on three new blogs each week",
        "Keep my own posts under 600 words",
    ]
    assert fields["old_urls"] == ["/2011/06/thing-2-reading-other-peoples-blogs.html"]
    assert (
        body
        == "Reading twenty blogs in a week taught me that short posts get finished.\n\nLong ones get bookmarked and forgotten.\n"
    )
    assert _front(content / "posts" / "2011-06-30-thing-3-not-finished.md")[0]["status"] == "draft"
    assert _front(content / "posts" / "2011-07-06-sketching-in-stacks.md")[0]["thing"] == 4
    assert (content / "pages" / "who-writes-this.md").is_file()
    reply = _front(content / "comments" / "thing-2-reading-other-peoples-blogs" / "9102.md")[0]
    assert reply["replyto"] == "9101"
    assert (
        "1 spam" in result.stdout
        and "'Deleted test post': not imported: in the trash" in result.stdout
    )
    # the Takeout archive itself works too, with the same result
    archive = tmp_path / "takeout.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(export, "Takeout/Blogger/Blogs/Stacks and Sketches/feed.atom")
    again = reflective_import(site, "blogger", archive)
    assert again.returncode == 0 and "Files: 6 unchanged" in again.stdout
    two = tmp_path / "two-blogs.zip"
    with zipfile.ZipFile(two, "w") as out:
        out.write(export, "Takeout/Blogger/Blogs/One/feed.atom")
        out.write(export, "Takeout/Blogger/Blogs/Two/feed.atom")
    refused = reflective_import(site, "blogger", two)
    assert refused.returncode == 1 and "holds 2 blogs" in refused.stderr


def test_blogger_classic_export(tmp_path):
    site = make_site(tmp_path)
    result = reflective_import(site, "blogger", FIXTURES / "blogger-classic.xml")
    assert result.returncode == 0, result.stderr
    fields, _ = _front(site / "content" / "posts" / "2011-07-19-networking-for-people.md")
    assert fields["thing"] == 6 and len(fields["actions"]) == 2
    comments = site / "content" / "comments" / "networking-for-people"
    first, body = _front(comments / "4001.md")
    assert body == "Same here. The groups are the useful part.\n\nWhich one did you join?\n"
    assert _front(comments / "4002.md")[0]["replyto"] == "4001"
    assert "1 × settings" in result.stdout and "1 × template" in result.stdout


def test_bad_input_is_refused_and_nothing_is_written(tmp_path):
    site = make_site(tmp_path)
    before = snapshot(site)
    full = WP.read_text(encoding="utf-8")
    cases = {
        "truncated.xml": (full[: len(full) // 2], "the export ends early"),
        "bomb.xml": (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "x"><!ENTITY b "&a;&a;&a;">]><rss>&b;</rss>',
            "declares an XML entity",
        ),
        "page.html": ("<html><head><title>x</title></head></html>", "not a WordPress export"),
        "feed.xml": ((FIXTURES / "blogger-classic.xml").read_text(), "reflective import blogger"),
    }
    for name, (text, message) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = reflective_import(site, "wordpress", path)
        assert result.returncode == 1, name
        assert message in result.stderr and name in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert snapshot(site) == before, name
        assert not [p for p in site.iterdir() if p.name.startswith(".reflective-import")]
    missing = reflective_import(site, "wordpress", tmp_path / "nope.xml")
    assert missing.returncode == 1 and "no such file" in missing.stderr
    wrong = reflective_import(site, "blogger", WP)
    assert wrong.returncode == 1 and "reflective import wordpress" in wrong.stderr


def test_media_folder_makes_links_local(tmp_path):
    site = make_site(tmp_path)
    media = tmp_path / "downloaded" / "2011" / "08"
    media.mkdir(parents=True)
    (media / "calendar.png").write_bytes(b"\x89PNG calendar")
    result = reflective_import(site, "wordpress", WP, "--media", str(tmp_path / "downloaded"))
    assert result.returncode == 0, result.stderr
    post = (site / "content" / "posts" / "2011-08-08-things-8-9.md").read_text()
    assert 'src="{static}/media/2011/08/calendar.png"' in post  # the -300x200 size too
    assert (
        "notebook.jpg" in post
        and "https://hedgerowlibrarian.example.com/wp-content/uploads/2011/08/notebook.jpg" in post
    )
    assert (
        site / "content" / "media" / "2011" / "08" / "calendar.png"
    ).read_bytes() == b"\x89PNG calendar"
    assert "calendar.png: found in the media folder: 2011/08/calendar.png" in result.stdout
    assert "notebook.jpg: NOT in the media folder" in result.stdout
    assert "add 'media' to STATIC_PATHS" in result.stderr
