"""Files as they come: encodings, line endings, odd front matter, sizes, scripts, slugs."""

import pytest
from bs4 import BeautifulSoup

from sitebuild import build, make_site, output_files, post, read_json

GOOD = post("Anchor post", "thing: 1\nactions:\n  - {id: anchor, text: Keep me}", date="2011-06-01")


def lenient(tmp_path, files):
    root = make_site(tmp_path, {"posts/good.md": GOOD, **files}, REFLECTIVE_STRICT=False)
    result = build(root)
    assert result.returncode == 0, result.stderr
    log = " ".join((result.stdout + result.stderr).split())
    return root, log


def strict_log(tmp_path, files):
    root = make_site(tmp_path / "strict", {"posts/good.md": GOOD, **files})
    result = build(root)
    return result.returncode, " ".join((result.stdout + result.stderr).split())


def action_ids(root):
    return {a["id"] for a in read_json(root)["actions"]}


def test_bom_and_crlf(tmp_path):
    text = post(
        "Windows post",
        "thing: 2\nactions:\n  - id: crlf\n    text: From Windows\n    due: 2011-13-01",
    )
    data = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
    root, log = lenient(tmp_path, {"posts/win.md": data})
    assert "win.md:8: actions[0].due" in log  # lines are right despite BOM and CRLF
    assert action_ids(root) == {"anchor", "crlf"}


def test_old_mac_line_endings(tmp_path):
    text = post("Old Mac", "actions:\n  - {id: cr, text: CR only}").replace("\n", "\r")
    root, log = lenient(tmp_path, {"posts/cr.md": text})
    assert "cr" in action_ids(root) and "problem" not in log


def test_tabs_in_yaml(tmp_path):
    text = "---\ntitle: Tabs\ndate: 2011-07-01\nactions:\n\t- one\n---\nBody\n"
    root, log = lenient(tmp_path, {"posts/tabs.md": text})
    assert "tabs.md:5: front matter: a tab is used for indentation" in log
    assert "tabs.html" in output_files(root)
    code, log = strict_log(tmp_path, {"posts/tabs.md": text})
    assert code == 1 and "tabs.md:5" in log


def test_empty_front_matter(tmp_path):
    root, log = lenient(tmp_path, {"posts/empty.md": "---\n---\nJust a body.\n"})
    assert "empty.md:1: title: is missing" in log and "empty.md:1: date: is missing" in log
    assert "empty.html" in output_files(root)


def test_front_matter_never_closed(tmp_path):
    root, log = lenient(tmp_path, {"posts/open.md": "---\ntitle: Open\ndate: 2011-07-01\nBody\n"})
    assert (
        "open.md:1: front matter: the front matter opened with '---' on line 1 is never closed"
        in log
    )
    assert "open.html" in output_files(root)


def test_only_front_matter(tmp_path):
    text = "---\ntitle: Only front matter\ndate: 2011-07-01\nactions:\n  - {id: lone, text: Lone}\n---\n"
    root, log = lenient(tmp_path, {"posts/only.md": text})
    assert "problem" not in log and "lone" in action_ids(root)
    assert "only-front-matter.html" in output_files(root)


def test_one_megabyte_post(tmp_path):
    body = ("A line of reflective writing that goes on for a while. " * 20 + "\n\n") * 950
    text = post("Long post", "actions:\n  - {id: long, text: Long one}", body=body)
    assert len(text.encode()) > 1_000_000
    root, log = lenient(tmp_path, {"posts/long.md": text})
    assert "long" in action_ids(root) and "problem" not in log


def test_not_utf8(tmp_path):
    data = "---\ntitle: Café\ndate: 2011-07-01\n---\nRésumé\n".encode("cp1252")
    root, log = lenient(tmp_path, {"posts/legacy.md": data})
    assert "legacy.md: file: is not UTF-8 text (byte 0xe9 at offset 14)" in log
    assert "save it with the UTF-8 encoding" in log
    assert "legacy.html" in output_files(root)
    code, _ = strict_log(tmp_path, {"posts/legacy.md": data})
    assert code == 1


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Сетевое общение", "setevoe-obshchenie"),
        ("שיתוף ידע ברשת", "shytvp-yd-brsht"),
        ("التواصل المهني", "ltwsl-lmhny"),
        ("博客与反思", "bo-ke-yu-fan-si"),
    ],
)
def test_non_latin_and_right_to_left_titles(tmp_path, title, slug):
    text = post(title, "actions:\n  - {id: intl, text: 'نص الإجراء — текст'}")
    root, log = lenient(tmp_path, {"posts/intl.md": text})
    assert "problem" not in log
    page = (root / "output" / f"{slug}.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert title in soup.get_text() and "نص الإجراء — текст" in soup.get_text()
    data = read_json(root)
    assert {a["post"]["title"] for a in data["actions"]} >= {title}


def test_title_without_usable_characters(tmp_path):
    root, log = lenient(tmp_path, {"posts/party.md": post("🎉🎉", "")})
    assert "party.md:2: slug: no address can be made from this title" in log  # the title line
    assert "post.html" in output_files(root)


def test_two_posts_with_the_same_slug(tmp_path):
    files = {
        "posts/a.md": post("Same title", "actions:\n  - {id: first, text: First}"),
        "posts/b.md": post(
            "Same title", "actions:\n  - {id: second, text: Second}", date="2011-07-02"
        ),
    }
    root, log = lenient(tmp_path, files)
    assert "slug: this post would be written to same-title.html, like" in log
    files_out = output_files(root)
    assert "same-title.html" in files_out and "same-title-2.html" in files_out
    assert action_ids(root) == {"anchor", "first", "second"}
    code, log = strict_log(tmp_path, files)
    assert code == 1 and "same-title.html" in log
