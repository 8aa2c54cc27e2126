"""The editor's check: with the editor on, the forms it would damage are problems.

Owns the hook (docs/architecture.md, "checks"): when `REFLECTIVE_EDITOR` puts
`/admin/` in the published site, every post holding a form the editor cannot keep
(`forms.scan`: actions without an id, YAML comments, dates with a time) is reported by
the build and by `reflective check` alike, naming `reflective tidy` where it converts
the form. A bad `REFLECTIVE_EDITOR` is reported too.
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
