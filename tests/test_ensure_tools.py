"""scripts/ensure_tools.py, run for real: what `make test` does about missing programs.

As root it installs them with apt-get (that path is what `.ci/run` on a fresh machine
exercises); here it is run as an unprivileged user, or with --check, on a PATH without
rsync, where it must say in one line per program what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_publish import path_without

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "ensure_tools.py"
RSYNC_LINE = (
    "ensure_tools: rsync is missing, so the make rsync_upload test cannot run; "
    "install it with: sudo apt-get install rsync"
)


def run(tmp_path, *args, ci=False, prefix=()):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PATH"] = path_without(tmp_path, "rsync")
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [*prefix, sys.executable, str(SCRIPT), *args], env=env, capture_output=True, text=True
    )


def test_a_missing_rsync_is_one_line_saying_what_to_install(tmp_path):
    result = run(tmp_path, "--check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [RSYNC_LINE]  # chromium is there: nothing about it


def test_without_root_it_reports_and_lets_the_tests_skip_but_fails_under_ci(tmp_path):
    setpriv = shutil.which("setpriv")
    if os.geteuid() == 0:
        if not setpriv:
            pytest.fail("setpriv (util-linux) is needed to run the script as another user")
        tmp_path.chmod(0o755)
        prefix = (setpriv, "--reuid=65534", "--regid=65534", "--clear-groups")
    else:
        prefix = ()
    result = run(tmp_path, prefix=prefix)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [RSYNC_LINE]
    assert "installing" not in result.stdout  # never tries apt-get without root
    result = run(tmp_path, ci=True, prefix=prefix)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [RSYNC_LINE]


def test_make_test_runs_it_before_the_suite():
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "test"], cwd=ROOT, capture_output=True, text=True
    ).stdout.splitlines()
    ensure = next(i for i, line in enumerate(dry_run) if "scripts/ensure_tools.py" in line)
    pytest_line = next(i for i, line in enumerate(dry_run) if "-m pytest" in line)
    assert ensure < pytest_line
