"""The pre-publish gate: checks a built output folder before it replaces the live one.

Owns two offline checks of a finished build, made in one pass by `check` (each file
read and parsed once), returning `GateProblem`s that name the file (and line) at fault:

- `find_leaks`: no text that must stay unpublished (private actions, drafts) appears
  in any file, and no `drafts/` folder is written. Every file is searched in the forms
  a text can take there: HTML text and attribute values, HTML escaped inside a feed,
  JSON strings, folded and escaped iCalendar lines.
- `find_broken_links`: every `href`/`src`/`srcset` in every HTML file, and every
  `<link href>` of an Atom or RSS feed, that points inside SITEURL (or is relative)
  resolves to a file of the output (a folder counts when it has an index.html), and a
  `#fragment` names an element of the target page.

Pure: no Pelican, no network, no writing. What must not be published is the caller's
business (`Secret`s); `reflective.publish.unpublished` reads them from the content.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

from . import urlpath

_HTML_SUFFIXES = (".html", ".htm")
_FEED_SUFFIXES = (".xml", ".atom", ".rss")
_LINK_ATTRIBUTES = {"href", "src", "poster", "action", "data"}
_SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:", "geo:")


@dataclass(frozen=True)
class Secret:
    """A text that must not appear in the output, and why (for the message)."""

    text: str
    what: str  # e.g. "the private action 'ask-manager' in content/posts/x.md"


@dataclass(frozen=True)
class GateProblem:
    file: str  # relative to the output folder, with '/'
    message: str
    line: int | None = None

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


def normalise(text: str) -> str:
    """Whitespace collapsed to single spaces, for matching texts across line breaks."""
    return " ".join(text.split())


# -- reading files ----------------------------------------------------------------------


class _TextAndLinks(HTMLParser):
    """Collects text, attribute values, links (with lines) and ids of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []  # text, as a reader sees it
        self.values: list[str] = []  # attribute values (alt, title, href...), comments
        self.links: list[tuple[str, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            self.values.append(value)
            if name == "id" or (name == "name" and tag in ("a", "map")):
                self.ids.add(value)
            if name in _LINK_ATTRIBUTES and not (tag == "object" and name != "data"):
                if name == "action" and tag != "form":
                    continue
                self.links.append((value, line))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.links.append((url, line))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.parts.append(data)

    def handle_comment(self, data):
        self.values.append(data)  # not shown, but published all the same

    def text(self) -> str:
        return "".join(self.parts)

    def attribute_text(self) -> str:
        return "\n".join(self.values)


def parse_html(text: str) -> _TextAndLinks:
    parser = _TextAndLinks()
    parser.feed(text)
    parser.close()
    return parser


def _json_strings(value, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            out.append(str(key))
            _json_strings(item, out)
    elif isinstance(value, list):
        for item in value:
            _json_strings(item, out)


def _ical_text(text: str) -> str:
    text = re.sub(r"\r?\n[ \t]", "", text)  # unfold (RFC 5545 §3.1)
    return (
        text.replace("\\n", "\n")
        .replace("\\N", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
    )


def readable_forms(name: str, data: bytes, page: _TextAndLinks | None = None) -> list[str]:
    """The texts a reader (or a program) can get from one output file, normalised.

    `page` is the file already parsed as HTML, when the caller has it.
    """
    lower = name.lower()
    if lower.endswith(".pf_fragment"):  # a page's text in Pagefind's search index (issue 15)
        data = gzip.decompress(data).removeprefix(b"pagefind_dcd")
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        return []  # images, fonts and other binary files hold no author text
    # A page already parsed is searched as text, attribute values and comments; its
    # markup itself holds no author text.
    forms = [] if page is not None else [raw]
    if lower.endswith((".json", ".pf_fragment")):
        try:
            strings: list[str] = []
            _json_strings(json.loads(raw), strings)
            forms.append("\n".join(strings))
        except ValueError:
            pass
    if lower.endswith(".ics"):
        forms.append(_ical_text(raw))
    # Markup, and markup escaped inside markup (a feed's HTML content, HTML in JSON).
    for form in [None] if page is not None else list(forms):
        if form is None or "<" in form or "&" in form:
            parsed = page if form is None else parse_html(form)
            text = parsed.text()
            forms += [text, parsed.attribute_text()]
            if "<" in text or "&" in text:
                inner = parse_html(text)
                forms += [inner.text(), inner.attribute_text(), html.unescape(text)]
    return [normalise(form) for form in forms]


def _files(output: str):
    for folder, dirs, names in os.walk(output):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(folder, name)
            yield path, urlpath.relative(path, output)


def _is_html(relative: str) -> bool:
    return relative.lower().endswith(_HTML_SUFFIXES)


# -- the check --------------------------------------------------------------------------


def check(
    output: str,
    siteurl: str | None,
    secrets: list[Secret],
    published: Callable[[str], bool] | None = None,
) -> list[GateProblem]:
    """All problems of the output folder, reading and parsing each file once.

    `siteurl` None skips the link check. `published(text)` is asked about a secret
    found in the output: True when the site publishes that text anyway (an author
    who quotes a private action in a public post), so it is no leak.
    """
    leaks = _Leaks(secrets, published)
    site = _Site(output, siteurl) if siteurl is not None else None
    problems: list[GateProblem] = []
    pending: list[tuple[str, list]] = []  # (page, links): resolved once all ids are known
    for path, relative in _files(output):
        if relative.split("/", 1)[0] == "drafts":
            problems.append(
                GateProblem(
                    relative,
                    "a draft page is in the output (drafts/ is never published); "
                    "set DRAFT_SAVE_AS and DRAFT_PAGE_SAVE_AS to '' in publishconf.py",
                )
            )
        lower = relative.lower()
        wanted_html = _is_html(relative) and site is not None
        if not leaks.needles and not wanted_html and not lower.endswith(_FEED_SUFFIXES):
            continue
        with open(path, "rb") as handle:
            data = handle.read()
        page = None
        if wanted_html:
            page = parse_html(data.decode("utf-8", errors="replace"))
            site.known_ids[relative] = page.ids
            pending.append((relative, page.links))
        elif site is not None and lower.endswith(_FEED_SUFFIXES):
            pending.append((relative, _feed_links(data)))
        if leaks.needles:
            problems += leaks.find(relative, readable_forms(relative, data, page))
    for relative, links in pending:
        seen = set()
        for link, line in links:
            if (link, line) in seen:
                continue
            seen.add((link, line))
            message = _check_link(site, relative, link.strip())
            if message:
                problems.append(GateProblem(relative, message, line))
    return problems


def find_leaks(
    output: str, secrets: list[Secret], published: Callable[[str], bool] | None = None
) -> list[GateProblem]:
    """Every file that holds a secret, and every file written under `drafts/`."""
    return check(output, None, secrets, published)


def find_broken_links(output: str, siteurl: str) -> list[GateProblem]:
    """Every internal link or asset of the output that a visitor would find missing."""
    return [p for p in check(output, siteurl, []) if p.message.startswith("broken link")]


class _Leaks:
    """The secrets, indexed by a word each must contain whole, for a quick first pass."""

    def __init__(self, secrets: list[Secret], published):
        self.published = published
        self._verdicts: dict[str, bool] = {}
        self.needles = []
        self.by_key: dict[tuple | None, list] = {}
        for secret in secrets:
            text = normalise(secret.text)
            if not text:
                continue
            self.needles.append((text, secret))
            self.by_key.setdefault(_key(text.split(" ")), []).append((text, secret))

    def find(self, relative: str, forms: list[str]) -> list[GateProblem]:
        if not forms:
            return []
        keys = set()
        for form in forms:
            words = form.split(" ")
            keys.update(zip(words, words[1:], strict=False))
            keys.update((word,) for word in words)
        found: dict[str, list[str]] = {}  # what -> its texts in this file
        for key, needles in self.by_key.items():
            if key is not None and key not in keys:
                continue
            for text, secret in needles:
                if text in found.get(secret.what, ()) or not any(text in f for f in forms):
                    continue
                if self._published(text):
                    continue
                found.setdefault(secret.what, []).append(text)
        problems = []
        for what, texts in found.items():
            more = f" (and {len(texts) - 1} more of its texts)" if len(texts) > 1 else ""
            problems.append(GateProblem(relative, f"holds {what}: {_short(texts[0])!r}{more}"))
        return problems

    def _published(self, text: str) -> bool:
        if self.published is None:
            return False
        if text not in self._verdicts:
            self._verdicts[text] = bool(self.published(text))
        return self._verdicts[text]


def _key(words: list[str]) -> tuple | None:
    """Words a text's every occurrence holds whole: its inner words (the first and last
    may be glued to the text around them). Two adjacent ones when it has them."""
    inner = words[1:-1]
    if len(inner) >= 2:
        return (inner[0], inner[1])
    return (inner[0],) if inner else None


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- links ------------------------------------------------------------------------------


class _Site:
    """The output folder seen as a web server would serve it."""

    def __init__(self, output: str, siteurl: str):
        self.output = output
        parts = urlsplit(siteurl)
        self.host = parts.netloc.lower()
        self.prefix = parts.path.rstrip("/")  # "" or "/repo" for a project site
        self.base = siteurl.rstrip("/") + "/"
        self.known_ids: dict[str, set[str]] = {}

    def page_url(self, relative: str) -> str:
        return self.base + relative

    def inside(self, url: str) -> str | None:
        """The path inside the site that `url` names, or None when it points elsewhere."""
        parts = urlsplit(url)
        if parts.scheme and parts.scheme not in ("http", "https"):
            return None
        if parts.netloc.lower() != self.host:
            return None
        path = unquote(parts.path) or "/"
        if self.prefix:
            if path != self.prefix and not path.startswith(self.prefix + "/"):
                return None
            path = path[len(self.prefix) :] or "/"
        return path

    def resolve(self, path: str) -> tuple[str | None, str]:
        """(relative file that serves `path`, or None; what was looked for)."""
        normal = posixpath.normpath(path)
        if normal.startswith("/.."):
            return None, f"{path} (outside the site)"
        relative = normal.lstrip("/")
        relative = "" if relative == "." else relative
        target = os.path.join(self.output, *relative.split("/")) if relative else self.output
        if path.endswith("/") or os.path.isdir(target):
            index = posixpath.join(relative, "index.html") if relative else "index.html"
            found = os.path.isfile(os.path.join(target, "index.html"))
            return (index if found else None), index
        return (relative if os.path.isfile(target) else None), relative

    def ids(self, relative: str) -> set[str]:
        if relative not in self.known_ids:
            with open(
                os.path.join(self.output, relative), encoding="utf-8", errors="replace"
            ) as handle:
                self.known_ids[relative] = parse_html(handle.read()).ids
        return self.known_ids[relative]


def _feed_links(data: bytes) -> list[tuple[str, int | None]]:
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return []
    links = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag.rsplit("}", 1)[-1] != "link":
            continue
        url = element.get("href") or (element.text or "").strip()
        if url:
            links.append((url, None))
    return links


def _check_link(site: _Site, page: str, link: str) -> str | None:
    if not link or link.lower().startswith(_SKIP_SCHEMES):
        return None
    absolute = urljoin(site.page_url(page), link)
    path = site.inside(absolute)
    if path is None:
        return None  # another site: not checked offline
    target, looked_for = site.resolve(path)
    if target is None:
        return f"broken link {link!r}: the output has no {looked_for}"
    fragment = unquote(urlsplit(absolute).fragment)
    if fragment and fragment != "top" and _is_html(target):
        if fragment not in site.ids(target):
            return f"broken link {link!r}: {target} has no element with id {fragment!r}"
    return None
