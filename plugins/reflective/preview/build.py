"""The full build, in a process of its own: `make serve`'s background build.

Owns what runs in that process (`main`): a Pelican kept for the life of the process
(`FullBuild`, made anew when the server restarts the process after a settings change),
which, for each job the server sends, runs Pelican's own `run()` into the staging folder
beside the output (`<output>.tmp.serve/`, emptied first) with the content cache on
(`<output>.tmp.serve-cache`, checked by content hash; not loaded after a settings or
plugin change, which `site.fingerprint` tells), then works out what the served folder
needs (`outputs.diff`) and sends that back. It never touches the served folder (but for
the first build into an empty one, written directly): the server applies the result
(`outputs.apply`), and only a finished build's. A newer save
sets `cancel`: the build gives up at its next file read or written and says so; the
server kills the process if it does not within a moment, and starts another.

Nothing here shares an interpreter with the server: a full build never holds the lock
the quick render needs (docs/preview.md).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import shutil
import time
from pathlib import Path

from pelican import signals
from pelican.cache import FileDataCacher

from . import outputs
from .repeats import Repeats
from .site import (
    FINGERPRINT,
    Stale,
    fingerprint,
    forget_rendered,
    fresh_log,
    make_instance,
)

logger = logging.getLogger("reflective.preview")
NICE = 10  # the build process's lower priority: on two cores, a save's render goes first


class FullBuild:
    """Pelican's whole build of the site, cancellable, into the staging folder."""

    def __init__(self, argv: list[str], output: str, cancel):
        self.output = os.path.abspath(output)
        self.staging = self.output + ".tmp.serve"
        self.cache = self.output + ".tmp.serve-cache"
        self.cancel = cancel
        args, self.pelican, self.settings = make_instance(argv, self.output, True)
        self.settings_file = os.path.abspath(args.settings) if args.settings else ""
        self.fingerprint = fingerprint(self.settings_file)
        stamp = Path(self.cache, FINGERPRINT)
        try:
            same = stamp.read_text() == self.fingerprint
        except OSError:
            same = False
        self.settings["LOAD_CONTENT_CACHE"] = same
        if not same:  # written again once a full build has saved a cache of these settings
            stamp.unlink(missing_ok=True)
        self._parent = multiprocessing.parent_process()
        for signal in (signals.article_generator_preread, signals.content_written):
            signal.connect(self._checkpoint, weak=False)

    def _checkpoint(self, *_args, **_kwargs) -> None:
        if self.cancel.is_set():
            raise Stale()
        if self._parent is not None and not self._parent.is_alive():
            raise SystemExit(0)  # the server is gone: nobody wants this build

    def _forget_cache(self) -> None:
        """A cache that cannot be read (cut short by an older version of this process,
        say): the next build reads every post and writes it anew."""
        shutil.rmtree(self.cache, ignore_errors=True)
        self.settings["LOAD_CONTENT_CACHE"] = False

    def run(self, keep=()) -> dict:
        """One build; a dict the server reads (see `main`)."""
        began = time.time()
        started = time.perf_counter()
        fresh_log()
        gc.unfreeze()  # the last build's posts may go now
        forget_rendered()
        shutil.rmtree(self.staging, ignore_errors=True)
        # Into an empty output folder (the first build of a fresh checkout) Pelican
        # writes directly: nothing there to keep serving, and the home page is there
        # as soon as it is written, long before the whole site.
        direct = not _has_files(self.output)
        self.pelican.output_path = self.output if direct else self.staging
        result = {"ok": False, "cancelled": False, "began": began, "staging": self.staging}
        try:
            self.pelican.run()
        except Stale:
            logger.info("preview: a newer save arrived; the full build stops")
            result["cancelled"] = True
            return result
        except SystemExit as stop:  # a strict build that found problems
            if stop.code not in (0, None):
                logger.error("%s", stop)
            return result
        except Exception as error:  # any failure: report it, the server keeps serving
            if isinstance(error, EOFError | pickle.UnpicklingError) and self.settings.get(
                "LOAD_CONTENT_CACHE"
            ):  # a cache cut short (by a process killed while it wrote it, before 24)
                logger.warning("preview: the content cache cannot be read; building without it")
                self._forget_cache()
                return self.run(keep)
            logger.error("the build failed: %s: %s", type(error).__name__, error)
            return result
        finally:
            self.pelican.output_path = self.staging
            gc.unfreeze()
            gc.collect()  # this build's posts: only the files are needed now
        if not self.settings["LOAD_CONTENT_CACHE"]:
            os.makedirs(self.cache, exist_ok=True)
            Path(self.cache, FINGERPRINT).write_text(self.fingerprint)
            self.settings["LOAD_CONTENT_CACHE"] = True
        keep = (*keep, *self.settings.get("OUTPUT_RETENTION", ()))
        if direct:
            replace, remove = [], []
            result["direct"] = outputs.every_file(self.output)
        else:
            replace, remove = outputs.diff(self.staging, self.output, keep)
        result.update(
            ok=True,
            replace=replace,
            remove=remove,
            keep=keep,
            seconds=time.perf_counter() - started,
        )
        return result


def save_cache_whole(cacher) -> None:
    """Pelican's `FileDataCacher.save_cache`, but into a temporary file renamed over the
    cache: this process may be killed at any moment (a save that a build does not stop
    for), and a cache cut off half-way is an `EOFError` for every build after it, which
    Pelican does not catch."""
    if not cacher._cache_data_policy:
        return
    temporary = f"{cacher._cache_path}.{os.getpid()}.tmp"
    try:
        os.makedirs(cacher.settings["CACHE_PATH"], exist_ok=True)
        with cacher._cache_open(temporary, "wb") as handle:
            pickle.dump(cacher._cache, handle)
        os.replace(temporary, cacher._cache_path)
    except (OSError, pickle.PicklingError, TypeError) as error:
        logger.warning("Could not save cache %s\n ... %s", cacher._cache_path, error)


def main(conn, argv: list[str], output: str, cancel, level: int) -> None:
    """The build process: jobs in (`{"keep": [...], "seen": [...]}`, None to stop),
    results out, until the server closes the pipe."""
    from pelican.log import init as init_logging

    if hasattr(os, "nice"):  # POSIX: the quick render and the browser come first
        os.nice(NICE)
    if hasattr(os, "setpgrp"):  # POSIX: killed with what it starts (Pagefind, 13 s at 5,000)
        os.setpgrp()
    FileDataCacher.save_cache = save_cache_whole  # in this process only
    init_logging(level=level)
    logging.getLogger("reflective").setLevel(logging.INFO)
    repeats = Repeats()
    try:
        build = FullBuild(argv, output, cancel)
    except Exception as error:  # e.g. a broken settings file: the server reports it
        conn.send({"ok": False, "cancelled": False, "error": f"{type(error).__name__}: {error}"})
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        # what the quick render reported is not reported again
        repeats.seen = {tuple(item) for item in job.get("seen", ())}
        repeats.mode = "suppress" if repeats.seen else None
        repeats.install()
        result = build.run(job.get("keep", ()))
        try:
            conn.send(result)
        except (BrokenPipeError, OSError):
            return


def _has_files(folder: str) -> bool:
    for _root, _dirs, names in os.walk(folder):
        if names:
            return True
    return False
