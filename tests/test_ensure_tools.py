"""scripts/ensure_tools.py, run for real: what `make test` does about missing programs.

As root it installs them with apt-get (that path is what `.ci/run` on a fresh machine
exercises); here it is run as an unprivileged user, or with --check, on a PATH without
rsync, where it must say in one line per program what to install.

The unprivileged run works from any checkout: a root user's clone may sit in a folder
other users cannot enter (root's home, `mktemp -d`), so that user is given a copy of the
script (and of the sibling modules it imports) in a world-readable folder of its own, and
an interpreter it can start. Only when no such folder or interpreter exists on the
machine is the test skipped, with the reason (and failed under CI, where nothing may be
skipped silently).
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from test_publish import path_without

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "ensure_tools.py"
RSYNC_LINE = (
    "ensure_tools: rsync is missing, so the make rsync_upload test cannot run; "
    "install it with: sudo apt-get install rsync"
)
NOBODY = 65534  # the conventional unprivileged user (Debian's `nobody`)


def run(folder, *args, ci=False, prefix=(), python=sys.executable, script=SCRIPT):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PATH"] = path_without(folder, "rsync")
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [*prefix, python, str(script), *args], env=env, capture_output=True, text=True
    )


def test_a_missing_rsync_is_one_line_saying_what_to_install(tmp_path):
    result = run(tmp_path, "--check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [RSYNC_LINE]  # chromium is there: nothing about it


def local_imports(script: Path) -> tuple[set[Path], set[str]]:
    """The script and every module of its own folder it imports, transitively, and the
    standard library modules they import; any other import fails here, naming it."""
    found: set[Path] = set()
    stdlib: set[str] = set()
    todo = [script]
    while todo:
        module = todo.pop()
        if module in found:
            continue
        found.add(module)
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            else:
                continue
            for name in (n.partition(".")[0] for n in names):
                sibling = script.parent / f"{name}.py"
                if sibling.is_file():
                    todo.append(sibling)
                elif name in sys.stdlib_module_names:
                    stdlib.add(name)
                else:
                    pytest.fail(
                        f"{module.name} imports {name}, which an unprivileged user's "
                        "interpreter has no copy of: teach this test to copy it"
                    )
    return found, stdlib


def interpreters() -> list[str]:
    """Interpreters to try as the other user, the suite's own first (a venv's python is
    a link that user may not be able to follow; the real file may be readable)."""
    candidates = [
        sys.executable,
        os.path.realpath(sys.executable),
        getattr(sys, "_base_executable", ""),
        shutil.which("python3", path=os.defpath + ":/usr/local/bin") or "",
        "/usr/bin/python3",
    ]
    return [c for i, c in enumerate(candidates) if c and c not in candidates[:i]]


def readable_folders():
    return dict.fromkeys([tempfile.gettempdir(), "/tmp", "/var/tmp", "/dev/shm"])


def unreachable(reason: str):
    """No way to run the script as another user: say why (a failure under CI)."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture
def as_another_user():
    """(prefix, python, script, folder): how to run ensure_tools.py as `nobody` from a
    copy that user can read, in a folder it can enter; the copy is removed afterwards."""
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.fail("setpriv (util-linux) is needed to run the script as another user")
    prefix = (setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups")
    modules, stdlib = local_imports(SCRIPT)
    # the probe: the other user's interpreter starts, reads the copy, imports what it does
    probe_code = f"import sys, {', '.join(sorted(stdlib))}; open(sys.argv[1]).read()"
    tried = []
    for parent in readable_folders():
        if not os.path.isdir(parent):
            continue
        folder = Path(tempfile.mkdtemp(prefix="ensure-tools-", dir=parent))
        try:
            folder.chmod(0o755)
            (folder / "limited-bin").mkdir(mode=0o755)  # run()'s PATH, searchable by all
            (folder / "limited-bin").chmod(0o755)  # whatever the umask
            for module in modules:
                copy = folder / module.name
                shutil.copyfile(module, copy)
                copy.chmod(0o644)
            script = folder / SCRIPT.name
            for python in interpreters():
                probe = subprocess.run(
                    [*prefix, python, "-c", probe_code, script], capture_output=True, text=True
                )
                if probe.returncode == 0:
                    yield prefix, python, script, folder
                    return
                tried.append(f"{python} on {script}: {probe.stderr.strip()[-200:]}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    unreachable(
        f"no interpreter user {NOBODY} can start reads a copy of {SCRIPT.name} in any of "
        f"{', '.join(readable_folders())}; tried: {' | '.join(tried) or 'nothing'}"
    )


def test_without_root_it_reports_and_lets_the_tests_skip_but_fails_under_ci(request):
    if os.geteuid() == 0:
        prefix, python, script, folder = request.getfixturevalue("as_another_user")
    else:  # already unprivileged: run the checkout's script as it is
        prefix, python, script = (), sys.executable, SCRIPT
        folder = request.getfixturevalue("tmp_path")
    result = run(folder, prefix=prefix, python=python, script=script)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [RSYNC_LINE]
    assert "installing" not in result.stdout  # never tries apt-get without root
    result = run(folder, ci=True, prefix=prefix, python=python, script=script)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [RSYNC_LINE]


def test_make_test_runs_it_before_the_suite():
    dry_run = subprocess.run(
        ["make", "--no-print-directory", "-n", "test"], cwd=ROOT, capture_output=True, text=True
    ).stdout.splitlines()
    ensure = next(i for i, line in enumerate(dry_run) if "scripts/ensure_tools.py" in line)
    pytest_line = next(i for i, line in enumerate(dry_run) if "-m pytest" in line)
    assert ensure < pytest_line
