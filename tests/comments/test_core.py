"""The pure core of comments: one file, a post's questions, threads, counts, problems."""

from __future__ import annotations

import textwrap

from reflective.comments import conversation, core
from reflective.core import questions
from reflective.core.frontmatter import split
from reflective.core.schema import ID_PATTERN, derive_id


def comment(front: str, body: str = "Hello.") -> str:
    return "---\n" + textwrap.dedent(front).strip("\n") + "\n---\n" + body + "\n"


def read(front: str, body: str = "Hello.", name: str = "c.md"):
    return core.read(comment(front, body), name)


def formatted(problems) -> list[str]:
    return [p.format() for p in problems]


def test_a_full_comment_is_plain_data():
    data, problems = read(
        """
        id: c1
        author: Priya N
        date: 2011-07-19 21:14
        website: https://priya.example.org/
        answers: [asking-for-recs]
        """
    )
    assert problems == []
    assert data["id"] == "c1" and data["author"] == "Priya N"
    assert data["date"] == "2011-07-19T21:14:00"
    assert data["type"] == "comment" and data["answers"] == ["asking-for-recs"]
    assert data["body"] == "Hello."
    assert data["lines"]["answers"] == 6


def test_numeric_ids_as_written_wordpress_style():
    data, problems = read("id: 1042\nauthor: A\ndate: 2011-07-19\nreplyto: 1041")
    assert problems == [] and data["id"] == "1042" and data["replyto"] == "1041"


def test_missing_required_fields_each_named_with_a_line():
    _, problems = read("website: https://x.example/")
    fields = {p.field: p for p in problems}
    assert set(fields) == {"id", "author", "date"}
    assert all(p.file == "c.md" and p.line for p in problems)


def test_bad_dates_and_urls_and_types():
    _, problems = read(
        """
        id: c1
        author: A
        date: 2011-02-30
        website: javascript:alert(1)
        source: ftp://example.org/x
        type: pingbakc
        """
    )
    text = "\n".join(formatted(problems))
    assert "c.md:4: date: '2011-02-30' is not a real date" in text
    assert "c.md:5: website: 'javascript:alert(1)' is not a web address" in text
    assert "c.md:6: source: 'ftp://example.org/x' is not a web address" in text
    assert "c.md:7: type: unknown type 'pingbakc'" in text and "did you mean 'pingback'" in text


def test_email_addresses_are_refused_never_kept():
    data, problems = read(
        "id: c1\nauthor: A\ndate: 2011-07-19\nemail: a@example.org\nwebsite: mailto:a@example.org",
        body="Write to me at someone@example.org please",
    )
    fields = [p.field for p in problems]
    assert fields.count("email") == 1 and "website" in fields and "body" in fields
    assert data["website"] is None
    assert "a@example.org" not in repr({k: v for k, v in data.items() if k != "body"})


def test_unknown_field_suggests_the_closest():
    _, problems = read("id: c1\nauthor: A\ndate: 2011-07-19\nreply_to: c0")
    assert problems[0].field == "reply_to" and problems[0].suggestion == "replyto"


def test_linkbacks_need_a_source_and_reply_to_nothing():
    _, problems = read("id: p1\nauthor: A blog\ndate: 2011-07-19\ntype: pingback\nreplyto: c1")
    assert {p.field for p in problems} == {"source", "replyto"}


def test_no_front_matter_and_broken_yaml_are_problems():
    _, problems = core.read("just text\n", "x.md")
    assert problems and problems[0].field == "front matter"
    _, problems = core.read("---\nid: [c1\nauthor: A\n---\nbody\n", "y.md")
    assert problems and problems[0].field == "front matter" and problems[0].line == 2


def test_questions_strings_and_mappings_with_derived_ids():
    fm = split(
        "---\nquestions:\n  - Has anyone asked for a recommendation, and how?\n"
        "  - id: meetups\n    text: Structured meet-ups or the pub?\n  - ''\n"
        "  - id: meetups\n    text: Again\n---\n",
        "p.md",
    )
    items, problems = questions.read(fm, "p.md", derive_id, ID_PATTERN)
    assert [q["id"] for q in items] == ["has-anyone-asked-for-a-recommendation", "meetups"]
    assert formatted(problems)[0].startswith("p.md:6: questions[2]: a question needs its text")
    assert "used twice" in formatted(problems)[1]


# -- the conversation ---------------------------------------------------------------


def post(slug="my-post", questions_=()):
    return conversation.PostInfo(
        slug=slug,
        title="My post",
        url=f"{slug}.html",
        source=f"{slug}.md",
        author="Ruth Ashdown",
        questions=[{"id": q, "text": q.replace("-", " "), "line": 3} for q in questions_],
    )


def file(name, folder="my-post", **fields):
    fields.setdefault("author", "Reader")
    fields.setdefault("date", "2011-07-20")
    front = "\n".join(f"{k}: {v}" for k, v in fields.items())
    data, problems = core.read(comment(front), name)
    return conversation.CommentFile(name, folder, data, problems)


def test_threads_nest_replies_and_mark_the_author():
    result = conversation.build(
        [post()],
        [
            file("a.md", id="a", date="2011-07-20 10:00"),
            file("b.md", id="b", replyto="a", author="Ruth  Ashdown", date="2011-07-20 11:00"),
            file("c.md", id="c", replyto="b", date="2011-07-20 12:00"),
            file("d.md", id="d", date="2011-07-19"),
            file("p.md", id="p", type="pingback", source="https://x.example/"),
        ],
    )
    assert result.problems == []
    conv = result.by_slug["my-post"]
    assert [c.id for c in conv.thread] == ["d", "a"]
    a = conv.thread[1]
    assert [c.id for c in a.children] == ["b"] and a.children[0].by_author
    assert [c.id for c in a.children[0].children] == ["c"]
    assert [c.id for c in conv.linkbacks] == ["p"]
    assert conv.counts_text == "4 comments, 1 link"


def test_deep_threads_are_listed_flat_past_the_maximum_depth():
    files = [file("c0.md", id="c0")]
    for n in range(1, 8):
        files.append(file(f"c{n}.md", id=f"c{n}", replyto=f"c{n - 1}", date=f"2011-07-2{n}"))
    conv = conversation.build([post()], files, max_depth=3).by_slug["my-post"]
    level = conv.thread
    for depth in range(2):
        assert len(level) == 1 and level[0].depth == depth
        level = level[0].children
    deepest = level[0]
    assert deepest.id == "c2" and deepest.depth == 2
    assert [c.id for c in deepest.children] == ["c3", "c4", "c5", "c6", "c7"]
    assert all(not c.children for c in deepest.children)
    assert [c.reply_note for c in deepest.children] == [False, True, True, True, True]
    assert deepest.children[2].parent.id == "c4"


def test_problems_of_the_whole_conversation():
    result = conversation.build(
        [post(questions_=["asking-for-recs"]), post("other-post")],
        [
            file("x/a.md", folder="my-psot", id="a"),
            file("x/b.md", folder="my-psot", id="b"),
            file("loose.md", folder=None, id="l"),
            file("c1.md", id="c1"),
            file("c2.md", id="c1"),
            file("r.md", id="r", replyto="c2x"),
            file("s.md", id="s", replyto="s"),
            file("q.md", id="q", answers="[asking-for-rec]"),
            file("o.md", folder="other-post", id="o", answers="[anything]"),
        ],
    )
    text = "\n".join(formatted(result.problems))
    assert text.count("names no post") == 1
    assert "x/a.md: folder: comments/my-psot/ names no post" in text
    assert "(did you mean 'my-post'?)" in text
    assert "loose.md: file: a comment file must be in a folder" in text
    assert "c2.md:2: id: the id 'c1' is also used by c1.md" in text
    assert "r.md:3: replyto: 'c2x' names no comment on this post" in text
    assert "s.md:3: replyto: 's' a comment cannot reply to itself" in text
    assert "q.md:3: answers: 'asking-for-rec' names no question" in text
    assert "(did you mean 'asking-for-recs'?)" in text
    assert "o.md:3: answers: 'anything' names no question of this post (it asks none)" in text
    conv = result.by_slug["my-post"]
    # lenient: every comment with an id is still shown, the twin under a new anchor
    assert sorted(c.id for c in conv.all) == ["c1", "c1-2", "q", "r", "s"]
    assert {c.id for c in conv.thread} == {"c1", "c1-2", "q", "r", "s"}


def test_a_circle_of_replies_is_broken_and_reported():
    result = conversation.build(
        [post()],
        [
            file("a.md", id="a", replyto="b", date="2011-07-20"),
            file("b.md", id="b", replyto="a", date="2011-07-21"),
        ],
    )
    assert [p.field for p in result.problems] == ["replyto"]
    assert "circle" in result.problems[0].message
    conv = result.by_slug["my-post"]
    assert result.problems[0].file == "b.md"  # the later reply is the one shown apart
    assert [c.id for c in conv.thread] == ["b"] and conv.thread[0].children[0].id == "a"


def test_site_questions_open_first_and_answer_links():
    import datetime as dt

    first = post("first", ["q-a", "q-b"])
    first.date = dt.date(2011, 7, 1)
    second = post("second", ["q-c"])
    second.date = dt.date(2011, 8, 1)
    draft = post("draft", ["q-d"])
    draft.draft = True
    result = conversation.build(
        [first, second, draft],
        [
            file("1.md", folder="first", id="c1", answers="[q-a]"),
            file("2.md", folder="first", id="c2", answers="[q-a, q-b]"),
        ],
    )
    assert [(q.id, len(q.answers)) for q in result.questions] == [
        ("q-c", 0),
        ("q-a", 2),
        ("q-b", 1),
    ]
    assert [c.id for c in result.questions[1].answers] == ["c1", "c2"]


def test_read_folder_finds_files_by_post_folder(tmp_path):
    (tmp_path / "a-post").mkdir()
    (tmp_path / "a-post" / "1.md").write_text(comment("id: c1\nauthor: A\ndate: 2011-07-01"))
    (tmp_path / "a-post" / "notes.txt").write_text("not a comment")
    (tmp_path / "loose.md").write_text(comment("id: c2\nauthor: A\ndate: 2011-07-01"))
    (tmp_path / "a-post" / "bad.md").write_bytes(b"---\nid: c3\xff\n---\n")
    files = core.read_folder(str(tmp_path), lambda p: p.replace(str(tmp_path), "comments"))
    assert [(f.name, f.folder) for f in files] == [
        ("comments/a-post/1.md", "a-post"),
        ("comments/a-post/bad.md", "a-post"),
        ("comments/loose.md", None),
    ]
    assert "not UTF-8" in files[1].problems[0].message


def test_comment_settings_defaults_and_bad_values():
    from reflective.comments import config

    values, problems = config.read({})
    assert values["REFLECTIVE_COMMENTS_EMAIL"] is None and problems == []
    values, problems = config.read(
        {
            "REFLECTIVE_COMMENTS_EMAIL": "not an address",
            "REFLECTIVE_COMMENTS_MAX_DEPTH": 0,
            "REFLECTIVE_COMMENTS_ISSO": "ftp://x",
            "REFLECTIVE_COMMENTS_AUTHOR_NAMES": "Ruth",
        }
    )
    assert {p.field for p in problems} == {
        "REFLECTIVE_COMMENTS_EMAIL",
        "REFLECTIVE_COMMENTS_MAX_DEPTH",
        "REFLECTIVE_COMMENTS_ISSO",
    }
    assert values["REFLECTIVE_COMMENTS_MAX_DEPTH"] == 4
    assert values["REFLECTIVE_COMMENTS_AUTHOR_NAMES"] == ["Ruth"]


def test_mail_subject_round_trip_and_reply_text():
    from reflective.comments import mail

    conv_post = post("thing-6-networks")
    conv_post.title = "Thing 6: Networks &amp; nerves"
    made = mail.subject(conv_post, type("C", (), {"id": "priya-1"})())
    assert made == "Re: Thing 6: Networks & nerves [thing-6-networks#comment-priya-1]"
    assert mail.parse_subject("Fwd: " + made) == ("thing-6-networks", "priya-1")
    assert mail.parse_subject("Re: Thing 6 [thing-6-networks]") == ("thing-6-networks", None)
    assert mail.parse_subject("Hello") == (None, None)
    text = "Yes!\n\n> quoted\nMore.\n-- \nSig\n"
    assert mail.reply_text(text) == "Yes!\n\nMore.\n"
    href = mail.reply_href("me@example.org", conv_post)
    assert href.startswith("mailto:me@example.org?subject=Re%3A%20Thing%206")


def test_feed_entries_are_sanitised_dated_and_addressless():
    import io
    import xml.etree.ElementTree as ET

    from reflective.comments import feed

    result = conversation.build(
        [post()],
        [
            file("a.md", id="a", date="2011-07-20 10:00"),
            file("p.md", id="p", type="pingback", source="https://x.example/a?b=1&c=2"),
        ],
    )
    out = io.StringIO()
    feed.write(
        out,
        result.comments,
        {"SITEURL": "https://me.example.org", "TIMEZONE": "Europe/London", "SITENAME": "S"},
        "feeds/comments.atom.xml",
    )
    tree = ET.fromstring(out.getvalue())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = tree.findall("a:entry", ns)
    assert [e.find("a:title", ns).text for e in entries] == [  # newest first
        "Reader commented on My post",
        "Reader linked to My post",
    ]
    assert entries[0].find("a:published", ns).text == "2011-07-20T10:00:00+01:00"
    assert entries[0].find("a:summary", ns) is None
    assert entries[0].find("a:author/a:name", ns).text == "Reader"
    assert entries[0].find("a:author/a:email", ns) is None
    assert 'href="https://x.example/a?b=1&amp;c=2"' in entries[1].find("a:content", ns).text


def test_the_shared_format_writes_what_the_reader_reads_back():
    import datetime as dt

    from reflective.core import comment_format

    fields = {
        "id": 1042,
        "author": 'Ann "Annie" O\'Neil: librarian #1 & co',
        "date": dt.datetime(2011, 7, 19, 21, 14, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        "website": "https://ann.example/?a=1&b=2",
        "replyto": "1041",
        "answers": ["asking-for-recs"],
        "email": "never@example.org",  # not a field of the format: never written
    }
    text = comment_format.render(fields, "\nHello *there*.\n\n")
    assert "never@example.org" not in text and 'id: "1042"' in text
    data, problems = core.read(text, "c.md")
    assert problems == []
    assert (data["id"], data["replyto"], data["author"]) == ("1042", "1041", fields["author"])
    assert data["date"] == "2011-07-19T21:14:00+01:00"
    assert data["website"] == fields["website"] and data["answers"] == ["asking-for-recs"]
    assert data["body"] == "Hello *there*."
    ping = comment_format.render(
        {"id": "p1", "type": "pingback", "author": "A blog", "date": dt.date(2011, 7, 20),
         "source": "https://b.example/post/"},
        "",
    )  # fmt: skip
    data, problems = core.read(ping, "p.md")
    assert problems == [] and data["type"] == "pingback" and data["date"] == "2011-07-20"
