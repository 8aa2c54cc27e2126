"""`reflective check` and a strict build report the same problems on the same broken sites.

Each site is the CLI fixture site plus broken posts of one kind: two posts written to
one address, a title no address can be made from, posts Pelican itself leaves out (no
title or no date in Pelican's own `Key: value` metadata), comment files (SPEC §5), and
the per-post problems of SPEC §4. Both run for real (the `reflective` command, the `pelican` command, strict);
their problem lines must be the same, line for line.
"""

from __future__ import annotations

import re

import pytest
from fixtures_cli.support import build, copy_site, run

HEADER = re.compile(r"reflective: (\d+) problems? in the content")


def build_problems(output: str) -> list[str]:
    """The problem lines a build printed: the N lines after its header."""
    lines = output.splitlines()
    for index, line in enumerate(lines):
        match = HEADER.search(line)
        if match:
            return [text.strip() for text in lines[index + 1 : index + 1 + int(match[1])]]
    return []


def both(site, tmp_path) -> tuple[list[str], list[str]]:
    checked = run("check", cwd=site)
    assert "Traceback" not in checked.stdout + checked.stderr
    built = build(site, tmp_path / "out")
    assert "Traceback" not in built.stdout + built.stderr
    found = build_problems(built.stdout + built.stderr)
    if found:
        assert built.returncode != 0 and checked.returncode == 1
        assert not (tmp_path / "out" / "index.html").exists()  # strict: nothing written
    return sorted(checked.stdout.splitlines()), sorted(found)


POST = "---\ntitle: {title}\ndate: {date}\n---\nA few words.\n"
SITES = {
    "two posts, one address": {
        "2011-09-10-same.md": POST.format(title="The same title", date="2011-09-10"),
        "2011-09-11-same-again.md": POST.format(title="The same title", date="2011-09-11"),
    },
    "an explicit slug used twice": {
        "2011-09-10-one.md": "---\ntitle: One\ndate: 2011-09-10\nslug: shared\n---\nA.\n",
        "2011-09-12-two.md": "---\ntitle: Two\ndate: 2011-09-12\nslug: shared\n---\nB.\n",
    },
    "a title with no letters": {
        "2011-09-10-marks.md": POST.format(title='"?!?"', date="2011-09-10"),
    },
    "Pelican metadata without a title": {
        "2011-09-10-no-title.md": "Date: 2011-09-10\n\nPelican's own metadata, no title.\n",
    },
    "Pelican metadata without a date": {
        "undated.md": "Title: Undated\n\nPelican's own metadata, no date.\n",
    },
    "front matter without a title or a date": {
        "untitled.md": "---\ndate: 2011-09-10\n---\nNo title.\n",
        "dateless.md": "---\ntitle: Dateless\n---\nNo date.\n",
    },
    "comment files": {  # paths with a folder are under content/, the others under posts/
        "comments/no-such-post/a.md": "---\nid: first\nauthor: Sam\ndate: 2011-06-21\n---\nHi.\n",
        "comments/thing-1-starting-a-blog/b.md": (
            "---\nid: second\ndate: 2011-06-22\nreplyto: nobody\n"
            "website: javascript:alert(1)\n---\nHello.\n"
        ),
    },
}
EXPECTED = {
    "two posts, one address": "2011-09-11-same-again.md:2: slug: this post would be written to",
    "an explicit slug used twice": "2011-09-12-two.md:4: slug: this post would be written to",
    "a title with no letters": "2011-09-10-marks.md:2: slug: no address can be made",
    "Pelican metadata without a title": "2011-09-10-no-title.md: title: is missing, so Pelican",
    "Pelican metadata without a date": "undated.md: date: is missing, so Pelican",
    "front matter without a title or a date": "untitled.md:2: title: is missing",
    "comment files": "comments/no-such-post/a.md: folder: comments/no-such-post/ names no post",
}


def write(site, files: dict) -> None:
    for name, text in files.items():
        path = site / "content" / (name if "/" in name else f"posts/{name}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("kind", list(SITES))
def test_check_and_the_strict_build_agree(tmp_path, kind):
    site = copy_site("site", tmp_path)
    write(site, SITES[kind])
    checked, built = both(site, tmp_path)
    assert checked == built
    assert any(EXPECTED[kind] in line for line in checked), checked


def test_they_agree_on_every_problem_of_spec_4_and_on_all_of_these_at_once(tmp_path):
    site = copy_site("bad", tmp_path)
    for files in SITES.values():
        write(site, files)
    checked, built = both(site, tmp_path)
    assert checked == built
    assert len(checked) >= 11 + 7 + 4


def test_they_agree_on_a_slug_pelican_takes_from_the_file_name(tmp_path):
    """A post's slug from FILENAME_METADATA: `check` finds its comments where the build
    does (the comments capability asks core.addresses, not its own copy of the rules)."""
    site = copy_site("site", tmp_path)
    with open(site / "pelicanconf.py", "a", encoding="utf-8") as conf:
        conf.write('\nFILENAME_METADATA = r"(?P<slug>own-address-[a-z]+)"\n')
    write(
        site,
        {
            "own-address-here.md": POST.format(title="A title of its own", date="2011-09-20"),
            "comments/own-address-here/c.md": "---\nid: c1\nauthor: Sam\ndate: 2011-09-21\n"
            "replyto: nobody\n---\nHi.\n",
        },
    )
    checked, built = both(site, tmp_path)
    assert checked == built
    # the comment file found its post (else: "names no post"), so its reply is checked
    assert not any("names no post" in line for line in checked), checked
    assert any("c.md" in line and "replyto" in line for line in checked), checked


PAGEFIND_FIX = (
    "install it with  pip install 'pagefind[bin]'  (make install does), or set "
    "REFLECTIVE_PAGEFIND to the path of a pagefind binary, or turn search off with "
    "REFLECTIVE_SEARCH = False"
)


@pytest.mark.parametrize(
    ("setting", "shown"),
    [
        ("/nowhere/pagefind", "'/nowhere/pagefind'"),
        ("no-such-pagefind-command", "'no-such-pagefind-command'"),
        ("tools/pagefind", "'tools/pagefind' ({site}/tools/pagefind)"),  # the settings' folder
    ],
    ids=["absolute path", "command name", "relative path"],
)
def test_they_agree_on_a_pagefind_binary_that_is_not_there(tmp_path, setting, shown):
    """Search (SPEC: a published site with a dead search page is a defect): `check` says
    what the strict build says, in the same line, and the build writes nothing."""
    site = copy_site("site", tmp_path)
    with open(site / "pelicanconf.py", "a", encoding="utf-8") as conf:
        conf.write(f"\nREFLECTIVE_PAGEFIND = {setting!r}\n")
    checked, built = both(site, tmp_path)
    assert checked == built
    where = shown.format(site=site)
    assert checked == [
        f"settings: REFLECTIVE_PAGEFIND: the Pagefind binary REFLECTIVE_PAGEFIND = {where} "
        f"was not found or is not executable; {PAGEFIND_FIX}"
    ]


def test_a_site_with_search_off_needs_no_pagefind(tmp_path):
    site = copy_site("site", tmp_path)
    with open(site / "pelicanconf.py", "a", encoding="utf-8") as conf:
        conf.write('\nREFLECTIVE_PAGEFIND = "/nowhere/pagefind"\nREFLECTIVE_SEARCH = False\n')
    checked, built = both(site, tmp_path)
    assert checked == built == []
    assert (tmp_path / "out" / "index.html").exists()
