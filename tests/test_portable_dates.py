"""Dates are written without `%-d`: Windows' strftime refuses it (ValueError).

Python's `strftime` passes the format to the C library; glibc strips the zero with
`%-d`, Windows' refuses the format, so every page that wrote a date that way failed to
build there. Pelican's own formatter (for `DEFAULT_DATE_FORMAT` and `article.date`)
handles `%-` itself; code and templates write `{{ d.day }} {{ d.strftime('%B %Y') }}`.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from reflective.core import render

ROOT = Path(__file__).resolve().parent.parent
POSIX_ONLY = re.compile(r"""strftime\(\s*['"][^'"]*%-""")


def test_no_template_or_module_formats_a_date_with_a_posix_only_directive():
    found = []
    for folder in (ROOT / "plugins" / "reflective", ROOT / "theme"):
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".py", ".html") and POSIX_ONLY.search(path.read_text("utf-8")):
                found.append(str(path.relative_to(ROOT)))
    assert found == []


def test_a_day_is_written_without_a_leading_zero():
    assert render.time_element(dt.date(2011, 8, 5)) == (
        '<time datetime="2011-08-05">5 August 2011</time>'
    )
