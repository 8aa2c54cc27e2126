"""The import report: every item of the export, what it became, and what was skipped and why.

Owns the `Item` record (one post or page: its file, Thing and where it was found,
actions lifted and from where, comments, redirect, notes), the `Report` that collects
items, skipped records, comment counts by reason, attachments and notes, and its text
(printed, and written beside the settings file). The text holds no timestamps, so an
unchanged re-run writes the same words apart from the file statuses.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

REPORT_FILE = "reflective-import-report.txt"
_COMMENT_REASONS = {
    "spam": "spam",
    "pending": "pending moderation",
    "trash": "in the trash",
    "orphan": "on an item that was not imported",
    "page": "on a page (comments belong to posts)",
    "sourceless": "pingback(s) or trackback(s) with no address of the linking page",
}


@dataclass(slots=True)
class Item:
    ref: int  # the item's position among the export's posts and pages
    kind: str  # post | page
    title: str
    draft: str = ""  # why it is a draft ("" when published)
    file: str = ""
    thing: list = field(default_factory=list)
    thing_source: str = ""
    thing_note: str = ""
    actions: int = 0
    actions_from: str = ""
    comments: Counter = field(default_factory=Counter)
    redirect: str = ""
    media: int = 0
    notes: list = field(default_factory=list)


@dataclass
class Report:
    export: str
    platform: str
    title: str = ""
    items: list = field(default_factory=list)
    by_ref: dict = field(default_factory=dict)
    skipped: list = field(default_factory=list)  # (ref, title, why)
    skipped_kinds: Counter = field(default_factory=Counter)
    kind_reasons: dict = field(default_factory=dict)
    comments_skipped: Counter = field(default_factory=Counter)
    attachments: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    cleaned: int = 0
    cleaned_lines: list = field(default_factory=list)

    def add(self, item: Item) -> None:
        self.items.append(item)
        self.by_ref[item.ref] = item

    def skip(self, ref: str, title: str, why: str) -> None:
        self.skipped.append((ref, title, why))

    def skip_kind(self, kind: str, why: str) -> None:
        self.skipped_kinds[kind] += 1
        self.kind_reasons[kind] = why

    def attachment(self, url: str, status: str) -> None:
        self.attachments.append((url, status))

    def comment_skipped(self, reason: str) -> None:
        self.comments_skipped[reason] += 1

    def comment_written(self, position: int, kind: str) -> None:
        item = self.by_ref.get(position)
        if item is not None:
            item.comments[kind] += 1

    def note(self, text: str) -> None:
        self.notes.append(text)

    # -- text ---------------------------------------------------------------------------

    def totals(self) -> dict:
        comments = Counter()
        for item in self.items:
            comments.update(item.comments)
        return {
            "posts": sum(1 for i in self.items if i.kind == "post" and not i.draft),
            "pages": sum(1 for i in self.items if i.kind == "page" and not i.draft),
            "drafts": sum(1 for i in self.items if i.draft),
            "comments": comments["comment"],
            "links": sum(v for k, v in comments.items() if k != "comment"),
            "actions": sum(i.actions for i in self.items),
            "redirects": sum(1 for i in self.items if i.redirect),
            "things": sum(1 for i in self.items if i.thing),
        }

    def text(self, statuses: dict, dry_run: bool = False) -> str:
        t = self.totals()
        lines = [
            f"Import of {self.export} ({self.platform}{', ' + repr(self.title) if self.title else ''})"
            + (" — dry run: nothing was written" if dry_run else ""),
            f"{t['posts']} posts, {t['pages']} pages, {t['drafts']} drafts; {t['things']} posts "
            f"with a Thing, {t['actions']} actions lifted; {t['comments']} comments, "
            f"{t['links']} pingbacks/trackbacks; {t['redirects']} old addresses redirected",
        ]
        for title, chosen in (
            ("Posts", [i for i in self.items if i.kind == "post" and not i.draft]),
            ("Pages", [i for i in self.items if i.kind == "page" and not i.draft]),
            ("Drafts (imported with status: draft)", [i for i in self.items if i.draft]),
        ):
            if chosen:
                lines += ["", f"{title}:"]
                lines += [line for item in chosen for line in self._item(item, statuses)]
        ambiguous = [i for i in self.items if i.thing_note and not i.thing]
        if ambiguous:
            lines += ["", "Thing left out (ambiguous; add `thing:` by hand if you want one):"]
            lines += [f"  {i.file}: {i.thing_note}" for i in ambiguous]
        if self.skipped or self.skipped_kinds:
            lines += ["", "Not imported:"]
            lines += [f"  item {ref} {title!r}: {why}" for ref, title, why in self.skipped]
            lines += [
                f"  {n} × {kind}: {self.kind_reasons[kind]}"
                for kind, n in sorted(self.skipped_kinds.items())
            ]
        if self.comments_skipped:
            lines += ["", "Comments not imported:"]
            lines += [
                f"  {n} {_COMMENT_REASONS.get(reason, reason)}"
                for reason, n in sorted(self.comments_skipped.items())
            ]
        if self.attachments:
            lines += ["", "Attachments (media files in the export):"]
            lines += [f"  {url}: {status}" for url, status in self.attachments]
        if self.cleaned:
            where = ", ".join(map(str, self.cleaned_lines))
            lines += [
                "",
                f"Removed {self.cleaned} character(s) that XML does not allow (control "
                f"characters WordPress saved from pasted text), first on line(s) {where}.",
            ]
        if self.notes:
            lines += ["", "Notes:"] + [f"  {note}" for note in self.notes]
        lines += ["", self.summary(statuses, dry_run)]
        return "\n".join(lines) + "\n"

    def _item(self, item: Item, statuses: dict) -> list[str]:
        status = statuses.get(item.file, "")
        head = f"  [{status}] {item.file}" if status else f"  {item.file}"
        lines = [f"{head}  {item.title!r}"]
        facts = []
        if item.draft:
            facts.append(f"draft: {item.draft} in the export")
        if item.thing:
            things = ", ".join(map(str, item.thing))
            facts.append(f"Thing {things} (from the {item.thing_source})")
        if item.actions:
            facts.append(f"{item.actions} actions lifted from {item.actions_from}")
        counts = ", ".join(
            f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(item.comments.items())
        )
        if counts:
            facts.append(counts)
        if item.redirect:
            facts.append(f"redirect from {item.redirect}")
        if item.media:
            facts.append(f"{item.media} media links made local")
        if facts:
            lines.append("      " + "; ".join(facts))
        lines += [f"      note: {note}" for note in item.notes]
        return lines

    def summary(self, statuses: dict, dry_run: bool) -> str:
        counts = Counter(statuses.values())
        order = ("new", "updated", "unchanged", "overwritten", "kept")
        verb = "would be" if dry_run else ""
        parts = [f"{counts[s]} {s}" for s in order if counts[s]]
        text = f"Files{(' ' + verb) if verb else ''}: " + (", ".join(parts) if parts else "none")
        if counts["kept"]:
            text += (
                f". {counts['kept']} file(s) were edited since the last import and were "
                "kept as they are; --force overwrites them:\n"
                + "\n".join(f"  {path}" for path, s in sorted(statuses.items()) if s == "kept")
            )
        return text
