"""Published builds are reproducible: sitemap.xml's lastmod comes from the content.

Real `make publish` runs of the sample site (publishconf.py, with reflective.pelican_layer.sitemap
wrapping pelican-sitemap), each a new process, at least a second apart.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from test_publish import FIXTURE, ROOT, make, snapshot

SAMPLE = ROOT / "content"


def publish(output: Path, content: Path = SAMPLE, **env):
    result = make("publish", f"OUTPUTDIR={output}", f"INPUTDIR={content}", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def lastmods(output: Path) -> dict[str, str | None]:
    """Each URL of sitemap.xml, by its path, with its lastmod (None when left out)."""
    text = (output / "sitemap.xml").read_text("utf-8")
    out = {}
    for block in re.findall(r"<url>(.*?)</url>", text, re.S):
        loc = re.search(r"<loc>https://me\.example\.org/(.*?)</loc>", block).group(1)
        found = re.search(r"<lastmod>(.*?)</lastmod>", block)
        out[loc] = found.group(1) if found else None
    return out


@pytest.fixture(scope="module")
def twice(tmp_path_factory):
    folder = tmp_path_factory.mktemp("twice")
    start = time.monotonic()
    one = publish(folder / "one")
    time.sleep(max(0.0, 1.1 - (time.monotonic() - start)))  # the clock's second has changed
    two = publish(folder / "two")
    return one, two


def test_two_published_builds_a_second_apart_are_byte_identical(twice):
    one, two = twice
    assert "sitemap.xml" in snapshot(one)
    assert snapshot(one) == snapshot(two)


def test_a_listing_page_is_as_new_as_the_newest_post_it_shows(twice):
    dates = lastmods(twice[0])
    newest = "2011-09-14T00:00:00+01:00"  # the newest published sample post
    assert dates["posts/2011/thing-1-starting-a-blog-i-might-actually-keep/"] == (
        "2011-06-20T00:00:00+01:00"
    )
    for listing in ("", "archives/", "tags/", "categories/", "progress/"):
        assert dates[listing] == newest, listing
    # index2.html shows the older posts only; a tag page the posts with that tag.
    assert dates["index2.html"] == "2011-06-28T00:00:00+01:00"
    assert dates["tags/cpd23/"] == "2011-06-28T00:00:00+01:00"
    assert dates["tags/rss/"] == "2011-07-05T00:00:00+01:00"
    # A Thing page: its posts and the later posts that updated their actions.
    assert dates["things/1/"] == "2011-08-09T00:00:00+01:00"
    # The about page has no date and no SOURCE_DATE_EPOCH was given: no lastmod at all.
    assert dates["about/"] is None
    assert "0001" not in (twice[0] / "sitemap.xml").read_text("utf-8")


def test_source_date_epoch_dates_what_the_content_does_not(tmp_path):
    # 2011-10-01T00:00:00Z; the fixture's about page has no date.
    output = publish(tmp_path / "out", FIXTURE, SOURCE_DATE_EPOCH="1317427200")
    dates = lastmods(output)
    assert dates["about/"] == "2011-10-01T00:00:00+00:00"
    assert dates["posts/2011/thing-1-starting-out/"] == "2011-06-20T00:00:00+01:00"
    assert dates[""] == "2011-06-27T00:00:00+01:00"  # content first, the epoch after
