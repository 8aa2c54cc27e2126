"""The theme travels with the package: the wheel built from this repository, installed
into a fresh venv (`python -m venv`; its dependencies from the package index, pip's
cache warm), builds and publishes a site that names the theme with
`reflective_theme()`, on a PATH without make.

Checked for real: every file of theme/ is in the wheel; the installed `path()` is the
installed copy (not this checkout); `THEME_TEMPLATES_OVERRIDES` changes one template
without copying the theme; an upgrade of Reflective upgrades the theme a site uses;
`reflective comments serve` without Isso says how to install it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .support import ROOT, SITEURL, user_site

PACKAGING = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
OVERRIDE = """{% extends "!theme/article.html" %}
{% block content %}{{ super() }}<p class="mine">Written in my own template.</p>{% endblock %}
"""


def _run(args, cwd: Path, env: dict | None = None, ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=900
    )
    if ok:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def _wheel(tmp: Path, name: str, change=None) -> Path:
    """A wheel built from a copy of the packaging inputs (no build/ left in the checkout)."""
    source = tmp / f"source-{name}"
    source.mkdir()
    for file in PACKAGING:
        shutil.copy(ROOT / file, source / file)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "plugins", source / "plugins", ignore=ignore)
    shutil.copytree(ROOT / "theme", source / "theme", ignore=ignore)
    if change:
        change(source)
    wheels = tmp / f"wheels-{name}"
    _run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", wheels, source], tmp)
    return next(wheels.glob("reflective-*.whl"))


def _bin(env: Path) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin")


def _path_without_make(tmp: Path, env: Path) -> str:
    """The venv's commands, then this machine's, except make."""
    folder = tmp / "no-make-bin"
    folder.mkdir(exist_ok=True)
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for entry in os.listdir(directory):
            target = folder / entry
            if entry == "make" or target.exists() or target.is_symlink():
                continue
            target.symlink_to(Path(directory) / entry)
    return os.pathsep.join([str(_bin(env)), str(folder)])


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    wheel = _wheel(tmp, "first")
    env = tmp / "env"
    _run([sys.executable, "-m", "venv", env], tmp)
    python = _bin(env) / "python"
    result = _run(
        # The wheel's file, not the name: "reflective" on PyPI is another project.
        [python, "-m", "pip", "install", "--quiet", wheel],
        tmp,
        ok=False,
    )
    if result.returncode != 0:
        line = f"the wheel's dependencies could not be installed: {result.stderr.strip()[-300:]}"
        if os.environ.get("CI") == "true":
            pytest.fail(line)
        pytest.skip(line)
    clean = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    environ = dict(clean, PATH=_path_without_make(tmp, env), SITEURL="")
    return {"tmp": tmp, "wheel": wheel, "env": env, "python": python, "environ": environ}


def test_the_wheel_carries_every_file_of_the_theme(installed):
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    in_wheel = sorted(
        n[len("reflective/theme/") :] for n in names if n.startswith("reflective/theme/")
    )
    in_repo = sorted(
        p.relative_to(ROOT / "theme").as_posix()
        for p in (ROOT / "theme").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )
    assert in_wheel == in_repo
    assert any(n.startswith("templates/") for n in in_wheel)
    assert any(n.startswith("static/css/") for n in in_wheel)


def test_a_site_builds_and_publishes_with_the_installed_theme_and_one_own_template(installed):
    env, environ = installed["env"], installed["environ"]
    assert shutil.which("make", path=environ["PATH"]) is None
    site = user_site(installed["tmp"], "site")
    where = _run(
        [installed["python"], "-c", "from reflective.core.theme import path; print(path())"],
        site,
        environ,
    ).stdout.strip()
    assert Path(where).is_relative_to(env) and Path(where, "templates", "base.html").is_file()
    assert not Path(where).is_relative_to(ROOT)

    (site / "templates").mkdir()
    (site / "templates" / "article.html").write_text(OVERRIDE, encoding="utf-8")
    conf = site / "pelicanconf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + '\nTHEME_TEMPLATES_OVERRIDES = ["templates"]\n',
        encoding="utf-8",
    )
    reflective = _bin(env) / "reflective"
    _run([reflective, "build"], site, environ)
    post = (site / "output/posts/2011/thing-1-starting-out/index.html").read_text("utf-8")
    assert '<p class="mine">Written in my own template.</p>' in post
    assert "Publish one post a week about the programme" in post  # the theme's own article
    assert (site / "output/theme/css/main.css").read_bytes() == (
        ROOT / "theme/static/css/main.css"
    ).read_bytes()
    page = (site / "output/about/index.html").read_text("utf-8")
    assert "Written in my own template." not in page  # one template changed, not the others

    result = _run([reflective, "publish", "--siteurl", SITEURL], site, environ)
    assert f"output now holds the new build for {SITEURL}." in result.stdout
    post = (site / "output/posts/2011/thing-1-starting-out/index.html").read_text("utf-8")
    assert f'href="{SITEURL}/about/"' in post and "Written in my own template." in post


def test_comments_serve_without_isso_says_how_to_install_it(installed):
    site = user_site(installed["tmp"], "comments-site")
    result = _run(
        [_bin(installed["env"]) / "reflective", "comments", "serve"],
        site,
        installed["environ"],
        ok=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "reflective: error: Isso is not installed; install it with pip install "
        "'reflective[comments]' (it needs a C compiler; in the kit, make comments-server "
        "installs it) and run reflective comments serve again"
    ]


def test_an_upgrade_of_reflective_upgrades_the_theme_of_a_site(installed):
    """Runs last: it changes the module's venv."""

    def newer(source: Path) -> None:
        toml = source / "pyproject.toml"
        toml.write_text(re.sub(r'(?m)^version = ".*"$', 'version = "99.0.0"', toml.read_text()))
        css = source / "theme/static/css/main.css"
        css.write_text(css.read_text() + "\n/* the next release's theme */\n")

    wheel = _wheel(installed["tmp"], "newer", newer)
    python, environ = installed["python"], installed["environ"]
    _run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--upgrade", wheel],
        installed["tmp"],
    )
    site = user_site(installed["tmp"], "upgraded-site")
    _run([_bin(installed["env"]) / "reflective", "build"], site, environ)
    css = (site / "output/theme/css/main.css").read_text("utf-8")
    assert css.endswith("/* the next release's theme */\n")
