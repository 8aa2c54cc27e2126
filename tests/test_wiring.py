"""wiring: the template context's caches, and the collector freeze around a build."""

import gc
import re

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican, signals
from pelican.settings import read_settings

from reflective.core import settings as settings_mod
from reflective.pelican_layer.wiring import SiteContext

from sitebuild import REPO, build, make_site, post
from test_model import build as build_model
from test_model import post as model_post


def context():
    site = build_model(
        model_post("a.md", "thing: 1\nactions:\n  - {id: a, text: A}"),
        model_post("b.md", "thing: 3\nactions:\n  - {id: b, text: B}"),
    )
    return SiteContext(site, settings_mod.read({"REFLECTIVE_TODAY": "2011-10-01"}))


def test_once_renders_a_block_once_per_key_and_tells_objects_apart():
    ctx = context()
    calls = []

    def block(value):
        return lambda: calls.append(value) or f"<p>{value}</p>"

    a, b = ctx.site.actions
    assert ctx.once("item", a, "", caller=block("a")) == "<p>a</p>"
    assert ctx.once("item", a, "", caller=block("again")) == "<p>a</p>"
    # an equal-looking key part that is another object is another entry
    assert ctx.once("item", b, "", caller=block("b")) == "<p>b</p>"
    assert ctx.once("item", a, "../", caller=block("deeper")) == "<p>deeper</p>"
    assert calls == ["a", "b", "deeper"]
    assert context().once("item", a, "", caller=block("new build")) == "<p>new build</p>"


def test_thing_urls_are_formatted_once_and_match_the_setting():
    ctx = context()
    assert ctx.thing_url(3) == "things/3/" == ctx.thing_urls[3]
    assert ctx.thing_url(99) == "things/99/"  # not in the programme: still formatted
    assert ctx.is_thing_url("things/3/") and not ctx.is_thing_url("progress/")


@pytest.fixture(scope="module")
def theme_site(tmp_path_factory):
    files = {
        "one.md": post("Thing 1 post", "thing: 1\nactions:\n  - {id: a, text: A}"),
        "three.md": post("Thing 3 post", "thing: 3", date="2011-07-08"),
        "bonus.md": post("A bonus post", date="2011-07-09"),
    }
    root = make_site(
        tmp_path_factory.mktemp("menu"),
        files,
        THEME=str(REPO / "theme"),
        REFLECTIVE_APPEND_TO_CONTENT=False,
    )
    result = build(root)
    assert result.returncode == 0, result.stderr + result.stdout
    return root / "output"


def menu(output, page):
    html = (output / page).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser").select_one(".site-nav details ul")


def test_the_things_menu_marks_only_the_current_things_page(theme_site):
    links = menu(theme_site, "things/1/index.html").select("a")
    # the written Things, then the whole list on the progress page
    assert [a["href"] for a in links] == ["/things/1/", "/things/3/", "/progress/#things"]
    current = [a["href"] for a in links if a.get("aria-current") == "page"]
    assert current == ["/things/1/"]
    three = menu(theme_site, "things/3/index.html").select('a[aria-current="page"]')
    assert [a["href"] for a in three] == ["/things/3/"]
    # every other page has the same menu, with nothing marked current
    others = [
        menu(theme_site, p) for p in ("index.html", "progress/index.html", "a-bonus-post.html")
    ]
    assert all(str(m) == str(others[0]) for m in others)
    assert not others[0].select("[aria-current]")
    assert re.sub(r' aria-current="page"', "", str(menu(theme_site, "things/1/index.html"))) == str(
        others[0]
    )


def test_the_collector_is_frozen_only_while_the_site_is_written(tmp_path):
    root = make_site(tmp_path, {"one.md": post("One", "thing: 1\nactions:\n  - Do it")})
    seen = {}

    def during(_generators):
        seen["during"] = gc.get_freeze_count()

    signals.all_generators_finalized.connect(during)
    try:
        for freeze in (True, False):
            config = read_settings(
                str(root / "pelicanconf.py"),
                override={
                    "PATH": str(root / "content"),
                    "OUTPUT_PATH": str(tmp_path / f"out-{freeze}"),
                    "REFLECTIVE_GC_FREEZE": freeze,
                },
            )
            Pelican(config).run()
            assert (seen["during"] > 0) is freeze
            assert gc.get_freeze_count() == 0  # thawed at `finalized`
    finally:
        signals.all_generators_finalized.disconnect(during)
        gc.unfreeze()
