"""The plugin's pages in the menu of a theme that does not know the plugin.

Owns `install` and `offer`. Pelican's own themes (`simple`, `notmyidea`) and most others
know nothing of the progress, cohort, CPD, questions and search pages, and their
navigation shows only what the setting `MENUITEMS` lists (title, link pairs), the
pages and the categories. When the theme does not know the plugin
(`REFLECTIVE_MENUITEMS`, which follows `REFLECTIVE_APPEND_TO_CONTENT` unless set),
`install` (from `wiring.build_site`, at every build) puts in the build's context a
`MenuItems`: the author's own `MENUITEMS` first, then each page a capability `offer`s
once it knows the page is written in this build, in the order the capabilities give
(the kit's theme's order: Progress, Cohort, CPD, Questions, Search), leaving out one
whose page or title the author's items already name. The settings are never changed;
with the kit's theme nothing is installed and `offer` does nothing.

The offers are read when a page is rendered, after every capability made its own (at
`all_generators_finalized`, before anything is written), so the order in which signal
handlers run does not matter. A link is the page's address under the `SITEURL` of the
page being written (Pelican's writer puts it in the shared context as `localsiteurl`
before each render), so it is right with `RELATIVE_URLS` too; as a string it is the
address under the site's `SITEURL`, for a theme that compares or transforms links.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from markupsafe import escape

OFFERS_KEY = "reflective_menu_offers"  # per build, in the generator context

# The orders the capabilities give, the kit's theme's navigation order.
PROGRESS, COHORT, CPD, QUESTIONS, SEARCH = 10, 20, 30, 40, 50


def wanted(config: dict) -> bool:
    """Whether the plugin's pages go into MENUITEMS: REFLECTIVE_MENUITEMS, or else
    whether the theme is one that does not know the plugin (REFLECTIVE_APPEND_TO_CONTENT)."""
    setting = config.get("REFLECTIVE_MENUITEMS")
    if setting is None:
        return bool(config.get("REFLECTIVE_APPEND_TO_CONTENT"))
    return bool(setting)


def install(context: dict, settings: dict, config: dict) -> None:
    """Put this build's `MenuItems` in `context` (when wanted); forget earlier offers."""
    context.pop(OFFERS_KEY, None)
    if not wanted(config):
        if isinstance(context.get("MENUITEMS"), MenuItems):  # an earlier build's, same context
            context["MENUITEMS"] = settings.get("MENUITEMS")
        return
    offers: dict[str, tuple[int, str]] = {}
    context[OFFERS_KEY] = offers
    context["MENUITEMS"] = MenuItems(context, settings, offers)


def offer(context: dict, order: int, title: str, url: str) -> None:
    """A capability's page, written in this build, at `url` (relative to the site's
    root, as the REFLECTIVE_*_URL settings are). Nothing happens when no menu is wanted."""
    offers = context.get(OFFERS_KEY)
    if offers is not None and url is not None:
        offers[url] = (order, title)


class MenuLink(str):
    """A page's address: under the SITEURL of the page being rendered when written out
    in a template, under the site's SITEURL as a plain string."""

    __slots__ = ("_context", "_url")

    def __new__(cls, context: dict, site_url: str, url: str):
        link = super().__new__(cls, _join(site_url, url))
        link._context = context
        link._url = url
        return link

    def __str__(self) -> str:
        return _join(self._context.get("localsiteurl") or "", self._url)

    def __html__(self) -> str:
        return str(escape(str(self)))


class MenuItems(Sequence):
    """What templates see as `MENUITEMS`: the author's items, then the offered pages."""

    def __init__(self, context: dict, settings: dict, offers: dict):
        self._context = context
        self._site_url = settings.get("SITEURL") or ""
        self._own = list(settings.get("MENUITEMS") or ())
        self._offers = offers

    def _items(self) -> list:
        items = list(self._own)
        titles = {str(item[0]).strip().casefold() for item in self._own}
        pages = {_page(str(item[1]), self._site_url) for item in self._own if len(item) > 1}
        for url, (_order, title) in sorted(self._offers.items(), key=lambda kv: kv[1]):
            if title.casefold() in titles or _page(url, "") in pages:
                continue
            items.append((title, MenuLink(self._context, self._site_url, url)))
        return items

    def __getitem__(self, index):
        return self._items()[index]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self):
        return iter(self._items())

    def __repr__(self) -> str:
        return f"MenuItems({self._items()!r})"


def _join(base: str, url: str) -> str:
    return f"{base.rstrip('/')}/{url.lstrip('/')}"


def _page(link: str, site_url: str) -> str | None:
    """The page a link names, relative to the site's root ("progress"), or None for a
    page of another site: "/progress/", "progress/index.html" and "{SITEURL}/progress/"
    all name "progress"."""
    parts, site = urlsplit(link), urlsplit(site_url)
    if parts.netloc and parts.netloc != site.netloc:
        return None
    path, prefix = parts.path, site.path.rstrip("/")
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix) :]
    while path.startswith(("./", "/")):
        path = path[2:] if path.startswith("./") else path[1:]
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path.rstrip("/")
