"""HTML to the Markdown of a Reflective post, and the closing task list lifted out of it.

Owns: the converter (markdownify, a small MIT library on BeautifulSoup, chosen over
pandoc, which needs a 100 MB binary, and html2text, which is GPL and less
configurable), set up for these posts: ATX headings, `-` bullets, fenced code with its
language kept, figures kept as HTML, iframes and scripts turned into a link or dropped;
`lift_actions`, which finds a closing list of the author's own tasks (under a heading
or bold line such as "Action points", even with a short sign-off after it, or after a
sentence that announces tasks) and takes it out of the body; media addresses rewritten
to a local folder; e-mail addresses removed from comment text.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import MarkdownConverter

_HEADING = re.compile(
    r"^\s*(?:my\s+|some\s+)?(?:action\s*(?:points?|items?|plan|list)|actions?|next\s+steps?|"
    r"to[\s-]?do(?:\s+list)?|tasks?|goals?|plans?|what\s+(?:i'?ll|i\s+will)\s+do(?:\s+next)?|"
    r"things\s+to\s+do|(?:my\s+)?resolutions?|going\s+forward)\s*[:.!]?\s*$",
    re.I,
)
_ANNOUNCE = re.compile(
    r"\b(?:tasks?|action\s*(?:points?|items?|plan)|actions|to[\s-]?do|next\s+steps?|goals?|"
    r"set\s+myself|i\s+(?:will|shall|must|intend\s+to|plan\s+to|am\s+going\s+to|'ll)|"
    r"my\s+plans?|resolutions?)\b",
    re.I,
)
# As broad as the comment checks' own pattern: anything it would flag is removed here.
_EMAIL = re.compile(r"(?:mailto:)?[\w.+\\-]*[\w+-]@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_FENCE = re.compile(r"(^[ \t]*```[^\n]*\n.*?^[ \t]*```[ \t]*$)", re.M | re.S)
# A closing paragraph after a task list of at most this many words is a sign-off ("See
# you at Thing 2!", "Wish me luck with the first one."), not more of the post.
CLOSING_WORDS = 25
_NOT_TEXT = ["ul", "ol", "img", "table", "figure", "iframe", "video", "audio", "blockquote"]
_LANG = re.compile(r"(?:language|lang|brush)[-:\s]*([\w+#.-]+)", re.I)


def _language(element) -> str:
    for node in (element, element.find("code")):
        if isinstance(node, Tag):
            for cls in node.get("class") or []:
                match = _LANG.match(cls)
                if match:
                    return match.group(1)
            match = _LANG.search(node.get("data-lang", "") or "")
            if match:
                return match.group(1)
    return ""


class _Converter(MarkdownConverter):
    def convert_figure(self, el, text, parent_tags):
        return "\n\n" + str(el).replace("\n", " ") + "\n\n"

    def convert_iframe(self, el, text, parent_tags):
        src = el.get("src", "")
        if src.startswith("//"):
            src = "https:" + src
        if not src.startswith(("http://", "https://")):
            return ""
        return f"\n\n[Embedded content: {src}]({src})\n\n"

    convert_object = convert_embed = convert_iframe

    def convert_script(self, el, text, parent_tags):
        return ""

    convert_noscript = convert_form = convert_button = convert_input = convert_script


def to_markdown(html_or_soup) -> str:
    """Markdown for a body of HTML; non-breaking spaces become spaces."""
    html = str(html_or_soup)
    markdown = _Converter(
        heading_style="ATX",
        bullets="-",
        code_language_callback=_language,
        escape_misc=False,
        newline_style="backslash",
    ).convert(html)
    parts = _FENCE.split(markdown)  # code (odd parts) is left exactly as it was
    for index in range(0, len(parts), 2):
        text = parts[index].replace("\xa0", " ")
        text = re.sub(r"[ \t]+\n", "\n", text)
        parts[index] = re.sub(r"\n{3,}", "\n\n", text)
    markdown = "".join(parts)
    return markdown.strip("\n ") + "\n" if markdown.strip() else ""


def inline_markdown(element) -> str:
    """One list item as one line of inline Markdown (nested lists joined with '; ')."""
    copy = BeautifulSoup(str(element), "html.parser")
    for nested in copy.find_all(["ul", "ol"]):
        parts = [
            " ".join(li.get_text(" ").split()) for li in nested.find_all("li", recursive=False)
        ]
        nested.replace_with(NavigableString(" (" + "; ".join(p for p in parts if p) + ")"))
    text = to_markdown("".join(str(c) for c in copy.li.contents) if copy.li else str(copy))
    return " ".join(text.split())


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _meaningful(node) -> bool:
    if isinstance(node, NavigableString):
        return bool(str(node).replace("\xa0", " ").strip())
    if isinstance(node, Tag) and node.name == "p":
        return bool(node.get_text().replace("\xa0", " ").strip()) or bool(node.find("img"))
    return isinstance(node, Tag) and node.name not in ("br",)


def _bold_line(node) -> bool:
    """A paragraph whose whole text is bold, e.g. <p><strong>Next steps</strong></p>."""
    if not isinstance(node, Tag) or node.name != "p":
        return False
    bold = "".join(b.get_text() for b in node.find_all(["strong", "b"]))
    return bool(bold.strip()) and bold.strip() == node.get_text().strip()


def _short_closing(node) -> bool:
    """A sign-off after the task list ("See you at Thing 2!"): one paragraph of at most
    CLOSING_WORDS words, with nothing in it but text (no list, image, table...)."""
    if isinstance(node, NavigableString):
        text = str(node)
    elif isinstance(node, Tag) and node.name == "p" and not _bold_line(node):
        if node.find(_NOT_TEXT):
            return False
        text = node.get_text(" ")
    else:
        return False
    return 0 < len(text.replace("\xa0", " ").split()) <= CLOSING_WORDS


def lift_actions(doc: BeautifulSoup) -> tuple[list[str], str]:
    """Take the closing task list out of `doc`: (each item as inline Markdown, why).

    The list must be the last thing in the post and be introduced by a heading or
    bold line that names tasks, or by a sentence ending in ':' that announces them.
    Under such a heading (not after a sentence) one short closing paragraph may follow
    the list: it stays in the body, and so does the heading it now sits under.
    Any other list stays where it is: ([], "").
    """
    blocks = [node for node in doc.contents if _meaningful(node)]
    closing = None
    if len(blocks) >= 3 and _is_list(blocks[-2]) and _short_closing(blocks[-1]):
        closing, blocks = blocks[-1], blocks[:-1]
    if len(blocks) < 2:
        return [], ""
    last, before = blocks[-1], blocks[-2]
    if not _is_list(last):
        return [], ""
    lead = (
        " ".join(before.get_text(" ").split()) if isinstance(before, Tag) else str(before).strip()
    )
    is_heading = isinstance(before, Tag) and re.fullmatch(r"h[1-6]", before.name or "")
    if (is_heading or _bold_line(before)) and _HEADING.match(lead.rstrip(":")):
        why = f"the list under {lead!r}"
        heading = before
    elif closing is None and lead.endswith(":") and _ANNOUNCE.search(lead.split(". ")[-1]):
        why = "the list after " + repr(lead if len(lead) <= 80 else "…" + lead[-78:])
        heading = None
    else:
        return [], ""
    items = [inline_markdown(li) for li in last.find_all("li", recursive=False)]
    items = [item for item in items if item]
    if not items:
        return [], ""
    last.decompose()
    if closing is not None:
        text = " ".join(closing.get_text(" ").split()) if isinstance(closing, Tag) else closing
        why += f" (the closing line {' '.join(str(text).split())!r} stays in the body)"
    elif heading is not None:  # nothing is left under it
        heading.decompose()
    return items, why


def _is_list(node) -> bool:
    return isinstance(node, Tag) and node.name in ("ul", "ol")


def rewrite_media(doc: BeautifulSoup, local) -> int:
    """Point img/a addresses at local copies: `local(url)` gives the new address or None."""
    changed = 0
    for tag, attr in (("img", "src"), ("a", "href")):
        for node in doc.find_all(tag):
            new = local(node.get(attr, ""))
            if new:
                node[attr] = new
                changed += 1
    return changed


def redact_emails(text: str) -> tuple[str, int]:
    return _EMAIL.subn("[e-mail address removed]", text)


def plain_text(doc) -> str:
    return " ".join(doc.get_text(" ").split())
