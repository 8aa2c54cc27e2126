"""Under a theme that does not know the plugin, its pages are in the theme's menu.

Real builds with Pelican's own `simple` and `notmyidea` themes, which render the
`MENUITEMS` setting in their navigation (pelican_layer/menu.py): every page the plugin
writes in the build (progress, cohort, CPD, questions, search) is linked from every
page, each link leads to a written file, a page that is not written is not linked, the
author's own items come first and are not repeated, and nothing changes when the theme
is the kit's own (REFLECTIVE_APPEND_TO_CONTENT = False) or REFLECTIVE_MENUITEMS says no.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import pytest
from bs4 import BeautifulSoup

from reflective.pelican_layer import menu

from sitebuild import build, make_site, post

REPO = Path(__file__).resolve().parent.parent
SITEURL = "https://ruth.example.org"
EVERY_PAGE = ["Progress", "Cohort", "CPD", "Questions", "Search"]
PAGE = "thing-1-a-start.html"  # the small fixture's post


def sample(tmp_path: Path, theme: str, **settings) -> Path:
    """The sample site under `theme` (which has none of the kit's template pages)."""
    site = tmp_path / "site"
    site.mkdir()
    for name in ("content", "cohort-cache"):
        shutil.copytree(REPO / name, site / name)
    shutil.copy(REPO / "cohort.yaml", site / "cohort.yaml")
    conf = (REPO / "pelicanconf.py").read_text(encoding="utf-8")
    settings = {
        "THEME": theme,
        "REFLECTIVE_APPEND_TO_CONTENT": True,
        "TEMPLATE_PAGES": {},
        "PLUGIN_PATHS": [str(REPO / "plugins")],
        **settings,
    }
    conf += "".join(f"\n{key} = {value!r}" for key, value in settings.items())
    (site / "pelicanconf.py").write_text(conf + "\n", encoding="utf-8")
    result = build(site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site / "output"


def menu_links(page: Path) -> list[tuple[str, str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [(a.get_text(strip=True), a["href"]) for a in soup.select("header nav a")]


def target(output: Path, page: Path, href: str, siteurl: str = "") -> Path:
    """The file a link on `page` leads to."""
    if siteurl and href.startswith(siteurl + "/"):
        path = href[len(siteurl) + 1 :]
    else:
        assert not urlsplit(href).netloc, href
        here = page.parent.relative_to(output).as_posix()
        path = posixpath.normpath(posixpath.join(here, urlsplit(href).path)).lstrip("/")
    found = output / path
    return found / "index.html" if href.endswith("/") or found.is_dir() else found


def ours(links: list[tuple[str, str]]) -> list[str]:
    return [title for title, _ in links if title in EVERY_PAGE]


def test_under_simple_every_page_links_every_written_page_of_the_plugin(tmp_path):
    output = sample(tmp_path, "simple")  # the sample's RELATIVE_URLS = True
    pages = [
        output / "index.html",
        output / "posts" / "2011" / "thing-6-networks-for-people-whod-rather-type" / "index.html",
        output / "progress" / "index.html",
        output / "things" / "6" / "index.html",
        output / "search" / "index.html",
        output / "about" / "index.html",
    ]
    for page in pages:
        links = menu_links(page)
        assert ours(links) == EVERY_PAGE, page
        assert ("About" in [title for title, _ in links]) and len(links) == len(set(links))
        for title, href in links:
            assert target(output, page, href).is_file(), (page, title, href)
    deep = menu_links(pages[1])
    assert dict(deep)["Progress"] == "../../../progress/"  # relative from the page itself


def test_under_notmyidea_with_absolute_urls_and_the_authors_own_items(tmp_path):
    output = sample(
        tmp_path,
        "notmyidea",
        SITEURL=SITEURL,
        RELATIVE_URLS=False,
        MENUITEMS=[
            ("Home", f"{SITEURL}/"),
            ("My progress", f"{SITEURL}/progress/index.html"),  # the same page
            ("search", "https://duckduckgo.com/?q=site%3Aruth.example.org"),  # same title
        ],
    )
    page = output / "posts" / "2011" / "thing-6-networks-for-people-whod-rather-type" / "index.html"
    links = menu_links(page)
    assert links[:6] == [
        ("Home", f"{SITEURL}/"),
        ("My progress", f"{SITEURL}/progress/index.html"),
        ("search", "https://duckduckgo.com/?q=site%3Aruth.example.org"),
        ("Cohort", f"{SITEURL}/cohort/"),
        ("CPD", f"{SITEURL}/cpd/"),
        ("Questions", f"{SITEURL}/questions/"),
    ]
    for title, href in links:
        if href.startswith(SITEURL):
            assert target(output, page, href, SITEURL).is_file(), (title, href)
    assert menu_links(output / "cohort" / "index.html") == links


def _fixture(tmp_path: Path, *, questions=True, cpd=True, **settings) -> Path:
    front = "thing: 1\nactions: [Write the first post]"
    if questions:
        front += "\nquestions: [Does anyone else draft on paper first?]"
    if cpd:
        front += "\nhours: 1.5\nactivity: writing"
    root = make_site(
        tmp_path,
        {"first.md": post("Thing 1: a start", front)},
        THEME=settings.pop("THEME", "simple"),
        **settings,
    )
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


@pytest.mark.parametrize(
    ("settings", "linked", "unwritten"),
    [
        ({}, ["Progress", "CPD", "Questions", "Search"], []),
        ({"THEME": "notmyidea"}, ["Progress", "CPD", "Questions", "Search"], []),
        (
            {"REFLECTIVE_PROGRESS_SAVE_AS": "", "REFLECTIVE_SEARCH": False},
            ["CPD", "Questions"],
            ["progress/index.html", "search/index.html"],
        ),
        (
            {"questions": False, "cpd": False},
            ["Progress", "Search"],
            ["questions/index.html", "cpd/index.html"],
        ),
        (
            {"REFLECTIVE_QUESTIONS_SAVE_AS": "", "REFLECTIVE_CPD_SAVE_AS": ""},
            ["Progress", "Search"],
            [],
        ),
    ],
)
def test_only_the_pages_written_in_the_build_are_linked(tmp_path, settings, linked, unwritten):
    output = _fixture(tmp_path, **settings)
    page = output / PAGE
    links = menu_links(page)
    assert ours(links) == linked
    for _title, href in links:
        assert target(output, page, href).is_file(), href
    for name in unwritten:
        assert not (output / name).exists()


@pytest.mark.parametrize(
    ("settings", "linked"),
    [
        ({"REFLECTIVE_APPEND_TO_CONTENT": False}, []),  # the theme knows the plugin
        ({"REFLECTIVE_MENUITEMS": False}, []),  # the author says no
        (
            {"REFLECTIVE_APPEND_TO_CONTENT": False, "REFLECTIVE_MENUITEMS": True},
            ["Progress", "CPD", "Questions", "Search"],
        ),
    ],
)
def test_the_menu_follows_the_theme_unless_the_author_decides(tmp_path, settings, linked):
    output = _fixture(tmp_path, **settings)
    assert ours(menu_links(output / PAGE)) == linked


# -- the pieces, with plain data ---------------------------------------------------------


def test_with_the_kits_theme_the_context_is_left_alone():
    context = {"MENUITEMS": (("Mine", "/mine/"),), "localsiteurl": ""}
    before = dict(context)
    menu.install(
        context, {"MENUITEMS": (("Mine", "/mine/"),)}, {"REFLECTIVE_APPEND_TO_CONTENT": False}
    )
    menu.offer(context, menu.PROGRESS, "Progress", "progress/")
    assert context == before


def test_a_link_is_written_under_the_page_being_rendered_and_escaped():
    context = {"localsiteurl": ""}
    settings = {"SITEURL": "https://me.example.org/blog", "MENUITEMS": [("Home", "/blog/")]}
    menu.install(context, settings, {"REFLECTIVE_MENUITEMS": True})
    menu.offer(context, menu.SEARCH, "Search", "search/")
    menu.offer(context, menu.PROGRESS, "Progress", "progress/")
    menu.offer(context, menu.CPD, "C&D", "cpd/?a=1&b=2")
    items = context["MENUITEMS"]
    assert [title for title, _ in items] == ["Home", "Progress", "C&D", "Search"]
    assert items[1][1] == "https://me.example.org/blog/progress/"  # as a plain string
    template = '{% for t, l in MENUITEMS %}<a href="{{ l }}">{{ t }}</a>{% endfor %}'
    for autoescape in (False, True):
        env = jinja2.Environment(autoescape=autoescape)
        context["localsiteurl"] = "../.."
        html = env.from_string(template).render(MENUITEMS=items)
        assert '<a href="../../progress/">Progress</a>' in html
        amp = "&amp;" if autoescape else "&"
        assert f'<a href="../../cpd/?a=1{amp}b=2">' in html
        context["localsiteurl"] = "https://me.example.org/blog"
        html = env.from_string(template).render(MENUITEMS=items)
        assert '<a href="https://me.example.org/blog/search/">Search</a>' in html


@pytest.mark.parametrize(
    ("link", "page"),
    [
        ("/progress/", "progress"),
        ("progress/index.html", "progress"),
        ("./progress", "progress"),
        ("https://me.example.org/blog/progress/", "progress"),
        ("/blog/progress/", "progress"),
        ("https://elsewhere.example.net/progress/", None),
        ("/", ""),
        ("https://me.example.org/blog/", ""),
    ],
)
def test_the_page_a_link_names(link, page):
    assert menu._page(link, "https://me.example.org/blog") == page


def test_the_authors_items_name_our_pages_by_address_or_title():
    context = {"localsiteurl": ""}
    own = [("Where I am", "/progress/"), ("COHORT", "https://x.example.net/")]
    menu.install(context, {"MENUITEMS": own}, {"REFLECTIVE_APPEND_TO_CONTENT": True})
    for order, title, url in (
        (10, "Progress", "progress/"),
        (20, "Cohort", "cohort/"),
        (30, "CPD", "cpd/"),
    ):
        menu.offer(context, order, title, url)
    assert list(context["MENUITEMS"]) == [*own, ("CPD", "/cpd/")]
    assert len(context["MENUITEMS"]) == 3 and context["MENUITEMS"][2][0] == "CPD"


def test_a_build_without_the_menu_leaves_the_authors_setting_in_a_reused_context():
    """`make serve` keeps one context across builds: a build that wants no menu puts the
    author's MENUITEMS back."""
    own = (("Mine", "/mine/"),)
    context = {"MENUITEMS": own, "localsiteurl": ""}
    menu.install(context, {"MENUITEMS": own}, {"REFLECTIVE_MENUITEMS": True})
    assert isinstance(context["MENUITEMS"], menu.MenuItems)
    menu.install(context, {"MENUITEMS": own}, {"REFLECTIVE_MENUITEMS": False})
    assert context["MENUITEMS"] is own and menu.OFFERS_KEY not in context


def test_a_bad_menuitems_setting_is_named_and_replaced(caplog):
    from reflective.core import settings

    assert settings.read({"REFLECTIVE_MENUITEMS": "yes"})["REFLECTIVE_MENUITEMS"] is None
    assert "REFLECTIVE_MENUITEMS should be True, False or None, got 'yes'" in caplog.text
    assert settings.read({"REFLECTIVE_MENUITEMS": False})["REFLECTIVE_MENUITEMS"] is False


def test_the_preview_quick_render_keeps_the_menu(tmp_path):
    """`make serve` re-sends the build's signals on the context it kept: a post saved and
    rendered at once has the same menu as after a full build."""
    import threading

    from reflective.preview import outputs
    from reflective.preview.build import FullBuild
    from reflective.preview.site import PreviewSite

    root = tmp_path / "site"
    _fixture(root)
    output = root / "served"
    argv = [str(root / "content"), "-s", str(root / "pelicanconf.py")]
    # the full build (in this process here: the server runs it in one of its own)
    result = FullBuild(argv, str(output), threading.Event()).run()
    assert result["ok"]
    outputs.apply(result["staging"], str(output), result["replace"], result["remove"])
    site = PreviewSite(argv, str(output))
    assert site.refresh()  # the site in memory, from the content cache the build wrote
    before = menu_links(output / PAGE)
    assert ours(before) == ["Progress", "CPD", "Questions", "Search"]
    source = root / "content" / "first.md"
    source.write_text(source.read_text().replace("Some words", "Other words"), encoding="utf-8")
    assert PAGE in site.quick_render([str(source)])
    assert "Other words" in (output / PAGE).read_text(encoding="utf-8")
    assert menu_links(output / PAGE) == before
