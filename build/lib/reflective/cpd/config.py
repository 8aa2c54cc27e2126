"""The CPD settings of a site and the check the build and `reflective check` share.

Owns reading `REFLECTIVE_ACTIVITIES` and `REFLECTIVE_FRAMEWORK` (a bad value is a
problem, never an exception), turning the site model's posts into `record.CpdPost`s,
and `check_site`, the one check of activities and codes that `checks.check` gives the
Pelican build and `reflective check` alike. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.problems import Problem
from . import framework as framework_mod
from . import record

_ACTIVITY = re.compile(r"^[a-z0-9]+(?:[ -][a-z0-9]+)*$")


@dataclass
class CpdConfig:
    activities: list
    framework: framework_mod.Framework | None
    problems: list
    url: str
    save_as: str


def configure(config: dict, settings_dir: str) -> CpdConfig:
    """The checked CPD settings; a bad setting is reported and a default used."""
    problems: list[Problem] = []
    activities = config.get("REFLECTIVE_ACTIVITIES") or list(record.ACTIVITIES)
    bad = [a for a in activities if not isinstance(a, str) or not _ACTIVITY.match(a)]
    if bad or len(set(activities)) != len(activities):
        problems.append(
            Problem(
                "settings",
                "REFLECTIVE_ACTIVITIES",
                f"must be a list of distinct lowercase words such as 'course', found {bad or activities!r}; "
                f"using {', '.join(record.ACTIVITIES)}",
            )
        )
        activities = list(record.ACTIVITIES)
    framework = None
    setting = config.get("REFLECTIVE_FRAMEWORK")
    if setting is not None and not isinstance(setting, str):
        problems.append(
            Problem(
                "settings",
                framework_mod.SETTING,
                f"must be the name of a bundled framework or a path, found {setting!r}",
            )
        )
    elif setting:
        try:
            framework = framework_mod.load(setting, settings_dir)
        except framework_mod.FrameworkError as error:
            problems.extend(error.problems)
    return CpdConfig(
        list(activities),
        framework,
        problems,
        config.get("REFLECTIVE_CPD_URL", "cpd/"),
        config.get("REFLECTIVE_CPD_SAVE_AS", "cpd/index.html"),
    )


def fields_of(handle) -> dict:
    """A post's plain-data fields: the CLI's `content.Source` has them, a Pelican
    article keeps them in `metadata["reflective"]` (the reader put them there)."""
    fields = getattr(handle, "fields", None)
    if fields is None:
        data = (getattr(handle, "metadata", None) or {}).get("reflective") or {}
        fields = data.get("fields") or {}
    return fields


def posts_of(site, include_drafts: bool = False) -> list[record.CpdPost]:
    """A `CpdPost` for each post of the site model (drafts only when asked)."""
    out = []
    for view in site.posts:
        ref = view.ref
        if ref.draft and not include_drafts:
            continue
        out.append(
            record.post(
                ref.source,
                ref.title,
                ref.url,
                ref.date,
                ref.things,
                ref.draft,
                fields_of(view.handle).get("cpd"),
                view.handle,
            )
        )
    return out


def check_site(site, config: dict, settings_dir: str) -> list[Problem]:
    """Every CPD problem of the site: its settings, then each post's activity and codes.

    Drafts are checked too, as every other field of a draft is.
    """
    cpd = configure(config, settings_dir)
    framework_failed = bool(config.get("REFLECTIVE_FRAMEWORK")) and cpd.framework is None
    problems = list(cpd.problems)
    posts = posts_of(site, include_drafts=True)
    if framework_failed:  # the framework's own problems say it all
        for item in posts:
            item.competencies = []
    problems.extend(record.check(posts, cpd.activities, cpd.framework))
    return problems
