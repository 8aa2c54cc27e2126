"""`reflective portfolio`: the portfolio of a site as a PDF, or as one HTML file.

Owns the command's options, reading the site the way a build does (Pelican's reading
phase with the plugin, so bodies, links and checks are the site's own; nothing is
written but the portfolio), turning it into `document.Entry`s, and writing the file.
The choices are `document`'s, the rendering `portfolio`'s. Exit codes as the other
commands: 0 written, 1 problems in the content (strict settings) or a refusal, 2 usage.
"""

from __future__ import annotations

import logging
import os
import tempfile

from ..cli import base
from ..cli.base import CLIError
from ..pelican_layer.wiring import SETTINGS_DIR_KEY
from . import config as cpd_config
from . import document, portfolio

logger = logging.getLogger(__name__)


DESCRIPTION = (
    "A portfolio of your development: cover, contents, the CPD log with totals, the "
    "action log, the evidence matrix and selected posts in full. Posts marked "
    "'portfolio: true' are printed in full, or those --tag/--thing pick (or every post "
    "of the period when none does). Drafts and private actions are left out unless "
    "--private."
)


def register(subparsers) -> None:
    """`reflective portfolio` (the capability's command point, docs/architecture.md)."""
    help_text = "a portfolio to hand in (PDF, or one HTML file)"
    cmd = base.add_command(subparsers, "portfolio", cmd_portfolio, help_text, DESCRIPTION)
    cmd.add_argument("--output", "-o", metavar="FILE", help="default: portfolio.pdf (or .html)")
    cmd.add_argument(
        "--format", choices=("pdf", "html"), default=None, help="default: from --output, or pdf"
    )
    cmd.add_argument("--from", dest="date_from", type=base.date, metavar="YYYY-MM-DD")
    cmd.add_argument("--to", dest="date_to", type=base.date, metavar="YYYY-MM-DD")
    cmd.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="print posts with this tag"
    )
    cmd.add_argument(
        "--thing",
        action="append",
        type=base.thing,
        default=[],
        metavar="N",
        help="print the posts of Thing N",
    )
    cmd.add_argument(
        "--private",
        action="store_true",
        help="a personal copy: drafts and private actions included, marked on every page",
    )
    cmd.add_argument(
        "--comments",
        action="store_true",
        help="print the comments and links under each post printed in full",
    )
    cmd.add_argument("--title", help="the document's title (default: 'Portfolio: AUTHOR')")


def _settings(args, private: bool) -> tuple[dict, str]:
    from pelican.settings import read_settings

    given = getattr(args, "settings", None)
    settings_file = given or "pelicanconf.py"
    if not os.path.isfile(settings_file):
        raise CLIError(
            f"there is no settings file {settings_file}; run reflective in your site's "
            "folder, or pass --settings FILE"
        )
    override = {
        "REFLECTIVE_APPEND_TO_CONTENT": False,  # the document places actions itself
        "REFLECTIVE_SHOW_PRIVATE": private,
        "REFLECTIVE_GC_FREEZE": False,
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "WRITE_SELECTED": [],
    }
    if getattr(args, "path", None):
        override["PATH"] = os.path.abspath(args.path)
    try:
        settings = read_settings(settings_file, override=override)
    except SystemExit as stop:
        raise CLIError(f"the settings file {settings_file} stopped: {stop.code}") from None
    except Exception as error:  # the settings file is the user's Python code
        raise CLIError(
            f"cannot read the settings file {settings_file}: {type(error).__name__}: {error}"
        ) from None
    folder = os.path.dirname(os.path.abspath(settings_file))
    settings[SETTINGS_DIR_KEY] = folder
    plugins = [getattr(p, "__name__", str(p)) for p in settings.get("PLUGINS") or []]
    if not any(name.endswith("reflective") for name in plugins):
        raise CLIError(f"the settings file {settings_file} does not use the reflective plugin")
    return settings, folder


def read_site(settings: dict) -> dict:
    """Pelican's reading phase (every generator's context), with the plugin's checks."""
    from pelican import Pelican, signals

    pelican = Pelican(settings)
    context = settings.copy()
    context.update(
        generated_content={},
        static_links=set(),
        static_content={},
        localsiteurl=settings["SITEURL"],
    )
    with tempfile.TemporaryDirectory(prefix="reflective-portfolio-") as scratch:
        generators = [
            cls(
                context=context,
                settings=settings,
                path=pelican.path,
                theme=pelican.theme,
                output_path=scratch,
            )
            for cls in pelican._get_generator_classes()  # as Pelican.run() makes them
        ]
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
        signals.all_generators_finalized.send(generators)  # as Pelican.run() does
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
    return context


def cmd_portfolio(args) -> int:
    fmt = args.format or ("html" if (args.output or "").lower().endswith(".html") else "pdf")
    output = args.output or f"portfolio.{fmt}"
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise CLIError("--from is after --to", code=2)
    folder_out = os.path.dirname(os.path.abspath(output))
    if not os.path.isdir(folder_out):
        raise CLIError(f"the folder {folder_out} for {output} does not exist; create it first")
    settings, folder = _settings(args, args.private)
    try:
        context = read_site(settings)
    except SystemExit as stop:  # a strict build stopped on problems (listed above)
        raise CLIError(
            f"{stop.code}".replace("the build stopped", "no portfolio was made")
        ) from None
    finally:
        from ..pelican_layer.wiring import thaw

        thaw()
    reflective = context.get("reflective")
    if reflective is None:
        raise CLIError("the site has no posts the plugin could read")
    options = document.Options(args.date_from, args.date_to, args.tag, args.thing, args.private)
    cpd = cpd_config.configure(reflective.config, folder)
    site = reflective.site
    entries = []
    for view, cpd_post in zip(
        site.posts, cpd_config.posts_of(site, include_drafts=True), strict=True
    ):
        article = view.handle
        entries.append(
            document.Entry(cpd_post, view, [str(tag) for tag in getattr(article, "tags", [])])
        )
    author = str(settings.get("AUTHOR") or "")
    doc = document.build(
        entries,
        options,
        cpd.activities,
        cpd.framework,
        title=(args.title or f"Portfolio: {author or settings.get('SITENAME', '')}")
        + (" (personal copy)" if args.private else ""),
        author=author,
        site=str(settings.get("SITENAME") or ""),
        programme=site.programme.name,
        lang=str(settings.get("DEFAULT_LANG") or "en"),
        today=site.today,
    )
    if args.comments:
        _add_comments(context, doc)
    targets = {entry.cpd.url: entry.anchor for entry in doc.posts}
    roots = [settings["PATH"], settings.get("OUTPUT_PATH") or ""]
    site_url = str(settings.get("SITEURL") or "")
    for entry in doc.posts:
        entry.body = portfolio.fit_body(
            entry.view.handle.content or "", entry.anchor, targets, site_url, roots
        )
    # Written beside the target and moved into place: a failure leaves no half file.
    partial = os.path.join(folder_out, f".{os.path.basename(output)}.partial")
    try:
        html = portfolio.render_html(doc, settings["THEME"], fmt, site_url)
        if fmt == "html":
            with open(partial, "w", encoding="utf-8") as handle:
                handle.write(html)
        else:
            portfolio.write_pdf(html, partial)
        os.replace(partial, output)
    except portfolio.PortfolioError as error:
        raise CLIError(str(error)) from None
    except OSError as error:
        raise CLIError(f"cannot write {output}: {error.strerror or error}") from None
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    personal = " (a personal copy: drafts and private actions included)" if args.private else ""
    print(
        f"wrote {output}: {len(doc.posts)} post(s) in full, {len(doc.record.log)} "
        f"CPD activit{'ies' if len(doc.record.log) != 1 else 'y'}, "
        f"{doc.action_count} action(s){personal}"
    )
    return 0


def _add_comments(context: dict, doc: document.Portfolio) -> None:
    """Each printed post's conversation, as the comments capability gives it to templates.

    The comments capability (SPEC §5) puts `reflective_comments` in the context and a
    `conversation` on each article that has one (its thread, replies nested, and its
    linkbacks): the same public data its own templates use.
    """
    if context.get("reflective_comments") is None:
        raise CLIError(
            "--comments: this version of Reflective has no comments (SPEC §5); leave the option out"
        )
    for entry in doc.posts:
        conversation = getattr(entry.view.handle, "conversation", None)
        if conversation is not None:
            entry.comments = list(conversation.thread)
            entry.linkbacks = list(conversation.linkbacks)
