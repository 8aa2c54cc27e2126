"""A small Reflective site for the CLI tests (Pelican's default theme)."""

SITENAME = "CLI fixture"
PATH = "content"
ARTICLE_PATHS = ["posts"]
TIMEZONE = "UTC"
PLUGINS = ["reflective"]
REFLECTIVE_PROGRAMME = "cpd23"
REFLECTIVE_TODAY = "2011-10-01"
REFLECTIVE_STRICT = True
REFLECTIVE_SHOW_PRIVATE = False
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
