"""`make serve`'s loop: watch, render the edited post first, rebuild the rest, reload.

Owns the threads of the preview server and how they meet:

- the **server** (livereload's tornado server, main thread) serves the output folder
  and only serves: it never builds, so a page asked for during a build is answered;
- the **watchers** (watchfiles, inotify: no polling) put every changed path into the
  `BuildQueue` as soon as the editor is done writing (30 ms of quiet);
- the **builder** (one thread) takes everything queued, classifies it (`core.plan`),
  tells a running full build to stop, re-renders edited and new posts at once
  (`PreviewSite.quick_render`, in this process) and tells the browsers to reload, then
  has the full build run in its own process (`worker.BuildProcess`, `build`), moves a
  finished build's files into the served folder and reloads again if a page changed;
  the newest save is always the next thing rendered, and no save is ever dropped.
  When nothing is being built, it reads the site into memory again if a save changed
  what the quick render cannot keep current by itself;
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
from . import core, outputs
from .repeats import Repeats
from .site import BUILT, PreviewSite, collect_replaced
from .worker import BuildProcess

logger = logging.getLogger("reflective.preview")
GRACE = 0.25  # after a quick render, how long to wait for another save before the full build
POLL = 0.02  # while a full build runs: how often the builder looks for saves and its result
COMMENTS_DIR = "comments"  # content/comments/: comment files (SPEC §5)
# what the quick render keeps the site in memory current with
QUICK_KINDS = {core.Kind.POST_EDITED, core.Kind.POST_ADDED, core.Kind.COMMENT, core.Kind.IGNORED}


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

    def __init__(
        self, site: PreviewSite, notify: Callable[[str], None], level: int = logging.WARNING
    ):
        self.site = site
        self.notify = notify
        self.queue = core.BuildQueue()
        self.process = BuildProcess(site.argv, site.output, level)
        self.reread = True  # the site in memory needs reading again (`PreviewSite.refresh`)
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
        self.process.ensure()  # its imports run while this process reads the site
        self._builder.start()

    def stop(self) -> None:
        self._stop.set()
        if self._watch_stop is not None:
            self._watch_stop.set()
        self.queue.close()
        self.hooks.close()
        self.process.stop()
        self.repeats.uninstall()

    def _build_loop(self) -> None:
        self._catch_up()
        owed, first, started = True, True, 0.0
        while not self._stop.is_set():
            if self.process.overdue():  # cancelled, and not stopping: never waited for
                logger.info("preview: the full build did not stop at once; starting a new one")
                self.process.kill()
            if owed and not self.process.busy and not self.queue.pending():
                started = time.perf_counter()
                self._start_full_build()
            if not self.process.busy and not owed and self.reread and not self.queue.pending():
                self._refresh()  # idle: read the site again for the quick render
                continue
            batch = self.queue.take(timeout=POLL if self.process.busy else None)
            if self._stop.is_set():
                return
            if batch:
                self.idle.clear()
                if self._plan_and_render(batch):
                    owed = True
                    self._wait_for_more()
                continue
            result = self.process.result()
            if result is None or self.queue.pending():
                continue  # still building; or out of date already: the next save's build
            if result.get("cancelled") or result.get("superseded"):
                continue  # a newer save's build follows
            owed = False
            self.builds += 1
            self.first_build.set()
            if result.get("error"):
                logger.error("preview: %s", result["error"])
            if not result["ok"]:
                if first:
                    self.notify("*")  # off the "building the site" page, to what there is
            else:
                changed = self._apply(result)
                logger.info(
                    "preview: site rebuilt in %.2f s; %d file(s) changed",
                    time.perf_counter() - started,
                    len(changed),
                )
                if core.visible(changed) or first:
                    self.notify("*")
                self.hooks.submit(outputs.every_file(self.site.output) if first else changed)
                first = False
            self.repeats.mode = None
            if self.reread and not self.queue.pending():
                self._refresh()  # before "up to date": the next save finds the site read
            if not self.queue.pending():
                collect_replaced()  # what the quick renders replaced: before it piles up
                logger.info("preview: up to date (%d saves seen)", self.queue.saves)
                self.idle.set()

    def _start_full_build(self) -> None:
        seen = sorted(self.repeats.seen) if self.repeats.mode == "record" else []
        self.process.start({"keep": list(hooks.kept()), "seen": seen})

    def _apply(self, result: dict) -> list[str]:
        """A finished build's files into the served folder (the build process worked out
        which); the time it began, for `PreviewSite.edited_since_build`."""
        if "direct" in result:  # the first build, written into the empty output folder
            changed = result["direct"]
        else:
            changed = outputs.apply(
                result["staging"],
                self.site.output,
                result["replace"],
                result["remove"],
                result["keep"],
            )
        try:
            os.makedirs(self.site.cache, exist_ok=True)
            with open(os.path.join(self.site.cache, BUILT), "w") as handle:
                handle.write(repr(result["began"]))
        except OSError:
            pass
        return changed

    def _refresh(self) -> None:
        mode, self.repeats.mode = self.repeats.mode, "mute"
        started = time.perf_counter()
        # with no site in memory yet, a save would only get the full build: read on
        stale = self.queue.stale if self.site.generators is not None else None
        try:
            if self.site.refresh(stale):
                logger.info(
                    "preview: site read into memory in %.2f s", time.perf_counter() - started
                )
                self.reread = False
            elif not self.queue.pending():
                self.reread = False  # unreadable: the full build has said why; try next time
        finally:
            self.repeats.mode = mode

    def _catch_up(self) -> None:
        """A restarted server: read the site (from the content cache) and show the posts
        saved while it was off at once, before the full build. A first build, or one
        whose cache is out of date, has nothing to start from: the full build goes first."""
        if not outputs.every_file(self.site.output) or not self.site.cache_current():
            return
        self._refresh()
        edited = self.site.edited_since_build()
        if edited and not self.reread:
            logger.info("preview: %d post(s) saved while the server was off", len(edited))
            self._quick(edited)

    def _plan_and_render(self, batch) -> bool:
        """Classify a batch, stop the full build it makes out of date, re-read the
        settings if needed, render edited posts at once. True if a full build is owed."""
        plan = core.plan(batch, self.layout(), known=self.site.known_post)
        if plan.empty:
            return False
        self.process.cancel()  # it stops at its next file; meanwhile, the quick render
        logger.info("preview: %s", plan.describe())
        if plan.reload_settings:
            try:
                self.site.reload_settings()
            except Exception as error:  # a broken settings file: report, keep the old one
                logger.error("preview: the settings file cannot be read: %s", error)
                return False
            self.process.restart()
            self._restart_watchers()
        posts = plan.quick + plan.added + self._commented_posts(plan.comments)
        quick = not (set(plan.kinds.values()) - QUICK_KINDS)
        if posts and not self._quick(posts):
            quick = False
        if not quick:
            self.reread = True
        return True

    def _quick(self, posts: list[str]) -> bool:
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
        return written is not None

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
