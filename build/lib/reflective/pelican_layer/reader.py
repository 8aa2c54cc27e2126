"""Pelican reader for Markdown posts with YAML front matter.

Owns turning a source file into Pelican's (content, metadata): a file that starts with
`---` has its front matter parsed (`frontmatter`) and its `thing`, `actions` and
`updates` checked (`schema`); every other Markdown file goes to Pelican's own
MarkdownReader untouched. The reader never raises and never drops a post: a file it
cannot read fully still yields a post (titled after the file) whose problems travel in
`metadata["reflective"]` (plain data, safe in Pelican's content cache) and are reported
for the whole site in `article_generator_finalized`.
"""

from __future__ import annotations

import datetime as dt
import os

from markdown import Markdown
from pelican.readers import MarkdownReader

from ..core import frontmatter, schema
from ..core.addresses import escape_field, slug_line
from ..core.content import decode, display_path, missing_date, missing_title
from ..core.problems import Problem


# YAML values are text, not HTML: these are shown by themes as `{{ article.title }}`
# (Pelican treats titles as markup), so they are escaped here, once, at the source.
class ReflectiveMarkdownReader(MarkdownReader):
    """Markdown with YAML front matter; Pelican's MarkdownReader for everything else."""

    def read(self, source_path):
        name = display_path(source_path)
        try:
            with open(source_path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            return self._broken(source_path, name, f"cannot be read: {error.strerror}")
        text, problem = decode(data, name)
        if problem is not None:
            return self._broken(source_path, name, problem.message)
        normalised = frontmatter.normalise_text(text)
        if not normalised.startswith("---"):
            return super().read(source_path)
        self._source_path_for_date = source_path
        fm = frontmatter.split(normalised, name)
        if not fm.has_front_matter:
            return super().read(source_path)
        fields, problems = schema.read_fields(fm, name)
        problems = list(fm.problems) + problems
        metadata = self._metadata(fm, name, problems)
        metadata["reflective"] = {
            "source": name,
            "fields": fields,
            "problems": [p.to_dict() for p in problems],
            "slug_line": slug_line(fm),  # where a duplicate address is reported
        }
        content = self._convert(fm.body)
        return content, metadata

    def _convert(self, body: str) -> str:
        config = dict(self.settings["MARKDOWN"])
        config["extensions"] = [
            e for e in config.get("extensions", []) if e != "markdown.extensions.meta"
        ]
        self._md = Markdown(**config)
        return self._md.convert(body)

    def _broken(self, source_path, name, message):
        """A post that could not be read at all: kept, titled after its file."""
        problem = Problem(name, "file", message)
        stem = os.path.splitext(os.path.basename(source_path))[0]
        metadata = {
            "title": stem,
            "date": self.process_metadata("date", _mtime(source_path)),
            "reflective": {
                "source": name,
                "fields": {"things": [], "actions": [], "updates": []},
                "problems": [problem.to_dict()],
            },
        }
        return "", metadata

    def _metadata(self, fm, name, problems) -> dict:
        out = {}
        for key, value in fm.data.items():
            lower = key.lower() if isinstance(key, str) else str(key)
            if lower in schema.OUR_FIELDS or value is None:
                continue
            try:
                converted = self._pelican_value(lower, value)
            except Exception as error:  # Pelican's own parsers raise many kinds
                problems.append(Problem(name, lower, f"cannot be read: {error}", fm.line((key,))))
                continue
            if converted is not None:
                out[lower] = converted
        parsed = not any(p.field == "front matter" for p in problems)
        if "title" not in out and parsed:
            problems.append(missing_title(fm, name))
        out.setdefault("title", os.path.splitext(os.path.basename(name))[0])
        # A page needs no date (Pelican dates none); a post gets its file's time as a
        # fallback so that Pelican keeps it, and the missing date is reported.
        dated = not self.settings.get("DEFAULT_DATE") and not self._is_page()
        if "date" not in out and dated and parsed:
            problems.append(missing_date(fm, name))
        if "date" not in out and dated:
            out["date"] = self.process_metadata("date", _mtime(self._source_path_for_date))
        return out

    def _is_page(self) -> bool:
        """Whether the file being read is under PAGE_PATHS (a page, not a post)."""
        root = os.path.abspath(self.settings.get("PATH") or ".")
        source = os.path.abspath(self._source_path_for_date)
        for folder in self.settings.get("PAGE_PATHS") or ():
            base = os.path.join(root, folder)
            if source == base or source.startswith(base.rstrip(os.sep) + os.sep):
                return True
        return False

    def _pelican_value(self, name, value):
        if name in ("date", "modified"):
            if isinstance(value, (dt.date, dt.datetime)):
                value = value.isoformat()
            return self.process_metadata(name, str(value))
        if name in schema.PELICAN_LIST_FIELDS:
            if not isinstance(value, list):
                return self.process_metadata(name, escape_field(name, str(value)))
            return self.process_metadata(
                name, [escape_field(name, str(item)) for item in value if item is not None]
            )
        if name in self.settings.get("FORMATTED_FIELDS", ()):
            return self.process_metadata(name, self._convert(str(value)))
        if name in schema.PELICAN_TEXT_FIELDS:
            return self.process_metadata(name, escape_field(name, str(value)))
        return _plain(value)


def _mtime(source_path: str) -> str:
    try:
        stamp = os.stat(source_path).st_mtime
    except OSError:
        stamp = 0
    return dt.datetime.fromtimestamp(stamp).isoformat(timespec="seconds")


def _plain(value):
    """Front-matter values Pelican does not know, as plain builtins."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value
