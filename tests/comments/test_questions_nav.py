"""The questions page in the site's navigation (the kit's theme), in real builds: there
on every page when some published post asks readers a question, marked as the current
page on itself, at its own address; absent when no published post asks one (a draft's
questions do not count) and when REFLECTIVE_QUESTIONS_SAVE_AS is "" (no page)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from sitebuild import REPO, build, make_site, post

PUBLISHED = dict(
    THEME=str(REPO / "theme"),
    REFLECTIVE_APPEND_TO_CONTENT=False,
    SITEURL="https://me.example.org/blog",
    REFLECTIVE_SEARCH=False,  # not what these tests are about; saves a Pagefind run each
)
ASKING = post("Asking post", "thing: 3\nquestions:\n  - What would you try first?")
QUIET = post("Quiet post", "thing: 4", date="2011-07-05")
DRAFT_ASKING = post(
    "Draft that asks", "thing: 5\nstatus: draft\nquestions:\n  - Is anyone there?", "2011-07-08"
)
ABOUT = "---\ntitle: About\n---\nAbout this blog.\n"


def _build(tmp_path, files, **settings):
    root = make_site(tmp_path, {"pages/about.md": ABOUT, **files}, **PUBLISHED, **settings)
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


def _nav(output, name):
    soup = BeautifulSoup((output / name).read_text(encoding="utf-8"), "html.parser")
    return soup.find("nav", attrs={"aria-label": "Main"})


def _pages(output):
    return sorted(
        str(p.relative_to(output)) for p in output.rglob("*.html") if "drafts" not in p.parts
    )


def test_on_every_page_when_a_post_asks_and_current_on_itself(tmp_path):
    output = _build(tmp_path, {"posts/asking.md": ASKING, "posts/quiet.md": QUIET})
    assert (output / "questions" / "index.html").exists()
    pages = _pages(output)
    expected = {"index.html", "asking-post.html", "pages/about.html", "things/3/index.html"}
    assert expected <= set(pages)
    for name in pages:
        nav = _nav(output, name)
        links = nav.select(":scope > ul > li > a")
        texts = [a.get_text() for a in links]
        assert "Questions" in texts, name
        questions = links[texts.index("Questions")]
        assert questions["href"] == "/blog/questions/", name
        # among the capability pages, before the archives; the Things menu comes first
        assert texts.index("Progress") < texts.index("Questions") < texts.index("Archives")
        current = questions.get("aria-current")
        assert current == ("page" if name == "questions/index.html" else None), name
    # the one page that is current is the questions page itself
    nav = _nav(output, "questions/index.html")
    assert [a.get_text() for a in nav.select("[aria-current]")] == ["Questions"]


def test_at_the_address_the_settings_give(tmp_path):
    output = _build(
        tmp_path,
        {"posts/asking.md": ASKING},
        REFLECTIVE_QUESTIONS_URL="asked.html",
        REFLECTIVE_QUESTIONS_SAVE_AS="asked.html",
    )
    assert (output / "asked.html").exists() and not (output / "questions").exists()
    link = _nav(output, "index.html").find("a", string="Questions")
    assert link["href"] == "/blog/asked.html" and not link.get("aria-current")
    assert _nav(output, "asked.html").find("a", string="Questions")["aria-current"] == "page"


def test_absent_when_no_published_post_asks(tmp_path):
    # The draft's question is on the draft only: no questions page, no link to one.
    output = _build(tmp_path, {"posts/quiet.md": QUIET, "posts/draft.md": DRAFT_ASKING})
    assert (output / "drafts" / "draft-that-asks.html").exists()
    assert not (output / "questions").exists()
    for name in _pages(output):
        nav = _nav(output, name)
        assert nav.find("a", string="Questions") is None, name
        assert nav.find("a", string="Progress") is not None, name  # the rest is there


def test_absent_when_the_page_is_turned_off(tmp_path):
    output = _build(
        tmp_path,
        {"posts/asking.md": ASKING, "posts/quiet.md": QUIET},
        REFLECTIVE_QUESTIONS_SAVE_AS="",
    )
    assert not (output / "questions").exists()
    for name in _pages(output):
        assert _nav(output, name).find("a", string="Questions") is None, name
    # The post still asks its question in its box, with no link to a page that is not there.
    soup = BeautifulSoup((output / "asking-post.html").read_text("utf-8"), "html.parser")
    box = soup.find("section", class_="rf-questions")
    assert "What would you try first?" in box.get_text()
    assert not soup.find("a", href="/blog/questions/")
