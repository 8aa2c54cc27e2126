"""What each make target installs: a site's needs for building, serving and publishing;
the test toolchain (`.[dev]`) only for test, lint and bench.

The dry runs read the Makefile as make does; the last test installs a fresh venv for
real (pip's cache makes it quick) and publishes and serves the sample site with it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEV_ONLY = ["pytest", "playwright", "axe-playwright-python", "hypothesis", "ruff", "jsonschema"]


def dry_run(target: str, venv: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL")}
    env["SITEURL"] = "https://me.example.org"
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", target, f"VENV={venv}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def pip_installs(commands: str) -> list[str]:
    return re.findall(r"pip install --quiet (.*)", commands)


@pytest.mark.parametrize(
    "target",
    ["html", "serve", "regenerate", "publish", "github", "rsync_upload", "site", "comments-server"],
)
def test_building_serving_and_publishing_install_no_test_toolchain(tmp_path, target):
    installs = pip_installs(dry_run(target, tmp_path / "fresh-venv"))
    assert installs == ["--upgrade pip", "-e ."], installs
    assert "[dev]" not in dry_run(target, tmp_path / "fresh-venv")


@pytest.mark.parametrize("target", ["test", "lint", "bench", "bench-import", "install"])
def test_test_lint_and_bench_install_the_test_toolchain(tmp_path, target):
    commands = dry_run(target, tmp_path / "fresh-venv")
    assert "pip install --quiet -e ." in commands
    assert "pip install --quiet -e '.[dev]'" in commands


def test_the_dependencies_split_as_the_targets_need():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = [re.split(r"[<>=!~ \[]", d, maxsplit=1)[0].lower() for d in project["dependencies"]]
    dev = [
        re.split(r"[<>=!~ \[]", d, maxsplit=1)[0].lower()
        for d in project["optional-dependencies"]["dev"]
    ]
    assert "livereload" in names  # make serve runs it
    assert not set(DEV_ONLY) & set(names)
    assert set(DEV_ONLY) <= set(dev)


def test_the_hosted_builds_run_make_publish_only():
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text())
    runs = [step["run"] for step in workflow["jobs"]["build"]["steps"] if "run" in step]
    assert any(run.strip().endswith("make publish") for run in runs)
    assert not any("pip install" in run or "make install" in run for run in runs)
    netlify = tomllib.loads((ROOT / "netlify.toml").read_text())
    assert netlify["build"]["command"].endswith("make publish")
    assert "install" not in netlify["build"]["command"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.slow
def test_a_fresh_venv_publishes_and_serves_without_the_test_toolchain(tmp_path):
    venv = tmp_path / "venv"
    env = {
        k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "VIRTUAL_ENV")
    }
    env["SITEURL"] = "https://me.example.org"
    output = tmp_path / "output"
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "publish",
            f"VENV={venv}",
            f"OUTPUTDIR={output}",
            f"PY={sys.executable}",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "progress" / "index.html").is_file()
    listed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "list", "--format=freeze"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.lower()
    installed = {line.split("==")[0] for line in listed.splitlines()}
    assert not {name.replace("-", "_") for name in DEV_ONLY} & {
        n.replace("-", "_") for n in installed
    }
    assert "pelican" in installed and "livereload" in installed

    port = _free_port()
    serve_output = tmp_path / "serve-output"
    server = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "serve",
            f"VENV={venv}",
            f"OUTPUTDIR={serve_output}",
            f"PORT={port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/progress/") as page:
                    assert page.status == 200
                    assert b"Progress" in page.read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("make serve did not serve the site")
                time.sleep(0.25)
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=30)


def test_a_python_without_venv_is_one_line_saying_what_to_install(tmp_path):
    """Debian's python3 comes without its venv module (package python3-venv)."""
    python = tmp_path / "python3"
    python.write_text("#!/bin/sh\necho 'Error: ensurepip is not available' >&2\nexit 1\n")
    python.chmod(0o755)
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "--no-print-directory", "site", f"VENV={venv}", f"PY={python}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    ours = [line for line in result.stderr.splitlines() if line.startswith("make: ")]
    assert ours[0] == (
        f"make: {python} -m venv could not make {venv}; install Python 3.11's venv module "
        "(Debian/Ubuntu: sudo apt-get install python3-venv) and run make again"
    )
    assert not venv.exists()  # no half-made venv left for the next run to trust


def test_every_script_and_module_the_makefile_runs_exists():
    # A target naming a script that a later change removed fails only when someone runs
    # it (make bench-serve once called the replaced scripts/ensure_browser.py).
    makefile = (ROOT / "Makefile").read_text()
    scripts = set(re.findall(r"\bscripts/[\w./-]+\.py\b", makefile))
    modules = set(re.findall(r"-m (bench\.\w+)", makefile))
    assert scripts and modules
    missing = [s for s in scripts if not (ROOT / s).is_file()]
    missing += [m for m in modules if not (ROOT / (m.replace(".", "/") + ".py")).is_file()]
    assert missing == []
