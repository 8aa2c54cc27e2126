"""The CMS configuration is generated from the site, and valid for the CMS.

The sample site's settings, programme and framework give the posts' fields (Things by
number and title, activities, competencies with titles, help text for every field);
the result validates against Sveltia CMS's own JSON schema (0.221.1, from its npm
package); `REFLECTIVE_EDITOR` is checked with messages that name the fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from pelican.settings import read_settings

from reflective.editor import config, page

REPO = Path(__file__).resolve().parents[2]
SCHEMA = Path(__file__).parent / "data" / "sveltia-cms-0.221.1.schema.json"


@pytest.fixture(scope="module")
def built():
    settings = read_settings(str(REPO / "pelicanconf.py"))
    things, codes = page.site_data(settings, str(REPO))
    where = config.repository({"REFLECTIVE_EDITOR": {"repo": "ruth/blog"}})
    return yaml.safe_load(config.dump(config.build(settings, str(REPO), things, codes, where)))


def _fields(collection):
    return {f["name"]: f for f in collection["fields"]}


def test_the_posts_fields_come_from_the_site(built):
    posts = built["collections"][0]
    assert posts["folder"] == "content/posts" and posts["format"] == "yaml-frontmatter"
    fields = _fields(posts)
    assert {"label": "Thing 6: Online networks", "value": 6} in fields["thing"]["options"]
    assert fields["thing"]["multiple"] is True
    assert fields["activity"]["options"][0] == "reading"
    assert {"label": "2.4 Collaborating through digital technologies", "value": "2.4"} in (
        fields["competencies"]["options"]
    )
    actions = {f["name"]: f for f in fields["actions"]["fields"]}
    assert set(actions) == {
        "id",
        "text",
        "status",
        "due",
        "done",
        "priority",
        "every",
        "private",
        "note",
    }
    assert actions["id"]["required"] is True  # every action listed for updates has one
    update = {f["name"]: f for f in fields["updates"]["fields"]}["action"]
    assert update["value_field"] == "actions.*.id" and update["display_fields"] == [
        "actions.*.text"
    ]
    assert fields["body"]["modes"] == ["raw"]
    assert all("hint" in f for f in posts["fields"]), "every field has help text"
    assert "## What?" in fields["body"]["default"]  # the Rolfe model's headings
    assert built["backend"] == {"name": "github", "repo": "ruth/blog", "branch": "main"}
    assert built["output"]["omit_empty_optional_fields"] is True


def test_the_configuration_is_valid_for_the_cms(built):
    schema = json.loads(SCHEMA.read_text())
    errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(built))
    assert errors == []


@pytest.mark.parametrize(
    "value, message",
    [
        ("you/blog", "must be a dict"),
        ({"repo": "blog"}, 'repo must be "owner/name"'),
        ({"repo": "you/blog", "backend": "bitbucket"}, "allowed: github, gitlab, gitea"),
        ({"repo": "you/blog", "brnach": "main"}, "unknown key(s) brnach"),
    ],
)
def test_a_bad_setting_names_the_fix(value, message):
    with pytest.raises(
        config.EditorSettingError, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        config.repository({"REFLECTIVE_EDITOR": value})


def test_off_unless_asked_for():
    assert config.repository({}) is None
    assert config.repository({"REFLECTIVE_EDITOR": None}) is None
