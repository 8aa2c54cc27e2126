"""The editor driven for real: the sample site served by `reflective serve`, chromium offline.

Owns a project folder holding a copy of the sample site's content (with the kit's
settings and theme), the server on it (`preview.served.Served`), an offline browser
context (every request to a host other than 127.0.0.1 aborted and recorded, service
workers blocked), and the steps an author takes: open /admin/, choose "Work with Local
Repository", open a post, save it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from preview.served import REPO, SETTINGS, Served

SAMPLE_POSTS = sorted(p.stem for p in (REPO / "content" / "posts").glob("*.md"))


def sample_project(root: Path, extra: str = "") -> Path:
    """A project folder with the sample site's content, settings and theme."""
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "pelicanconf.py").write_text(
        SETTINGS.format(
            conf=str(REPO / "pelicanconf.py"),
            theme=str(root / "theme"),
            plugins=str(REPO / "plugins"),
            plugins_on=["reflective"],
            today="2011-10-01",
            extra=extra,
        ).replace("DEFAULT_PAGINATION = 4\n", ""),
        encoding="utf-8",
    )
    return root


class Offline:
    """A browser context where only 127.0.0.1 answers; what else was asked is kept."""

    def __init__(self, browser, **options):
        self.asked: list[str] = []
        self.context = browser.new_context(
            service_workers="block", viewport={"width": 1280, "height": 900}, **options
        )
        self.context.route("**/*", self._route)
        self.errors: list[str] = []

    def _route(self, route):
        url = route.request.url
        if url.startswith("http://127.0.0.1:") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.asked.append(url)
            route.abort()

    def page(self):
        page = self.context.new_page()
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        return page

    def close(self):
        self.context.close()


def open_editor(page, served: Served) -> None:
    """/admin/, then "Work with Local Repository": the posts are listed."""
    page.goto(served.base + "admin/")
    page.get_by_role("button", name="Work with Local Repository").click()
    page.wait_for_url("**/admin/#/collections/posts")


def open_entry(page, served: Served, collection: str, slug: str) -> None:
    page.goto(f"{served.base}admin/#/collections/{collection}/entries/{slug}")
    page.get_by_role("button", name="Save").wait_for()


def save(page, collection: str = "posts") -> bool:
    """Save the open entry; the editor says so and goes back to the collection.

    False when the editor offers no Save: it found nothing to change in the file."""
    button = page.get_by_role("button", name="Save")
    for _ in range(30):  # the editor enables Save once it has compared the fields
        if button.is_enabled():
            break
        page.wait_for_timeout(100)
    else:
        return False
    button.click()
    page.wait_for_url(f"**/admin/#/collections/{collection}", timeout=15000)
    page.get_by_text("Entry saved.").first.wait_for(timeout=15000)
    return True


def save_unchanged(page, served: Served, collection: str, slug: str) -> None:
    """Open and save an entry with no change to its fields.

    Where the editor finds nothing to write it offers no Save; the file is then written
    twice, with a title changed and with the title changed back, so every entry goes
    through the editor's way of writing a file."""
    open_entry(page, served, collection, slug)
    if save(page, collection):
        return
    title = page.get_by_role("textbox", name="Title")
    original = title.input_value()
    title.fill(original + " (edited)")
    assert save(page, collection)
    open_entry(page, served, collection, slug)
    page.get_by_role("textbox", name="Title").fill(original)
    assert save(page, collection)


def field(scope, label: str):
    """The editor's group for the field labelled `label` (inside `scope`)."""
    if isinstance(scope, Item):
        return scope.field(label)
    name = re.compile("^“\u2068?" + re.escape(label) + "\u2069?” Field$")
    return scope.get_by_role("group", name=name)


class Item:
    """The newest item of a list field (appended last): its fields are the last of each."""

    def __init__(self, group):
        self.group = group

    def field(self, label: str):
        return field(self.group, label).last


def choose(scope, label: str, option: str) -> None:
    """Pick `option` (its label starts so) in a drop-down field."""
    field(scope, label).get_by_role("combobox").first.click()
    page = getattr(scope, "page", scope)
    page.get_by_role("option", name=re.compile("^" + re.escape(option))).first.click()


def add_item(page, label: str, first_field: str) -> Item:
    """Add an item to a list field (whose items start with `first_field`); the new item."""
    group = field(page, label)
    before = field(group, first_field).count()
    group.get_by_role("button", name=re.compile("^Add")).last.click()
    field(group, first_field).nth(before).wait_for()
    return Item(group)


def upload_image(page, path: str) -> None:
    """Upload an image through the editor's asset library."""
    page.get_by_role("radio", name="Assets").click()
    page.locator("input[type=file]").first.set_input_files(path)
    page.get_by_role("alertdialog").get_by_role("button", name="Upload").click()
    page.get_by_role("alertdialog").wait_for(state="detached")
    page.get_by_text(Path(path).name).first.wait_for()
    page.get_by_role("radio", name="Contents").click()
