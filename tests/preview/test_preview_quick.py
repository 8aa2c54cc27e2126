"""The quick render in-process (`PreviewSite`): which pages one save writes at once.

A title changed in one post: the quick render writes that post at its new address, the
one index page that lists it (Pelican's own direct-template loop through the selective
writer), the progress page and the post's Thing page, and nothing else; each shows the
new title. The full build that follows is tested against a clean build in
test_preview_serve.
"""

import re
import threading
from pathlib import Path

import pytest

from reflective.preview import outputs
from reflective.preview.build import FullBuild
from reflective.preview.site import PreviewSite

from served import make_project

pytestmark = pytest.mark.slow


def test_the_quick_render_writes_the_pages_a_writer_looks_at(tmp_path):
    root = make_project(tmp_path / "site", 14)
    output = root / "output"
    argv = [str(root / "content"), "-s", str(root / "pelicanconf.py")]
    # the full build (in this process here: the server runs it in one of its own)
    result = FullBuild(argv, str(output), threading.Event()).run()
    assert result["ok"]
    outputs.apply(result["staging"], str(output), result["replace"], result["remove"])
    site = PreviewSite(argv, str(output))
    assert site.refresh()  # the site in memory, from the content cache the build wrote
    published = [
        article
        for generator in site.generators
        for article in getattr(generator, "articles", ())
        if len(article.reflective.ref.things or ()) == 1
    ]
    old = published[len(published) // 2]
    target, thing = Path(old.source_path), old.reflective.ref.things[0]
    listing = [
        page.name
        for page in sorted(output.glob("index*.html"))
        if f'{old.url}"' in page.read_text(encoding="utf-8")
    ]
    assert len(listing) == 1, listing  # the post is on one page of the index
    untouched = {path: path.stat().st_mtime_ns for path in output.rglob("*.html")}

    text = target.read_text(encoding="utf-8")
    target.write_text(
        re.sub(r"^title: .*$", "title: A title changed in the preview", text, count=1, flags=re.M),
        encoding="utf-8",
    )
    written = site.quick_render([str(target)])

    post_page = next(p for p in written if "a-title-changed-in-the-preview" in p)
    assert sorted(written) == sorted(
        [post_page, listing[0], "progress/index.html", f"things/{thing}/index.html"]
    )
    for name in written:  # the progress page links the post's actions to its new address
        html = (output / name).read_text(encoding="utf-8")
        assert "a-title-changed-in-the-preview/" in html, name
        if name != "progress/index.html":
            assert "A title changed in the preview" in html, name
    changed = {
        path.relative_to(output).as_posix()
        for path, stamp in untouched.items()
        if path.exists() and path.stat().st_mtime_ns != stamp
    }
    assert changed <= {*written, old.save_as}, changed - set(written)
    # the old address sends the browser on until the full build removes it
    moved = (output / old.save_as).read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' in moved and "a-title-changed-in-the-preview" in moved
