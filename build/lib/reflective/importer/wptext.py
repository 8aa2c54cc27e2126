"""WordPress's stored text made into plain HTML, as WordPress itself would show it.

Owns: `autop` (a port of WordPress's `wpautop`: paragraphs stored as blank lines, line
breaks as newlines), the shortcodes a CPD blog uses (`[caption]`, `[gallery]`,
`[embed]`, WordPress.com's `[youtube]`, `[vimeo]`, `[code]`/`[sourcecode]`), bare video
URLs on a line of their own (WordPress's auto-embeds), block-editor comments, and code
kept byte for byte (`<pre>` and code shortcodes are set aside before any of it and put
back after). Unknown shortcodes are left as text and named, so the report can list them.
Pure text in, text out.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup

_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|"
    r"form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|"
    r"article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_PRE = re.compile(r"<pre[\s>].*?</pre>", re.S | re.I)
_CODE_SC = re.compile(
    r"\[(sourcecode|code|source)([^\]]*)\](.*?)\[/\1\]", re.S | re.I
)  # WordPress.com's SyntaxHighlighter
_ATTR = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|(\S+))')
_CAPTION = re.compile(r"\[(caption|wp_caption)([^\]]*)\](.*?)\[/\1\]", re.S | re.I)
_GALLERY = re.compile(r"\[gallery([^\]]*)\]", re.I)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
_WPCOM_VIDEO = re.compile(r"\[(youtube|vimeo)[= ]([^\]\s]+)[^\]]*\]", re.I)
_VIDEO_HOSTS = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
    "dailymotion.com": "Dailymotion",
    "ted.com": "TED",
    "slideshare.net": "SlideShare",
    "flickr.com": "Flickr",
    "soundcloud.com": "SoundCloud",
}
_BARE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
_SHORTCODE = re.compile(r"\[/?([a-z][a-z0-9_-]*)(?:\s[^\]]*)?\]", re.I)
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*-->")
_MORE = re.compile(r"<!--\s*(?:more|nextpage|noteaser)[^>]*-->", re.I)


@dataclass
class Attachment:
    url: str
    title: str = ""
    alt: str = ""
    parent: str = ""


@dataclass
class Notes:
    """What the conversion met that the report should say."""

    unknown_shortcodes: set[str] = field(default_factory=set)
    embeds: int = 0
    galleries: int = 0
    captions: int = 0


def attributes(text: str) -> dict:
    return {
        m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
        for m in _ATTR.finditer(text)
    }


def _video_label(url: str) -> str | None:
    host = re.sub(r"^https?://(?:www\.|m\.)?", "", url).split("/")[0].lower()
    for domain, label in _VIDEO_HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return label
    return None


def _embed_html(url: str) -> str:
    label = _video_label(url) or "Embedded media"
    safe = html.escape(url, quote=True)
    return f'<p class="embed"><a href="{safe}">{label}: {html.escape(url)}</a></p>'


class _Stash:
    """Text set aside (code) behind placeholders that no other step can touch."""

    def __init__(self):
        self.items: list[str] = []

    def put(self, text: str) -> str:
        self.items.append(text)
        return f'<pre data-stash="{len(self.items) - 1}"></pre>'  # a block, as autop sees it

    def restore(self, text: str) -> str:
        return re.sub(
            r'<pre data-stash="(\d+)"></pre>', lambda m: self.items[int(m.group(1))], text
        )


def _code_block(match: re.Match) -> str:
    attrs = attributes(match.group(2))
    language = attrs.get("language") or attrs.get("lang") or ""
    code = match.group(3).strip("\n")
    # The code shortcode holds the code as typed; entities are how the editor saved < and &
    code = html.unescape(code)
    cls = (
        f' class="language-{html.escape(language)}"' if re.fullmatch(r"[\w+#.-]+", language) else ""
    )
    return f"<pre><code{cls}>{html.escape(code, quote=False)}</code></pre>"


def _caption(match: re.Match, notes: Notes) -> str:
    notes.captions += 1
    attrs = attributes(match.group(2))
    inner = match.group(3).strip()
    image = re.match(r"((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", inner, re.S | re.I)
    media, caption = (image.group(1), image.group(2).strip()) if image else (inner, "")
    caption = " ".join((caption or attrs.get("caption", "")).split())
    caption = re.sub(r"^</a>\s*|\s*</a>$", "", caption)
    figure = BeautifulSoup(f"<figure>{media}</figure>", "html.parser")  # closes a stray <a>
    img = figure.find("img")
    if img is not None and not img.has_attr("alt"):
        img["alt"] = BeautifulSoup(caption, "html.parser").get_text(" ").strip()
    if caption:
        figure.figure.append(BeautifulSoup(f"<figcaption>{caption}</figcaption>", "html.parser"))
    return str(figure)


def _gallery(match: re.Match, post_ref: str, attachments: dict, notes: Notes) -> str:
    notes.galleries += 1
    attrs = attributes(match.group(1))
    ids = [i.strip() for i in attrs.get("ids", attrs.get("include", "")).split(",") if i.strip()]
    if not ids:
        ids = [ref for ref, a in attachments.items() if a.parent == post_ref]
    items = []
    for ref in ids:
        found = attachments.get(ref)
        if found is None:
            continue
        alt = html.escape(found.alt or found.title, quote=True)
        items.append(f'<li><img src="{html.escape(found.url, quote=True)}" alt="{alt}"></li>')
    if not items:
        return "<p>(A gallery whose images are not in the export.)</p>"
    return '<ul class="gallery">' + "".join(items) + "</ul>"


def expand(
    text: str,
    *,
    post_ref: str = "",
    attachments: dict | None = None,
    notes: Notes | None = None,
    autop_text: bool = True,
) -> str:
    """WordPress's stored post text as HTML (what its `the_content` would show)."""
    notes = notes if notes is not None else Notes()
    attachments = attachments or {}
    stash = _Stash()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = "<!-- wp:" in text
    text = _BLOCK_COMMENT.sub("", text)
    text = _MORE.sub("", text)
    text = _PRE.sub(lambda m: stash.put(m.group(0)), text)
    text = _CODE_SC.sub(lambda m: stash.put(_code_block(m)), text)

    def embed(url: str) -> str:
        notes.embeds += 1
        return stash.put(_embed_html(html.unescape(url.strip())))

    text = _EMBED.sub(lambda m: embed(m.group(1)), text)
    text = _WPCOM_VIDEO.sub(
        lambda m: embed(
            m.group(2)
            if m.group(2).startswith("http")
            else f"https://{'www.youtube.com/watch?v=' if m.group(1).lower() == 'youtube' else 'vimeo.com/'}{m.group(2)}"
        ),
        text,
    )
    text = _BARE_URL.sub(
        lambda m: embed(m.group(1)) if _video_label(m.group(1)) else m.group(0), text
    )
    text = _CAPTION.sub(lambda m: stash.put(_caption(m, notes)), text)
    text = _GALLERY.sub(lambda m: stash.put(_gallery(m, post_ref, attachments, notes)), text)
    for match in _SHORTCODE.finditer(text):
        name = match.group(1).lower()
        if name not in ("caption", "gallery", "embed"):
            notes.unknown_shortcodes.add(name)
    if autop_text and not blocks:
        text = autop(text)
    return stash.restore(text)


def autop(text: str, br: bool = True) -> str:
    """WordPress's wpautop: blank-line paragraphs and newline breaks made into HTML."""
    if not text.strip():
        return ""
    stash = _Stash()
    text = _PRE.sub(lambda m: stash.put(m.group(0)), text) + "\n"
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text)
    text = re.sub(r"(<" + _BLOCKS + r"[\s/>])", r"\n\n\1", text)
    text = re.sub(r"(</" + _BLOCKS + r">)", r"\1\n\n", text)
    text = re.sub(r"(<hr\s*?/?>)", r"\1\n\n", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    parts = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    text = "".join("<p>" + p.strip("\n") + "</p>\n" for p in parts)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*(</?" + _BLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*(</?" + _BLOCKS + r"[^>]*>)", r"\1", text)
    text = re.sub(r"(</?" + _BLOCKS + r"[^>]*>)\s*</p>", r"\1", text)
    if br:
        # newlines inside tags are not line breaks: protect them first
        text = re.sub(r"<[^>]*>", lambda m: m.group(0).replace("\n", "\x01"), text)
        text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
        text = text.replace("\x01", "\n")
    text = re.sub(r"(</?" + _BLOCKS + r"[^>]*>)\s*<br />", r"\1", text)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    return stash.restore(text)
