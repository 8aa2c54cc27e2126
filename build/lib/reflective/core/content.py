"""Reading a content folder without building the site (used by the CLI and its tests).

Owns: finding the article sources Pelican would read (`PATH` + `ARTICLE_PATHS`, minus
`ARTICLE_EXCLUDES` and `IGNORE_FILES`, Markdown extensions only), the file-level checks
shared with the Pelican reader (`decode`: UTF-8; `missing_title`), resolving a post's
date and status the way Pelican does (`DEFAULT_DATE`, `DEFAULT_METADATA`,
`FILENAME_METADATA`, then the front matter), and `load_site`, which turns all of it
into `model.PostInput`s and a `model.Site` (optionally through `sourcecache`). The checks themselves are the shared ones
(`frontmatter`, `schema`, `model`): one implementation for the build and the CLI.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import addresses, frontmatter, model, schema
from . import programme as programme_mod
from . import settings as settings_mod
from .body import pelican_header
from .checks import Check, CheckContext
from .checks import run as run_checks
from .problems import Problem, sort_key

MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")


def display_path(source_path: str) -> str:
    """The path to name in messages: relative to the working folder when inside it."""
    relative = os.path.relpath(source_path)
    return source_path if relative.startswith("..") else relative


def decode(data: bytes, name: str) -> tuple[str | None, Problem | None]:
    """The text of a source file, or the problem that it is not UTF-8."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        return None, Problem(
            name,
            "file",
            f"is not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "open it in your editor and save it with the UTF-8 encoding",
        )


def missing_title(fm: frontmatter.FrontMatter, name: str) -> Problem:
    """The problem of a post whose front matter gives no title."""
    stem = os.path.splitext(os.path.basename(name))[0]
    return Problem(
        name,
        "title",
        "is missing; every post needs 'title: ...' in its front "
        f"matter (the post is shown as {stem!r} until then)",
        fm.line(()),
    )


def missing_date(fm: frontmatter.FrontMatter, name: str) -> Problem:
    """The problem of a post whose front matter gives no readable date."""
    return Problem(
        name,
        "date",
        "is missing; every post needs 'date: YYYY-MM-DD' in its front "
        "matter (the file's modification time is used until then)",
        fm.line(()),
    )


def find_sources(settings: dict) -> list[str]:
    """Absolute paths of the Markdown articles Pelican would read, sorted."""
    root = settings["PATH"]
    ignores = settings.get("IGNORE_FILES") or []
    excluded: dict[str, set] = {}
    # The comments folder (SPEC §5, REFLECTIVE_COMMENTS_PATH) holds comments, never posts.
    comments = str(settings.get("REFLECTIVE_COMMENTS_PATH") or "comments").strip("/")
    for entry in [*(settings.get("ARTICLE_EXCLUDES") or []), comments]:
        parent, name = os.path.split(os.path.join(root, entry))
        excluded.setdefault(parent, set()).add(name)
    found: set[str] = set()
    for sub in settings.get("ARTICLE_PATHS") or [""]:
        top = os.path.join(root, sub) if sub else root
        if os.path.isfile(top):
            if _wanted(top, ignores):
                found.add(os.path.abspath(top))
            continue
        for dirpath, dirs, files in os.walk(top, topdown=True, followlinks=True):
            skip = excluded.get(dirpath, ())
            dirs[:] = [
                d
                for d in dirs
                if d not in skip and not any(fnmatch.fnmatch(d, pattern) for pattern in ignores)
            ]
            for name in files:
                path = os.path.join(dirpath, name)
                if _wanted(path, ignores):
                    found.add(os.path.abspath(path))
    return sorted(found)


def _wanted(path: str, ignores) -> bool:
    base = os.path.basename(path)
    if any(fnmatch.fnmatch(base, pattern) for pattern in ignores):
        return False
    return os.path.splitext(base)[1][1:] in MARKDOWN_EXTENSIONS


@dataclass
class Source:
    """One article source as the CLI sees it."""

    path: str  # absolute
    name: str  # as shown in messages
    title: str
    date: dt.date
    status: str  # published, draft, hidden or skip
    fields: dict
    problems: list = field(default_factory=list)
    has_front_matter: bool = True
    slug: str = ""  # `slug:` from the front matter ("" when Pelican makes it from the title)
    pelican: dict | None = None  # the front matter's address fields (core.addresses)
    slug_line: int | None = None

    def post_input(self) -> model.PostInput:
        return model.PostInput(
            source=self.name,
            title=self.title,
            url="",
            date=self.date,
            fields=self.fields,
            draft=self.status == "draft",
            problems=list(self.problems),
            handle=self,
        )


def read_source(path: str, settings: dict, defaults: dict | None = None) -> Source:
    """Read one article file: front matter, fields, problems, title, date, status.

    Title, date and their problems follow the plugin's reader (`reader.py`): a file
    that cannot be read, or has no readable date (and no DEFAULT_DATE), is dated by
    its modification time, so it is never dropped.
    """
    name = display_path(path)
    stem = os.path.splitext(os.path.basename(path))[0]
    if defaults is None:
        defaults = site_defaults(settings)
    meta = _pelican_metadata(path, settings, defaults)
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        problem = Problem(name, "file", f"cannot be read: {error.strerror}")
        return Source(path, name, stem, _mtime(path), "published", _empty(), [problem])
    text, problem = decode(data, name)
    if problem is not None:  # the reader keeps it, titled after its file
        return Source(path, name, stem, _mtime(path), "published", _empty(), [problem], pelican={})
    text = frontmatter.normalise_text(text)
    fm = frontmatter.split(text, name) if text.startswith("---") else None
    if fm is None or not fm.has_front_matter:
        # Pelican's own Markdown metadata ("Title: ..."): no Reflective fields.
        header = pelican_header(text)[0]
        status = header.get("status", "").lower() or str(meta.get("status") or "published")
        return Source(
            path,
            name,
            header.get("title") or stem,
            _date_or_mtime(meta, path),
            status,
            _empty(),
            has_front_matter=False,
        )
    fields, problems = schema.read_fields(fm, name)
    problems = list(fm.problems) + problems
    title = date = None
    slug = ""
    for key, value in fm.data.items():
        lower = key.lower() if isinstance(key, str) else str(key)
        if lower in schema.OUR_FIELDS or value is None:
            continue
        if lower == "title":
            title = str(value)
        elif lower == "slug":
            slug = str(value).strip()
        elif lower == "status":
            meta["status"] = str(value).strip() or meta.get("status")
        elif lower == "date":
            try:
                date = _to_date(value)
            except ValueError as error:
                problems.append(Problem(name, "date", f"cannot be read: {error}", fm.line((key,))))
    parsed = not any(p.field == "front matter" for p in problems)
    if title is None and parsed:
        problems.append(missing_title(fm, name))
    if date is None and not settings.get("DEFAULT_DATE"):
        if parsed:
            problems.append(missing_date(fm, name))
        date = _mtime(path)
    elif date is None:
        date = _date_or_mtime(meta, path)
    status = str(meta.get("status") or "published").lower()
    if not settings.get("WITH_FUTURE_DATES", True) and date > dt.date.today():
        status = "draft"
    front, line = addresses.front_metadata(fm), addresses.slug_line(fm)
    return Source(
        path,
        name,
        title or stem,
        date,
        status,
        fields,
        problems,
        slug=slug,
        pelican=front,
        slug_line=line,
    )


def _empty() -> dict:
    return {"things": [], "actions": [], "updates": [], "thing_line": None}


def _to_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if len(text) == 10:
        try:  # the usual YYYY-MM-DD, read the same by Pelican, ten times faster
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    from pelican.utils import get_date  # Pelican's own reading of any other date

    return get_date(str(value).replace("_", " ")).date()


def _date_or_mtime(meta: dict, path: str) -> dt.date:
    return meta["date"] if "date" in meta else _mtime(path)


def _mtime(path: str) -> dt.date:
    try:
        return dt.date.fromtimestamp(os.stat(path).st_mtime)
    except OSError:
        return dt.date.fromtimestamp(0)


def _process(name, value):
    if name == "date" and not isinstance(value, (dt.date, dt.datetime)):
        return _to_date(value)
    return value


def site_defaults(settings: dict) -> dict:
    """Date and status every post starts with (DEFAULT_DATE, DEFAULT_METADATA)."""
    from pelican.readers import default_metadata

    try:
        meta = default_metadata(settings, _process)
    except ValueError:  # an unreadable DEFAULT_DATE: the posts must give their dates
        meta = {k: v for k, v in (settings.get("DEFAULT_METADATA") or {}).items()}
        meta.pop("date", None)
    return {k: v for k, v in meta.items() if k in ("date", "status")}


def _pelican_metadata(path: str, settings: dict, defaults: dict) -> dict:
    """Date and status from the settings and the file's path, as Pelican finds them."""
    from pelican.readers import parse_path_metadata, path_metadata

    relative = os.path.relpath(path, settings["PATH"])
    meta = dict(defaults)
    try:
        for part in (
            path_metadata(path, relative, settings),
            parse_path_metadata(relative, settings, _process),
        ):
            meta.update({k: v for k, v in part.items() if k in ("date", "status")})
    except (ValueError, OSError):
        pass  # a file name that only looks like a date: the front matter must give one
    if "date" in meta:
        meta["date"] = _to_date(meta["date"])
    return meta


@dataclass
class Loaded:
    """A content folder read into the model."""

    settings: dict  # the REFLECTIVE_* settings, checked
    programme: programme_mod.Programme
    sources: list  # Source, front-matter posts and others
    site: model.Site
    problems: list  # every problem, sorted, programme problems included
    programme_problems: list = field(default_factory=list)  # why the programme is unusable
    calendar_today: dt.date | None = None  # today in TIMEZONE, ignoring REFLECTIVE_TODAY


def configure(pelican_settings: dict, settings_dir: str):
    """The checked REFLECTIVE_* settings and the programme, as the build and CLI use them.

    Returns (config, programme, problems, programme_problems); an unusable setting or
    programme is a problem, never an exception, and a stand-in is used instead.
    """
    problems: list[Problem] = []
    try:
        config = settings_mod.read(pelican_settings)
    except settings_mod.SettingsError as error:
        problems.append(Problem("settings", "REFLECTIVE_TODAY", str(error)))
        config = settings_mod.read(dict(pelican_settings, REFLECTIVE_TODAY=None))
    programme_problems: list[Problem] = []
    try:
        programme = programme_mod.load(config["REFLECTIVE_PROGRAMME"], settings_dir)
    except programme_mod.ProgrammeError as error:
        programme_problems = list(error.problems)
        problems.extend(error.problems)
        programme = programme_mod.Programme(name="(no programme)", things=[])
    return config, programme, problems, programme_problems


def load_site(
    pelican_settings: dict,
    settings_dir: str,
    show_private: bool = True,
    cache: bool = False,
    checks: Iterable[Check] = (),
) -> Loaded:
    """Read every article under PATH/ARTICLE_PATHS, build the site model, run `checks`.

    With `cache`, posts unchanged since the last run are taken from `sourcecache`.
    `checks` are the capabilities' checks (`core.checks`), the same a build runs.
    """
    config, programme, problems, programme_problems = configure(pelican_settings, settings_dir)
    defaults = site_defaults(pelican_settings)
    store = None
    if cache:
        from .sourcecache import SourceCache

        store = SourceCache(pelican_settings)
    sources = []
    for path in find_sources(pelican_settings):
        if store is None:
            sources.append(read_source(path, pelican_settings, defaults))
            continue
        try:
            info = os.stat(path)  # before reading: a later change makes the entry stale
        except OSError:
            info = None
        source = store.get(path, info) if info else None
        if source is None:
            source = read_source(path, pelican_settings, defaults)
            if info:
                store.put(path, info, source)
        sources.append(source)
    if store is not None:
        store.save()
    posts = [s.post_input() for s in sources if s.status != "skip"]
    site = model.build(posts, programme, config["REFLECTIVE_TODAY"], show_private=show_private)
    problems.extend(site.problems)
    # Where Pelican would write each post: the same check a build runs on its articles.
    written = [addresses.of_source(s, pelican_settings) for s in sources if s.status != "skip"]
    problems.extend(addresses.check(written)[0])
    context = CheckContext(site, config, pelican_settings, settings_dir)
    problems.extend(run_checks(context, checks))
    problems.sort(key=sort_key)
    calendar_today = settings_mod.today(dict(pelican_settings, REFLECTIVE_TODAY=None))
    return Loaded(config, programme, sources, site, problems, programme_problems, calendar_today)
