"""The pure core of search with the real Pagefind binary: finding it, running it over a
folder of pages, swapping its bundle in whole, failing in one line, decoding the index."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from reflective.search import core
from reflective.search.background import BackgroundIndexer

PAGE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body>
<nav>Navigation words: menubar</nav>
<article data-pagefind-body><h1 data-pagefind-meta="title">{title}</h1>
<p>{body}</p>
<ul><li data-reflective-private>A private errand: {private}</li></ul>
<p class="rf-private">Also private: {private}</p>
<span data-pagefind-filter="thing:Thing 5: Reflective practice"></span>
</article></body></html>"""


def _site(root: Path, pages: dict[str, tuple[str, str]], private: str = "secretword") -> Path:
    for path, (title, body) in pages.items():
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(PAGE.format(title=title, body=body, private=private), encoding="utf-8")
    return root


def _script(path: Path, text: str) -> str:
    path.write_text("#!/bin/sh\n" + text + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_the_binary_from_the_wheel_is_found_and_runs():
    binary = core.find_binary()
    assert os.access(binary, os.X_OK)
    assert "pagefind_bin" in binary or os.path.basename(binary).startswith("pagefind")


@pytest.mark.parametrize("setting", ["/nowhere/pagefind", "no-such-pagefind-command"])
def test_a_setting_pointing_nowhere_is_one_line_with_the_fix(setting):
    with pytest.raises(core.SearchError) as raised:
        core.find_binary(setting)
    message = str(raised.value)
    assert "\n" not in message
    assert f"REFLECTIVE_PAGEFIND = {setting!r}" in message
    assert "pip install 'pagefind[bin]'" in message and "REFLECTIVE_SEARCH = False" in message


def test_a_relative_setting_is_relative_to_the_given_folder_and_comes_back_absolute(tmp_path):
    (tmp_path / "tools").mkdir()
    binary = _script(tmp_path / "tools" / "pagefind", "exit 0")
    assert core.find_binary("tools/pagefind", str(tmp_path)) == binary
    with pytest.raises(core.MissingBinary) as raised:
        core.find_binary("tools/pagefind", str(tmp_path / "elsewhere"))
    assert raised.value.detail.startswith(
        f"the Pagefind binary REFLECTIVE_PAGEFIND = 'tools/pagefind' "
        f"({tmp_path / 'elsewhere' / 'tools' / 'pagefind'}) was not found"
    )
    assert str(raised.value) == "search: " + raised.value.detail


def test_a_setting_that_is_not_text_is_a_problem_not_a_crash():
    with pytest.raises(core.MissingBinary, match="must be a path or a command name, found 42"):
        core.find_binary(42)


def test_without_the_wheel_and_path_it_says_how_to_install(monkeypatch, tmp_path):
    import builtins

    real_import = builtins.__import__

    def no_wheel(name, *args, **kwargs):
        if name == "pagefind_bin":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_wheel)
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no pagefind on PATH
    with pytest.raises(core.SearchError, match=r"was not found .*pip install 'pagefind\[bin\]'"):
        core.find_binary()


def test_index_decodes_to_the_pages_with_titles_filters_and_no_private_text(tmp_path):
    site = _site(
        tmp_path / "out",
        {
            "a/index.html": ("Coffee urns", "Networking by the coffee urn."),
            "b/index.html": ("Headshots", "A proper headshot at last."),
        },
    )
    outcome = core.index(str(site), core.find_binary())
    assert outcome.pages == 2 and outcome.words > 0 and outcome.filters == 1
    assert "indexed 2 pages" in outcome.summary()
    fragments = {f["url"]: f for f in core.read_fragments(str(site / "pagefind"))}
    assert set(fragments) == {"/a/", "/b/"}
    assert fragments["/a/"]["meta"]["title"] == "Coffee urns"
    assert fragments["/a/"]["filters"] == {"thing": ["Thing 5: Reflective practice"]}
    assert "coffee urn" in fragments["/a/"]["content"]
    for fragment in fragments.values():
        assert "secretword" not in fragment["content"].lower()
        assert "menubar" not in fragment["content"]
    assert not [p for p in site.iterdir() if p.name.startswith(".pagefind")]
    sizes = core.bundle_size(str(site / "pagefind"))
    assert 0 < sizes["index"] < sizes["total"] and sizes["files"] > 5


def test_a_new_index_replaces_the_old_one_whole(tmp_path):
    site = _site(tmp_path / "out", {"a/index.html": ("One", "first words")})
    core.index(str(site), core.find_binary())
    (site / "a" / "index.html").unlink()
    _site(site, {"b/index.html": ("Two", "second words")})
    core.index(str(site), core.find_binary())
    urls = [f["url"] for f in core.read_fragments(str(site / "pagefind"))]
    assert urls == ["/b/"]


def test_a_failing_binary_is_one_line_and_the_old_index_stays(tmp_path):
    site = _site(tmp_path / "out", {"a/index.html": ("One", "first words")})
    core.index(str(site), core.find_binary())
    before = sorted(p.name for p in (site / "pagefind" / "fragment").iterdir())
    broken = _script(
        tmp_path / "pagefind", 'echo "Running Pagefind"; echo "Error: disk full" >&2; exit 3'
    )
    with pytest.raises(core.SearchError) as raised:
        core.index(str(site), core.find_binary(broken))
    message = str(raised.value)
    assert "\n" not in message and "exit 3" in message and "Error: disk full" in message
    assert sorted(p.name for p in (site / "pagefind" / "fragment").iterdir()) == before
    assert not [p for p in site.iterdir() if p.name.startswith(".pagefind")]


def test_a_binary_that_writes_nothing_is_a_failure(tmp_path):
    site = _site(tmp_path / "out", {"a/index.html": ("One", "words")})
    silent = _script(tmp_path / "pagefind", "exit 0")
    with pytest.raises(core.SearchError, match="wrote no search bundle"):
        core.index(str(site), core.find_binary(silent))


def test_a_file_that_is_no_program_is_one_line(tmp_path):
    site = _site(tmp_path / "out", {"a/index.html": ("One", "words")})
    fake = tmp_path / "pagefind"
    fake.write_bytes(b"\x00\x01not a program")
    fake.chmod(0o755)
    with pytest.raises(core.SearchError, match="could not be run") as raised:
        core.index(str(site), str(fake))
    assert "\n" not in str(raised.value)


def test_parse_summary_reads_pagefinds_totals():
    log = "Total:\n  Indexed 1 language\n  Indexed 12 pages\n  Indexed 3456 words\n  Indexed 3 filters\n"
    assert core.parse_summary(log) == {"pages": 12, "words": 3456, "filters": 3}
    assert core.parse_summary("") == {"pages": 0, "words": 0, "filters": 0}


def test_background_index_returns_at_once_and_the_last_build_wins(tmp_path):
    site = _site(tmp_path / "out", {"a/index.html": ("One", "first words")})
    reports = []
    indexer = BackgroundIndexer(report=lambda outcome, error: reports.append((outcome, error)))
    slow = _script(tmp_path / "slow", "exec sleep 60")  # never done: cancelled
    indexer.start(str(site), slow)  # an older build's index, still running ...
    (site / "a" / "index.html").unlink()
    _site(site, {"b/index.html": ("Two", "second words")})
    indexer.start(str(site), None)  # ... is cancelled by the next build's
    assert indexer.wait(60)
    assert [f["url"] for f in core.read_fragments(str(site / "pagefind"))] == ["/b/"]
    assert len(reports) == 1 and reports[0][1] is None and reports[0][0].pages == 1
    assert not [p for p in site.iterdir() if p.name.startswith(".pagefind")]
    indexer.stop()


def test_background_failure_is_reported_not_raised(tmp_path):
    site = _site(tmp_path / "out", {"a/index.html": ("One", "words")})
    reports = []
    indexer = BackgroundIndexer(report=lambda outcome, error: reports.append((outcome, error)))
    indexer.start(str(site), "/nowhere/pagefind")
    assert indexer.wait(30)
    assert reports and reports[0][0] is None and "REFLECTIVE_PAGEFIND" in str(reports[0][1])


def test_the_publish_gate_reads_the_index(tmp_path):
    """A secret that reached the index is found there, even with its page gone."""
    from reflective.core import gate

    site = _site(
        tmp_path / "out",
        {"a/index.html": ("One", "Ask Helen about the regrading budget before Friday.")},
    )
    core.index(str(site), core.find_binary())
    (site / "a" / "index.html").unlink()
    secret = gate.Secret("Ask Helen about the regrading budget", "the private action 'x'")
    problems = gate.find_leaks(str(site), [secret])
    assert [p.file.split("/")[:2] for p in problems] == [["pagefind", "fragment"]]
    assert "the private action 'x'" in problems[0].message


def test_the_bench_measures_indexing_on_a_generated_site(tmp_path):
    from bench import search as bench_search

    result = bench_search.measure(6, 1, tmp_path)
    assert result["pages_indexed"] == result["posts"] + 1  # the posts and the about page
    assert result["cpu"] > 0 and result["wall"] > 0
    assert 0 < result["index_bytes"] < result["bundle_bytes"]
    assert "indexing, CPU (median)" in bench_search.table([result])


def test_stopping_a_background_index_keeps_the_last_complete_one(tmp_path):
    site = _site(tmp_path / "out", {"a/index.html": ("One", "first words")})
    core.index(str(site), core.find_binary())
    reports = []
    indexer = BackgroundIndexer(report=lambda outcome, error: reports.append((outcome, error)))
    indexer.start(str(site), _script(tmp_path / "slow", "exec sleep 60"))
    time.sleep(0.5)
    indexer.stop()  # a new build starts
    assert indexer.wait(30)
    assert reports == []
    assert [f["url"] for f in core.read_fragments(str(site / "pagefind"))] == ["/a/"]
    assert not [p for p in site.iterdir() if p.name.startswith(".pagefind.")]
