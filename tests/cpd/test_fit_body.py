"""A post's HTML made to sit in the portfolio (pure: `portfolio.fit_body`)."""

from __future__ import annotations

import base64

from reflective.cpd.portfolio import fit_body

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_headings_go_under_the_post_title_and_ids_stay_unique():
    html = fit_body(
        '<h1 id="a">One</h1><h2 id="b">Two</h2><h5>Five</h5><h6>Six</h6><a href="#b">to two</a>',
        "post-3",
        {},
        "",
        [],
    )
    assert '<h3 id="post-3-a">One</h3>' in html
    assert '<h3 id="post-3-b">Two</h3>' in html
    assert "<h6>Five</h6><h6>Six</h6>" in html
    assert '<a href="#post-3-b">to two</a>' in html


def test_links_to_printed_posts_stay_inside_and_other_site_links_are_dropped():
    targets = {"posts/2011/b/": "post-2"}
    body = (
        '<a href="/posts/2011/b/">printed</a> <a href="/posts/2011/c/">not printed</a> '
        '<a href="https://example.org/x">outside</a> <a href="mailto:a@b.c">mail</a>'
    )
    html = fit_body(body, "post-1", targets, "", [])
    assert '<a href="#post-2">printed</a>' in html
    assert "<a>not printed</a>" in html
    assert '<a href="https://example.org/x">outside</a>' in html
    assert 'href="mailto:a@b.c"' in html
    # With a full SITEURL, a page that is not printed is linked on the site.
    html = fit_body('<a href="https://me.example.org/posts/2011/c/">c</a>', "p", {}, "https://me.example.org", [])  # fmt: skip
    assert '<a href="https://me.example.org/posts/2011/c/">c</a>' in html


def test_local_images_are_embedded_and_remote_ones_become_links(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "dot.png").write_bytes(PNG)
    html = fit_body(
        '<img alt="a dot" src="/images/dot.png"><img src="https://example.org/x.png" alt="far">'
        '<img src="missing.png" alt="gone">',
        "p",
        {},
        "",
        [str(tmp_path)],
    )
    assert '<img alt="a dot" src="data:image/png;base64,' in html
    assert '<a href="https://example.org/x.png">[far, on the web]</a>' in html
    assert "[gone]" in html and "missing.png" not in html


def test_task_list_checkboxes_become_symbols_with_words():
    html = fit_body(
        '<li><label><input type="checkbox" disabled checked/> done it</label></li>'
        '<li><label><input type="checkbox" disabled/> not yet</label></li>',
        "p",
        {},
        "",
        [],
    )
    assert "<input" not in html
    assert '☑ <span class="task-state">(done)</span>' in html
    assert '☐ <span class="task-state">(to do)</span>' in html
