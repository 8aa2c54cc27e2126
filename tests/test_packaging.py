"""The plugin as the Pelican ecosystem expects it, on a site outside the repository.

Two real ways, each a real `pelican` build in a fresh folder:
- installed: the wheel built from this repository, installed with pip into a fresh
  virtual environment (its dependencies come from the test's own environment through
  a .pth line, so nothing is downloaded but the build backend); the site says only
  `PLUGINS = ["reflective"]` and Pelican finds the namespace plugin
  `pelican.plugins.reflective`; the `reflective` command comes with it;
- not installed: the same fresh environment without the wheel, the plugin folder copied
  into the site, `PLUGIN_PATHS = ["plugins"]`, `PLUGINS = ["reflective"]`.
And in this process: the namespace shim is the one `reflective`, and `pelican` is
Pelican's own package.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

POST = """\
---
title: "Thing 1: blogging"
date: 2011-06-20
thing: 1
actions:
  - text: Write the second post
    status: todo
    due: 2011-07-01
---
Some words of reflection about starting.
"""

SETTINGS = """\
AUTHOR = "Someone"
SITENAME = "Outside"
PATH = "content"
TIMEZONE = "UTC"
PLUGINS = ["reflective"]
REFLECTIVE_TODAY = "2011-10-01"
REFLECTIVE_STRICT = True
REFLECTIVE_APPEND_TO_CONTENT = True
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
"""


def _site(folder: Path, extra: str = "") -> Path:
    (folder / "content").mkdir(parents=True)
    (folder / "content" / "thing-1.md").write_text(POST, encoding="utf-8")
    (folder / "pelicanconf.py").write_text(SETTINGS + extra, encoding="utf-8")
    return folder


def _venv(folder: Path) -> Path:
    """A fresh environment that sees this one's packages, but not its `reflective`."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True)
    python = folder / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # A plain path line: the dependencies, not this environment's .pth files (so not
    # the editable install of the repository).
    ours = sysconfig.get_paths()["purelib"]
    (Path(purelib) / "deps.pth").write_text(ours + "\n", encoding="utf-8")
    return python


def _run(args, cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _where(python: Path, cwd: Path) -> dict:
    code = (
        "import json, pelican, reflective, pelican.plugins._utils as u;"
        "print(json.dumps({'pelican': pelican.__file__, 'reflective': reflective.__file__,"
        "'namespace': sorted(u.get_namespace_plugins())}))"
    )
    return json.loads(_run([str(python), "-c", code], cwd).stdout)


def _assert_built(output: Path) -> None:
    progress = (output / "progress" / "index.html").read_text(encoding="utf-8")
    assert "Write the second post" in progress
    post = next(output.glob("**/thing-1*.html")).read_text(encoding="utf-8")
    assert "Write the second post" in post
    assert (output / "progress.json").is_file() and (output / "actions.ics").is_file()


def test_installed_wheel_is_the_namespace_plugin(tmp_path):
    # Built from a copy: setuptools leaves build/ beside the sources it builds.
    source = tmp_path / "source"
    for name in ("pyproject.toml", "README.md"):
        source.mkdir(exist_ok=True)
        shutil.copy(REPO / name, source / name)
    shutil.copytree(
        REPO / "plugins",
        source / "plugins",
        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
    )
    wheels = tmp_path / "wheels"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(wheels),
            str(source),
        ],
        tmp_path,
    )
    wheel = next(wheels.glob("reflective-*.whl"))
    names = subprocess.run(
        [sys.executable, "-m", "zipfile", "-l", str(wheel)], capture_output=True, text=True
    ).stdout
    assert "pelican/plugins/reflective/__init__.py" in names
    assert "pelican/__init__.py" not in names and "pelican/plugins/__init__.py" not in names
    assert "reflective/templates/reflective/progress.html" in names
    python = _venv(tmp_path / "env")
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        tmp_path,
    )
    site = _site(tmp_path / "site")
    where = _where(python, site)
    env_dir = str(tmp_path / "env")
    assert where["reflective"].startswith(env_dir), where
    assert "pelican.plugins.reflective" in where["namespace"]
    assert not where["pelican"].startswith(env_dir)  # Pelican's own package, not shadowed
    _run([str(python), "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"], site)
    _assert_built(site / "output")
    check = _run([str(tmp_path / "env" / "bin" / "reflective"), "check"], site)
    assert "1 posts checked, no problems" in check.stderr


def test_uninstalled_from_plugin_paths(tmp_path):
    python = _venv(tmp_path / "env")
    site = _site(tmp_path / "site", 'PLUGIN_PATHS = ["plugins"]\n')
    shutil.copytree(
        REPO / "plugins" / "reflective",
        site / "plugins" / "reflective",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    missing = subprocess.run(
        [str(python), "-c", "import reflective"], cwd=tmp_path, capture_output=True, text=True
    )
    assert missing.returncode != 0, "the fresh environment must not have reflective installed"
    _run([str(python), "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py"], site)
    _assert_built(site / "output")


def test_one_plugin_module_per_process():
    import pelican
    import pelican.plugins.reflective as shim

    import reflective

    assert shim.register is reflective.register
    assert Path(pelican.__file__).parent.name == "pelican"
    assert "site-packages" in pelican.__file__  # not the repository's plugins/pelican
    assert not (REPO / "plugins" / "pelican" / "__init__.py").exists()
    assert not (REPO / "plugins" / "pelican" / "plugins" / "__init__.py").exists()


@pytest.mark.parametrize("module", ["reflective", "reflective.cli"])
def test_python_m_runs_the_command(module):
    result = subprocess.run(
        [sys.executable, "-m", module, "--help"], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 0 and "actions" in result.stdout
