"""Scale: a 5,000-post site with 20,000 actions builds strictly, and its progress stays usable.

One real build (about a minute); nothing here asserts a time.
"""

import datetime as dt
import json
import re
from collections import Counter

import pytest

from sitebuild import REPO, build, make_site, output_files

POSTS = 5000
PER_POST = 4
STATUSES = ("todo", "doing", "done", "dropped")


def is_draft(index: int) -> bool:
    return index % 97 == 50


def corpus() -> tuple[dict[str, str], set[str]]:
    """Posts with 4 actions each, updates on earlier ones, a few private and drafts."""
    files, visible = {}, set()
    start = dt.date(2011, 1, 1)
    for index in range(POSTS):
        date = start + dt.timedelta(days=index // 3)
        draft = is_draft(index)
        lines = ["---", f"title: Post {index}", f"date: {date}", f"thing: {index % 23 + 1}"]
        if draft:
            lines.append("status: draft")
        lines.append("actions:")
        for number in range(PER_POST):
            ident = f"p{index}-a{number}"
            status = STATUSES[(index + number) % 4]
            due = date + dt.timedelta(days=(index * 7 + number * 13) % 120 - 20)
            private = (index + number) % 41 == 0
            every = ", every: week" if number == 3 and index % 10 == 0 else ""
            lines.append(
                f"  - {{id: {ident}, text: 'Action {number} of post {index}, on *practice*',"
                f" status: {status}, due: {due}, private: {str(private).lower()}{every}}}"
            )
            if not draft and not private:
                visible.add(ident)
        if index >= 10 and not draft:
            lines.append("updates:")
            for target, number, change in (
                (index - 3, 3, "status: done"),
                (index - 7, 3, "status: doing"),
                (index - 10 - index % 10, 3, "note: check-in"),
            ):
                if not is_draft(target):
                    lines.append(f"  - {{action: p{target}-a{number}, {change}}}")
        lines += ["---", "A short reflection on the week. " * 12, ""]
        files[f"posts/p{index:05d}.md"] = "\n".join(lines)
    return files, visible


@pytest.mark.slow
def test_five_thousand_posts_twenty_thousand_actions(tmp_path):
    files, visible = corpus()
    total = sum(text.count("  - {id: ") for text in files.values())
    assert total == POSTS * PER_POST == 20000
    root = make_site(
        tmp_path,
        files,
        THEME=str(REPO / "theme"),
        REFLECTIVE_TODAY="2014-01-01",
        REFLECTIVE_APPEND_TO_CONTENT=False,
        DRAFT_SAVE_AS="",
        ARTICLE_URL="posts/{slug}/",
        ARTICLE_SAVE_AS="posts/{slug}/index.html",
    )
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "problem" not in result.stdout + result.stderr

    out = root / "output"
    data = json.loads((out / "progress.json").read_text())
    assert {a["id"] for a in data["actions"]} == visible
    assert data["counts"]["total"] == len(visible)

    # The progress page stays readable: counted, grouped, every Thing, long groups paged.
    page = (out / "progress" / "index.html").read_text()
    assert len(page.encode()) < 500_000
    for key, count in Counter(a["group"] for a in data["actions"]).items():
        assert f"({count})" in page, key
    links = sorted(set(re.findall(r'href="[^"]*?/progress/(\w+)/"', page)))
    assert links, "long groups link to pages of their own"
    # One line an action, linked to its full item (its Thing's line or its post).
    shown = Counter(re.findall(r'href="[^"]*#action-([a-z0-9-]+)"', page))
    assert max(shown.values()) == 1
    on_group_pages = Counter()
    for group in links:
        for html in sorted((out / "progress" / group).rglob("index.html")):
            on_group_pages.update(re.findall(r'href="[^"]*#action-([a-z0-9-]+)"', html.read_text()))
    grouped = {a["id"] for a in data["actions"] if a["group"] in links}
    assert set(on_group_pages) == grouped and max(on_group_pages.values()) == 1
    rest = visible - grouped
    assert rest <= set(shown)

    every_output = output_files(root)
    assert not any(name.startswith("drafts/") for name in every_output)
