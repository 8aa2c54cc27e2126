"""The server's handle on the full build's process (`build.main`).

Owns `BuildProcess`: starting that process (multiprocessing's "spawn", the same on
Linux, macOS and Windows: a fresh interpreter that imports Pelican and the plugin once
and keeps them for every build after), sending it a job, asking a running build to stop
(`cancel`: an event it checks at every file read or written) and telling the server
when it has not stopped within `GRACE_TO_STOP` (`overdue`: the server then kills it and
starts another, never waiting for it); restarting it when the
settings change; and stopping it with the server. No Pelican here.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import time

from . import build

logger = logging.getLogger("reflective.preview")
GRACE_TO_STOP = 2.0  # seconds a cancelled build has to say it stopped before it is killed


class BuildProcess:
    """One full-build process at a time; `busy` while a job is out."""

    def __init__(self, argv: list[str], output: str, level: int):
        self.argv = list(argv)
        self.output = output
        self.level = level
        self._mp = multiprocessing.get_context("spawn")
        self._process = None
        self._conn = None
        self._cancel = None
        self.busy = False
        self.cancelled_at: float | None = None  # when the running build was asked to stop
        self.started = 0  # processes started (a test or a status line can count them)

    # -- the process ---------------------------------------------------------------

    def ensure(self) -> None:
        """A live process, started if there is none (its imports take a moment: start
        it before the first job is due)."""
        if self._process is not None and self._process.is_alive():
            return
        self._close()
        parent, child = self._mp.Pipe()
        self._cancel = self._mp.Event()
        self._process = self._mp.Process(
            target=build.main,
            args=(child, self.argv, self.output, self._cancel, self.level),
            name="reflective-preview-build",
            daemon=True,
        )
        self._process.start()
        child.close()
        self._conn = parent
        self.busy = False
        self.started += 1

    def restart(self) -> None:
        """A new process (the settings changed: it must read them again)."""
        self.kill()
        self.ensure()

    def kill(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._terminate()
            self._process.join(5)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(5)
        self._close()

    def _terminate(self) -> None:
        """The process and, on POSIX, its group (it made one of its own: what it runs,
        Pagefind say, must not go on indexing a build nobody wants)."""
        if hasattr(os, "killpg"):
            try:
                os.killpg(self._process.pid, signal.SIGTERM)
                return
            except (ProcessLookupError, PermissionError):
                pass
        self._process.terminate()

    def _close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None
        self.busy = False
        self.cancelled_at = None

    def stop(self) -> None:
        if self._conn is not None and not self.busy:
            try:
                self._conn.send(None)
            except OSError:
                pass
        self.kill()

    # -- jobs --------------------------------------------------------------------------

    def start(self, job: dict) -> None:
        self.ensure()
        self._cancel.clear()
        self.cancelled_at = None
        self._conn.send(job)
        self.busy = True

    def cancel(self) -> None:
        """Ask the running build to stop at its next checkpoint (returns at once)."""
        if self.busy and self._cancel is not None:
            self._cancel.set()
            if self.cancelled_at is None:
                self.cancelled_at = time.monotonic()

    def result(self, timeout: float = 0.0) -> dict | None:
        """The running job's result if it has one within `timeout`; a failed result if
        the process died (it is started again for the next job)."""
        if not self.busy or self._conn is None:
            return None
        try:
            if not self._conn.poll(timeout):
                if self._process is not None and not self._process.is_alive():
                    raise EOFError
                return None
            answer = self._conn.recv()
            # a build asked to stop that finished first is out of date all the same
            answer["superseded"] = self.cancelled_at is not None
            self.cancelled_at = None
        except (EOFError, OSError):
            code = self._process.exitcode if self._process is not None else None
            self._close()
            return {"ok": False, "cancelled": False, "error": f"the build process ended ({code})"}
        self.busy = False
        return answer

    def overdue(self) -> bool:
        """A cancelled build that has not said it stopped within `GRACE_TO_STOP` (it is
        somewhere without a checkpoint: the plugin's checks, Pagefind...)."""
        return (
            self.busy
            and self.cancelled_at is not None
            and time.monotonic() - self.cancelled_at > GRACE_TO_STOP
        )
