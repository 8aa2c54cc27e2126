"""The Pelican layer of comments: keep comment files out of Pelican's readers, attach
each post's conversation, and write the questions page and the comments feed.

Owns: adding the comments folder to ARTICLE_EXCLUDES and PAGE_EXCLUDES (`initialized`);
`attach` (`all_generators_finalized`), which takes the conversation the check left on
the site model, sets `article.conversation` on every post, puts `reflective_comments`
in the context and, for themes that do not know the plugin
(REFLECTIVE_APPEND_TO_CONTENT), appends the conversation to each post's content and
offers the questions page to their menu (`pelican_layer.menu`); and
`CommentsGenerator`, which writes `questions/` and the Atom feed of comments. Nothing
is kept in module globals.
"""

from __future__ import annotations

import os

from pelican import signals
from pelican.generators import ArticlesGenerator

from ..pelican_layer import menu
from ..pelican_layer.generators import SiteGenerator
from . import checks, conversation, feed
from . import config as config_mod

CONTEXT_KEY = "reflective_comments"


class SiteComments:
    """What templates see as `reflective_comments`."""

    def __init__(self, result: conversation.Result, config: dict):
        self.result = result
        self.config = config
        self.questions = result.questions
        self.comments = result.comments
        self.email = config["REFLECTIVE_COMMENTS_EMAIL"]
        self.isso = config["REFLECTIVE_COMMENTS_ISSO"]
        self.questions_url = config["REFLECTIVE_QUESTIONS_URL"]
        self.feed_url = config["REFLECTIVE_COMMENTS_FEED_ATOM"] if self.comments else ""
        self.has_questions_page = bool(config["REFLECTIVE_QUESTIONS_SAVE_AS"] and self.questions)

    @property
    def open_count(self) -> int:
        return sum(1 for q in self.questions if q.is_open)

    def reply_href(self, post, comment=None) -> str:
        from .mail import reply_href

        return reply_href(self.email, post, comment) if self.email else ""


def attach(generators) -> None:
    """`all_generators_finalized`: each post gets `article.conversation`, templates get
    `reflective_comments`. The comments were read and checked with every other check
    (`checks.check`, in the plugin's `article_generator_finalized`); a strict build with
    problems stopped there."""
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    reflective = articles.context.get("reflective") if articles is not None else None
    if reflective is None:
        return
    result, config = checks.checked(reflective.site, articles.settings)
    for item in result.by_slug.values():
        item.post.handle.conversation = item
    site = articles.context[CONTEXT_KEY] = SiteComments(result, config)
    if site.has_questions_page:
        menu.offer(articles.context, menu.QUESTIONS, "Questions", site.questions_url)
    if reflective.config.get("REFLECTIVE_APPEND_TO_CONTENT"):
        _append(articles, result, site)


def _append(articles, result, site) -> None:
    """For themes that know nothing of the plugin: the conversation after the post's
    content (as the action list is), so it is on the page and in the post's feed entry."""
    template = articles.get_template("reflective/comments")
    for item in result.by_slug.values():
        if item.is_empty and not (site.email or site.isso):
            continue
        article = item.post.handle
        html = template.render(articles.context, article=article)
        article._content = (article._content or "") + html


class CommentsGenerator(SiteGenerator):
    """Writes `questions/index.html` and the Atom feed of the site's comments."""

    def generate_output(self, writer):
        """`attach` read everything when the articles were finalized."""
        site = self.context.get(CONTEXT_KEY)
        if site is None:
            return
        self.site_context()  # the site's compiled theme, when the model was built
        config = site.config
        save_as = config["REFLECTIVE_QUESTIONS_SAVE_AS"]
        if save_as and site.questions:
            writer.write_file(
                save_as,
                self.get_template("reflective/questions"),
                self.context,
                relative_urls=self.settings.get("RELATIVE_URLS", False),
                url=config["REFLECTIVE_QUESTIONS_URL"],
                page_name="questions",
            )
        feed_path = config["REFLECTIVE_COMMENTS_FEED_ATOM"]
        # No comments, no feed: an empty one would carry the build's clock as its date.
        if feed_path and self.settings.get("FEED_ALL_ATOM") and site.comments:
            path = os.path.join(self.output_path, feed_path)
            os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                feed.write(handle, site.comments, self.settings, feed_path)


def _initialized(pelican) -> None:
    config_mod.exclude_comment_folder(pelican.settings)


def _get_generators(_pelican):
    return CommentsGenerator


def register() -> None:
    signals.initialized.connect(_initialized)
    signals.all_generators_finalized.connect(attach)
    signals.get_generators.connect(_get_generators)
