"""Pieces of `make bench-serve` (bench/serve.py): the server, the site, the edits.

Owns starting the real `make serve` (or an older scripts/serve.py) on a corpus and
reading its log (`Serve`), the settings a corpus is served with (the repo's
pelicanconf.py pointed at it), the three kinds of edit and the browser condition that
tells each one is shown (`make_edit`), picking the post to edit, and the server's
memory (RSS of it and its children).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("REFLECTIVE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

SETTINGS = '''"""Bench settings for `make bench-serve`: the repo's pelicanconf.py, pointed here."""
_repo = {{}}
with open({conf!r}, encoding="utf-8") as _handle:
    exec(compile(_handle.read(), {conf!r}, "exec"), _repo)
globals().update({{k: v for k, v in _repo.items() if k.isupper()}})
PATH = {content!r}
THEME = {theme!r}
PLUGIN_PATHS = [{plugins!r}]
REFLECTIVE_TODAY = {today!r}
REFLECTIVE_COHORT = None  # the sample's cohort file is not there (as bench/run.py)
'''
KINDS = ("body", "status", "title")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mib(pid: int) -> float:
    """Resident memory of the serve process and its children (make → python)."""
    total = 0
    for child in [pid, *_descendants(pid)]:
        try:
            for line in Path(f"/proc/{child}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def _descendants(pid: int) -> list[int]:
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            children.append(int(entry))
    return children + [g for c in children for g in _descendants(c)]


class Serve:
    """`make serve` (or an older scripts/serve.py) on a corpus, with its log."""

    def __init__(self, folder: Path, script: Path | None = None):
        self.folder = folder
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log_path = folder / ("serve-baseline.log" if script else "serve.log")
        self._log = open(self.log_path, "w")
        env = dict(os.environ, COLUMNS="200", TERM="dumb", NO_COLOR="1")
        if script is None:
            command = [
                "make",
                "--no-print-directory",
                "-C",
                str(REPO),
                "serve",
                f"INPUTDIR={folder / 'content'}",
                f"OUTPUTDIR={folder / 'output'}",
                f"CONFFILE={folder / 'pelicanconf.py'}",
                f"PORT={self.port}",
            ]
        else:
            command = [
                str(REPO / ".venv" / "bin" / "python"),
                str(script),
                "--input",
                str(folder / "content"),
                "--output",
                str(folder / "output-baseline"),
                "--settings",
                str(folder / "pelicanconf.py"),
                "--port",
                str(self.port),
            ]
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def count(self, pattern: str) -> int:
        return len(re.findall(pattern, self.log()))

    def wait_for_log(self, pattern: str, before: int, timeout: float = 900) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"make serve stopped:\n{self.log()[-3000:]}")
            if self.count(pattern) > before:
                return
            time.sleep(0.05)
        raise SystemExit(f"timed out waiting for {pattern!r}:\n{self.log()[-3000:]}")

    def stop(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=20)
        self._log.close()


def post_url(output: Path, title: str) -> str:
    needle = f">{title}</h1>"
    for page in (output / "posts").rglob("index.html"):
        if needle in page.read_text(encoding="utf-8"):
            return str(page.parent.relative_to(output)) + "/"
    raise SystemExit(f"no page with the title {title!r} in {output}")


def split(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def join(meta: dict, body: str) -> str:
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{front}---\n{body}"


def make_edit(path: Path, kind: str, number: int) -> tuple[str, str]:
    """Edit the post; return (JS condition true once the browser shows it, description)."""
    meta, body = split(path.read_text(encoding="utf-8"))
    if kind == "body":
        marker = f"Bench edit number {number}, written for the preview."
        path.write_text(join(meta, body.rstrip("\n") + f"\n\n{marker}\n"), encoding="utf-8")
        return f"document.body.innerText.includes({json.dumps(marker)})", "body"
    if kind == "title":
        title = re.sub(r" \(edit \d+\)$", "", meta["title"]) + f" (edit {number})"
        meta["title"] = title
        path.write_text(join(meta, body), encoding="utf-8")
        return (
            f"(document.querySelector('h1') || {{}}).innerText === {json.dumps(title)}",
            "title",
        )
    actions = meta.get("actions") or []
    index = next(i for i, a in enumerate(actions) if isinstance(a, dict) and "every" not in a)
    action = actions[index]
    new = "doing" if action.get("status", "todo") != "doing" else "done"
    action["status"] = new
    action.pop("done", None)
    path.write_text(join(meta, body), encoding="utf-8")
    js = (
        f"document.querySelectorAll('article li.s-{new}, main li.s-{new}').length > "
        f"(window.__before_{new} || 0)"
    )
    return js, f"status → {new}"


def pick_target(corpus) -> Path:
    """A published post with an action that is not a habit (for the status edits)."""
    posts = sorted((corpus.folder / "content" / "posts").glob("*.md"))
    middle = len(posts) // 2
    for path in posts[middle:] + posts[:middle]:
        meta, _ = split(path.read_text(encoding="utf-8"))
        if meta.get("status") == "draft" or not meta.get("thing"):
            continue
        if any(isinstance(a, dict) and "every" not in a for a in meta.get("actions") or []):
            return path
    raise SystemExit("no post to edit")


def make_corpus(folder: Path, n: int):
    """A generated site of n posts in `folder`, with its pelicanconf.py (the repo's)."""
    from bench import generate

    if folder.exists():
        shutil.rmtree(folder)
    corpus = generate.generate(folder, n)
    (folder / "pelicanconf.py").write_text(
        SETTINGS.format(
            conf=str(REPO / "pelicanconf.py"),
            content=str(folder / "content"),
            theme=str(REPO / "theme"),
            plugins=str(REPO / "plugins"),
            today=corpus.today.isoformat(),
        ),
        encoding="utf-8",
    )
    return corpus
