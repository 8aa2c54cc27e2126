"""Settings for a published build (`reflective publish`, `make publish`): strict, no
drafts, no private actions.

`reflective publish` builds into a fresh folder, runs the pre-publish gate on it, and
swaps it in only when both succeed. SITEURL comes from the environment (the command
sets it from --siteurl) and is required.
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "").strip().rstrip("/")
if not SITEURL:
    # A published build without its address has broken feeds and absolute links.
    sys.exit(
        "publishconf.py: SITEURL is not set. Give the address the site will be "
        "served from in the environment, e.g. SITEURL=https://me.example.org make "
        "publish, or reflective publish --siteurl https://me.example.org (see "
        "docs/publishing.md)."
    )
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
TAG_FEED_ATOM = "feeds/tags/{slug}.atom.xml"
CATEGORY_FEED_ATOM = None

# sitemap.xml (pelican-sitemap): every page written, by its URL; robots.txt names it.
# reflective.pelican_layer.sitemap wraps it so that lastmod comes from the content (the
# newest post a page shows) or SOURCE_DATE_EPOCH, never the clock: same content, same bytes.
PLUGINS = [*PLUGINS, "reflective.pelican_layer.sitemap"]  # noqa: F405
SITEMAP = {"format": "xml", "exclude": [r"^404\.html$", r"^robots\.txt$"]}
FEED_DOMAIN = SITEURL

DELETE_OUTPUT_DIRECTORY = False  # make publish writes into a fresh folder anyway

# Drafts are never written in a published build (Pelican writes drafts/ by default).
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
DRAFT_PAGE_URL = ""

REFLECTIVE_STRICT = True
REFLECTIVE_SHOW_PRIVATE = False
REFLECTIVE_TODAY = os.environ.get("REFLECTIVE_TODAY", REFLECTIVE_TODAY)  # noqa: F405
