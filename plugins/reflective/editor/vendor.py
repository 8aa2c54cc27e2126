"""The vendored Sveltia CMS and its fonts: what ships, its pins, and serving it offline.

Owns the pinned versions and SHA-256 checksums of every vendored file (`VENDORED`; a test
recomputes them), and `asset(name)`: a file of `/admin/` as bytes, the CMS bundle with
each address it would fetch from a CDN (its fonts, its update check, its locales)
rewritten to a file beside it, so `/admin/` asks no other host for them. Pure.
docs/editor.md says how to update the CMS.
"""

from __future__ import annotations

import json
from pathlib import Path

VENDOR_DIR = Path(__file__).parent / "vendor"
CMS = "@sveltia/cms"
CMS_VERSION = "0.221.1"
# sha256 of `npm pack @sveltia/cms@0.221.1` (MIT; dist.integrity sha512-J+Qoik9k...)
CMS_TARBALL_SHA256 = "cfc6193c6c17c3d1d97c85bc2d63ec3655ba2a844b37c6fe5759f1a80821bb02"
CMS_LICENCE = "MIT"

# The npm packages the fonts come from (Fontsource), each under the SIL OFL 1.1.
FONTS = {
    "fonts/source-sans-3-latin-wght-normal.woff2": (
        "@fontsource-variable/source-sans-3@5.3.0",
        "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2",
    ),
    "fonts/noto-mono-latin-400-normal.woff2": (
        "@fontsource/noto-mono@5.3.0",
        "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2",
    ),
    "fonts/material-symbols-outlined-latin-wght-normal.woff2": (
        "@fontsource-variable/material-symbols-outlined@5.3.7",
        "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/"
        "latin-wght-normal.woff2",
    ),
}

# Where the CMS asks unpkg for its own files: `{base}/package.json` (its update check),
# `{base}@{version}/locales/{locale}.json`, `{base}@{version}/dist/chunks/*.js`.
CMS_CDN_BASE = "https://unpkg.com/@sveltia/cms"
CMS_LOCAL_BASE = "./cms"  # relative to /admin/, so a site under a sub-path works too

# What the CMS would import from unpkg and the kit does not ship (code highlighting in
# Markdown code blocks, the map widgets): pointed at `/admin/unavailable/`, which answers
# 404, so the import fails on this machine as it would offline (code is shown plain).
UNSHIPPED = {
    "`https://unpkg.com/@sveltia/ui`": "`./unavailable/@sveltia/ui`",
    "`https://unpkg.com/@shikijs`": "`./unavailable/@shikijs`",
    "`https://unpkg.com/${": "`./unavailable/${",
}

# WCAG 1.4.4 (resize text): the CMS stops pinch-zoom on phones; let readers zoom.
ACCESSIBLE = {"`maximum-scale=1`,": ""}

VENDORED = {  # file under vendor/ -> sha256 (tests/editor/test_vendor.py recomputes them)
    "sveltia-cms.js": "2fc783907e1a4a70783f155cc28435c70b8f79792f2aab75e787984e84aa413a",
    "chunks/react-dom.js": "e6834ea4cc69293d31245d76953c635ea37783aa5598eb375ea41845cb5e7af6",
    "LICENSE.txt": "dcbe3c626d85741f6fabefed0b34d07a2e92c032f63aa21c0279062363859c32",
    "locales/en-CA.json": "2892cc5ef8a5ebcd59544eddd9b123bff5643e859ec6e0ac80fa0017e3bc4b23",
    "locales/en-GB.json": "a7959d8901b3873a9315d010560044b30eeb819306a0bd320f127e13c0082993",
    "locales/en-US.json": "0536dee6cc54f9d90218b100aa6a3c2cacfa78367765488851323fcf8b68c565",
    "fonts/source-sans-3-latin-wght-normal.woff2": (
        "7a19a7027e125257d310c6dbd78ae3a30b5ea1e3794d60b12bb28227a003bfda"
    ),
    "fonts/noto-mono-latin-400-normal.woff2": (
        "2787a2983d94072a2c6262b1992a2642519800a889bd90ca1042d04a89852d58"
    ),
    "fonts/material-symbols-outlined-latin-wght-normal.woff2": (
        "98db9feefa170bf76e9c19d19af6dd62054165efc89c4b506c361e069719e884"
    ),
}


class AssetMissing(LookupError):
    """No such file of `/admin/`."""


def rewrite_bundle(text: str) -> str:
    """The CMS bundle with every CDN address it fetches at run time made local.

    Raises ValueError when an address is not where this version has it (an updated
    bundle that fetches something new must be looked at, not shipped blind).
    """
    for local, (_package, url) in FONTS.items():
        if url not in text:
            raise ValueError(f"the CMS bundle no longer fetches {url}: see docs/editor.md")
        text = text.replace(url, local)
    rewrites = {f"`{CMS_CDN_BASE}`": f"`{CMS_LOCAL_BASE}`", **UNSHIPPED, **ACCESSIBLE}
    for old, new in rewrites.items():
        if old not in text:
            raise ValueError(f"the CMS bundle no longer has {old}: see docs/editor.md")
        text = text.replace(old, new)
    return text


def cms_package_json() -> bytes:
    """What the CMS's update check reads: this version, so it offers no update."""
    return json.dumps({"name": CMS, "version": CMS_VERSION}).encode()


def asset_names() -> list[str]:
    """Every file `/admin/` serves from the vendored CMS, relative to `/admin/`."""
    names = ["sveltia-cms.js", "chunks/react-dom.js", *FONTS, "cms/package.json"]
    for name in VENDORED:
        if name.startswith("locales/"):
            names.append(f"cms@{CMS_VERSION}/{name}")
    return names


def asset(name: str) -> bytes:
    """The bytes of `/admin/NAME` from the vendored files (the bundle rewritten)."""
    if name == "sveltia-cms.js":
        return rewrite_bundle((VENDOR_DIR / name).read_text("utf-8")).encode("utf-8")
    if name == "cms/package.json":
        return cms_package_json()
    for prefix, folder in ((f"cms@{CMS_VERSION}/", ""), (f"cms@{CMS_VERSION}/dist/", "")):
        if name.startswith(prefix) and name[len(prefix) :] in VENDORED:
            name = folder + name[len(prefix) :]
    if name not in VENDORED:  # only the listed files: no path ever reaches elsewhere
        raise AssetMissing(name)
    return (VENDOR_DIR / name).read_bytes()
