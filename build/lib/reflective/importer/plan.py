"""What each record of an export becomes: files under the content folder, and report lines.

Owns the mapping SPEC §1 and §5 ask for: posts to `posts/<date>-<slug>.md` (title,
date, slug kept, author, category, tags, `thing`, lifted `actions`, `old_urls` for the
redirects), pages to `pages/<slug>.md`, WordPress drafts, pending, scheduled, private
and password-protected posts as Pelican drafts, comments and pingbacks to
`comments/<post-slug>/<id>.md` (threading kept; spam, pending and trashed ones counted,
not written; comments of pages are counted, not written: comments belong to posts),
and media from `--media` copied under `media/`. Two passes over the export: `index`
learns the slugs, attachments and comment states (small), `plan` writes each record.
"""

from __future__ import annotations

import datetime as dt
import html as html_mod
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from slugify import slugify

from ..core.schema import derive_id
from ..core.things import detect
from . import records as R
from . import tomarkdown, wptext
from .files import Staging, document
from .report import Item, Report

PUBLISHED = "publish"
DRAFT_STATES = {
    "draft": "a draft",
    "pending": "pending review",
    "future": "scheduled",
    "private": "private",
}
SKIP_STATES = {"trash": "in the trash", "auto-draft": "an auto-draft", "inherit": "a revision"}
COMMENT_KINDS = ("comment", "pingback", "trackback", "webmention")


@dataclass
class Options:
    posts_dir: str = "content/posts"  # relative to the site folder, with /
    pages_dir: str = "content/pages"
    comments_dir: str = "content/comments"
    media_dir: str = "content/media"
    valid_things: set | None = None
    today: dt.date = field(default_factory=dt.date.today)
    media: object | None = None  # a media.MediaFolder
    taken_ids: set = field(default_factory=set)  # action ids already used in the site


def _when(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return (
        value.strftime("%Y-%m-%d %H:%M")
        if (value.hour or value.minute)
        else value.date().isoformat()
    )


class Planner:
    def __init__(self, staging: Staging, report: Report, options: Options):
        self.staging = staging
        self.report = report
        self.options = options
        # Entries are known by their position in the export (both passes see the same
        # order): ids in the wild are not always unique.
        self.slugs: dict[int, str] = {}  # position -> slug
        self.published: dict[int, str] = {}  # position -> why not published ("" if it is)
        self.by_ref: dict[str, int] = {}  # the export's id -> position (the first one)
        self.kinds: dict[int, str] = {}  # position -> post | page
        self.position = 0
        self.indexed = 0
        self.used_slugs: dict[str, set] = {"post": set(), "page": set()}
        self.attachments: dict[str, wptext.Attachment] = {}
        self.answerable: set[str] = set()  # ids of comments that will be written
        self.action_ids = set(options.taken_ids)
        self.base = ""  # the old blog's address: root-relative links are made absolute

    # -- pass 1 -------------------------------------------------------------------------

    def index(self, record) -> None:
        if isinstance(record, R.Comment):
            self._index_comment(record)
        elif isinstance(record, R.Entry):
            for comment in record.comments:
                self._index_comment(comment)
            if record.kind == "attachment":
                self.attachments[record.ref] = wptext.Attachment(
                    record.url, record.title, record.alt, record.parent
                )
            elif record.kind in ("post", "page") and record.status not in SKIP_STATES:
                self.indexed += 1
                self.slugs[self.indexed] = self._slug(record)
                self.published[self.indexed] = self._not_public(record)
                self.by_ref.setdefault(record.ref, self.indexed)
                self.kinds[self.indexed] = record.kind

    def _index_comment(self, comment: R.Comment) -> None:
        """Replies may only name comments that are written, and never a pingback."""
        if comment.state == R.APPROVED and comment.kind in ("", "comment"):
            self.answerable.add(comment.id)

    def _slug(self, entry: R.Entry) -> str:
        base = entry.slug or slugify(entry.title) or f"untitled-{entry.ref}"
        used = self.used_slugs[entry.kind]
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        return slug

    @staticmethod
    def _not_public(entry: R.Entry) -> str:
        if entry.password:
            return "password-protected"
        if entry.status == PUBLISHED:
            return ""
        return DRAFT_STATES.get(entry.status, f"status {entry.status!r}")

    # -- pass 2 -------------------------------------------------------------------------

    def plan(self, record) -> None:
        if isinstance(record, R.Export):
            self.base = record.link
        elif isinstance(record, str):
            self.report.skip_kind(record, "blog settings or template, not content")
        elif isinstance(record, R.Comment):
            self.comment(record)
        elif isinstance(record, R.Entry):
            self.entry(record)

    def entry(self, entry: R.Entry) -> None:
        label = entry.title or f"(untitled {entry.ref})"
        if entry.kind == "attachment":
            self.report.attachment(entry.url, self._media_status(entry.url))
            return
        if entry.kind not in ("post", "page"):
            self.report.skip_kind(entry.kind, _kind_reason(entry.kind))
            return
        if entry.status in SKIP_STATES:
            self.report.skip(entry.ref, label, f"not imported: {SKIP_STATES[entry.status]}")
            return
        self.position += 1
        slug = self.slugs[self.position]
        why_draft = self.published[self.position]
        item = Item(self.position, entry.kind, label, draft=why_draft)
        fields: dict = {"title": entry.title or f"Untitled ({entry.ref})"}
        date = entry.date or dt.datetime.combine(self.options.today, dt.time())
        if entry.date is None:
            item.notes.append("no date in the export: given the day of the import")
        fields["date"] = _when(date)
        fields["slug"] = slug
        if entry.author:
            fields["author"] = entry.author
        if entry.kind == "post" and entry.categories:
            fields["category"] = entry.categories[0]
        tags = (
            list(dict.fromkeys(entry.categories[1:] + entry.tags)) if entry.kind == "post" else []
        )
        if tags:
            fields["tags"] = tags
        if why_draft:
            fields["status"] = "draft"
        excerpt = " ".join(tomarkdown.soup(entry.excerpt).get_text(" ").split())
        if excerpt:
            fields["summary"] = excerpt
        doc = tomarkdown.soup(self._html(entry, item))
        self._media(doc, item)
        if entry.kind == "post":
            found = detect(
                entry.title,
                entry.categories + entry.tags,
                tomarkdown.plain_text(doc),
                self.options.valid_things,
            )
            item.thing, item.thing_source, item.thing_note = found.things, found.source, found.note
            if found.things:
                fields["thing"] = found.things[0] if len(found.things) == 1 else found.things
            texts, why = tomarkdown.lift_actions(doc)
            if texts:
                fields["actions"] = [self._action(text) for text in texts]
                item.actions, item.actions_from = len(texts), why
        old = _old_path(entry.link)
        if old and not why_draft:
            fields["old_urls"] = [old]
            item.redirect = old
        elif entry.link and not why_draft and urlsplit(entry.link).query:
            item.notes.append(
                f"its old address {entry.link} is a query (plain permalinks): a static "
                "site cannot redirect it"
            )
        folder = self.options.posts_dir if entry.kind == "post" else self.options.pages_dir
        name = f"{date.date().isoformat()}-{slug}.md" if entry.kind == "post" else f"{slug}.md"
        item.file = f"{folder}/{_safe_name(name)}"
        self.staging.add(item.file, document(fields, tomarkdown.to_markdown(doc)))
        self.report.add(item)
        for comment in entry.comments:
            self.comment(comment, self.position)

    def _html(self, entry: R.Entry, item: Item) -> str:
        notes = wptext.Notes()
        if entry.autop:
            text = wptext.expand(
                entry.body_html, post_ref=entry.ref, attachments=self.attachments, notes=notes
            )
        else:
            text = _paragraphs(entry.body_html)
        for name in sorted(notes.unknown_shortcodes):
            item.notes.append(f"shortcode [{name}] left as text")
        return text

    def _media(self, doc, item: Item) -> None:
        """Media found in --media become local; links to the old site stay absolute."""
        media = self.options.media
        base = self.base.rstrip("/") + "/" if self.base.startswith(("http://", "https://")) else ""

        def local(url: str):
            found = media.find(url) if media is not None else None
            if found is not None:
                target = f"{self.options.media_dir}/{found}"
                self.staging.add_copy(target, media.source(found))
                item.media += 1
                return "{static}/" + target.split("/", 1)[1]
            if base and url.startswith("/") and not url.startswith("//"):
                return urljoin(base, url)  # on the new site it would point at nothing
            return None

        tomarkdown.rewrite_media(doc, local)

    def _media_status(self, url: str) -> str:
        media = self.options.media
        if media is None:
            return "linked to its old address"
        found = media.find(url)
        return (
            f"found in the media folder: {found}"
            if found
            else "NOT in the media folder: linked to its old address"
        )

    def _action(self, text: str):
        base = derive_id(text) or "action"
        if base not in self.action_ids:
            self.action_ids.add(base)
            return text
        n = 2
        while f"{base}-{n}" in self.action_ids:
            n += 1
        self.action_ids.add(f"{base}-{n}")
        return {"id": f"{base}-{n}", "text": text}

    def comment(self, comment: R.Comment, position: int | None = None) -> None:
        report = self.report
        if comment.state != R.APPROVED:
            report.comment_skipped(comment.state)
            return
        position = position or self.by_ref.get(comment.post_ref)
        if position is None:
            report.comment_skipped("orphan")
            return
        if self.kinds[position] != "post":
            report.comment_skipped("page")
            return
        slug = self.slugs[position]
        kind = comment.kind if comment.kind in COMMENT_KINDS else "comment"
        fields: dict = {
            "id": _comment_id(comment.id),
            "author": comment.author or "Anonymous",
            # a datetime, written unquoted: YAML dates, as comment files need
            "date": comment.date or dt.datetime.combine(self.options.today, dt.time()),
        }
        url = comment.website if comment.website.startswith(("http://", "https://")) else ""
        if comment.website and not url:
            report.note(
                f"comment {comment.id}: its website {comment.website!r} is not an http(s) address; left out"
            )
        if kind != "comment" and not url:
            report.comment_skipped("sourceless")
            return
        if kind != "comment":
            fields["type"] = kind
            if url:
                fields["source"] = url
        elif url:
            fields["website"] = url
        if comment.parent:
            if comment.parent in self.answerable:
                fields["replyto"] = _comment_id(comment.parent)
            else:
                report.note(
                    f"comment {comment.id} answers {comment.parent}, which is not in the "
                    "export, was not imported or is a pingback: shown as a comment of its own"
                )
        body = wptext.autop(comment.body_html) if comment.autop else _paragraphs(comment.body_html)
        body, removed = tomarkdown.redact_emails(body)
        markdown, again = tomarkdown.redact_emails(tomarkdown.to_markdown(tomarkdown.soup(body)))
        removed += again
        if removed:
            report.note(f"comment {comment.id}: {removed} e-mail address(es) removed from its text")
        path = f"{self.options.comments_dir}/{_safe_name(slug)}/{_safe_name(fields['id'])}.md"
        self.staging.add(path, document(fields, markdown or "(no text)"))
        report.comment_written(position, kind)


def _paragraphs(text: str) -> str:
    """Blogger's HTML: <br><br> where the author pressed Enter twice, as paragraphs."""
    text = re.sub(r"(?:<br\s*/?>\s*){2,}", "\n\n", text, flags=re.I)
    return wptext.autop(text, br=False) if "<p" not in text.lower() else text


def _comment_id(value: str) -> str:
    return slugify(value) or "comment"


def _safe_name(name: str) -> str:
    name = name.replace("/", "-").replace("\\", "-").lstrip(".")
    return name or "untitled"


def _old_path(link: str) -> str:
    """The path part of an old permalink, if a static page can stand there."""
    if not link:
        return ""
    parts = urlsplit(html_mod.unescape(link))
    if parts.query or not parts.path or parts.path == "/":
        return ""
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    return path if ".." not in path.split("/") else ""


def _kind_reason(kind: str) -> str:
    internal = (
        "nav_menu_item",
        "revision",
        "custom_css",
        "customize_changeset",
        "oembed_cache",
        "wp_block",
        "wp_template",
        "wp_template_part",
        "wp_global_styles",
        "wp_navigation",
        "user_request",
        "feedback",
        "jp_pay_product",
        "jp_pay_order",
    )
    if kind in internal or kind.startswith("wp_"):
        return "WordPress's own data, not content"
    return f"unknown post type {kind!r} (from a plugin or theme): not imported"
