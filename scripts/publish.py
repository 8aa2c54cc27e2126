"""Atomic, gated publish: build with publishconf.py into a fresh folder, check it, swap it in.

Used by `make publish`. Owns the order of a publish and what it refuses:
1. SITEURL (from the environment) must be an http(s) address, or nothing is built.
2. Pelican builds beside OUTPUTDIR (same file system, so the swap is two renames).
3. The pre-publish gate (`reflective.core.gate`) checks the fresh folder offline: no text of
   a private action or a draft anywhere, no `drafts/` folder, no broken internal link,
   asset or #fragment. What must stay unpublished is read here from the content with
   the plugin's one content reader (`_secrets`).
4. Only then is the fresh folder swapped in. A failed build or gate removes the fresh
   folder and leaves OUTPUTDIR exactly as it was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from urllib.parse import urlsplit

from reflective.core import body, gate, render
from reflective.core import content as reader  # the one content reader

UNPUBLISHED = ("draft", "skip")
MIN_WORDS_BODY = 6  # a draft's line is searched from this many words
MAX_LISTED = 100  # problems listed by a failed publish


def check_siteurl(value: str | None) -> tuple[str, str | None]:
    """(SITEURL without a trailing slash, or an error message)."""
    example = (
        "e.g.  SITEURL=https://me.example.org make publish   (a GitHub Pages "
        "project site: SITEURL=https://USER.github.io/REPO)"
    )
    value = (value or "").strip()
    if not value:
        return "", (
            "publish: SITEURL is not set. A published site needs the address it "
            "will be served from, for its absolute links and feeds; give it in the "
            f"environment, {example}"
        )
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return "", (
            f"publish: SITEURL must be an http(s) address such as "
            f"https://me.example.org, got {value!r}; {example}"
        )
    return value.rstrip("/"), None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--settings", required=True)
    parser.add_argument("--pelican", default="pelican")
    parser.add_argument("pelican_options", nargs="*")
    args = parser.parse_args(argv)

    siteurl, error = check_siteurl(os.environ.get("SITEURL"))
    if error:
        print(error, file=sys.stderr)
        return 2
    os.environ["SITEURL"] = siteurl

    output = os.path.abspath(args.output)
    parent = os.path.dirname(output)
    os.makedirs(parent, exist_ok=True)
    fresh = tempfile.mkdtemp(prefix=os.path.basename(output) + ".tmp.", dir=parent)
    try:
        code = _build_check_swap(args, fresh, output, siteurl)
    finally:  # a failure, an exception or Ctrl-C: the fresh folder goes, output stays
        shutil.rmtree(fresh, ignore_errors=True)
    return code


def _build_check_swap(args, fresh: str, output: str, siteurl: str) -> int:
    command = [args.pelican, args.input, "-o", fresh, "-s", args.settings, *args.pelican_options]
    result = subprocess.run(command)
    if result.returncode != 0:
        print(f"publish: the build failed; {args.output} was left as it was.", file=sys.stderr)
        return result.returncode or 1

    problems = run_gate(fresh, args.input, args.settings, siteurl)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        lines = "\n".join(f"  {problem.format()}" for problem in problems[:MAX_LISTED])
        if len(problems) > MAX_LISTED:
            lines += f"\n  ... and {len(problems) - MAX_LISTED} more"
        print(
            f"publish: the pre-publish gate found {len(problems)} {noun} in the new "
            f"build (paths inside the output folder):\n{lines}\n"
            f"publish: nothing was published; {args.output} was left as it was.",
            file=sys.stderr,
        )
        return 1

    os.chmod(fresh, 0o755)
    parent = os.path.dirname(output)
    old = None
    if os.path.exists(output):
        old = tempfile.mkdtemp(prefix=os.path.basename(output) + ".old.", dir=parent)
        os.rmdir(old)
        os.rename(output, old)
    os.rename(fresh, output)
    if old:
        shutil.rmtree(old, ignore_errors=True)
    print(f"publish: the gate passed; {args.output} now holds the new build for {siteurl}.")
    return 0


def run_gate(folder: str, content: str, settings_file: str, siteurl: str):
    settings = _read_settings(settings_file)
    base_dir = os.path.dirname(os.path.abspath(settings_file))
    secrets, published = _secrets(content, settings, base_dir)
    return gate.check(folder, siteurl, secrets, published)


def _read_settings(path: str) -> dict:
    from pelican.settings import read_settings

    return read_settings(path)


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
        from reflective.core import programme

        loaded = programme.load(settings.get("REFLECTIVE_PROGRAMME", "cpd23"), base_dir)
        texts += [thing.title for thing in loaded.things]
        texts.append(loaded.name)
    except Exception:  # the build has already reported a programme it cannot load
        pass
    return texts


if __name__ == "__main__":
    sys.exit(main())
