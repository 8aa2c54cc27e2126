"""The editor's file API over the site's folder: paths stay inside, writes are whole.

`fileapi.Folder` on real temporary folders, and the same rules through the real
`reflective serve` (tornado) with urllib: the header the editor sends is required, a
path out of the folder or into .git is refused with the status the page's handles turn
into the DOMException the CMS expects.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request

import pytest

from reflective.editor.fileapi import FileAPIError, Folder


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "content" / "posts").mkdir(parents=True)
    (tmp_path / "content" / "posts" / "a.md").write_bytes(b"---\ntitle: A\n---\n")
    (tmp_path / ".git").mkdir()
    return Folder(tmp_path)


def test_list_read_write_move_remove(folder, tmp_path):
    assert folder.list("content") == [{"name": "posts", "kind": "directory"}]
    data, mtime = folder.read("content/posts/a.md")
    assert data == b"---\ntitle: A\n---\n" and mtime > 0
    folder.write("content/images/new/b.png", b"\x89PNG")
    assert (tmp_path / "content/images/new/b.png").read_bytes() == b"\x89PNG"
    folder.move("content/images/new/b.png", "content/images/c.png")
    assert not (tmp_path / "content/images/new/b.png").exists()
    folder.remove("content/images/new")
    folder.create("content/posts/empty.md", "file")
    assert (tmp_path / "content/posts/empty.md").read_bytes() == b""
    folder.create("content/posts", "directory")  # exists: nothing happens
    assert [n for n in os.listdir(tmp_path / "content/posts") if n.startswith(".")] == []


@pytest.mark.parametrize("path", ["../outside.md", "/etc/passwd", "content/../../x", "a/\0b"])
def test_paths_outside_the_folder_are_refused(folder, path):
    with pytest.raises(FileAPIError) as error:
        folder.write(path, b"x")
    assert error.value.status == 403


def test_a_link_leading_out_is_refused(folder, tmp_path):
    outside = tmp_path.parent / "outside-the-site"
    outside.mkdir(exist_ok=True)
    os.symlink(outside, tmp_path / "content" / "escape")
    with pytest.raises(FileAPIError):
        folder.write("content/escape/x.md", b"x")
    assert not (outside / "x.md").exists()


def test_git_is_never_written(folder):
    with pytest.raises(FileAPIError):
        folder.write(".git/config", b"x")
    with pytest.raises(FileAPIError):
        folder.remove(".git", recursive=True)


def test_kinds_and_missing(folder):
    with pytest.raises(FileAPIError) as error:
        folder.stat("content/posts/a.md", "directory")
    assert error.value.status == 409
    with pytest.raises(FileAPIError) as error:
        folder.read("content/posts/missing.md")
    assert error.value.status == 404
    with pytest.raises(FileAPIError) as error:
        folder.remove("content/posts")
    assert error.value.status == 409  # not empty, not recursive


def _request(base, method, op, params, body=None, header=True):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    request = urllib.request.Request(f"{base}admin/api/{op}?{query}", data=body, method=method)
    if header:
        request.add_header("X-Reflective-Editor", "1")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_the_api_in_reflective_serve(tmp_path):
    from preview.served import Served

    from ._support import sample_project

    root = sample_project(tmp_path)
    served = Served(root)
    try:
        served.wait_settled(0)
        base = served.base
        status, body = _request(base, "GET", "list", {"path": "content/pages"})
        assert status == 200 and json.loads(body) == [{"name": "about.md", "kind": "file"}]
        assert _request(base, "GET", "list", {"path": "content"}, header=False)[0] == 403
        assert _request(base, "PUT", "file", {"path": "../x.md"}, b"x")[0] == 403
        assert _request(base, "PUT", "file", {"path": "content/pages/new.md"}, b"---\n")[0] == 200
        assert (root / "content/pages/new.md").read_bytes() == b"---\n"
        assert _request(base, "GET", "file", {"path": "content/nothing.md"})[0] == 404
        with urllib.request.urlopen(base + "admin/") as response:
            page = response.read().decode()
        assert "livereload" not in page  # the reload script stays out of /admin/
        assert '<script src="local-files.js"></script>' in page
    finally:
        served.stop()


def test_a_listing_brings_the_text_files_with_it(folder, tmp_path):
    import base64

    (tmp_path / "content" / "posts" / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / "content" / "posts" / "latin1.md").write_bytes(b"caf\xe9\r\n")
    (tmp_path / "content" / "comments" / "a").mkdir(parents=True)
    (tmp_path / "content" / "comments" / "a" / "c1.md").write_bytes(b"\xef\xbb\xbf---\r\n")
    listed = {e["name"]: e for e in folder.list("content/posts", contents=True)}
    assert listed["a.md"]["text"] == "---\ntitle: A\n---\n" and listed["a.md"]["mtime"] > 0
    assert base64.b64decode(listed["latin1.md"]["data"]) == b"caf\xe9\r\n"  # not UTF-8
    assert set(listed["photo.png"]) == {"name", "kind"}  # images are read when asked for
    assert set(folder.list("content/posts")[0]) == {"name", "kind"}
    tree = {e["name"]: e for e in folder.list("content", contents=True, depth=2)}
    comment = tree["comments"]["entries"][0]["entries"][0]
    assert comment["text"].encode("utf-8") == b"\xef\xbb\xbf---\r\n"  # the same bytes
