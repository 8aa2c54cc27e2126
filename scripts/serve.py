"""`make serve`: build the site, serve it, rebuild on every change and reload the browser.

Uses the `livereload` package (the server Pelican's own `invoke livereload` task uses):
pages are served from the output folder with a small script that reloads them after
each rebuild. One Pelican instance is reused across rebuilds (and made anew when the
settings file changes); a build that fails, for any reason, is reported and the server
keeps running with the last good output.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from livereload import Server
from pelican import get_instance, parse_arguments
from pelican.log import init as init_logging

# == search (issue 15): Pagefind indexes in the background after each build, so the
# reload never waits for it. Call index_in_background on every Pelican instance the
# server builds with, passing back the indexer it returned (one per server). ==
from reflective.search.wiring import index_in_background

# == end search ==

logger = logging.getLogger("reflective.serve")


class Builder:
    """Runs Pelican for the server; never lets an error stop the server."""

    def __init__(self, pelican_argv: list[str]):
        self.argv = pelican_argv
        self.args = parse_arguments(pelican_argv)
        self.pelican, self.settings = get_instance(self.args)
        self.search = index_in_background(self.pelican)  # == search (issue 15) ==
        self.settings_mtime = self._settings_mtime()

    def _settings_mtime(self) -> float:
        try:
            return os.stat(self.args.settings).st_mtime
        except (OSError, TypeError):
            return 0.0

    def __call__(self) -> bool:
        try:
            if self._settings_mtime() != self.settings_mtime:
                logger.info("settings changed: reloading them")
                self.pelican, self.settings = get_instance(self.args)
                index_in_background(self.pelican, self.search)  # == search (issue 15) ==
                self.settings_mtime = self._settings_mtime()
            self.pelican.run()
            return True
        except SystemExit as stop:  # a strict build that found problems
            logger.error("%s", stop)
        except Exception as error:  # any other failure: report it, keep serving
            logger.error("the build failed: %s: %s", type(error).__name__, error)
        return False


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--settings", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("pelican_options", nargs="*")
    args = parser.parse_args(argv)

    init_logging(level=logging.INFO)
    builder = Builder([args.input, "-o", args.output, "-s", args.settings, *args.pelican_options])
    builder()
    server = Server()
    server.watch(args.input, builder)
    server.watch(args.settings, builder)
    theme = builder.settings.get("THEME")
    if theme and os.path.isdir(theme):
        server.watch(theme, builder)
    print(
        f"Serving the site on http://{args.host}:{args.port}/ (Ctrl-C to stop); "
        "pages reload when you save a file.",
        flush=True,
    )
    logging.getLogger("livereload").propagate = False  # it logs through its own handler
    server.serve(
        host=args.host, port=args.port, root=args.output, restart_delay=0, open_url_delay=None
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
