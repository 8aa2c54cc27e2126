"""The importer's pure core with plain data: Things, WordPress's text, the closing task
list, the safe stream reader (bad characters, entity bombs, external entities, truncation)."""

from __future__ import annotations

import pytest

from reflective.core import things
from reflective.importer import tomarkdown, wptext, wxr
from reflective.importer.redirects import check, page, save_as
from reflective.importer.xmlstream import Cleaned, ExportError

CPD23 = set(range(1, 24))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Thing 6: online networks", [6]),
        ("Thing #6 – networks", [6]),
        ("thing six, at last", [6]),
        ("Thing twenty-three: reflecting on the whole thing", [23]),
        ("Things 8 & 9: calendars and notes", [8, 9]),
        ("Things 8 and 9", [8, 9]),
        ("Things 10–12: three at once", [10, 11, 12]),
        ("Things 10 to 12", [10, 11, 12]),
        ("CPD23 Thing 4 - current awareness", [4]),
    ],
)
def test_thing_from_the_title(title, expected):
    found = things.detect(title, [], "", CPD23)
    assert (found.things, found.source) == (expected, "title")


@pytest.mark.parametrize("tag", ["thing6", "Thing 6", "cpd23thing6", "cpd23-thing-6", "thing_6"])
def test_thing_from_a_tag(tag):
    found = things.detect("Online networks", ["cpd23", tag], "", CPD23)
    assert (found.things, found.source) == ([6], "tag")


def test_thing_from_the_body_as_a_last_resort():
    body = "Part of 23 Things for Professional Development. The networks suggested in Thing 6 were new."
    found = things.detect("Networks", ["cpd23"], body, CPD23)
    assert (found.things, found.source) == ([6], "body")
    # the title wins over a tag, a tag over the body
    assert things.detect("Thing 2", ["thing3"], "Thing 4", CPD23).things == [2]
    assert things.detect("x", ["thing3"], "Thing 4", CPD23).things == [3]


@pytest.mark.parametrize(
    "title,body",
    [
        ("Catching up on things", "So many things to do, and things to read."),
        ("23 Things for Professional Development", "I signed up to 23 Things today."),
        ("Twenty-three things I learned", ""),
    ],
)
def test_unrelated_words_are_never_a_thing(title, body):
    found = things.detect(title, ["cpd23", "things"], body, CPD23)
    assert found.things == [] and not found.ambiguous


def test_ambiguous_things_are_left_out_with_the_reason():
    several = things.detect("Notes", [], "After Thing 2 and before Thing 14.", CPD23)
    assert several.things == [] and "several Things" in several.note
    outside = things.detect("Thing 30: oops", [], "", CPD23)
    assert outside.things == [] and "not in the programme" in outside.note


def test_autop_as_wordpress_does():
    html = wptext.autop("One\ntwo\n\nThree\n<ul>\n<li>a</li>\n</ul>\nFour")
    assert html.startswith("<p>One<br />\ntwo</p>")
    assert "<p>Three</p>" in html and "<ul>" in html and "<p>Four</p>" in html
    assert "<p><ul>" not in html


def test_code_is_kept_byte_for_byte():
    stored = 'Intro\n\n<pre>a  =  1\n\n\nb = 2</pre>\n\n[code lang="python"]\nif a &lt; b:\n\n    pass\n[/code]'
    markdown = tomarkdown.to_markdown(wptext.expand(stored))
    assert "```\na  =  1\n\n\nb = 2\n```" in markdown
    assert "```python\nif a < b:\n\n    pass\n```" in markdown


def test_shortcodes_and_embeds():
    notes = wptext.Notes()
    attachments = {"7": wptext.Attachment("https://x.example/a.png", "a", "A chart", "1")}
    stored = (
        '[caption id="attachment_7" width="300"]<img src="https://x.example/a.png" /> A chart[/caption]\n\n'
        '[gallery ids="7"]\n\nhttps://www.youtube.com/watch?v=abc\n\n[embed]https://vimeo.com/1[/embed]\n\n[poll id="3"]'
    )
    html = wptext.expand(stored, post_ref="1", attachments=attachments, notes=notes)
    assert (
        '<figure><img alt="A chart" src="https://x.example/a.png"/><figcaption>A chart</figcaption></figure>'
        in html
    )
    assert (
        '<ul class="gallery"><li><img src="https://x.example/a.png" alt="A chart"></li></ul>'
        in html
    )
    assert 'href="https://www.youtube.com/watch?v=abc">YouTube:' in html
    assert 'href="https://vimeo.com/1">Vimeo:' in html
    assert notes.unknown_shortcodes == {"poll"} and notes.captions == 1 and notes.embeds == 2


def test_entities_and_smart_quotes_come_through_as_characters():
    markdown = tomarkdown.to_markdown(
        wptext.expand("It&#8217;s &ldquo;fine&rdquo; &amp; done&nbsp;now")
    )
    assert markdown.strip() == "It’s “fine” & done now"


def _lift(stored: str):
    doc = tomarkdown.soup(wptext.expand(stored))
    items, why = tomarkdown.lift_actions(doc)
    return items, why, tomarkdown.to_markdown(doc)


@pytest.mark.parametrize(
    "lead",
    [
        "<h3>Action points</h3>",
        "<strong>Next steps</strong>",
        "<b>To do:</b>",
        "So I think I should set myself some tasks based on this:",
        "These are my goals for the month:",
    ],
)
def test_a_closing_task_list_becomes_actions(lead):
    items, why, body = _lift(
        f"Some reflection.\n\n{lead}\n<ul>\n<li>Do <em>one</em> thing</li>\n<li>Do another</li>\n</ul>"
    )
    assert items == ["Do *one* thing", "Do another"] and why
    assert "Do another" not in body and "Some reflection." in body


@pytest.mark.parametrize(
    "stored",
    [
        "These are the networks I tried:\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>",
        # more writing after the list, not a sign-off (tests/importer/test_lift.py)
        "<h3>Action points</h3>\n<ul>\n<li>one</li>\n</ul>\n\nA paragraph after the list "
        "that goes on to reflect at length about why these tasks matter, what got in the way "
        "last time and what might be different now.",
        "Some reflection.\n<ul>\n<li>one</li>\n</ul>",
    ],
)
def test_other_lists_stay_in_the_body(stored):
    items, _, body = _lift(stored)
    assert items == [] and "- one" in body


def test_redirect_paths_are_checked_and_placed():
    paths, problems = check(["/2011/07/18/a/", "/p/b.html", "relative", "/../x", "/a?p=1"], "f.md")
    assert paths == ["/2011/07/18/a/", "/p/b.html"]
    assert [p.field for p in problems] == ["old_urls[2]", "old_urls[3]", "old_urls[4]"]
    assert save_as("/2011/07/18/a/") == "2011/07/18/a/index.html"
    assert save_as("/p/b.html") == "p/b.html"
    text = page("A <title>", "https://me.example.org/posts/2011/a/")
    assert '<link rel="canonical" href="https://me.example.org/posts/2011/a/">' in text
    assert (
        '<meta http-equiv="refresh" content="0; url=https://me.example.org/posts/2011/a/">' in text
    )
    assert "A &lt;title&gt;" in text


# -- the stream reader -------------------------------------------------------------------

HEAD = '<?xml version="1.0"?>\n'
WXR = '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>t</title>{}</channel></rss>'


def _read(tmp_path, text: str | bytes):
    path = tmp_path / "export.xml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    cleaned = Cleaned()
    return list(wxr.read(str(path), cleaned)), cleaned


def test_characters_xml_forbids_are_removed_and_counted(tmp_path):
    item = "<item><title>Bad\x0b chars\x01</title><wp:post_type>post</wp:post_type><content:encoded xmlns:content='http://purl.org/rss/1.0/modules/content/'>a &#x1;b</content:encoded></item>"
    records, cleaned = _read(tmp_path, HEAD + WXR.format(item))
    assert records[1].title == "Bad chars" and records[1].body_html == "a b"
    assert cleaned.count == 3 and cleaned.lines == [2]


def test_an_entity_bomb_is_refused(tmp_path):
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + ']>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&i;</title></channel></rss>'
    )
    with pytest.raises(ExportError, match="declares an XML entity"):
        _read(tmp_path, bomb)


def test_an_external_entity_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>\n<rss><channel><title>&x;</title></channel></rss>'
    with pytest.raises(ExportError, match="refused|Refused") as caught:
        _read(tmp_path, xxe)
    assert "TOP SECRET" not in str(caught.value)


def test_truncated_and_foreign_files_get_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match=r"export\.xml:\d+: the export ends early"):
        _read(tmp_path, HEAD + WXR.format("<item><title>cut off")[:-30])
    with pytest.raises(ExportError, match="not a WordPress export"):
        _read(tmp_path, "<html><body>hello</body></html>")
    with pytest.raises(ExportError, match="reflective import blogger"):
        _read(tmp_path, '<feed xmlns="http://www.w3.org/2005/Atom"></feed>')
    with pytest.raises(ExportError, match="not well-formed"):
        _read(tmp_path, "this is not XML at all")
