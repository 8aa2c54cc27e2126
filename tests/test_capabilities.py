"""The three registration points, with a real capability made for the test.

A `wordcount` capability is written into a temporary folder that joins the
`reflective` package, and named in `capabilities.NAMES`: its check must stop a real
(in-process) Pelican build and show in `reflective check` (the one pipeline), its
command must show in `reflective --help` and run, and `reflective.register()` must call
its `wiring.register()`.
"""

from __future__ import annotations

import textwrap

import pytest
from pelican import Pelican
from pelican.settings import read_settings

import reflective
from reflective import capabilities, cli

from sitebuild import make_site, post

FILES = {
    "__init__.py": '"""wordcount: a capability made by tests/test_capabilities.py."""\n',
    "checks.py": '''
        """Checks: a post with fewer words than REFLECTIVE_WORDCOUNT_MIN is a problem."""
        from ..core.problems import Problem

        def check(ctx):
            least = ctx.settings.get("REFLECTIVE_WORDCOUNT_MIN", 0)
            for view in ctx.site.posts:
                if len(view.ref.title.split()) < least:
                    yield Problem(view.ref.source, "title", f"fewer than {least} words")
        ''',
    "cli.py": '''
        """Commands: `reflective words`."""
        from ..cli import base

        def cmd_words(args):
            loaded = base.load(args)
            print("posts:", len(loaded.site.posts))
            return 0

        def register(subparsers):
            base.add_command(subparsers, "words", cmd_words, help="count", description="Count.")
        ''',
    "wiring.py": '''
        """Pelican hooks: records that it was registered."""
        CALLS = []

        def register():
            CALLS.append("registered")
        ''',
}


@pytest.fixture
def wordcount(tmp_path, monkeypatch):
    package = tmp_path / "ext" / "wordcount"
    package.mkdir(parents=True)
    for name, text in FILES.items():
        (package / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    monkeypatch.setattr(reflective, "__path__", [*reflective.__path__, str(tmp_path / "ext")])
    monkeypatch.setattr(capabilities, "NAMES", (*capabilities.NAMES, "wordcount"))
    yield
    import sys

    for name in [n for n in sys.modules if n.startswith("reflective.wordcount")]:
        del sys.modules[name]


def _site(tmp_path):
    return make_site(tmp_path, {"one.md": post("One", "thing: 1\nactions:\n  - Do it")})


def _build(root, tmp_path, **override):
    config = read_settings(
        str(root / "pelicanconf.py"),
        override={"PATH": str(root / "content"), "OUTPUT_PATH": str(tmp_path / "out"), **override},
    )
    Pelican(config).run()


def test_the_registry_finds_only_what_a_capability_has():
    assert [f.__module__ for f in capabilities.wiring_registrations()] == [
        "reflective.progress.wiring",
        "reflective.cohort.wiring",
        "reflective.comments.wiring",
        "reflective.importer.wiring",
        "reflective.search.wiring",
        "reflective.cpd.wiring",
        "reflective.mentions.wiring",
        "reflective.editor.wiring",
    ]
    assert [f.__module__ for f in capabilities.cli_registrations()] == [
        "reflective.progress.cli",
        "reflective.cohort.cli",
        "reflective.comments.cli",
        "reflective.importer.cli",
        "reflective.cpd.cli",
        "reflective.preview.cli",
        "reflective.publish.cli",
        "reflective.init.cli",
        "reflective.mentions.cli",
        "reflective.editor.cli",
    ]
    assert [f.__module__ for f in capabilities.serve_routes()] == ["reflective.editor.routes"]
    # progress has no checks of its own yet; the cohort checks its cohort file, comments
    # its comment files and questions, the importer posts' old_urls, search that a
    # Pagefind binary is there, cpd activities and competency codes, mentions its settings,
    # state file and blocklist
    assert [f.__module__ for f in capabilities.checks()] == [
        "reflective.cohort.checks",
        "reflective.comments.checks",
        "reflective.importer.checks",
        "reflective.search.checks",
        "reflective.cpd.checks",
        "reflective.mentions.checks",
        "reflective.editor.checks",  # with the editor on, the forms it would damage
    ]


def test_a_capability_plugs_in_at_all_three_points(tmp_path, wordcount, capsys):
    root = _site(tmp_path)
    # (a) Pelican hooks
    reflective.register()
    from reflective.wordcount import wiring

    assert wiring.CALLS == ["registered"]
    # (c) checks: the build stops on the capability's problem...
    _build(root, tmp_path, REFLECTIVE_WORDCOUNT_MIN=1)  # "One" has one word: fine
    with pytest.raises(SystemExit, match="1 problem in the content"):
        _build(root, tmp_path, REFLECTIVE_WORDCOUNT_MIN=3)
    # ... and `reflective check` reports the same problem
    conf = root / "pelicanconf.py"
    conf.write_text(conf.read_text() + "\nREFLECTIVE_WORDCOUNT_MIN = 3\n", encoding="utf-8")
    capsys.readouterr()
    code = cli.main(
        ["--settings", str(conf), "--path", str(root / "content"), "check", "--no-cache"]
    )
    out = capsys.readouterr()
    assert code == 1
    assert "title: fewer than 3 words" in out.out
    # (b) commands
    assert cli.main(["--settings", str(conf), "words", "--no-cache"]) == 0
    assert "posts: 1" in capsys.readouterr().out
    assert "words" in cli.build_parser().format_help()
