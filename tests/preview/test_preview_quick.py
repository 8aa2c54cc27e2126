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


def test_a_new_post_is_shown_by_the_quick_render(tmp_path):
    root = make_project(tmp_path / "site", 14)
    output = root / "output"
    argv = [str(root / "content"), "-s", str(root / "pelicanconf.py")]
    result = FullBuild(argv, str(output), threading.Event()).run()
    assert result["ok"]
    site = PreviewSite(argv, str(output))
    assert site.refresh()
    newest = max(p.name[:10] for p in (root / "content" / "posts").glob("*.md"))
    new = root / "content" / "posts" / f"{newest}-zz-new.md"
    new.write_text(
        f"---\ntitle: A post new to the preview\ndate: {newest} 23:59\ncategory: cpd23\n"
        "thing: 3\n---\nIts first paragraph.\n",
        encoding="utf-8",
    )
    assert not site.known_post(str(new))
    written = site.quick_render([str(new)])
    post_page = next(p for p in written if "a-post-new-to-the-preview" in p)
    assert "index.html" in written  # the newest post is on the first page of the index
    assert "things/3/index.html" in written and "progress/index.html" in written
    for name in (post_page, "index.html", "things/3/index.html"):
        assert "A post new to the preview" in (output / name).read_text(encoding="utf-8"), name
    assert site.known_post(str(new))  # its next save is an edit: swapped in place
    new.write_text(new.read_text(encoding="utf-8") + "\nA second paragraph.\n", encoding="utf-8")
    assert post_page in site.quick_render([str(new)])
    assert "A second paragraph." in (output / post_page).read_text(encoding="utf-8")
