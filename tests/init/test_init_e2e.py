"""The new user's path, end to end: the built wheel in a fresh venv, no `make`.

Builds the wheel (`pip wheel --no-deps`), installs it into a new venv (its dependencies
come from pip's cache), and with a PATH that holds only that venv and git runs what the
README's "Start your own blog" says: `reflective init` (and a second one, refused
without a change), then in the new site `check`, `new --thing 2`, `build`, `publish`
with SITEURL from the environment, and `serve`, fetching a page over HTTP before
stopping it with Ctrl-C (SIGINT) as an author would.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ("Ruth", "Northmoor", "REFLECTIVE_TODAY", "cohort", "2011-")


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with the wheel built from this checkout; its scripts folder."""
    base = tmp_path_factory.mktemp("wheel-venv")
    # Built from a copy of what packaging reads: a build in the checkout would leave
    # build/ there, whose stale files a later wheel could carry.
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        if (ROOT / name).exists():
            shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for folder in ("plugins", "theme"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source), "-w", "wheel"],
        cwd=base,
        check=True,
        capture_output=True,
    )
    [wheel] = (base / "wheel").glob("reflective-*.whl")
    subprocess.run([sys.executable, "-m", "venv", "venv"], cwd=base, check=True)
    scripts = base / "venv" / ("Scripts" if os.name == "nt" else "bin")
    # The wheel's file, never the bare name: PyPI's "reflective" is another project.
    install = ["install", "-q", "--find-links", str(wheel.parent), str(wheel)]
    done = subprocess.run(
        [str(scripts / "python"), "-m", "pip", *install],
        cwd=base,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return scripts


def environment(scripts: Path, tmp_path: Path) -> dict:
    """PATH: the venv's scripts and git, nothing else (no make, no kit's .venv)."""
    tools = tmp_path / "tools"
    tools.mkdir()
    git = shutil.which("git")
    if git and os.name == "nt":  # Git for Windows' cmd\ holds git alone
        tools = Path(git).parent
    elif git:
        (tools / Path(git).name).symlink_to(git)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join([str(scripts), str(tools)])
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["HOME"] = str(tmp_path / "home")  # no user's git identity or settings
    env.pop("SITEURL", None)
    assert shutil.which("make", path=env["PATH"]) is None
    return env


@pytest.mark.slow
def test_init_then_every_command_of_the_readme_with_the_installed_wheel(installed, tmp_path):
    env = environment(installed, tmp_path)
    work = tmp_path / "work"
    work.mkdir()

    def reflective(*args, cwd, extra=None):
        return subprocess.run(
            [str(installed / "reflective"), *args],
            cwd=cwd,
            env={**env, **(extra or {})},
            capture_output=True,
            text=True,
            timeout=300,
        )

    made = reflective("init", "blog", "--yes", "--name", "N", "--author", "A", cwd=work)
    assert made.returncode == 0, made.stderr
    site = work / "blog"
    assert (site / ".git").is_dir()
    written = [p for p in site.rglob("*") if p.is_file() and ".git" not in p.parts]
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert not [word for word in SAMPLE if word in text], path
    posts = list((site / "content" / "posts").iterdir())
    assert len(posts) == 1 and "-thing-1-" in posts[0].name
    assert not (site / "cohort.yaml").exists() and not (site / "cohort-cache").exists()

    before = tree_hash(site)
    again = reflective("init", "blog", "--yes", "--name", "N", "--author", "A", cwd=work)
    assert again.returncode == 1 and "nothing was written" in again.stderr
    assert tree_hash(site) == before

    checked = reflective("check", cwd=site)
    assert checked.returncode == 0, checked.stderr
    new = reflective("new", "--thing", "2", cwd=site)
    assert new.returncode == 0, new.stderr
    assert (site / new.stdout.strip()).is_file()
    built = reflective("build", cwd=site)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "Thing 2: Investigate other blogs" in (site / "output" / "index.html").read_text(
        encoding="utf-8"
    )
    published = reflective("publish", cwd=site, extra={"SITEURL": "https://n.example.org"})
    assert published.returncode == 0, published.stdout + published.stderr
    feed = (site / "output" / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert "https://n.example.org/posts/" in feed
    theme_css = list((site / "output" / "theme").rglob("*.css"))
    assert theme_css, "the theme of the installed package is in the published site"

    port = free_port()
    server = subprocess.Popen(
        [
            str(installed / "reflective"),
            "serve",
            "--port",
            str(port),
            "--output",
            str(tmp_path / "served"),
        ],
        cwd=site,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page, deadline = None, time.monotonic() + 120
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/about/", timeout=5) as r:
                    page = r.read().decode("utf-8")
            except OSError:
                time.sleep(0.5)
        assert page is not None, server.stdout.read() if server.poll() is not None else "timeout"
        assert "I'm A." in page
    finally:
        # Ctrl-C, as an author stops it (Windows: no SIGINT to another process).
        if os.name == "nt":
            server.terminate()
        else:
            server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
            pytest.fail("reflective serve did not stop on Ctrl-C (SIGINT)")
