"""No make, no shell, no POSIX-only call in what a site needs (issue 22): URL paths are
built with `/` from Windows and POSIX paths alike; the package starts no shell, sends
no signal, renames nothing over an existing target, locks no file, makes no symlink,
names no /tmp; `reflective serve` stops cleanly on Ctrl-C. (Dates without glibc's
`%-d`: tests/test_portable_dates.py, on the init branch.)"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import PurePosixPath, PureWindowsPath

import pytest
from fixtures_cli.support import BIN

from reflective.core import urlpath

from .support import ROOT, user_site

PACKAGE = ROOT / "plugins" / "reflective"


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        (PureWindowsPath("posts\\2011\\a-post\\index.html"), "posts/2011/a-post/index.html"),
        (PurePosixPath("posts/2011/a-post/index.html"), "posts/2011/a-post/index.html"),
        (PureWindowsPath("pagefind/pagefind-entry.json"), "pagefind/pagefind-entry.json"),
        (PureWindowsPath(".\\index.html"), "index.html"),
        (PurePosixPath("tags/café/index.html"), "tags/café/index.html"),
    ],
)
def test_url_paths_use_slashes_whatever_the_system_wrote(relative, expected):
    assert urlpath.url_path(relative) == expected


def test_url_paths_are_quoted_and_never_absolute_or_outside():
    assert urlpath.quoted(PureWindowsPath("tags\\café au lait\\index.html")) == (
        "tags/caf%C3%A9%20au%20lait/index.html"
    )
    for bad in (PureWindowsPath("C:\\site\\index.html"), PurePosixPath("/etc/passwd")):
        with pytest.raises(ValueError, match="not a path inside the output folder"):
            urlpath.url_path(bad)
    with pytest.raises(ValueError, match="outside the output folder"):
        urlpath.url_path(PureWindowsPath("..\\x.html"))
    assert urlpath.relative(os.path.join("out", "a", "b.html"), "out") == "a/b.html"


FORBIDDEN = {
    r"shell\s*=\s*True": "a shell (give the program a list of arguments)",
    r"\bos\.rename\(": "os.rename (fails over an existing target on Windows: os.replace)",
    r"\bos\.kill\(|\bsignal\.SIG|\bsignal\.signal\(": "a POSIX signal",
    r"\bimport fcntl\b|\bfcntl\.|\bmsvcrt\.locking": "file locking",
    r"\bos\.symlink\(|\.symlink_to\(": "a symlink (needs privileges on Windows)",
    r"[\"']/tmp\b": "a hard-coded /tmp (tempfile knows the system's)",
    r"\bos\.(getuid|geteuid|getpwnam|fork)\(": "a POSIX-only call",
    r"[\"']make[\"']": "make (each task is a reflective command)",
}


def _guarded(lines: list[str], index: int) -> bool:
    """A POSIX-only call that runs only where the system has it: `if hasattr(os, ...)`
    at most three lines above, so Windows takes the other way."""
    return any("if hasattr(os, " in line for line in lines[max(0, index - 3) : index])


def test_the_package_has_no_posix_only_call():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            code = line.split("#", 1)[0]
            for pattern, what in FORBIDDEN.items():
                if re.search(pattern, code) and not (
                    what == "a POSIX signal" and _guarded(lines, index)
                ):
                    found.append(f"{path.relative_to(ROOT)}:{index + 1}: {what}: {line.strip()}")
    assert found == []


def test_a_guarded_signal_is_allowed_and_a_bare_one_is_not():
    guarded = ["if hasattr(os, 'killpg'):", "    try:", "        os.killpg(pid, signal.SIGTERM)"]
    assert _guarded(guarded, 2)
    assert not _guarded(["def stop(pid):", "    os.kill(pid, signal.SIGTERM)"], 1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.skipif(os.name == "nt", reason="Ctrl-C is sent as SIGINT here")
def test_ctrl_c_stops_reflective_serve_cleanly(tmp_path):
    site = user_site(tmp_path)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "REFLECTIVE_DEBUG"}
    process = subprocess.Popen(
        [str(BIN / "reflective"), "serve", "--port", str(port)],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as answer:
                    if answer.status == 200 and b"Ruth reflects" in answer.read():
                        break
            except OSError:
                pass
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "reflective serve did not serve the site"
            time.sleep(0.3)
        process.send_signal(signal.SIGINT)  # what Ctrl-C sends to the terminal's program
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert "Traceback" not in err
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
