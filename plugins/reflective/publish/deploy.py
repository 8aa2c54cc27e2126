"""`reflective deploy github|rsync|netlify`: publish, then put the output on a host.

Owns the deploy commands' arguments and defaults (the Makefile's variables, read from
the environment as `make` reads them: GITHUB_PAGES_BRANCH, GITHUB_PAGES_REMOTE, CNAME,
RSYNC_DEST, SSH_PORT, NETLIFY_AUTH_TOKEN, NETLIFY_SITE_ID). What can be checked
before a build (git and the remote, rsync, the Netlify token and site) is checked
first, so a deploy that cannot happen builds nothing. The work is in `github`, `rsync`
and `netlify`.
"""

from __future__ import annotations

import os

from ..cli import base
from . import common


def cmd_help(args, parser=None) -> int:
    if parser is not None:
        parser.print_help()
    return 2


@common.quietly_failing
def cmd_github(args) -> int:
    from . import github

    common.pelican_options(args)  # a misplaced option is said before anything runs
    repo = os.path.dirname(os.path.abspath(getattr(args, "settings", None) or "publishconf.py"))
    try:
        github.ready(repo, args.remote)
        site, siteurl = common.published_site(args)
        print(github.deploy(repo, site.output, args.remote, args.branch, args.cname, siteurl))
    except github.DeployError as error:
        raise base.CLIError(str(error)) from None
    return 0


@common.quietly_failing
def cmd_rsync(args) -> int:
    from . import rsync

    common.pelican_options(args)
    destination = args.destination or os.environ.get("RSYNC_DEST", "")
    try:
        program = rsync.ready(destination)
        site, _ = common.published_site(args)
        code = rsync.deploy(program, site.output, destination, args.port)
    except rsync.DeployError as error:
        raise base.CLIError(str(error)) from None
    if code != 0:
        raise base.CLIError(
            f"deploy rsync: rsync stopped (exit {code}, its message is above); files it had "
            f"not finished are not in place on {destination}: run the deploy again",
            code=1,
        )
    print(f"deploy rsync: {destination} now holds the site")
    return 0


@common.quietly_failing
def cmd_netlify(args) -> int:
    from . import netlify

    common.pelican_options(args)
    token = os.environ.get("NETLIFY_AUTH_TOKEN", "")
    site_id = args.site or os.environ.get("NETLIFY_SITE_ID", "")
    try:
        netlify.ready(token, site_id)
        if not (args.siteurl or os.environ.get("SITEURL", "").strip()):
            args.siteurl = netlify.site_address(token, site_id, args.api)  # as Netlify has it
        site, _ = common.published_site(args)
        deployed = netlify.deploy(
            site.output, token, site_id, api=args.api, draft=args.draft, say=print
        )
    except netlify.DeployError as error:
        raise base.CLIError(str(error)) from None
    print(f"deploy netlify: {deployed}")
    return 0


def register(subparsers) -> None:
    """`reflective deploy github|rsync|netlify` (docs/publishing.md)."""
    parser = base.add_command(
        subparsers,
        "deploy",
        cmd_help,
        help="publish, then put the site on GitHub Pages, a server (rsync) or Netlify",
        description="Publish the site (as `reflective publish`: strict, gated), then put "
        "output/ on a host. Nothing is deployed when the publish fails.",
    )
    parser.set_defaults(func=lambda args: cmd_help(args, parser))
    hosts = parser.add_subparsers(dest="deploy_host", metavar="HOST")
    github = base.add_command(
        hosts,
        "github",
        cmd_github,
        help="one commit of the site on the gh-pages branch, pushed (never forced)",
        description="Publish, then commit exactly output/ (with .nojekyll, and CNAME when "
        "given) on top of the remote's gh-pages branch and push it. A site equal to the "
        "one already there is not pushed again; a push that is not a fast-forward is "
        "refused, never forced. Run it in the site's git repository.",
    )
    github.add_argument(
        "--remote",
        default=os.environ.get("GITHUB_PAGES_REMOTE") or "origin",
        help="the git remote (default: GITHUB_PAGES_REMOTE, or origin)",
    )
    github.add_argument(
        "--branch",
        default=os.environ.get("GITHUB_PAGES_BRANCH") or "gh-pages",
        help="the branch GitHub Pages serves (default: GITHUB_PAGES_BRANCH, or gh-pages)",
    )
    github.add_argument(
        "--cname",
        default=os.environ.get("CNAME") or None,
        metavar="DOMAIN",
        help="your own domain, written as the CNAME file (default: CNAME)",
    )
    common.add_publish_options(github)
    rsync = base.add_command(
        hosts,
        "rsync",
        cmd_rsync,
        help="copy the site to a server (or a folder) with rsync over SSH",
        description="Publish, then copy output/ with rsync -P -rvzc --delete-after "
        "--delay-updates over SSH: the destination ends up holding exactly the site, and "
        "an upload cut off half-way leaves the old site whole. DESTINATION is "
        "USER@HOST:FOLDER, or a local folder.",
    )
    rsync.add_argument(
        "destination",
        nargs="?",
        metavar="DESTINATION",
        help="USER@HOST:FOLDER or a folder (default: RSYNC_DEST)",
    )
    rsync.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("SSH_PORT") or 22),
        help="SSH's port (default: SSH_PORT, or 22)",
    )
    common.add_publish_options(rsync)
    netlify = base.add_command(
        hosts,
        "netlify",
        cmd_netlify,
        help="upload the site to Netlify with its deploy API (changed files only)",
        description="Publish, then deploy output/ to a Netlify site through Netlify's "
        "file-digest API: only files Netlify does not have yet are uploaded. Needs "
        "NETLIFY_AUTH_TOKEN (a personal access token) and the site's id (--site or "
        "NETLIFY_SITE_ID). The site's address: --siteurl, SITEURL, else ask Netlify.",
    )
    netlify.add_argument(
        "--site", metavar="ID", help="the Netlify site's id (default: NETLIFY_SITE_ID)"
    )
    netlify.add_argument(
        "--draft", action="store_true", help="a draft deploy: its own address, not the live site"
    )
    netlify.add_argument(
        "--api",
        default="https://api.netlify.com/api/v1",
        metavar="URL",
        help="Netlify's API (default: https://api.netlify.com/api/v1)",
    )
    common.add_publish_options(netlify)
