"""The CMS configuration, generated from the site: never kept by hand.

Owns `REFLECTIVE_EDITOR` (checked: where the repository lives for the published
`/admin/`), and `build(...)`: Sveltia CMS's configuration as a dict (served and written
as `config.yml`) with the posts, pages and comment files as collections, each field of
docs/content-format.md with its help text, the programme's Things by number and title,
`REFLECTIVE_ACTIVITIES`, the competency framework's codes with their titles, and
updates choosing an earlier post's action by its text. Pure.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import yaml

from ..core import comment_format, newpost
from ..core.settings import DEFAULTS

SETTING = "REFLECTIVE_EDITOR"
BACKENDS = ("github", "gitlab", "gitea")


class EditorSettingError(ValueError):
    """`REFLECTIVE_EDITOR` is not usable; the message names the fix."""


@dataclass(frozen=True)
class Repository:
    """Where the published `/admin/` reads and writes: a Git host's repository."""

    backend: str = "github"
    repo: str = ""
    branch: str = "main"
    base_url: str | None = None  # an OAuth server (e.g. Netlify's) for sign-in


def repository(settings: dict) -> Repository | None:
    """`REFLECTIVE_EDITOR` checked: None (no `/admin/` in a published build) or where."""
    value = settings.get(SETTING)
    if not value:
        return None
    if not isinstance(value, dict):
        raise EditorSettingError(
            f"{SETTING} must be a dict such as "
            '{"backend": "github", "repo": "you/your-blog", "branch": "main"}'
        )
    unknown = set(value) - {"backend", "repo", "branch", "base_url"}
    if unknown:
        raise EditorSettingError(
            f"{SETTING}: unknown key(s) {', '.join(sorted(unknown))}; "
            "allowed: backend, repo, branch, base_url"
        )
    backend = value.get("backend", "github")
    if backend not in BACKENDS:
        raise EditorSettingError(f"{SETTING}: backend {backend!r}; allowed: {', '.join(BACKENDS)}")
    repo = value.get("repo", "")
    if not isinstance(repo, str) or repo.count("/") != 1 or repo.startswith("/"):
        raise EditorSettingError(f'{SETTING}: repo must be "owner/name", got {repo!r}')
    return Repository(backend, repo, str(value.get("branch", "main")), value.get("base_url"))


HINTS = {  # help text, from docs/content-format.md
    "title": "Required. Shown as the post's heading and in every list.",
    "date": "Required. The day of the post (YYYY-MM-DD).",
    "tags": "Optional. One word or phrase each.",
    "category": "Optional.",
    "thing": "The programme's Thing this post is about; choose two for a combined post. "
    "None: a bonus post (published, its actions count, it marks no Thing as written).",
    "status": "A draft is never published and never counts towards progress.",
    "actions": "What you will do next. Give an id to any action a later post will update.",
    "actions.text": "Inline Markdown: links, *emphasis*, `code`.",
    "actions.id": "a-z, 0-9 and -; unique across the whole site. Later posts update the "
    "action by it, so the text can be reworded freely.",
    "actions.status": "Default todo; with a done date and no status, done.",
    "actions.due": "Overdue when still todo or doing after this day.",
    "actions.done": "When it was done.",
    "actions.priority": "Default normal.",
    "actions.every": "A habit rather than a one-off: report check-ins as updates without a status.",
    "actions.private": "Never published: not in the HTML, progress.json, actions.ics, feeds "
    "or sitemap. The preview shows it, marked.",
    "actions.note": "Shown with the item (inline Markdown).",
    "updates": "Reports on actions of earlier posts.",
    "updates.action": "The action you report on, chosen from every post's actions.",
    "updates.status": "The new status; none for a habit's check-in.",
    "updates.date": "Default: the post's date.",
    "updates.note": "Optional (inline Markdown).",
    "hours": "CPD record: the hours spent (a number greater than 0).",
    "activity": "CPD record: the kind of activity (REFLECTIVE_ACTIVITIES).",
    "competencies": "CPD record: the framework's competencies this post evidences.",
    "portfolio": "CPD record: the portfolio prints this post in full.",
    "body": "The post, in Markdown.",
}

# The body is edited as the Markdown it is: the rich-text mode rewrites Markdown it
# cannot represent (emphasis across lines in a list item came back as `\\*...\\*`).
RAW = ["raw"]
STATUSES = ["todo", "doing", "done", "dropped"]
PRIORITIES = ["high", "normal", "low"]
PERIODS = ["day", "week", "fortnight", "month"]


def _date(name: str, label: str, required: bool = False) -> dict:
    return {
        "name": name,
        "label": label,
        "widget": "datetime",
        "format": "YYYY-MM-DD",
        "time_format": False,
        "required": required,
    }


def _select(name: str, label: str, options: list, **extra) -> dict:
    return {
        "name": name,
        "label": label,
        "widget": "select",
        "options": options,
        "required": False,
        **extra,
    }


def _hinted(fields: list[dict], prefix: str = "") -> list[dict]:
    for field in fields:
        hint = HINTS.get(prefix + field["name"])
        if hint:
            field["hint"] = hint
        if "fields" in field:
            _hinted(field["fields"], field["name"] + ".")
    return fields


def post_fields(
    things: list, activities: list[str], codes: list[tuple[str, str]], collection: str = "posts"
) -> list[dict]:
    """The fields of a post, in the order `reflective new` writes them."""
    thing_options = [{"label": f"Thing {t.number}: {t.title}", "value": t.number} for t in things]
    action_fields = [
        {
            "name": "id",
            "label": "Id",
            "widget": "string",
            "required": True,
            "pattern": ["^[a-z0-9]+(-[a-z0-9]+)*$", "a-z, 0-9 and - only"],
        },
        {"name": "text", "label": "Text", "widget": "string"},
        _select("status", "Status", STATUSES),
        _date("due", "Due"),
        _date("done", "Done on"),
        _select("priority", "Priority", PRIORITIES),
        _select("every", "Repeats (a habit)", PERIODS),
        {"name": "private", "label": "Private", "widget": "boolean", "required": False},
        {"name": "note", "label": "Note", "widget": "string", "required": False},
    ]
    update_fields = [
        {
            "name": "action",
            "label": "Action",
            "widget": "relation",
            "collection": collection,
            "value_field": "actions.*.id",
            "search_fields": ["actions.*.text"],
            "display_fields": ["actions.*.text"],
        },
        _select("status", "Status", STATUSES),
        _date("date", "Date"),
        {"name": "note", "label": "Note", "widget": "string", "required": False},
    ]
    fields = [
        {"name": "title", "label": "Title", "widget": "string"},
        _date("date", "Date", required=True),
        {"name": "tags", "label": "Tags", "widget": "list", "required": False},
        {"name": "category", "label": "Category", "widget": "string", "required": False},
        _select("thing", "Thing", thing_options, multiple=True)
        if thing_options
        else {"name": "thing", "label": "Thing", "widget": "list", "required": False},
        _select(
            "status",
            "Status",
            [
                {"label": "Published (the default)", "value": "published"},
                {"label": "Draft: not published", "value": "draft"},
                {"label": "Hidden: published, not listed", "value": "hidden"},
            ],
        ),
        {
            "name": "actions",
            "label": "Actions",
            "widget": "list",
            "required": False,
            "summary": "{{fields.text}}",
            "fields": action_fields,
        },
        {
            "name": "updates",
            "label": "Updates of earlier actions",
            "widget": "list",
            "required": False,
            "fields": update_fields,
        },
        {
            "name": "hours",
            "label": "Hours",
            "widget": "number",
            "value_type": "float",
            "min": 0,
            "required": False,
        },
        _select("activity", "Activity", list(activities)),
        _select(
            "competencies",
            "Competencies",
            [{"label": f"{code} {title}", "value": code} for code, title in codes],
            multiple=True,
        )
        if codes
        else {"name": "competencies", "label": "Competencies", "widget": "list", "required": False},
        {
            "name": "portfolio",
            "label": "Print in full in the portfolio",
            "widget": "boolean",
            "required": False,
        },
        {"name": "body", "label": "Post", "widget": "markdown", "modes": RAW},
    ]
    return _hinted(fields)


def _folder(settings: dict, settings_dir: str, sub: str) -> str:
    content = os.path.join(settings_dir, settings.get("PATH") or "content")
    folder = os.path.relpath(os.path.join(content, sub), settings_dir)
    return folder.replace(os.sep, "/")


def build(
    settings: dict,
    settings_dir: str,
    things: list,
    codes: list[tuple[str, str]],
    where: Repository | None = None,
    site_url: str = "",
) -> dict:
    """Sveltia CMS's configuration for the site (`config.yml`)."""
    articles = (settings.get("ARTICLE_PATHS") or ["posts"])[0]
    pages = (settings.get("PAGE_PATHS") or ["pages"])[0]
    media = settings.get("REFLECTIVE_EDITOR_MEDIA") or "images"
    comments = settings.get("REFLECTIVE_COMMENTS_PATH") or comment_format.DEFAULT_FOLDER
    activities = settings.get("REFLECTIVE_ACTIVITIES") or DEFAULTS["REFLECTIVE_ACTIVITIES"]
    where = where or Repository(repo="local/site")
    backend = {"name": where.backend, "repo": where.repo, "branch": where.branch}
    if where.base_url:
        backend["base_url"] = where.base_url
    first_model = newpost.MODELS["rolfe"][1]
    template = "\n".join(f"## {heading}\n\n<!-- {prompt} -->\n" for heading, prompt in first_model)
    post = post_fields(things, activities, codes)
    post[-1]["default"] = template
    return {
        "backend": backend,
        "site_url": site_url or None,
        "media_folder": _folder(settings, settings_dir, media),
        "public_folder": "/" + media.strip("/"),
        "output": {"omit_empty_optional_fields": True},
        "collections": [
            {
                "name": "posts",
                "label": "Posts",
                "label_singular": "Post",
                "folder": _folder(settings, settings_dir, articles),
                "extension": "md",
                "format": "yaml-frontmatter",
                "create": True,
                "slug": "{{fields.date}}-{{slug}}",
                "sortable_fields": ["date", "title"],
                "summary": "{{title}} ({{date}})",
                "fields": post,
            },
            {
                "name": "pages",
                "label": "Pages",
                "label_singular": "Page",
                "folder": _folder(settings, settings_dir, pages),
                "extension": "md",
                "format": "yaml-frontmatter",
                "create": True,
                "fields": [
                    {"name": "title", "label": "Title", "widget": "string"},
                    {"name": "body", "label": "Page", "widget": "markdown", "modes": RAW},
                ],
            },
            {
                "name": "comments",
                "label": "Comments",
                "label_singular": "Comment",
                "folder": _folder(settings, settings_dir, comments),
                "extension": "md",
                "format": "yaml-frontmatter",
                "create": False,
                "nested": {"depth": 2},
                "summary": "{{author}} ({{date}})",
                "fields": comment_fields(),
            },
        ],
    }


def comment_fields() -> list[dict]:
    """A comment file's fields (SPEC §5), for moderation: read, correct, delete."""
    return [
        {"name": "id", "label": "Id", "widget": "string"},
        {"name": "author", "label": "Author", "widget": "string"},
        {"name": "date", "label": "Date", "widget": "string"},
        {"name": "website", "label": "Website", "widget": "string", "required": False},
        _select("type", "Type", list(comment_format.TYPES)),
        {"name": "replyto", "label": "Reply to", "widget": "string", "required": False},
        {"name": "source", "label": "Source", "widget": "string", "required": False},
        {"name": "body", "label": "Comment", "widget": "markdown", "modes": RAW},
    ]


def dump(config: dict) -> str:
    """`config.yml`: the configuration as YAML, a comment saying where it comes from."""
    config = {k: v for k, v in config.items() if v is not None}
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)
    return "# Generated by Reflective from the site's settings: do not edit.\n" + text
