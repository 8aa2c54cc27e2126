"""`make serve`'s loop: watch, render the edited post first, rebuild the rest, reload.

Owns the threads of the preview server and how they meet:

- the **server** (livereload's tornado server, main thread) serves the output folder
  and only serves: it never builds, so a page asked for during a build is answered;
- the **watchers** (watchfiles, inotify: no polling) put every changed path into the
  `BuildQueue` as soon as the editor is done writing (30 ms of quiet);
- the **builder** (one thread) takes everything queued, classifies it (`core.plan`),
  re-renders edited posts at once (`PreviewSite.quick_render`) and tells the browsers
  to reload, then runs the full build in the background and reloads again if a page
  changed; a save that arrives meanwhile makes that build give up and start over, so
  the newest save is always the next thing rendered, and no save is ever dropped;
- the **hooks** (one thread) run the post-build steps other capabilities registered
  (`core.afterbuild.after_build`), after each finished full build.

Reloads go straight to livereload's open browsers (`LiveReloadHandler.reload_waiters`,
on the server's thread), not through its file watcher, which polled every 800 ms and
dropped a reload less than 3 s after the previous one.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

from ..core import afterbuild as hooks
from ..core.problems import LINE_LOGGER, line_logger
from . import core, outputs
from .site import PreviewSite

logger = logging.getLogger("reflective.preview")
GRACE = 0.25  # after a quick render, how long to wait for another save before the full build
COMMENTS_DIR = "comments"  # content/comments/: comment files (SPEC §5)


class Repeats(logging.Filter):
    """Problems are reported once per save: the quick render reports them (at once),
    the full build that follows stays quiet about a report it would only repeat (its
    heading and its `file:line` lines, which have a logger of their own)."""

    def __init__(self) -> None:
        super().__init__()
        self.mode: str | None = None  # "record" | "suppress" | None
        self.seen: set[tuple[int, str]] = set()
        self._dropping = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or self.mode is None:
            return True
        key = (record.levelno, record.getMessage())
        if self.mode == "record":
            self.seen.add(key)
            return True
        if record.name == LINE_LOGGER:  # a line of the report whose heading came before
            return not (self._dropping and key in self.seen)
        self._dropping = key in self.seen
        return not self._dropping

    def install(self) -> None:
        """On every handler there is (again before each build: some come late)."""
        line_logger()  # the problem lines' logger and handler, made on first use
        loggers = [logging.getLogger()] + [
            logger
            for logger in logging.Logger.manager.loggerDict.values()
            if isinstance(logger, logging.Logger)
        ]
        for logger in loggers:
            for handler in logger.handlers:
                if self not in handler.filters:
                    handler.addFilter(self)

    def uninstall(self) -> None:
        for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
            for handler in getattr(logger, "handlers", ()):
                handler.removeFilter(self)


class HookRunner:
    """Runs the registered post-build hooks, one call at a time, merging backlogs."""

    def __init__(self, output: str):
        self.output = output
        self._changed: set[str] = set()
        self._cond = threading.Condition()
        self._closed = False
        self.runs = 0
        self._thread = threading.Thread(target=self._run, name="preview-hooks", daemon=True)
        self._thread.start()

    def submit(self, changed) -> None:
        if not hooks.registered():
            return
        with self._cond:
            self._changed |= set(changed) or {""}
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._changed or self._closed)
                if self._closed:
                    return
                changed, self._changed = tuple(sorted(self._changed - {""})), set()
            for hook in hooks.registered():
                try:
                    hook.run(self.output, changed)
                except Exception as error:  # a hook never stops the server
                    logger.error(
                        "preview: the %s step after the build failed: %s: %s",
                        hook.name,
                        type(error).__name__,
                        error,
                    )
            self.runs += 1


class PreviewLoop:
    """The builder and the watchers around one `PreviewSite`."""

    def __init__(self, site: PreviewSite, notify: Callable[[str], None]):
        self.site = site
        self.notify = notify
        self.queue = core.BuildQueue()
        self.hooks = HookRunner(site.output)
        self.builds = 0  # finished full builds
        self.repeats = Repeats()
        self.idle = threading.Event()  # set when nothing is queued or being built
        self.first_build = threading.Event()  # set once the first full build has ended
        self._stop = threading.Event()
        self._watch_stop: threading.Event | None = None
        self._watched: tuple = ()
        self._builder = threading.Thread(target=self._build_loop, name="preview-build", daemon=True)

    # -- watching ------------------------------------------------------------------------

    def layout(self) -> core.Layout:
        paths = self.site.layout_paths()
        comments = os.path.join(paths["content"], COMMENTS_DIR)
        return core.Layout(comment_dirs=(comments,), **paths)

    def _restart_watchers(self) -> None:
        layout = self.layout()
        roots = tuple(
            p
            for p in (layout.content, layout.theme, *layout.template_dirs)
            if p and os.path.isdir(p)
        )
        roots = tuple(
            p for p in roots if not any(p != o and p.startswith(o + os.sep) for o in roots)
        )
        settings_dir = os.path.dirname(layout.settings_file) or "."
        wanted = (roots, settings_dir)
        if wanted == self._watched:
            return
        if self._watch_stop is not None:
            self._watch_stop.set()
        self._watched = wanted
        stop = self._watch_stop = threading.Event()
        ignored = layout.ignored_dirs
        threading.Thread(
            target=self._watch, args=(roots, True, stop, ignored), daemon=True, name="preview-watch"
        ).start()
        settings_file = layout.settings_file
        threading.Thread(
            target=self._watch,
            args=((settings_dir,), False, stop, ignored, settings_file),
            daemon=True,
            name="preview-watch-settings",
        ).start()

    def _watch(self, roots, recursive, stop, ignored, only=None) -> None:
        import watchfiles

        default = watchfiles.DefaultFilter()

        def keep(change, path: str) -> bool:
            if only is not None:
                return os.path.abspath(path) == only
            return default(change, path) and not any(
                path == folder or path.startswith(folder + os.sep) for folder in ignored
            )

        try:
            for changes in watchfiles.watch(
                *roots,
                watch_filter=keep,
                debounce=400,
                step=30,
                stop_event=stop,
                recursive=recursive,
                raise_interrupt=False,
            ):
                self.queue.put(path for _change, path in changes)
        except Exception as error:  # e.g. a watched folder removed
            logger.error("preview: watching %s stopped: %s", ", ".join(roots), error)

    # -- building ------------------------------------------------------------------------

    def start(self) -> None:
        self.repeats.install()
        self._restart_watchers()
        self._builder.start()

    def stop(self) -> None:
        self._stop.set()
        if self._watch_stop is not None:
            self._watch_stop.set()
        self.queue.close()
        self.hooks.close()
        self.repeats.uninstall()

    def _build_loop(self) -> None:
        owed, first = True, True
        while not self._stop.is_set():
            batch = self.queue.take(timeout=0 if owed else None)
            if self._stop.is_set():
                return
            if batch:
                self.idle.clear()
                if self._plan_and_render(batch):
                    owed = True
                    if self._wait_for_more():
                        continue
            if not owed:
                continue
            self.idle.clear()
            started = time.perf_counter()
            if self.repeats.mode == "record":
                self.repeats.mode = "suppress"
                self.repeats.install()
            try:
                result = self.site.full_build(stale=self.queue.stale, keep=hooks.kept())
            finally:
                if self.repeats.mode == "suppress" and not self.queue.pending():
                    self.repeats.mode = None
            if result.cancelled:
                continue
            self.repeats.mode = None
            owed = False
            self.builds += 1
            self.first_build.set()
            if first and not result.ok:
                self.notify("*")  # off the "building the site" page, to what there is
            if result.ok:
                changed = result.changed
                logger.info(
                    "preview: site rebuilt in %.2f s; %d file(s) changed",
                    time.perf_counter() - started,
                    len(changed),
                )
                if core.visible(changed) or first:
                    self.notify("*")
                self.hooks.submit(outputs.every_file(self.site.output) if first else changed)
                first = False
            if not self.queue.pending():
                logger.info("preview: up to date (%d saves seen)", self.queue.saves)
                self.idle.set()

    def _plan_and_render(self, batch) -> bool:
        """Classify a batch, re-read the settings if needed, render edited posts at once.
        True if a full build is owed."""
        plan = core.plan(batch, self.layout(), known=self.site.known_post)
        if plan.empty:
            return False
        logger.info("preview: %s", plan.describe())
        if plan.reload_settings:
            try:
                self.site.reload_settings()
            except Exception as error:  # a broken settings file: report, keep the old one
                logger.error("preview: the settings file cannot be read: %s", error)
                return False
            self._restart_watchers()
        posts = plan.quick + self._commented_posts(plan.comments)
        if posts:
            started = time.perf_counter()
            self.repeats.seen.clear()
            self.repeats.mode = "record"
            self.repeats.install()
            try:
                written = self.site.quick_render(sorted(set(posts)))
            except Exception as error:  # the full build will report it properly
                logger.warning("preview: quick render skipped: %s: %s", type(error).__name__, error)
                written = None
            if written:
                self.notify("*")
                logger.info(
                    "preview: %s shown in %.2f s (%s); the rest of the site follows",
                    ", ".join(os.path.relpath(p, self.site.settings["PATH"]) for p in posts),
                    time.perf_counter() - started,
                    ", ".join(written),
                )
        return True

    def _commented_posts(self, comment_files: list[str]) -> list[str]:
        """The source files of the posts these comment files belong to (by slug)."""
        folder = self.layout().comment_dirs[0]
        slugs = {core.comment_slug(path, folder, os.path.isdir(path)) for path in comment_files} - {
            None
        }
        return [path for path in map(self.site.post_with_slug, sorted(slugs)) if path]

    def _wait_for_more(self) -> bool:
        """After a quick render, a short pause: another save will want one too."""
        deadline = time.monotonic() + GRACE
        while time.monotonic() < deadline:
            if self.queue.pending():
                return True
            time.sleep(0.02)
        return False
