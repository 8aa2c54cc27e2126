"""An image uploaded in the editor of a site made by `reflective init` is published.

The real `reflective init`, the editor in `reflective serve` on that site (chromium,
offline), an image uploaded through the editor's asset library and used in a post,
then `reflective check` with the editor on and real builds with both settings files:
the image is in the built site where the post links it.
"""

from __future__ import annotations

import pytest
from fixtures_cli.support import build, run
from preview.served import Served

from ._support import Offline, field, open_editor, open_entry, save, upload_image

pytestmark = pytest.mark.browser


def test_an_image_uploaded_in_the_editor_of_a_new_site_is_published(tmp_path, browser):
    from PIL import Image

    made = run("init", "blog", "--yes", "--name", "Field notes", "--author", "Ann", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    site = tmp_path / "blog"
    [post] = (site / "content" / "posts").iterdir()
    image = tmp_path / "whiteboard.png"
    Image.new("RGB", (64, 48), (200, 120, 40)).save(image)
    served = Served(site)
    offline = Offline(browser)
    try:
        served.wait_settled(0)
        page = offline.page()
        open_editor(page, served)
        upload_image(page, str(image))
        open_entry(page, served, "posts", post.stem)
        body = field(page, "Post").get_by_role("textbox")
        body.fill(body.input_value().rstrip("\n") + "\n\n![My plan](/images/whiteboard.png)\n")
        page.wait_for_timeout(300)
        assert save(page)
    finally:
        offline.close()
        served.stop()
    assert (site / "content" / "images" / "whiteboard.png").read_bytes() == image.read_bytes()
    assert "![My plan](/images/whiteboard.png)" in post.read_text(encoding="utf-8")
    with open(site / "pelicanconf.py", "a", encoding="utf-8") as settings:
        settings.write('\nREFLECTIVE_EDITOR = {"repo": "ann/blog"}\n')
    checked = run("check", cwd=site)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for settings, out in (("pelicanconf.py", "out"), ("publishconf.py", "pub")):
        env = {"SITEURL": "https://ann.example.org"}
        built = build(site, tmp_path / out, settings, env=env)
        assert built.returncode == 0, built.stdout + built.stderr
        assert (tmp_path / out / "images" / "whiteboard.png").read_bytes() == image.read_bytes()
        pages = [p.read_text(encoding="utf-8") for p in (tmp_path / out / "posts").rglob("*.html")]
        assert any("whiteboard.png" in text and "My plan" in text for text in pages)
