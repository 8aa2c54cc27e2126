"""A post file's parts besides its fields: Pelican's own Markdown header, and the body.

Owns reading Pelican's "Key: value" header of a Markdown file without front matter
(`pelican_header`, used by `content.read_source` for such a file's title and status)
and the body of any post file (`read_body`: after its front matter or its header), which
the pre-publish gate searches for draft text (reflective.publish.unpublished).
"""

from __future__ import annotations

from . import frontmatter


def pelican_header(text: str) -> tuple[dict, str]:
    """Pelican's Markdown metadata: 'Key: value' lines up to the first blank line."""
    data = {}
    lines = text.split("\n")
    for index, line in enumerate(lines):
        key, colon, value = line.partition(":")
        if not line.strip() or not colon or " " in key.strip():
            return data, "\n".join(lines[index:])
        data[key.strip().lower()] = value.strip()
    return data, ""


def read_body(path: str, name: str) -> str:
    """The Markdown body of the post file at `path` (undecodable bytes replaced)."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        text = frontmatter.normalise_text(handle.read())
    fm = frontmatter.split(text, name)
    return fm.body if fm.has_front_matter else pelican_header(text)[1]
