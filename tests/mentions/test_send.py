"""`reflective mentions send` end to end on loopback: a site published as `make publish`
does, served on 127.0.0.1, other sites receiving; the real CLI in a subprocess."""

from __future__ import annotations

import json

import pytest

from .support import Others, Served, free_port, kit_site, publish, reflective
from sitebuild import post


def _posts(others: str) -> dict:
    return {
        "first.md": post(
            "First steps",
            date="2011-06-01",
            body=f"I read [their notes]({others}/a/notes) and [a list]({others}/b/list).\n\n"
            f"Also [this]({others}/none/x) and [my own post](/2011/second-thoughts/).",
        ),
        "second.md": post(
            "Second thoughts",
            date="2011-06-08",
            front=f"in_reply_to: {others}/b/question",
            body=f"An answer, citing [a page]({others}/a/cited) and [one]({others}/refuse/p).",
        ),
    }


@pytest.fixture
def world(tmp_path):
    with Others() as others:
        port = free_port()
        root = kit_site(tmp_path / "site", _posts(others.base))
        site = f"http://127.0.0.1:{port}"
        publish(root, site)
        with Served(root / "output", port):
            yield root, site, others


def send(root, *args):
    result = reflective(root, "mentions", "send", "--allow-local-addresses", *args)
    assert result.returncode == 0, result.stderr
    return result


def test_send_once_then_nothing_then_only_the_edited_post(world):
    root, site, others = world
    first, second = f"{site}/2011/first-steps/", f"{site}/2011/second-thoughts/"
    result = send(root, "--since", "2011-01-01")
    got = sorted((path, form["source"], form["target"]) for path, form in others.take())
    base = others.base
    assert got == sorted(
        [
            ("/endpoint/a/notes", first, f"{base}/a/notes"),
            ("/endpoint/b/list", first, f"{base}/b/list"),
            ("/endpoint/b/question", second, f"{base}/b/question"),  # in_reply_to
            ("/endpoint/a/cited", second, f"{base}/a/cited"),
            ("/endpoint/refuse/p", second, f"{base}/refuse/p"),
        ]
    )  # each endpoint exactly once; none for the page without one or our own post
    assert f"no-endpoint: {base}/none/x" in result.stdout
    assert f"rejected: {base}/refuse/p" in result.stdout and "(400" in result.stdout
    assert "4 sent" in result.stderr and "1 rejected" in result.stderr
    state = json.loads((root / "webmentions.json").read_text())
    assert state["sent"][first]["pending"] == [] and len(state["sent"][first]["targets"]) == 3
    before = (root / "webmentions.json").read_bytes()

    # nothing changed: nothing sent, nothing fetched, the state file unchanged
    others.gets.clear()
    result = send(root)
    assert others.take() == [] and others.gets == []
    assert "nothing to send; 2 post(s) unchanged" in result.stderr
    assert (root / "webmentions.json").read_bytes() == before

    # edit one post: drop a link, add one; only its targets, the removed one included
    path = root / "content" / "first.md"
    text = path.read_text().replace(f"[a list]({base}/b/list)", f"[another]({base}/a/new)")
    path.write_text(text)
    publish(root, site)
    send(root)
    got = sorted((path, form["source"], form["target"]) for path, form in others.take())
    assert got == sorted(
        [
            ("/endpoint/a/notes", first, f"{base}/a/notes"),
            ("/endpoint/a/new", first, f"{base}/a/new"),
            ("/endpoint/b/list", first, f"{base}/b/list"),  # removed: told so
        ]
    )


def test_first_run_is_a_baseline_and_dry_run_sends_nothing(world):
    root, site, others = world
    result = send(root, "--dry-run", "--since", "2011-06-05")
    assert others.take() == [] and not (root / "webmentions.json").exists()
    assert "would send" in result.stdout and "second-thoughts" in result.stdout
    assert "first-steps" not in result.stdout
    result = send(root)  # the first real run: the archive is recorded, nothing sent
    assert others.take() == []
    assert "2 published post(s) recorded as the baseline" in result.stderr
    state = json.loads((root / "webmentions.json").read_text())
    assert set(state["sent"]) == {f"{site}/2011/first-steps/", f"{site}/2011/second-thoughts/"}
    # a new post after the baseline is sent
    (root / "content" / "third.md").write_text(
        post("Third", date="2030-01-01", body=f"See [this]({others.base}/a/later).")
    )
    publish(root, site)
    send(root)
    assert [(p, f["target"]) for p, f in others.take()] == [
        ("/endpoint/a/later", f"{others.base}/a/later")
    ]


def test_loopback_targets_are_refused_without_the_option(world):
    root, _site, others = world
    result = reflective(root, "mentions", "send", "--since", "2011-01-01")
    assert result.returncode == 0, result.stderr
    assert others.take() == [] and others.gets == []
    assert "refused" in result.stdout and "--allow-local-addresses" in result.stdout


def test_an_unpublished_output_is_refused(tmp_path):
    root = kit_site(tmp_path / "site", {"a.md": post("A")})
    from sitebuild import build

    assert build(root).returncode == 0
    result = reflective(root, "mentions", "send")
    assert result.returncode == 1
    assert "built without SITEURL" in result.stderr
