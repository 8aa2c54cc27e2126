"""The pure parts of publishing: the address, URL paths on any system, the swap."""

from __future__ import annotations

import os
from pathlib import PurePosixPath, PureWindowsPath

import pytest

from reflective.publish import core


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        (PurePosixPath("index.html"), "/index.html"),
        (PurePosixPath("posts/2011/a b/index.html"), "/posts/2011/a b/index.html"),
        (PureWindowsPath("posts\\2011\\thing-1\\index.html"), "/posts/2011/thing-1/index.html"),
        (PureWindowsPath("theme/css\\main.css"), "/theme/css/main.css"),
        (PureWindowsPath(".\\feeds\\all.atom.xml"), "/feeds/all.atom.xml"),
    ],
)
def test_a_file_in_the_output_has_a_url_path_with_slashes_on_any_system(relative, expected):
    assert core.web_path(relative) == expected


def test_a_url_path_is_percent_encoded_for_a_request_and_never_climbs_out():
    assert core.quoted_web_path(PureWindowsPath("tags\\café au lait\\index.html")) == (
        "/tags/caf%C3%A9%20au%20lait/index.html"
    )
    with pytest.raises(ValueError, match="outside the output folder"):
        core.web_path(PureWindowsPath("..\\secrets.txt"))


def test_listing_names_every_file_with_slashes(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "c.html").write_text("c")
    (tmp_path / "index.html").write_text("i")
    assert [rel for _, rel in core.listing(str(tmp_path))] == ["index.html", "a/b/c.html"]


@pytest.mark.parametrize(
    ("given", "environ", "expected"),
    [
        ("https://a.example.org/", {"SITEURL": "https://b.example.org"}, "https://a.example.org"),
        (None, {"SITEURL": " https://b.example.org/blog/ "}, "https://b.example.org/blog"),
        (None, {"NETLIFY": "true", "URL": "https://c.netlify.app"}, "https://c.netlify.app"),
        (
            None,
            {
                "NETLIFY": "true",
                "CONTEXT": "deploy-preview",
                "SITEURL": "https://blog.example.org",  # the production address
                "URL": "https://c.netlify.app",
                "DEPLOY_PRIME_URL": "https://deploy-preview-3--c.netlify.app",
            },
            "https://deploy-preview-3--c.netlify.app",
        ),
        (
            None,
            {
                "NETLIFY": "true",
                "CONTEXT": "production",
                "SITEURL": "https://blog.example.org",
                "URL": "https://c.netlify.app",
                "DEPLOY_PRIME_URL": "https://main--c.netlify.app",
            },
            "https://blog.example.org",
        ),
    ],
)
def test_the_address_comes_from_the_option_the_environment_or_netlify(given, environ, expected):
    assert core.siteurl(given, environ)[0] == expected


@pytest.mark.parametrize(
    ("given", "environ", "message"),
    [
        (None, {}, "SITEURL is not set"),
        (None, {"URL": "https://c.netlify.app"}, "SITEURL is not set"),  # not on Netlify
        ("me.example.org", {}, "--siteurl must be an http(s) address"),
        (None, {"SITEURL": "ftp://me.example.org"}, "SITEURL must be an http(s) address"),
        (None, {"SITEURL": "https://me.example.org/?a=1"}, "SITEURL must be an http(s) address"),
    ],
)
def test_a_missing_or_bad_address_names_the_fix(given, environ, message):
    with pytest.raises(core.SiteURLError, match=message.replace("(", r"\(").replace(")", r"\)")):
        core.siteurl(given, environ)
    with pytest.raises(core.SiteURLError, match="reflective publish --siteurl https://"):
        core.siteurl(given, environ)


def test_the_swap_replaces_the_output_whole_and_leaves_nothing_beside_it(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "old.html").write_text("old")
    fresh = core.fresh_folder(str(output))
    (tmp_path.joinpath(os.path.basename(fresh)) / "new.html").write_text("new")
    core.swap_in(fresh, str(output))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert [p.name for p in output.iterdir()] == ["new.html"]
    if os.name == "posix":  # a web server must read it (mkdtemp's folder is private)
        assert output.stat().st_mode & 0o777 == 0o755
    # Into a place with no output yet.
    fresh = core.fresh_folder(str(tmp_path / "site" / "out"))
    core.swap_in(fresh, str(tmp_path / "site" / "out"))
    assert (tmp_path / "site" / "out").is_dir()
