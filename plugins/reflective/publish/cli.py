"""`reflective build`, `reflective publish`, `reflective deploy github|rsync|netlify`.

Owns the commands' arguments and their one-line errors: which settings file (here,
pelicanconf.py for a build and publishconf.py for a publish, or `--settings`), the
content and output folders (`--path`, `--output`), the site's address (`--siteurl`),
and Pelican's own options after `--`. The work is in `run` (build, publish) and in
`github`, `rsync` and `netlify` (the deploys).
"""

from __future__ import annotations

from ..cli import base
from . import common, deploy, run


def cmd_build(args) -> int:
    site = common.site(args, "pelicanconf.py")
    return run.build(site, common.pelican_options(args))


@common.quietly_failing
def cmd_publish(args) -> int:
    common.published_site(args)
    return 0


def register(subparsers) -> None:
    build = base.add_command(
        subparsers,
        "build",
        cmd_build,
        help="build the site into output/ (the preview settings, pelicanconf.py)",
        description="Build the site with Pelican and the site's settings (pelicanconf.py "
        "here, or --settings) into OUTPUT_PATH (output/), as `make html` does. Problems "
        "in the content are reported and the rest is built.",
    )
    common.add_build_options(build)
    publish = base.add_command(
        subparsers,
        "publish",
        cmd_publish,
        help="build the site to publish: strict, checked, swapped in whole",
        description="Build with publishconf.py (or --settings) into a fresh folder, run "
        "the pre-publish gate on it (no private action or draft text, no broken internal "
        "link) and only then swap it in for output/; a failed publish leaves output/ as "
        "it was. The site's address comes from --siteurl or SITEURL.",
    )
    common.add_publish_options(publish)
    deploy.register(subparsers)
