"""The page at `/admin/` and what it needs from the site: Things and competency codes.

Owns the HTML of `/admin/` (valid HTML, usable text without JavaScript, the CMS
loaded as a classic script), and `site_data`: the programme's Things and the competency
framework's codes with titles, read from the settings as the build reads them. Pure.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml

from ..core import programme as programme_mod

# The kit's bundled frameworks live with the CPD capability; read as files, not imported.
BUNDLED_FRAMEWORKS = Path(__file__).parent.parent / "cpd" / "frameworks"


# The CMS draws into #nc-root. Its sign-in screen has no landmark of its own, so the
# root is the page's main landmark (axe: "region"); once the CMS draws its own <main>
# (every screen after sign-in), the root gives the role up: one main, at the top level.
# It fills the window as the CMS would place it (without `fixed`, the body's margin
# showed as a strip above the editor).
LANDMARK = """(() => {
  const root = document.getElementById("nc-root");
  const fit = () => {
    const own = root.querySelector("main, [role=main]");
    if (own && root.hasAttribute("role")) root.removeAttribute("role");
    else if (!own && !root.hasAttribute("role")) root.setAttribute("role", "main");
  };
  new MutationObserver(fit).observe(root, { childList: true, subtree: true });
})();"""


def render(site_name: str, local: bool, style: str = "../theme/css/main.css") -> str:
    """`/admin/index.html`. `local`: the folder comes from `reflective serve`."""
    shim = '<script src="local-files.js"></script>\n' if local else ""
    how = (
        "Choose <strong>Work with Local Repository</strong>: the editor edits the files "
        "of this site's folder, and the preview shows each post as you save it."
        if local
        else "Sign in with a token of your Git host to edit the site's repository."
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Editor · {html.escape(site_name)}</title>
</head>
<body>
<div id="nc-root" role="main" style="position: fixed; inset: 0">
<noscript><p>The editor needs JavaScript. You can still write posts as Markdown files in
your site's folder: see docs/editor.md and docs/content-format.md.</p></noscript>
<p hidden>{how}</p>
</div>
<script>{LANDMARK}</script>
{shim}<script src="sveltia-cms.js"></script>
<script src="preview.js" data-style="{html.escape(style)}"></script>
</body>
</html>
"""


def site_data(settings: dict, settings_dir: str) -> tuple[list, list[tuple[str, str]]]:
    """The programme's Things and the framework's (code, title) pairs, in their order.

    An unusable programme or framework gives an empty list: `reflective check`
    reports it; the editor still opens (with no Things or codes to choose)."""
    try:
        things = programme_mod.load(
            settings.get("REFLECTIVE_PROGRAMME") or "cpd23", settings_dir
        ).things
    except programme_mod.ProgrammeError:
        things = []
    return things, framework_codes(settings.get("REFLECTIVE_FRAMEWORK"), settings_dir)


def framework_codes(setting: str | None, settings_dir: str) -> list[tuple[str, str]]:
    if not setting:
        return []
    path = Path(settings_dir, setting)
    if not path.is_file():
        path = BUNDLED_FRAMEWORKS / f"{setting}.yaml"
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError):
        return []
    codes: list[tuple[str, str]] = []

    def walk(areas):
        for area in areas or []:
            if isinstance(area, dict) and "code" in area:
                codes.append((str(area["code"]), str(area.get("title", ""))))
                walk(area.get("areas"))

    walk((data or {}).get("areas") if isinstance(data, dict) else None)
    return codes


def theme_style(settings: dict) -> str:
    """The site's stylesheet for the preview pane, relative to `/admin/`."""
    theme_static = settings.get("THEME_STATIC_DIR", "theme")
    return f"../{theme_static}/css/main.css"
