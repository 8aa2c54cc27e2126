"""The published build's files: metadata on every page, feeds, sitemap, size, reach."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from ._support import ROOT

ATOM = "{http://www.w3.org/2005/Atom}"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None
        self.meta: dict[str, str] = {}
        self.links: list[str] = []
        self.assets: list[str] = []
        self.landmarks: list[str] = []
        self.h1 = 0
        self.icon = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "meta" and ("name" in a or "property" in a):
            self.meta[a.get("name") or a.get("property")] = a.get("content", "")
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form" and a.get("action"):  # the header's search form (issue 15)
            self.links.append(a["action"])
        elif tag == "link" and a.get("rel") == "stylesheet":
            self.assets.append(a["href"])
        elif tag == "link" and a.get("rel") == "icon":
            self.icon = True
        elif tag in ("script", "img", "iframe") and a.get("src"):
            self.assets.append(a["src"])
        if tag in ("header", "nav", "main", "footer"):
            self.landmarks.append(tag)
        if tag == "h1":
            self.h1 += 1


def _parse(path):
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_page_has_lang_description_open_graph_landmarks_and_one_h1(site):
    pages = site.html_files()
    assert len(pages) > 40
    for path in pages:
        p = _parse(path)
        name = path.relative_to(site.output)
        assert p.lang == "en", name
        assert len(p.meta.get("description", "")) > 20, name
        for prop in ("og:title", "og:description", "og:type", "og:url", "og:site_name"):
            assert p.meta.get(prop), (name, prop)
        assert p.meta["og:url"].startswith(site.url + "/"), name
        assert {"header", "nav", "main", "footer"} <= set(p.landmarks), name
        assert p.landmarks.count("main") == 1, name
        assert p.h1 == 1, name
        assert p.icon, name


def test_no_page_requests_anything_from_another_host(site):
    for path in site.html_files():
        for asset in _parse(path).assets:
            # Root-relative ("/theme/...") or this site's own absolute URL; never "//host".
            assert (asset.startswith("/") and not asset.startswith("//")) or asset.startswith(
                site.url + "/"
            ), (path, asset)
    css = (site.output / "theme" / "css" / "main.css").read_text()
    assert "@import" not in css and "@font-face" not in css and "http" not in css


def test_no_page_is_over_30_kb_with_its_css(site):
    for path in site.html_files():
        if path == site.output / "search" / "index.html":
            continue  # Pagefind's UI (issue 15); tests/browser/test_search.py weighs the page
        size = path.stat().st_size
        for asset in _parse(path).assets:
            size += (site.output / urlsplit(asset).path.lstrip("/")).stat().st_size
        size += (site.output / "theme" / "favicon.svg").stat().st_size
        assert size <= 30 * 1024, (path.relative_to(site.output), size)


def test_every_page_is_reachable_from_home_and_no_internal_link_is_broken(site):
    def target(href):
        path = urlsplit(href).path.lstrip("/")
        file = site.output / path
        return file / "index.html" if file.is_dir() else file

    todo, seen, broken = [site.output / "index.html"], set(), []
    while todo:
        path = todo.pop()
        if path in seen or path.suffix != ".html":
            continue
        seen.add(path)
        base = site.url + "/" + str(path.relative_to(site.output))
        for href in _parse(path).links:
            url = urljoin(base, href)
            if not url.startswith(site.url + "/"):
                continue
            file = target(url[len(site.url) :])
            if not file.exists():
                broken.append((str(path.relative_to(site.output)), href))
            else:
                todo.append(file)
    assert broken == []
    unreached = [
        str(p.relative_to(site.output))
        for p in site.html_files()
        if p not in seen and p.name != "404.html"
    ]
    assert unreached == []


def test_feeds_for_the_site_and_each_tag_use_absolute_links(site):
    feeds = sorted((site.output / "feeds").rglob("*.atom.xml"))
    names = {str(f.relative_to(site.output)) for f in feeds}
    assert "feeds/all.atom.xml" in names and "feeds/tags/cpd23.atom.xml" in names
    for feed in feeds:
        root = ET.parse(feed).getroot()
        entries = root.findall(f"{ATOM}entry")
        assert entries, feed
        for entry in entries:
            for link in entry.findall(f"{ATOM}link"):
                assert link.get("href").startswith(site.url + "/"), (feed, link.get("href"))
            content = entry.findtext(f"{ATOM}content") or entry.findtext(f"{ATOM}summary") or ""
            assert not re.search(r'href="/(?!/)', content), feed


def test_sitemap_robots_and_404(site):
    sitemap = ET.parse(site.output / "sitemap.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = {loc.text for loc in sitemap.iter(f"{ns}loc")}
    for path in (
        "",
        "progress/",
        "things/5/",
        "posts/2011/thing-4-taming-the-feeds/",
        "archives/",
        "tags/cpd23/",
    ):
        assert f"{site.url}/{path}" in locs, path
    # The paths only: the server's port may itself contain "404" (it did: 40469).
    paths = [loc.removeprefix(site.url) for loc in locs]
    assert not any("404" in path or "drafts" in path for path in paths)
    robots = (site.output / "robots.txt").read_text()
    assert "User-agent: *" in robots
    assert f"Sitemap: {site.url}/sitemap.xml" in robots
    assert "Page not found" in (site.output / "404.html").read_text()


def test_the_draft_and_private_actions_stay_out_of_the_published_pages(site):
    everything = " ".join(p.read_text() for p in site.html_files())
    assert "Ask Helen" not in everything  # a private action in the sample content
    assert "regrading conversation" not in everything
    assert not (site.output / "drafts").exists()


def test_the_code_stylesheet_is_up_to_date():
    result = subprocess.run(
        [sys.executable, "scripts/build_pygments_css.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
