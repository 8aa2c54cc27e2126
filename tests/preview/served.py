"""A real `make serve` (reflective serve) in a subprocess on a generated site, for tests.

Owns writing a project folder (settings that take the repo's pelicanconf.py and point
it at the folder's content, a copy of the theme so a test may edit templates), starting
the server on a free port, reading its log, and waiting for the loop to settle (its
"preview: up to date" line).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pelican
import pytest

REPO = Path(__file__).resolve().parents[2]

SETTINGS = """_repo = {{}}
with open({conf!r}, encoding="utf-8") as _handle:
    exec(compile(_handle.read(), {conf!r}, "exec"), _repo)
globals().update({{k: v for k, v in _repo.items() if k.isupper()}})
PATH = "content"
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
PLUGINS = {plugins_on!r}
REFLECTIVE_TODAY = {today!r}
REFLECTIVE_COHORT = None  # the sample site's cohort file is not in a test project
DEFAULT_PAGINATION = 4
{extra}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")
    except OSError:
        return 0, ""


def make_project(root: Path, posts: int, plugin: bool = True) -> Path:
    """A project folder: content/ from bench.generate, pelicanconf.py, theme/."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from bench import generate

    corpus = generate.generate(root, posts)
    # the repo's theme needs the plugin's templates; without the plugin, Pelican's own
    theme = REPO / "theme" if plugin else Path(pelican.__file__).parent / "themes" / "simple"
    shutil.copytree(theme, root / "theme")
    (root / "pelicanconf.py").write_text(
        SETTINGS.format(
            conf=str(REPO / "pelicanconf.py"),
            theme=str(root / "theme"),
            plugins=str(REPO / "plugins"),
            plugins_on=["reflective"] if plugin else [],
            today=corpus.today.isoformat(),
            extra="" if plugin else "TEMPLATE_PAGES = {}  # 404.html is the repo theme's\n",
        ),
        encoding="utf-8",
    )
    return root


class Served:
    """`reflective serve` running on a project folder."""

    def __init__(self, root: Path):
        self.root = root
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log_path = root / "serve.log"
        self._log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "reflective",
                "serve",
                "--path",
                "content",
                "--output",
                "output",
                "--settings",
                "pelicanconf.py",
                "--port",
                str(self.port),
            ],
            cwd=root,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=dict(os.environ, COLUMNS="200", TERM="dumb", NO_COLOR="1"),
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def count(self, pattern: str) -> int:
        return len(re.findall(pattern, self.log()))

    def settled(self) -> int:
        return self.count(r"preview: up to date")

    def wait_settled(self, before: int, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the server stopped:\n{self.log()}")
            if self.settled() > before:
                return
            time.sleep(0.1)
        pytest.fail(f"the server did not settle in {timeout} s:\n{self.log()[-4000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self._log.close()


def clean_build(root: Path, into: str = "clean") -> None:
    """A clean build of the same content with the real pelican command."""
    shutil.rmtree(root / into, ignore_errors=True)
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", into, "-s", "pelicanconf.py"],
        cwd=root,
        capture_output=True,
        text=True,
        env=dict(os.environ, COLUMNS="200"),
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def assert_same_as_clean_build(root: Path) -> None:
    clean_build(root)
    served, clean = tree(root / "output"), tree(root / "clean")
    missing = sorted(set(clean) - set(served))
    extra = sorted(set(served) - set(clean))
    differ = sorted(name for name in set(clean) & set(served) if clean[name] != served[name])
    assert not (missing or extra or differ), (
        f"served output differs from a clean build: missing {missing[:5]}, "
        f"extra {extra[:5]}, different {differ[:5]}"
    )
