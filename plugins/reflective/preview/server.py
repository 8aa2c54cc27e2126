"""`reflective serve` (and `make serve`): build the site, serve it, show each saved post
at once, reload the browser.

The server is livereload's (the one Pelican's own `invoke livereload` task uses), with
its file watcher switched off: watching, building and reloading are Reflective's preview
(`plugins/reflective/preview/`, docs/preview.md). The server only serves; builds run on
a thread of their own, so pages are answered during a build. A saved post is shown
first (its page, the index page listing it, the progress page and its Thing pages),
then the whole site is rebuilt in the background into a staging folder and swapped in
file by file, equal to a clean build. A build that fails, for any reason, is reported
and the server keeps running with the last good output.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass

import livereload.server
from livereload import Server
from livereload.handlers import LiveReloadHandler, StaticFileHandler
from livereload.watcher import Watcher
from pelican.log import init as init_logging
from tornado.ioloop import IOLoop

from .. import capabilities
from .serve import PreviewLoop
from .site import PreviewSite

logger = logging.getLogger("reflective.serve")


class NoPollingWatcher(Watcher):
    """livereload's watcher, never started: our watchers (inotify) and builder reload."""

    def __init__(self):
        super().__init__()
        self._tasks["(watched by reflective.preview)"] = {}  # so it does not watch "."

    def start(self, callback):
        return True  # "started": livereload then sets up no 800 ms polling

    def examine(self):
        return None, None


PLACEHOLDER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="make serve is building the site; this page reloads when it is ready.">
<title>Building the site…</title></head>
<body style="font: 1.1rem/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem">
<main>
<h1>Building the site…</h1>
<p>This is the first build since <code>make serve</code> started. This page reloads by
itself when the site is ready; the terminal shows any problem the build finds.</p>
<noscript><p>Reload the page in a few seconds.</p></noscript>
</main>
</body></html>
"""


class PreviewFiles(StaticFileHandler):
    """The output folder; until the first build is done, a page that reloads itself."""

    ready = None  # threading.Event, set by main

    def write_error(self, status_code, **kwargs):
        if status_code == 404 and self.ready is not None and not self.ready.is_set():
            self.set_status(503)
            self.set_header("Retry-After", "2")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(PLACEHOLDER)
            return
        super().write_error(status_code, **kwargs)


@dataclass(frozen=True)
class ServeContext:
    """What a capability's `routes.routes(ctx)` is given to add handlers to the server."""

    settings_file: str  # absolute
    settings_dir: str
    input: str
    output: str
    host: str
    port: int


# Paths served as applications of their own, which must not get the reload script
# (a reload would throw away the editor's unsaved work): the editor's /admin/.
NO_RELOAD_SCRIPT = ("/admin/",)


class ScriptInjector(livereload.server.LiveScriptInjector):
    """livereload's reload-script injector, except under `NO_RELOAD_SCRIPT`."""

    def __init__(self, request):
        super().__init__(request)
        self.skip = request.path.startswith(NO_RELOAD_SCRIPT)

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        if self.skip:
            return status_code, headers, chunk
        return super().transform_first_chunk(status_code, headers, chunk, finishing)


# livereload.Server.serve subclasses this module global for the script it injects.
livereload.server.LiveScriptInjector = ScriptInjector


class PreviewServer(Server):
    """livereload's server with the capabilities' own routes before the output folder."""

    def __init__(self, routes: list, **kwargs):
        super().__init__(**kwargs)
        self.routes = routes

    def get_web_handlers(self, script):
        return [*self.routes, *super().get_web_handlers(script)]


def capability_routes(ctx: ServeContext) -> list:
    """Every capability's tornado handlers (`reflective.NAME.routes.routes(ctx)`)."""
    found = []
    for routes in capabilities.serve_routes():
        found.extend(routes(ctx))
    return found


def run(
    input: str,
    output: str,
    settings: str,
    host: str = "127.0.0.1",
    port: int = 8000,
    pelican_options: tuple[str, ...] = (),
) -> int:
    """Serve until Ctrl-C; 0 when stopped."""
    # Pelican's "Writing ..." line for each of thousands of files would bury what matters
    # (and cost time): its warnings and errors, and the preview's own lines.
    verbose = any(opt in ("-v", "--verbose", "-D", "--debug") for opt in pelican_options)
    init_logging(level=logging.INFO if verbose else logging.WARNING)
    logging.getLogger("reflective").setLevel(logging.INFO)  # the preview's lines, search's
    os.makedirs(output, exist_ok=True)
    site = PreviewSite([input, "-s", settings, *pelican_options], output)
    loop = IOLoop.current()

    def reload_browsers(path: str = "*") -> None:
        loop.add_callback(_reload, path)

    settings_file = os.path.abspath(settings)
    ctx = ServeContext(
        settings_file=settings_file,
        settings_dir=os.path.dirname(settings_file),
        input=os.path.abspath(input),
        output=os.path.abspath(output),
        host=host,
        port=port,
    )
    routes = capability_routes(ctx)
    preview = PreviewLoop(site, notify=reload_browsers, level=logging.getLogger().level)
    preview.start()
    print(
        f"Serving the site on http://{host}:{port}/ (Ctrl-C to stop); "
        "pages reload when you save a file.",
        flush=True,
    )
    logging.getLogger("livereload").propagate = False  # it logs through its own handler
    # tornado logs every request, and a 503 (the "Building the site" page) as an error
    logging.getLogger("tornado.access").setLevel(logging.CRITICAL)
    server = PreviewServer(routes, watcher=NoPollingWatcher())
    PreviewFiles.ready = preview.first_build
    server.SFH = PreviewFiles
    try:
        server.serve(host=host, port=port, root=output, restart_delay=0, open_url_delay=None)
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
    return 0


def _reload(path: str) -> None:
    count = len(LiveReloadHandler.waiters)
    LiveReloadHandler.reload_waiters(path)
    logger.info("preview: reload sent to %d browser(s)", count)
