"""The importer's check in the shared pipeline: every post's `old_urls`.

Owns checking the old addresses of posts, in a build and in `reflective check` alike
(`core.checks`): each must be a path on the site (`redirects.check`), and no two posts
may claim one. In a build a post's handle is Pelican's article (its metadata has the
field); in `reflective check` it is the content reader's source, whose front matter is
read again for this one field. Pages are checked by `wiring.check_pages`, as the site
model holds posts only.
"""

from __future__ import annotations

from ..core import frontmatter
from ..core.problems import Problem
from . import redirects


def old_urls(handle):
    """The raw `old_urls` value of a post, whichever reader read it."""
    metadata = getattr(handle, "metadata", None)
    if metadata is not None:
        return metadata.get(redirects.FIELD)
    path = getattr(handle, "path", None)
    if not path:
        return None
    try:
        with open(path, encoding="utf-8") as source:
            fm = frontmatter.split(frontmatter.normalise_text(source.read()), path)
    except (OSError, UnicodeDecodeError):
        return None  # the shared checks already report a file that cannot be read
    return fm.data.get(redirects.FIELD) if isinstance(fm.data, dict) else None


def claim(items, problems: list | None = None) -> dict:
    """{path: (source, item)} for (source, value, item) triples, the first source (by
    name) winning a path; problems of bad values and double claims go to `problems`."""
    claimed: dict = {}
    for source, value, item in sorted(items, key=lambda triple: triple[0]):
        paths, found = redirects.check(value, source)
        if problems is not None:
            problems.extend(found)
        for path in paths:
            other = claimed.get(path)
            if other is None:
                claimed[path] = (source, item)
            elif other[0] != source and problems is not None:
                problems.append(
                    Problem(
                        source,
                        redirects.FIELD,
                        f"{path} is also an old address of {other[0]}; keep it in one post",
                    )
                )
    return claimed


def check(ctx):
    problems: list = []
    claim(((v.ref.source, old_urls(v.handle), v) for v in ctx.site.posts), problems)
    return problems
