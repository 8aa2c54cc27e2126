"""What must stay unpublished, read from the content: the pre-publish gate's secrets.

Owns `run_gate(folder, content, settings, siteurl)`: the texts of private actions (and
their updates' notes) and of drafts (titles, actions, every line of six words or more),
read with the plugin's one content reader (`reflective.core.content`), pages too; and
`published(text)`, which says whether the site publishes a text anyway (a public
post, an action, the site's name, a Thing's title), so that a quote is not a leak.
The gate itself (`reflective.core.gate`) reads the built folder.
"""

from __future__ import annotations

import os

from ..core import body, gate, programme, render
from ..core import content as reader  # the one content reader

UNPUBLISHED = ("draft", "skip")
MIN_WORDS_BODY = 6  # a draft's line is searched from this many words


def run_gate(folder: str, content: str, settings: dict, base_dir: str, siteurl: str):
    """The gate's problems in the built `folder` (an empty list: it may be published)."""
    secrets, published = _secrets(content, settings, base_dir)
    return gate.check(folder, siteurl, secrets, published)


# -- what must not be published ---------------------------------------------------------
# The content is read by the plugin's one reader (reflective.core.content), pages too.


def _secrets(content: str, settings: dict, base_dir: str):
    """(texts of private actions and drafts, `published(text)`).

    `published` says whether the site publishes a text anyway (in a public post, its
    title, a public action, the site's name, a Thing's title); the gate asks it only
    about a secret it found, so public bodies are rendered only then.
    """
    md = _markdown(settings)
    posts = _read_posts(content, settings)
    private_ids = {
        action["id"] for post in posts for action in post["actions"] if action["private"]
    }
    secrets: list[gate.Secret] = []
    public: list[str] = _site_texts(settings, base_dir)
    public_bodies: list[str] = []
    for post in posts:
        draft = post["status"] in UNPUBLISHED
        source = post["source"]
        if draft:
            secrets.append(gate.Secret(post["title"], f"the title of the draft {source}"))
            secrets += [
                gate.Secret(block, f"text of the draft {source}")
                for block in _blocks(md, post["body"])
                if len(block.split()) >= MIN_WORDS_BODY
            ]
        else:
            public.append(post["title"])
            public_bodies.append(post["body"])
        for action in post["actions"]:
            hidden = draft or action["private"]
            what = (
                f"the private action {action['id']!r} of {source}"
                if action["private"]
                else f"the action {action['id']!r} of the draft {source}"
            )
            for text in (action["text"], action["note"]):
                if hidden:
                    secrets += [gate.Secret(form, what) for form in _text_forms(text)]
                elif text:
                    public.append(text)
        for update in post["updates"]:
            private = update["action"] in private_ids
            what = (
                f"an update of the private action {update['action']!r} in {source}"
                if private
                else f"an update in the draft {source}"
            )
            if draft or private:
                secrets += [gate.Secret(form, what) for form in _text_forms(update["note"])]
            elif update["note"]:
                public.append(update["note"])
    corpus: list[str] = []

    def published(text: str) -> bool:
        if not corpus:
            texts = [form for text in public for form in _text_forms(text)]
            texts += [block for body in public_bodies for block in _blocks(md, body)]
            corpus.append(" \u2029 ".join(gate.normalise(text) for text in texts))
        return gate.normalise(text) in corpus[0]

    return [secret for secret in secrets if _searchable(secret.text)], published


def _searchable(text: str) -> bool:
    """Too short a text would match ordinary words of other pages."""
    text = gate.normalise(text)
    return len(text) >= 8 and len(text.split()) >= 2


def _read_posts(content_dir: str, settings: dict) -> list[dict]:
    """Every post and page Pelican would read, through the plugin's one reader."""
    paths = [*(settings.get("ARTICLE_PATHS") or [""]), *(settings.get("PAGE_PATHS") or [])]
    wanted = dict(settings, PATH=content_dir, ARTICLE_PATHS=paths, ARTICLE_EXCLUDES=[])
    defaults = reader.site_defaults(wanted)
    posts = []
    for path in reader.find_sources(wanted):
        name = os.path.relpath(path, content_dir)
        source = reader.read_source(path, wanted, defaults)
        posts.append(
            {
                "source": name,
                "status": source.status.strip().lower(),
                "title": source.title,
                "body": body.read_body(path, name),
                "actions": source.fields.get("actions", []),
                "updates": source.fields.get("updates", []),
            }
        )
    return posts


def _markdown(settings: dict):
    from markdown import Markdown

    config = dict(settings.get("MARKDOWN") or {})
    extensions = list(config.get("extensions", []))
    extensions += [name for name in config.get("extension_configs", {}) if name not in extensions]
    config["extensions"] = extensions
    return Markdown(**config)


def _blocks(md, body: str) -> list[str]:
    """The text of each line of a rendered Markdown body."""
    md.reset()
    text = gate.parse_html(md.convert(body)).text()
    return [gate.normalise(line) for line in text.split("\n") if line.strip()]


def _text_forms(text: str | None) -> list[str]:
    """An action text or note as a page shows it, and as JSON/iCalendar give it."""
    if not text:
        return []
    shown = gate.normalise(gate.parse_html(render.inline(text)).text())
    plain = gate.normalise(render.plain(text))
    return [shown] if shown == plain else [shown, plain]


def _site_texts(settings: dict, base_dir: str) -> list[str]:
    """Texts every page may show: the site's names and the programme's Thing titles."""
    texts = [
        str(settings.get(name) or "")
        for name in ("SITENAME", "SITESUBTITLE", "AUTHOR", "DESCRIPTION")
    ]
    try:
        loaded = programme.load(settings.get("REFLECTIVE_PROGRAMME", "cpd23"), base_dir)
        texts += [thing.title for thing in loaded.things]
        texts.append(loaded.name)
    except Exception:  # the build has already reported a programme it cannot load
        pass
    return texts
