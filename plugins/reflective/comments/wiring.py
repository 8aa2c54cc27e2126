"""The Pelican layer of comments: keep comment files out of Pelican's readers, attach
each post's conversation, and write the questions page and the comments feed.

Owns: adding the comments folder to ARTICLE_EXCLUDES and PAGE_EXCLUDES (`initialized`),
`attach` (called from the plugin's `article_generator_finalized`, so its problems are
reported and stop a strict build with everyone else's), which sets
`article.conversation` on every post and puts the site's conversation in the context
as `reflective_comments`, and `CommentsGenerator`, which writes `questions/` and the
Atom feed of comments. Nothing is kept in module globals.
"""

from __future__ import annotations

import os

from pelican import signals
from pelican.generators import Generator

from ..content import display_path
from . import config as config_mod
from . import conversation, core, feed

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


def comments_root(settings: dict, config: dict) -> str:
    return os.path.join(settings["PATH"], config["REFLECTIVE_COMMENTS_PATH"].strip("/"))


def post_info(article, draft: bool) -> conversation.PostInfo:
    data = article.metadata.get("reflective") or {}
    fields = data.get("fields") or {}
    author = getattr(article, "author", None)
    return conversation.PostInfo(
        slug=article.slug,
        title=article.title,
        url=article.url,
        source=display_path(article.source_path),
        author=getattr(author, "name", "") or "",
        date=article.date.date(),
        questions=list(fields.get("questions") or []),
        draft=draft,
        handle=article,
    )


def attach(generator) -> list:
    """`article_generator_finalized` (via the plugin's build_site): returns problems."""
    settings = generator.settings
    config, problems = config_mod.read(settings)
    posts = [post_info(a, False) for a in generator.articles + generator.hidden_articles]
    posts += [post_info(a, True) for a in generator.drafts]
    files = core.read_folder(comments_root(settings, config), display_path)
    result = conversation.build(
        posts,
        files,
        max_depth=config["REFLECTIVE_COMMENTS_MAX_DEPTH"],
        author_names=[settings.get("AUTHOR") or "", *config["REFLECTIVE_COMMENTS_AUTHOR_NAMES"]],
    )
    for item in result.by_slug.values():
        item.post.handle.conversation = item
    generator.context[CONTEXT_KEY] = SiteComments(result, config)
    return problems + result.problems


class CommentsGenerator(Generator):
    """Writes `questions/index.html` and the Atom feed of the site's comments."""

    def generate_context(self):
        """Nothing to read: `attach` did it when the articles were finalized."""

    def generate_output(self, writer):
        site = self.context.get(CONTEXT_KEY)
        if site is None:
            return
        reflective = self.context.get("reflective")
        if reflective is not None and getattr(reflective, "template_env", None) is not None:
            self.env = reflective.template_env
            self._templates = {}
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
    signals.get_generators.connect(_get_generators)
