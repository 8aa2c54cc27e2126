"""The editor's check: with the editor on, the forms it would damage are problems.

Owns the hook (docs/architecture.md, "checks"): when `REFLECTIVE_EDITOR` puts
`/admin/` in the published site, every post holding a form the editor cannot keep
(`forms.scan`: actions without an id, YAML comments, dates with a time) is reported by
the build and by `reflective check` alike, naming `reflective tidy` where it converts
the form. A bad `REFLECTIVE_EDITOR` is reported too, and so is a media folder
(`REFLECTIVE_EDITOR_MEDIA`, where the editor puts uploaded images) that the build would
not copy into the site: not under `STATIC_PATHS`, or under `STATIC_EXCLUDES`.
"""

from __future__ import annotations

from ..core import content
from ..core.problems import Problem
from . import config, forms


def check(ctx):
    try:
        where = config.repository(ctx.settings)
    except config.EditorSettingError as error:
        yield Problem("settings", config.SETTING, str(error))
        return
    if where is None:
        return
    yield from _media(ctx.settings)
    for view in ctx.site.posts:
        source = view.ref.source
        try:
            with open(source, encoding="utf-8-sig") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            continue  # reported by the reader
        for form in forms.scan(text, source):
            shown = content.display_path(source)
            yield Problem(shown, form.field, f"the editor is on: {form.message}", form.line)


def _parts(path: str) -> tuple[str, ...]:
    return tuple(p for p in str(path).replace("\\", "/").split("/") if p not in ("", "."))


def _under(folder: tuple[str, ...], paths) -> bool:
    return any(folder[: len(_parts(p))] == _parts(p) for p in paths or [])


def _media(settings: dict):
    """A problem when the images uploaded in the editor would not be published."""
    media = settings.get("REFLECTIVE_EDITOR_MEDIA") or "images"
    folder = _parts(media)
    shown = "/".join(folder)
    where = f"images uploaded in the editor go to {shown}/ in the content folder"
    if not _under(folder, settings.get("STATIC_PATHS")):
        yield Problem(
            "settings",
            "STATIC_PATHS",
            f"the editor is on: {where} (REFLECTIVE_EDITOR_MEDIA), which STATIC_PATHS "
            f"does not include, so the build would not publish them: add {shown!r} to "
            "STATIC_PATHS in pelicanconf.py",
        )
    elif _under(folder, settings.get("STATIC_EXCLUDES")):
        yield Problem(
            "settings",
            "STATIC_EXCLUDES",
            f"the editor is on: {where} (REFLECTIVE_EDITOR_MEDIA), which STATIC_EXCLUDES "
            f"leaves out of the build: take {shown!r} out of STATIC_EXCLUDES in "
            "pelicanconf.py",
        )
