"""Indexing in the background, for a server that rebuilds on every save (`make serve`).

Owns `BackgroundIndexer`: after each build it starts Pagefind and returns at once, so
the page being edited reloads without waiting for the index. A newer build cancels an
index still running for an older one (its half-written bundle is removed; the served
`pagefind/` keeps the last complete index until the new one is swapped in). What
happened is reported through a callback. The running Pagefind is stopped when the
server exits. Pure: no Pelican.
"""

from __future__ import annotations

import atexit
import shutil
import threading
import time
from collections.abc import Callable

from . import core

Report = Callable[["core.Outcome | None", "core.SearchError | None"], None]


class BackgroundIndexer:
    """One per server process; `start(site, binary)` after every successful build."""

    def __init__(self, report: Report | None = None):
        self.report = report
        self._lock = threading.Lock()
        self._generation = 0
        self._process = None
        self._threads: list[threading.Thread] = []
        atexit.register(self.stop)

    def start(
        self,
        site: str,
        binary_setting: str | None = None,
        report: Report | None = None,
        delay: float = 0.0,
    ):
        """Index `site` in a thread; an index still running for an older build is cancelled.

        `delay`: seconds to wait first, so that what follows the build (Pelican's watcher
        under `pelican -r`) is under way before Pagefind takes a CPU.
        """
        with self._lock:
            self._generation += 1
            generation = self._generation
            self._kill()
        thread = threading.Thread(
            target=self._run,
            args=(site, binary_setting, generation, report or self.report, delay),
            name="reflective-search-index",
            daemon=True,
        )
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return thread

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until no index runs (tests and the bench); True when none does."""
        for thread in list(self._threads):
            thread.join(timeout)
        return not any(thread.is_alive() for thread in self._threads)

    def stop(self) -> None:
        with self._lock:
            self._generation += 1
            self._kill()

    def _kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
        self._process = None

    def _current(self, generation: int) -> bool:
        return generation == self._generation

    def _run(self, site, binary_setting, generation, report, delay) -> None:
        if delay:
            time.sleep(delay)
        started = time.monotonic()
        try:
            binary = core.find_binary(binary_setting)
            with self._lock:
                if not self._current(generation):
                    return
                process, fresh = core.start(binary, site)
                self._process = process
            output, _ = process.communicate()
            with self._lock:
                if not self._current(generation):  # a newer build took over
                    shutil.rmtree(fresh, ignore_errors=True)
                    return
                self._process = None
                outcome = core.finish(process, fresh, site, started, output)
        except core.SearchError as error:
            if report and self._current(generation):
                report(None, error)
            return
        if report:
            report(outcome, None)
