"""Python-Markdown extension: give each task-list checkbox its item's text as label.

Owns one fix-up of pymdownx.tasklist's output. That extension renders `- [x] text` as
`<li class="task-list-item"><input type="checkbox" disabled checked/> text</li>`: a form
control with no accessible name, so a screen reader announces "checkbox, checked" and
nothing else (axe rule `label`). This treeprocessor puts the checkbox and the item's
own line in a `<label>`, so the checkbox is announced with its text; it stays visible
to assistive technology. Nested lists and further paragraphs stay outside the label.

Use it with pymdownx.tasklist (`custom_checkbox: False`, the default):
MARKDOWN["extension_configs"]["reflective_md"] = {}.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE


class TaskListLabels(Treeprocessor):
    """Wraps each task-list checkbox and the text of its line in a <label>."""

    def run(self, root):
        for item in root.iter("li"):
            if "task-list-item" not in (item.get("class") or "").split():
                continue
            holder = item
            if not item.text and len(item) and item[0].tag == "p":
                holder = item[0]  # a loose list: the checkbox opens the first paragraph
            self._wrap(holder)

    def _wrap(self, holder):
        match = HTML_PLACEHOLDER_RE.match(holder.text or "")
        if not match:
            return
        stashed = self.md.htmlStash.rawHtmlBlocks[int(match.group(1))]
        if not re.match(r"<input\b[^>]*type=\"checkbox\"", str(stashed)):
            return  # custom_checkbox already wraps it in a label of its own
        label = etree.Element("label")
        label.text, holder.text = holder.text, None
        holder.insert(0, label)


class TaskListLabelsExtension(Extension):
    def extendMarkdown(self, md):
        # After pymdownx.tasklist (25) and before the inline patterns (20), which then
        # render the label's text like any other.
        md.treeprocessors.register(TaskListLabels(md), "reflective_tasklist_labels", 24)


def makeExtension(**kwargs):
    return TaskListLabelsExtension(**kwargs)
