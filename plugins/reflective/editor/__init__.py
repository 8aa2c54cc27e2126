"""The editor in the browser (docs/editor.md): Sveltia CMS at `/admin/`, configured from the site.

Owns the vendored CMS (`vendor/`, pinned in `vendor.py`), the configuration generated
from the site's settings, programme and competency framework (`config.py`), the page at
`/admin/` (`page.py`), the same-origin file API `reflective serve` gives it over the
site's folder (`fileapi.py`, `routes.py`), `/admin/` in a published build when
`REFLECTIVE_EDITOR` asks for it (`wiring.py`), the forms of front matter the CMS cannot
hold (`forms.py`: `reflective tidy`, `cli.py`; the warnings of `checks.py`).
"""
