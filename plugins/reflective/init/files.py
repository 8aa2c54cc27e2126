"""The texts of a new site's files (pure): settings, About page, README, deploy files.

Owns what `reflective init` writes besides the starter post (which is `reflective
new`'s, from `core.newpost`). The settings follow the kit's own `pelicanconf.py` and
`publishconf.py` without its sample (no fixed today, no cohort): the installed plugin by
name (`PLUGINS = ["reflective"]`) and the theme from the package
(`reflective.core.theme.path()`), so upgrading Reflective upgrades both. Values the
author typed go into Python as `repr()` and into Markdown escaped.
"""

from __future__ import annotations

import json
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def markdown_text(value: str) -> str:
    """Text that Markdown shows as typed (no emphasis, links or HTML)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value)


def py(value: str) -> str:
    """A Python string literal for `value`, double-quoted as the settings files are."""
    return json.dumps(value, ensure_ascii=False)


def pelicanconf(answers, facts, programme_setting: str) -> str:
    description = f"{answers.author}'s reflective-practice blog for {facts.programme_name}."
    return f'''"""Settings for the preview: `reflective serve` and `reflective build`.

`publishconf.py` builds the published site from these. Every REFLECTIVE_* setting is
described, with its default, in Reflective's docs/settings.md.
"""

from reflective.core.theme import path as reflective_theme

AUTHOR = {py(answers.author.strip())}
SITENAME = {py(answers.name.strip())}
SITESUBTITLE = {py(facts.programme_name)}
SITEURL = ""  # the preview uses relative links; publishconf.py sets the real address
DESCRIPTION = {py(description)}

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
TIMEZONE = {py(facts.timezone)}
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

# Reflective's theme and plugin, both from the installed package: upgrading Reflective
# upgrades them. To change one template, copy it from the theme into templates/ here and
# add: THEME_TEMPLATES_OVERRIDES = ["templates"]
THEME = reflective_theme()
PLUGINS = ["reflective"]

# Reflective (see docs/settings.md)
REFLECTIVE_PROGRAMME = {py(programme_setting)}
REFLECTIVE_STRICT = False  # preview: report problems and build the rest
REFLECTIVE_SHOW_PRIVATE = True  # preview only: private actions, marked as private
REFLECTIVE_APPEND_TO_CONTENT = False  # Reflective's theme places the action list itself

# Addresses: folders with index.html, so links look like /posts/2024/slug/
ARTICLE_URL = "posts/{{date:%Y}}/{{slug}}/"
ARTICLE_SAVE_AS = "posts/{{date:%Y}}/{{slug}}/index.html"
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
TAG_URL = "tags/{{slug}}/"
TAG_SAVE_AS = "tags/{{slug}}/index.html"
CATEGORY_URL = "categories/{{slug}}/"
CATEGORY_SAVE_AS = "categories/{{slug}}/index.html"
AUTHOR_URL = "authors/{{slug}}/"
AUTHOR_SAVE_AS = "authors/{{slug}}/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = "authors/index.html"
DRAFT_URL = "drafts/{{slug}}/"
DRAFT_SAVE_AS = "drafts/{{slug}}/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""

DEFAULT_PAGINATION = 5
SUMMARY_MAX_LENGTH = 45
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives"]
TEMPLATE_PAGES = {{"404.html": "404.html", "robots.txt": "robots.txt"}}

MARKDOWN = {{
    "extension_configs": {{
        "markdown.extensions.codehilite": {{"css_class": "highlight", "guess_lang": False}},
        "markdown.extensions.extra": {{}},
        "markdown.extensions.toc": {{}},
        "pymdownx.tasklist": {{"custom_checkbox": False}},
        "reflective_md": {{}},  # labels task-list checkboxes with their text (a11y)
    }},
    "output_format": "html5",
}}

# No feeds in the preview; publishconf.py turns them on.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Images put in content/images (where the editor at /admin/ uploads them) are published.
STATIC_PATHS = ["images"]
RELATIVE_URLS = True
CACHE_CONTENT = False
'''


def publishconf(siteurl: str) -> str:
    known = f"\n# This site's address: reflective publish --siteurl {siteurl}\n" if siteurl else ""
    return f'''"""Settings for the published site (`reflective publish`): strict, no drafts.

`reflective publish` builds into a fresh folder, checks it, and swaps it in only when
both succeed. The site's address comes from `--siteurl` or SITEURL in the environment.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403
{known}
SITEURL = os.environ.get("SITEURL", "").strip().rstrip("/")
if not SITEURL:
    # A published build without its address has broken feeds and absolute links.
    sys.exit(
        "publishconf.py: SITEURL is not set. Give the address the site will be served "
        "from: reflective publish --siteurl https://me.example.org"
    )
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
TAG_FEED_ATOM = "feeds/tags/{{slug}}.atom.xml"
CATEGORY_FEED_ATOM = None
FEED_DOMAIN = SITEURL

# sitemap.xml of every page written; robots.txt names it. Its dates come from the
# content, never the clock: the same content gives the same bytes.
PLUGINS = [*PLUGINS, "reflective.pelican_layer.sitemap"]  # noqa: F405
SITEMAP = {{"format": "xml", "exclude": [r"^404\\.html$", r"^robots\\.txt$"]}}

DELETE_OUTPUT_DIRECTORY = False  # reflective publish writes into a fresh folder anyway

# Drafts are never written in a published build.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_URL = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
DRAFT_PAGE_URL = ""

REFLECTIVE_STRICT = True  # any problem in the content stops the build
REFLECTIVE_SHOW_PRIVATE = False
'''


def about(answers, facts) -> str:
    author = markdown_text(answers.author.strip())
    programme = markdown_text(facts.programme_name)
    return f"""Title: About
Slug: about
Summary: Who writes this blog, and why.

I'm {author}. This blog is my reflective practice for *{programme}*: one post for
each Thing I work through, each ending with the actions I set myself, and later posts
reporting back on how they went.

<!-- Say who you are, where you work and what you hope to get out of the programme.
     This page is content/pages/about.md; anything in these marks is not shown. -->
"""


GITIGNORE = """\
# Built by reflective build / serve / publish: made again from content/ at any time.
output/
output.tmp.*
output.old.*
cache/
.reflective/
__pycache__/
*.pyc
.venv/
/portfolio.pdf
/portfolio.html
"""


def requirements(requirement: str) -> str:
    head = (
        "# What GitHub Actions or Netlify installs to build this site: Reflective, and with\n"
        "# it Pelican and the rest. Reflective is not on PyPI, so this names where it is from.\n"
    )
    if requirement:
        return f"{head}{requirement}\n"
    return (
        f"{head}"
        "# This copy of Reflective came from a file, a folder or an index that CI cannot be\n"
        "# sure to reach: add a line saying where to install it from, such as\n"
        "#   reflective @ git+https://github.com/OWNER/reflective@v0.1.0\n"
        "#   reflective @ https://example.org/reflective-0.1.0-py3-none-any.whl\n"
    )


PAGES_WORKFLOW = """\
# Publish the site to GitHub Pages on every push to main.
# Repository settings -> Pages -> Build and deployment -> Source: "GitHub Actions".
# The build is the same `reflective publish` as on your computer: strict, checked, with
# SITEURL set to the address GitHub Pages gives the site (or your custom domain).
name: Publish to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
          cache: pip
          cache-dependency-path: requirements.txt
      - name: install Reflective (requirements.txt says from where)
        run: |
          python -m pip install -r requirements.txt
          command -v reflective || { echo "::error file=requirements.txt::requirements.txt does not say where to install Reflective from; see the comment in it"; exit 1; }
      - id: pages
        uses: actions/configure-pages@v5
      # Each problem in the content (one `file:line: field: message` line in the log)
      # becomes an annotation on its file and line.
      - name: annotate problems
        run: echo "::add-matcher::.github/reflective-problems.json"
      - name: reflective publish
        run: reflective publish
        env:
          SITEURL: ${{ steps.pages.outputs.base_url }}
      - uses: actions/upload-pages-artifact@v3
        with:
          path: output

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

PROBLEM_MATCHER = r"""{
  "problemMatcher": [
    {
      "owner": "reflective",
      "severity": "error",
      "pattern": [
        {
          "regexp": "^(\\S[^:]*\\.(?:md|markdown|mdown|yaml|yml|html|rst)):(?:(\\d+):)? (.+)$",
          "file": 1,
          "line": 2,
          "message": 3
        }
      ]
    }
  ]
}
"""


def netlify(siteurl: str) -> str:
    address = f'\n  SITEURL = "{siteurl}"' if siteurl else ""
    where = (
        "# The site's address is SITEURL below;"
        if siteurl
        else "# The site's address is SITEURL if set in the site's environment variables, else\n"
        "# Netlify's URL (the site's main address);"
    )
    return f"""# Netlify builds the site with the same `reflective publish` as on your computer,
# after installing Reflective as requirements.txt says.
{where}
# a deploy preview or branch deploy is published at its own address (DEPLOY_PRIME_URL).
# `reflective publish` reads these itself.
[build]
  command = "reflective publish"
  publish = "output"

[build.environment]
  PYTHON_VERSION = "3.11"{address}
"""


_PUBLISH = {
    "github": """Push this folder to the `main` branch of a GitHub repository, then in the
repository's Settings → Pages → Build and deployment choose Source: **GitHub Actions**.
Every push then publishes the site (`.github/workflows/pages.yml` runs `reflective
publish`; a problem in a post stops it, shown on the post's line). GitHub installs
Reflective as `requirements.txt` says.
""",
    "netlify": """Push this folder to a repository and add it to Netlify: `netlify.toml` tells
Netlify to run `reflective publish` and publish `output/`. Netlify installs Reflective
as `requirements.txt` says.
""",
    "rsync": """To publish and copy the site to your server in one go (needs `rsync` and an
SSH login there):

    reflective deploy rsync USER@SERVER:/var/www/blog --siteurl {address}
""",
    "none": """When you know where the site will live: GitHub Pages (`reflective deploy
github`, or a GitHub Actions workflow), Netlify, or any web server (`reflective deploy
rsync`). Reflective's docs/publishing.md explains each.
""",
}


def readme(answers, facts, siteurl: str) -> str:
    address = siteurl or "https://me.example.org"
    publish = f"    reflective publish --siteurl {address}   # strict: stops on any problem\n"
    where = _PUBLISH[answers.host].replace("{address}", address)
    return f"""# {markdown_text(answers.name.strip())}

{markdown_text(answers.author.strip())}'s reflective-practice blog for
*{markdown_text(facts.programme_name)}*, made with Reflective, a
[Pelican](https://getpelican.com) site kit.

## Write

    reflective serve              # the site at http://127.0.0.1:8000, updated as you save; Ctrl-C stops it
    reflective new --thing 2      # start the post for Thing 2 (prints its path)
    reflective check              # every problem, as file:line: field: message
    reflective actions            # your open actions, overdue first
    reflective done ACTION-ID     # mark an action done, in its own post

Posts are Markdown files in `content/posts/`; the About page is
`content/pages/about.md`. `pelicanconf.py` holds the settings (name, author, programme),
`publishconf.py` what changes for the published site.

## Publish

{publish}
That builds the site into `output/` (`SITEURL` in the environment may give the
address instead). {where}
Every command takes `--help`.
"""
