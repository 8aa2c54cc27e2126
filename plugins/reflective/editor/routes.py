"""`/admin/` in `reflective serve`: the editor, its configuration and the site's folder.

Owns the preview routes of the editor (docs/architecture.md, "preview routes"): the page,
the generated `config.yml`, the vendored CMS with its fonts and locales, and the
same-origin file API over the site's folder (`fileapi.Folder`) that the page's local
mode uses instead of the browser's folder picker. The file API answers only when the
server listens on this machine alone (127.0.0.1, ::1, localhost) and only requests that
carry the editor's header, which another site's page cannot send without a preflight
this server never grants.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from pelican.settings import read_settings
from tornado import web

from . import config as config_mod
from . import page, vendor
from .fileapi import FileAPIError, Folder

STATIC = Path(__file__).parent / "static"
LOOPBACK = ("127.0.0.1", "::1", "localhost")
HEADER = "X-Reflective-Editor"
TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".woff2": "font/woff2",
    ".yml": "text/yaml; charset=utf-8",
}


class Editor:
    """What every handler of one server shares: the settings, the folder, local or not."""

    def __init__(self, ctx):
        self.settings = read_settings(ctx.settings_file)
        self.settings_dir = ctx.settings_dir
        self.local = ctx.host in LOOPBACK
        self.folder = Folder(ctx.settings_dir)
        self.content = os.path.abspath(ctx.input)

    def in_content(self, relative: str) -> bool:
        """Whether `relative` (from the site's folder) is the content folder or inside it."""
        path = os.path.abspath(os.path.join(self.settings_dir, relative))
        return path == self.content or path.startswith(self.content + os.sep)

    def config_text(self) -> str:
        things, codes = page.site_data(self.settings, self.settings_dir)
        try:
            where = config_mod.repository(self.settings)
        except config_mod.EditorSettingError:
            where = None  # `reflective check` names the fix; locally the folder is enough
        return config_mod.dump(
            config_mod.build(self.settings, self.settings_dir, things, codes, where)
        )


class Base(web.RequestHandler):
    def initialize(self, editor: Editor):
        self.editor = editor

    def set_default_headers(self):
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")


class PageHandler(Base):
    def get(self):
        self.set_header("Content-Type", "text/html; charset=utf-8")
        site = self.editor.settings.get("SITENAME", "")
        self.finish(page.render(site, self.editor.local, page.theme_style(self.editor.settings)))


class AssetHandler(Base):
    def get(self, name: str):
        if name == "config.yml":
            body = self.editor.config_text().encode()
        elif name in ("local-files.js", "preview.js"):
            body = (STATIC / name).read_bytes()
        else:
            try:
                body = vendor.asset(name)
            except vendor.AssetMissing:
                raise web.HTTPError(404) from None
        self.set_header("Content-Type", TYPES.get(Path(name).suffix, "application/octet-stream"))
        self.finish(body)


class FileAPIHandler(Base):
    """/admin/api/OP?path=...: stat, list, file (GET/PUT), create, entry (DELETE), move."""

    def prepare(self):
        if not self.editor.local:
            raise web.HTTPError(403, "the file API answers only on 127.0.0.1")
        if self.request.headers.get(HEADER) != "1":
            raise web.HTTPError(403, "not the editor")

    def write_error(self, status_code, **kwargs):
        error = kwargs.get("exc_info", (None, None))[1]
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(str(error) if isinstance(error, FileAPIError) else self._reason)

    def _do(self, action, answer=lambda result: ""):
        """Run `action`; answer with `answer(result)`, or with the refusal's status."""
        try:
            result = action()
        except FileAPIError as error:
            self.set_status(error.status)
            self.set_header("Content-Type", "text/plain; charset=utf-8")
            self.finish(str(error))
            return
        self.finish(answer(result))

    def get(self, op: str):
        path = self.get_argument("path", "")
        folder = self.editor.folder
        if op == "stat":
            self._do(lambda: folder.stat(path, self.get_argument("kind")))
        elif op == "list":
            contents = self.get_argument("contents", "") == "1"
            # Under the content folder, two levels of sub-folders come too (comments/<post>/)
            depth = 2 if contents and self.editor.in_content(path) else 0
            self.set_header("Content-Type", "application/json")
            self._do(lambda: folder.list(path, contents, depth), json.dumps)
        elif op == "file":
            self.set_header("Content-Type", "application/octet-stream")
            self._do(lambda: folder.read(path), self._bytes)
        else:
            raise web.HTTPError(404)

    def _bytes(self, found: tuple[bytes, int]) -> bytes:
        self.set_header("X-Last-Modified-Ms", str(found[1]))
        return found[0]

    def put(self, op: str):
        if op != "file":
            raise web.HTTPError(404)
        path = self.get_argument("path")
        self._do(lambda: self.editor.folder.write(path, self.request.body))

    def post(self, op: str):
        folder = self.editor.folder
        if op == "create":
            self._do(lambda: folder.create(self.get_argument("path"), self.get_argument("kind")))
        elif op == "move":
            self._do(lambda: folder.move(self.get_argument("from"), self.get_argument("to")))
        else:
            raise web.HTTPError(404)

    def delete(self, op: str):
        if op != "entry":
            raise web.HTTPError(404)
        recursive = bool(self.get_argument("recursive", ""))
        self._do(lambda: self.editor.folder.remove(self.get_argument("path"), recursive))


class AdminRedirect(web.RequestHandler):
    def get(self):
        self.redirect("/admin/", permanent=False)


def routes(ctx) -> list:
    """The editor's handlers for `reflective serve` (the preview's fourth registration point)."""
    editor = Editor(ctx)
    shared = {"editor": editor}
    return [
        (r"/admin", AdminRedirect),
        (r"/admin/(?:index\.html)?", PageHandler, shared),
        (r"/admin/api/([a-z]+)", FileAPIHandler, shared),
        (r"/admin/(.+)", AssetHandler, shared),
    ]
