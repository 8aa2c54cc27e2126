"""/admin/ in a published build: only when asked for, complete, offline-ready and valid.

A real Pelican build of the sample site (tidied) with and without `REFLECTIVE_EDITOR`;
the vendored files match their recorded SHA-256; the CMS bundle as served names no CDN
for its fonts, locales or update check; /admin/index.html passes the Nu Html Checker
when a vnu.jar is at hand (VNU_JAR, or the site audit's).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from preview.served import clean_build

from reflective.editor import vendor

VNU = os.environ.get(
    "VNU_JAR", "/work/shared/tools/site-audit/node_modules/vnu-jar/build/dist/vnu.jar"
)


def test_vendored_files_match_their_checksums():
    for name, digest in vendor.VENDORED.items():
        assert hashlib.sha256((vendor.VENDOR_DIR / name).read_bytes()).hexdigest() == digest, name


def test_the_served_bundle_fetches_nothing_from_a_cdn():
    text = vendor.asset("sveltia-cms.js").decode()
    assert "cdn.jsdelivr.net" not in text and "https://unpkg.com" not in text
    assert "maximum-scale" not in text  # readers may zoom
    for local in vendor.FONTS:
        assert local in text
        assert vendor.asset(local)[:4] == b"wOF2"


def test_admin_only_when_asked_for(tmp_path):
    from ._support import sample_project

    root = sample_project(tmp_path)
    clean_build(root, "plain")
    assert not (root / "plain" / "admin").exists()
    subprocess.run(
        [sys.executable, "-m", "reflective", "tidy"], cwd=root, check=True, capture_output=True
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            "content",
            "-o",
            "on",
            "-s",
            "pelicanconf.py",
            "-e",
            'REFLECTIVE_EDITOR={"repo": "ruth/blog", "branch": "pages"}',
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    admin = root / "on" / "admin"
    names = {str(p.relative_to(admin)) for p in admin.rglob("*") if p.is_file()}
    assert {"index.html", "config.yml", "sveltia-cms.js", "preview.js", "cms/package.json"} <= names
    assert "local-files.js" not in (admin / "index.html").read_text()
    assert "repo: ruth/blog" in (admin / "config.yml").read_text()
    if not Path(VNU).exists() or not shutil.which("java"):
        pytest.skip("no vnu.jar (set VNU_JAR)")
    checked = subprocess.run(
        ["java", "-jar", VNU, "--errors-only", str(admin / "index.html")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr


def test_the_local_page_is_valid_html(tmp_path):
    from reflective.editor import page

    if not Path(VNU).exists() or not shutil.which("java"):
        pytest.skip("no vnu.jar (set VNU_JAR)")
    local = tmp_path / "admin.html"
    local.write_text(page.render("Ruth <reflects> & more", local=True))
    checked = subprocess.run(
        ["java", "-jar", VNU, "--errors-only", str(local)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
