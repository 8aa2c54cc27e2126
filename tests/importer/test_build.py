"""Imported sites, built for real: a strict, gated `reflective publish` (`make publish`)
passes, and the published site has a redirect page at every old address of a published
post (canonical link, immediate refresh, a link) and a `_redirects` file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ._support import (
    FIXTURES,
    PELICAN_EXPORT,
    SITEURL,
    make_site,
    publish,
    reflective_import,
    run,
)


@pytest.fixture(scope="module")
def wordpress_site(tmp_path_factory):
    site = make_site(tmp_path_factory.mktemp("wp"))
    assert reflective_import(site, "wordpress", FIXTURES / "wordpress-cpd.xml").returncode == 0
    result = publish(site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_imported_site_publishes_strictly(wordpress_site):
    out = wordpress_site / "output"
    post = (out / "posts" / "2011" / "thing-3-personal-brand" / "index.html").read_text()
    assert "Thing 3 of 23" in post
    assert "Write a two-line <em>work</em> biography and use it everywhere" in post
    assert not (out / "drafts").exists()
    everything = "".join(p.read_text(errors="ignore") for p in out.rglob("*.html"))
    for secret in ("photocopier saga", "Minutes of the away day", "Notes for later about Zotero"):
        assert secret not in everything


def test_a_redirect_at_every_old_address(wordpress_site):
    out = wordpress_site / "output"
    page = (out / "2011" / "06" / "27" / "thing-3-personal-brand" / "index.html").read_text()
    target = f"{SITEURL}/posts/2011/thing-3-personal-brand/"
    assert f'<link rel="canonical" href="{target}">' in page
    assert f'<meta http-equiv="refresh" content="0; url={target}">' in page
    assert f'<a href="{target}">' in page and '<html lang="en">' in page
    redirects = (out / "_redirects").read_text().splitlines()
    assert (
        "/2011/06/27/thing-3-personal-brand/ /posts/2011/thing-3-personal-brand/ 301" in redirects
    )
    olds = [line.split()[0] for line in redirects if not line.startswith("#")]
    # 11 published posts; no draft, nothing private; the page keeps its address (/about/)
    assert len(olds) == 11
    assert not (out / "2011" / "10").exists()
    for old in olds:
        assert (out / old.strip("/") / "index.html").is_file(), old


def test_pelicans_own_export_publishes(tmp_path):
    site = make_site(tmp_path)
    assert reflective_import(site, "wordpress", PELICAN_EXPORT).returncode == 0
    result = publish(site)
    assert result.returncode == 0, result.stdout + result.stderr
    out = site / "output"
    assert (out / "with-comments" / "index.html").is_file()  # its old address
    # /contact/ was a page there and is one here: no redirect over it
    assert "Moved:" not in (out / "contact" / "index.html").read_text()


def test_blogger_sites_publish_with_redirects_at_html_addresses(tmp_path):
    site = make_site(tmp_path)
    assert reflective_import(site, "blogger", FIXTURES / "blogger-takeout.atom").returncode == 0
    assert reflective_import(site, "blogger", FIXTURES / "blogger-classic.xml").returncode == 0
    result = publish(site)
    assert result.returncode == 0, result.stdout + result.stderr
    out = site / "output"
    page = (out / "2011" / "06" / "thing-2-reading-other-peoples-blogs.html").read_text()
    assert "url=https://me.example.org/posts/2011/thing-2-reading-other-peoples-blogs/" in page
    assert (out / "p" / "who-writes-this.html").is_file()
    assert (out / "2011" / "07" / "networking-for-people.html").is_file()


def test_a_bad_old_address_fails_the_strict_build(tmp_path):
    site = make_site(tmp_path)
    posts = site / "content" / "posts"
    posts.mkdir()
    (posts / "2011-06-20-a.md").write_text(
        "---\ntitle: A\ndate: 2011-06-20\nold_urls: [2011/06/a.html, /b/]\n---\nText.\n"
    )
    (posts / "2011-06-21-b.md").write_text(
        "---\ntitle: B\ndate: 2011-06-21\nold_urls: [/b/]\n---\nText.\n"
    )
    result = publish(site)
    assert result.returncode != 0
    log = re.sub(r"\s+", " ", result.stdout + result.stderr)
    assert (
        "content/posts/2011-06-20-a.md: old_urls[0]: '2011/06/a.html' is not a path on this site"
        in log
    )
    assert (
        "content/posts/2011-06-21-b.md: old_urls: /b/ is also an old address of "
        "content/posts/2011-06-20-a.md; keep it in one post" in log
    )
    assert not (site / "output").exists()
    check = run("check", cwd=site)  # the same checks, without a build
    assert check.returncode == 1
    assert (
        "content/posts/2011-06-20-a.md: old_urls[0]: '2011/06/a.html' is not a path" in check.stdout
    )
    assert "content/posts/2011-06-21-b.md: old_urls: /b/ is also an old address of" in check.stdout


def test_the_preview_rebuilds_its_redirects_with_relative_links(tmp_path):
    site = make_site(tmp_path)
    assert reflective_import(site, "blogger", FIXTURES / "blogger-classic.xml").returncode == 0
    pelican = Path(sys.executable).parent / "pelican"
    for _ in range(2):  # the second build finds the first one's redirect pages in place
        result = subprocess.run(
            [str(pelican), "content", "-o", "output", "-s", "pelicanconf.py"],
            cwd=site,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "no redirect written" not in result.stdout + result.stderr
    page = (site / "output" / "2011" / "07" / "networking-for-people.html").read_text()
    assert 'url=../../posts/2011/networking-for-people/"' in page
