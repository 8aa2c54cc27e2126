"""`reflective portfolio`: the real command on a fixture site, the PDF read back with pypdf."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from .sites import cpd_site, reflective

PRIVATE_WORDS = ("SECRET-PLAN-ALPHA", "DRAFT-ONLY-WORDS", "DRAFT-ACTION-TEXT", "DRAFT-BODY-TEXT")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return cpd_site(tmp_path_factory.mktemp("portfolio") / "site")


def make(site, name, *args):
    result = reflective("portfolio", "-o", name, *args, cwd=site)
    assert result.returncode == 0, result.stderr
    return site / name


def pages_text(reader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def outline(reader, items=None, depth=0):
    out = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            out += outline(reader, item, depth + 1)
        else:
            out.append(("  " * depth) + item.title)
    return out


def roles(node, found=None):
    """Every structure type (/S) under a structure element."""
    found = set() if found is None else found
    node = node.get_object()
    if "/S" in node:
        found.add(str(node["/S"]))
    kids = node.get("/K")
    if kids is None:
        return found
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict):
            roles(kid, found)
    return found


@pytest.fixture(scope="module")
def published(site):
    return PdfReader(make(site, "portfolio.pdf"))


def test_the_pdf_has_its_sections_totals_and_posts(published):
    text = pages_text(published)
    whole = "\n".join(text)
    assert "Portfolio of professional development" in text[0] and "Test Author" in text[0]
    assert "20 June 2011 to 16 January 2012" in text[0]
    assert "9.5 hours in 3 activities" in text[0]
    # Published posts in 3 weeks out of 31 (20 June 2011 to 16 January 2012).
    assert "Writing rhythm: a post in 3 of the 31 weeks" in "\n".join(text)
    assert text[1].startswith("Contents")
    for heading in ("CPD log", "Action log", "Evidence against DigComp 2.2", "Selected posts"):
        assert heading in whole
    # Totals agree with the front matter: 2 + 1.5 + 6 (the draft's 4 hours are out).
    assert re.search(r"Total 9\.5", whole)
    assert "Reading 1.5 1" in whole and "Event 6 1" in whole and "Writing 2 1" in whole
    # The action log: the feed reader is done, with its history and where it was reported.
    assert "Done (1)" in whole and "Done with a desktop reader." in whole
    assert "Two weeks running." in whole
    # Only the post marked portfolio: true is printed in full.
    assert "Reading is writing's other half." in whole
    assert "Notes from the day." not in whole


def test_contents_give_the_right_page_numbers(published):
    text = pages_text(published)
    contents = text[1]
    for title in ("CPD log", "Action log", "Selected posts"):
        number = int(re.search(re.escape(title) + r"[ .]*?(\d+)", contents).group(1))
        assert text[number - 1].startswith(title) or title in text[number - 1][:80], title


def test_page_numbers_in_the_footer_but_not_on_the_cover(published):
    text = pages_text(published)
    count = len(published.pages)
    assert count >= 6
    assert "Page 1 of" not in text[0]
    for number in range(2, count + 1):
        assert f"Page {number} of {count}" in text[number - 1]


def test_bookmarks_language_title_and_tags(published):
    assert outline(published) == [
        "Contents",
        "CPD log",
        "Action log",
        "  To do (1)",
        "  Doing (0)",
        "  Done (1)",
        "  Dropped (0)",
        "Evidence against DigComp 2.2 (The Digital Competence Framework for Citizens)",
        "Selected posts",
        "  Thing 2: Reading other blogs",
    ]
    root = published.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert published.metadata.title == "Portfolio: Test Author"
    assert published.metadata.author == "Test Author"
    found = roles(root["/StructTreeRoot"])
    assert {"/H1", "/H2", "/Table", "/TR", "/TH", "/TD", "/P", "/L", "/LI"} <= found, found


def test_nothing_private_or_draft_is_in_the_published_pdf(site, published):
    whole = "\n".join(pages_text(published))
    for word in PRIVATE_WORDS:
        assert word not in whole
    raw = (site / "portfolio.pdf").read_bytes()
    assert b"SECRET-PLAN" not in raw  # nor in its metadata or outline


def test_a_personal_copy_has_everything_and_says_so_on_every_page(site):
    reader = PdfReader(make(site, "personal.pdf", "--private", "--thing", "3"))
    text = pages_text(reader)
    whole = "\n".join(text)
    for word in PRIVATE_WORDS:
        assert word in whole, word
    assert all("Personal copy" in page for page in text)
    assert reader.metadata.title == "Portfolio: Test Author (personal copy)"
    assert "13.5 hours" in text[0]


def test_selection_by_tag_thing_and_period(site):
    reader = PdfReader(make(site, "tagged.pdf", "--tag", "conference", "--thing", "1"))
    assert outline(reader)[-3:] == [
        "  Thing 1: Starting out",
        "  Thing 2: Reading other blogs",  # marked portfolio: true
        "  A conference day",
    ]
    reader = PdfReader(make(site, "2011.pdf", "--from", "2011-01-01", "--to", "2011-12-31"))
    whole = "\n".join(pages_text(reader))
    assert "3.5 hours in 2 activities" in whole and "16 Jan 2012 Event" not in whole
    assert "  A conference day" not in outline(reader)
    # An action of the period keeps its whole history, later reports included.
    assert "Done with a desktop reader. (in A conference day)" in whole


def test_the_html_format_is_one_self_contained_file(site):
    path = make(site, "portfolio.html")
    html = path.read_text("utf-8")
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "<style>" in html and "<link" not in html and "<script" not in html
    assert not re.search(r'src="(?!data:)', html)
    assert "Reading is writing's other half." in html
    for word in PRIVATE_WORDS:
        assert word not in html
    # A link to a post printed in full points inside the document; one to a post that
    # is not printed is dropped (no broken site-relative links).
    assert 'href="#post-' in html
    assert 'href="/' not in html and 'href="b.html' not in html


def test_bad_options_are_usage_errors(site):
    result = reflective("portfolio", "--from", "2012-01-01", "--to", "2011-01-01", cwd=site)
    assert result.returncode == 2 and "--from is after --to" in result.stderr
    result = reflective("portfolio", "--from", "2011-02-30", cwd=site)
    assert result.returncode == 2 and "not a date" in result.stderr


def test_problems_in_a_strict_site_stop_the_portfolio(tmp_path):
    from sitebuild import post

    root = cpd_site(tmp_path / "bad", {"posts/a.md": post("A", "hours: lots")})
    result = reflective("portfolio", cwd=root)
    assert result.returncode == 1
    assert "content/posts/a.md:4: hours: expected a number of hours" in result.stderr
    assert "no portfolio was made" in result.stderr
    assert not (root / "portfolio.pdf").exists()


def test_a_theme_without_the_portfolio_template_is_told_what_to_copy(tmp_path):
    from sitebuild import post

    root = cpd_site(tmp_path / "plain", {"posts/a.md": post("A", "hours: 1")}, THEME="simple")
    result = reflective("portfolio", cwd=root)
    assert result.returncode == 1
    assert "has no templates/reflective/portfolio.html" in result.stderr


def test_an_output_folder_that_does_not_exist_is_one_clear_error(site):
    result = reflective("portfolio", "-o", "nowhere/p.pdf", cwd=site)
    assert result.returncode == 1
    assert "site/nowhere for nowhere/p.pdf does not exist; create it first" in result.stderr
