"""Markup others can read (SPEC §8): microformats2 on posts, comments and the home page,
`in_reply_to:`, the endpoint's links; read back with mf2py as other sites read it."""

from __future__ import annotations

import mf2py
import pytest

from .support import kit_site, reflective
from sitebuild import build, post

SITE = "https://me.example.org"
COMMENTS = {
    "comments/first-steps/c1.md": '---\nid: c1\nauthor: "Dana"\ndate: 2011-07-02 10:00\n'
    'website: "https://dana.example/"\n---\nA first comment.\n',
    "comments/first-steps/c2.md": '---\nid: c2\nauthor: "Ed"\ndate: 2011-07-03\nreplyto: c1\n'
    "---\nA reply.\n",
    "comments/first-steps/p1.md": '---\nid: p1\nauthor: "A blog"\ndate: 2011-07-04\n'
    'type: pingback\nsource: "https://blog.example/x"\n---\n',
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = kit_site(
        tmp_path_factory.mktemp("markup") / "site",
        {
            "first.md": post(
                "First steps",
                date="2011-06-01",
                front="tags: [reflection, libraries]\n"
                "in_reply_to: https://other.example/2011/their-post/",
                body="Some words of **reflection**.",
            ),
            **COMMENTS,
        },
        SITEURL=SITE,
        REFLECTIVE_WEBMENTION="https://webmention.io/me.example.org/webmention",
        REFLECTIVE_REL_ME=["https://social.example/@me", "https://github.com/me"],
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


def parse(site, path):
    text = (site / "output" / path).read_text("utf-8")
    return mf2py.parse(doc=text, url=f"{SITE}/{path.removesuffix('index.html')}")


def test_a_post_is_an_h_entry(site):
    data = parse(site, "2011/first-steps/index.html")
    entry = next(i for i in data["items"] if "h-entry" in i["type"])
    props = entry["properties"]
    assert props["name"] == ["First steps"]
    assert props["url"] == [f"{SITE}/2011/first-steps/"]
    assert props["published"][0].startswith("2011-06-01")
    assert "Some words of reflection." in props["content"][0]["value"]
    assert "<strong>reflection</strong>" in props["content"][0]["html"]
    assert props["category"] == ["reflection", "libraries"]
    assert props["in-reply-to"] == ["https://other.example/2011/their-post/"]
    author = props["author"][0]
    assert author["type"] == ["h-card"] and author["properties"]["name"] == ["Test Author"]
    comments = props["comment"]
    assert all(c["type"] == ["h-cite"] for c in comments)
    names = [c["properties"]["author"][0]["properties"]["name"][0] for c in comments]
    assert sorted(names) == ["A blog", "Dana", "Ed"]
    dana = next(c for c in comments if "Dana" in str(c["properties"]["author"]))
    assert dana["properties"]["author"][0]["properties"]["url"] == ["https://dana.example/"]
    assert "A first comment." in dana["value"]  # p-comment: its text
    # (no u-url or dt-published on comments: the sample's post with a thread stays in its
    # 30 KB budget with the cohort's section; their anchors and <time> are there)
    linked = next(c for c in comments if "A blog" in str(c["properties"]["author"]))
    assert linked["properties"]["url"][0]["value"] == "https://blog.example/x"  # also its h-card
    # the post's own text: the comments and the action list are not in its content
    assert "A first comment" not in props["content"][0]["value"]


def test_the_home_page_has_an_h_card_with_rel_me(site):
    data = parse(site, "index.html")
    assert data["rels"]["me"] == ["https://social.example/@me", "https://github.com/me"]
    card = next(i for i in data["items"] if i["type"] == ["h-card"])
    assert card["properties"]["name"] == ["Test Author"]
    assert f"{SITE}/" in card["properties"]["url"]
    assert "https://social.example/@me" in card["properties"]["url"]


def test_every_page_names_the_endpoint_and_the_pingback_bridge(site):
    for path in ("index.html", "2011/first-steps/index.html"):
        rels = parse(site, path)["rels"]
        assert rels["webmention"] == ["https://webmention.io/me.example.org/webmention"]
        assert rels["pingback"] == ["https://webmention.io/me.example.org/xmlrpc"]


def test_no_endpoint_no_link(tmp_path):
    root = kit_site(tmp_path / "site", {"a.md": post("A")})
    assert build(root).returncode == 0
    text = (root / "output" / "index.html").read_text()
    assert 'rel="webmention"' not in text and 'rel="pingback"' not in text
    assert 'rel="me"' not in text and 'class="h-card me"' in text


def test_a_bad_in_reply_to_is_a_problem_in_check_and_build(tmp_path):
    root = kit_site(
        tmp_path / "site",
        {"a.md": post("A", front="in_reply_to: [https://ok.example/, not a link]")},
    )
    result = reflective(root, "check")
    assert result.returncode == 1
    assert "a.md:4: in_reply_to[1]: expected the http(s) address" in result.stdout
    built = build(root)
    assert built.returncode != 0 and "in_reply_to[1]" in built.stdout + built.stderr


def test_bad_mention_settings_are_problems(tmp_path):
    root = kit_site(
        tmp_path / "site",
        {"a.md": post("A")},
        REFLECTIVE_WEBMENTION="webmention.io",
        REFLECTIVE_REL_ME="not a url",
    )
    (root / "webmention-blocklist.txt").write_text("spam.example\nnot a domain!\n")
    (root / "webmentions.json").write_text('{"something": "else"}')
    result = reflective(root, "check")
    assert result.returncode == 1
    out = result.stdout
    assert "REFLECTIVE_WEBMENTION: 'webmention.io' is not an http(s) address" in out
    assert "REFLECTIVE_REL_ME: must be a list" in out
    assert "webmention-blocklist.txt:2: line: 'not a domain!' is neither" in out
    assert "webmentions.json: file: is not a mentions state file" in out
