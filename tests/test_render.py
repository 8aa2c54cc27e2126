"""render: inline Markdown is rendered, raw HTML and unsafe links are not."""

from reflective.core import render


def test_plain_text_is_escaped():
    assert render.inline("Tea & biscuits") == "Tea &amp; biscuits"


def test_inline_markdown():
    out = render.inline("Ask for a [recommendation](https://example.org/help), *soon*, `now`")
    assert '<a href="https://example.org/help">recommendation</a>' in out
    assert "<em>soon</em>" in out and "<code>now</code>" in out
    assert not out.startswith("<p>")


def test_raw_html_is_shown_as_text():
    out = render.inline('Fix <script>alert("x")</script> and <b>bold</b>')
    assert "<script>" not in out and "&lt;script&gt;" in out and "<b>" not in out


def test_unsafe_links_lose_their_href():
    out = render.inline("[click](javascript:alert(1)) and [ok](mailto:a@b.org) [rel](../x/)")
    assert "javascript:" not in out
    assert 'href="mailto:a@b.org"' in out and 'href="../x/"' in out


def test_plain():
    assert (
        render.plain("Ask for a [recommendation](https://x.org), *soon*")
        == "Ask for a recommendation, soon"
    )
