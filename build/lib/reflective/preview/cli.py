"""`reflective serve`: the instant preview (docs/preview.md), as `make serve` runs it.

Owns the command's arguments and where the site is: the settings file (`pelicanconf.py`
here by default), the content folder (`--path`, or PATH from the settings) and the
output folder (`--output`, or OUTPUT_PATH from the settings). The server is `server.run`.
"""

from __future__ import annotations

import argparse

from ..cli import base


def cmd_serve(args) -> int:
    from . import server  # tornado and livereload load only for this command

    settings, _folder, settings_file = base.load_settings(args)
    if settings_file.startswith("("):
        raise base.CLIError(
            "reflective serve needs the site's settings file: run it in your site's "
            "folder (where pelicanconf.py is), or pass --settings FILE"
        )
    options = [o for o in args.pelican_options if o != "--"]
    output = args.output or settings["OUTPUT_PATH"]
    return server.run(
        input=settings["PATH"],
        output=output,
        settings=settings_file,
        host=args.host,
        port=args.port,
        pelican_options=tuple(options),
    )


def register(subparsers) -> None:
    serve = base.add_command(
        subparsers,
        "serve",
        cmd_serve,
        help="preview the site at http://127.0.0.1:8000, updated as you save",
        description="Build the site, serve it on your own machine and show every saved "
        "file at once; Ctrl-C stops it. Only this computer can reach it unless you "
        "give --host.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument(
        "--output", metavar="FOLDER", help="where the site is built (default: OUTPUT_PATH, output/)"
    )
    serve.add_argument(
        "pelican_options",
        nargs=argparse.REMAINDER,
        help="after --, options for Pelican, e.g. -- -v",
    )
