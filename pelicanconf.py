"""Settings for the local preview (`make html`, `make serve`).

Every REFLECTIVE_* setting is listed in docs/settings.md with its default.
"""

AUTHOR = "Ruth Ashdown"
SITENAME = "Ruth reflects"
SITESUBTITLE = "Twenty-three Things, one post at a time"
SITEURL = ""
DESCRIPTION = (
    "A subject librarian's reflective-practice blog for 23 Things for Professional Development."
)

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["reflective"]

# Reflective (see docs/settings.md)
REFLECTIVE_PROGRAMME = "cpd23"
REFLECTIVE_TODAY = "2011-10-01"  # the sample site is a 2011 blog; remove for your own
REFLECTIVE_STRICT = False  # preview: report problems and build the rest
REFLECTIVE_SHOW_PRIVATE = True  # preview only: private actions, marked as private
REFLECTIVE_APPEND_TO_CONTENT = False  # our theme places the action list itself
# == cohort == the other participants (docs/cohort.md); `reflective cohort fetch`
# refreshes cohort-cache/, which builds read (the sample's is made by
# scripts/sample_cohort.py from made-up participants served locally).
REFLECTIVE_COHORT = "cohort.yaml"

# URLs: folders with index.html, so links look like /posts/slug/
ARTICLE_URL = "posts/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "posts/{date:%Y}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
CATEGORY_URL = "categories/{slug}/"
CATEGORY_SAVE_AS = "categories/{slug}/index.html"
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = "authors/{slug}/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = "authors/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""

DEFAULT_PAGINATION = 5
SUMMARY_MAX_LENGTH = 45
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives"]
TEMPLATE_PAGES = {"404.html": "404.html", "robots.txt": "robots.txt"}

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {},
        "pymdownx.tasklist": {"custom_checkbox": False},
        "reflective_md": {},  # labels task-list checkboxes with their text (a11y)
    },
    "output_format": "html5",
}

# No feeds in the preview; publishconf.py turns them on.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

STATIC_PATHS: list[str] = []
RELATIVE_URLS = True
CACHE_CONTENT = False
