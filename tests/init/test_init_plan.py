"""`reflective init`'s plan, from plain data: which files, and what is in them."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import PureWindowsPath

import pytest

from reflective.core import newpost
from reflective.init import files, plan

FACTS = plan.Facts(
    today=dt.date(2024, 3, 5),
    programme_name="23 Things for Professional Development",
    first_thing=1,
    first_title="Blogging",
    programme_bundled=True,
    timezone="Europe/London",
    requirement="reflective @ git+https://example.org/reflective.git@abc123",
)


def answers(**change) -> plan.Answers:
    given = dict(name="Field notes", author="Ann Other", programme="cpd23", siteurl="", host="none")
    return plan.Answers(**{**given, **change})


def by_path(planned) -> dict[str, str]:
    return {item.path: item.text for item in planned}


def settings_of(text: str) -> dict:
    """The module-level assignments of a settings file (without running it)."""
    found = {}
    for node in ast.parse(text).body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            try:
                found[target.id] = ast.literal_eval(node.value)
            except ValueError:
                found[target.id] = ast.unparse(node.value)
    return found


def test_the_files_of_a_site_not_yet_published():
    planned = by_path(plan.plan(answers(), FACTS))
    assert list(planned) == [
        "pelicanconf.py",
        "publishconf.py",
        "content/posts/2024-03-05-thing-1-blogging.md",
        "content/pages/about.md",
        ".gitignore",
        "README.md",
    ]


def test_each_host_gets_its_deploy_file_and_ci_its_requirements():
    github = by_path(plan.plan(answers(host="github"), FACTS))
    assert "reflective publish" in github[".github/workflows/pages.yml"]
    assert "SITEURL: ${{ steps.pages.outputs.base_url }}" in github[".github/workflows/pages.yml"]
    assert '"owner": "reflective"' in github[".github/reflective-problems.json"]
    assert github["requirements.txt"].splitlines()[-1] == FACTS.requirement
    netlify = by_path(plan.plan(answers(host="netlify"), FACTS))
    assert '[build]\n  command = "reflective publish"\n' in netlify["netlify.toml"]
    assert "requirements.txt" in netlify
    rsync = by_path(plan.plan(answers(host="rsync"), FACTS))
    assert "reflective deploy rsync" in rsync["README.md"]
    assert not {"netlify.toml", "requirements.txt", ".github/workflows/pages.yml"} & set(rsync)


def test_settings_name_the_installed_plugin_and_theme_and_none_of_the_sample():
    planned = by_path(plan.plan(answers(), FACTS))
    conf = planned["pelicanconf.py"]
    values = settings_of(conf)
    assert values["PLUGINS"] == ["reflective"]
    assert "PLUGIN_PATHS" not in values
    assert values["THEME"] == "reflective_theme()"
    assert "from reflective.core.theme import path as reflective_theme" in conf
    assert values["AUTHOR"] == "Ann Other" and values["SITENAME"] == "Field notes"
    assert values["REFLECTIVE_PROGRAMME"] == "cpd23"
    assert values["TIMEZONE"] == "Europe/London"
    assert values["REFLECTIVE_STRICT"] is False
    everything = "\n".join(planned.values())
    for sample in ("REFLECTIVE_TODAY", "COHORT", "Ruth", "Northmoor", "2011"):
        assert sample not in everything
    publish = settings_of(planned["publishconf.py"])
    assert publish["REFLECTIVE_STRICT"] is True and publish["REFLECTIVE_SHOW_PRIVATE"] is False


def test_what_the_author_typed_is_kept_exactly_in_python_and_shown_as_typed_in_markdown():
    odd = answers(name='Siân\'s "notes" \\ [draft]', author="Ann *O'Brien*")
    planned = by_path(plan.plan(odd, FACTS))
    values = settings_of(planned["pelicanconf.py"])
    assert values["SITENAME"] == 'Siân\'s "notes" \\ [draft]'
    assert values["AUTHOR"] == "Ann *O'Brien*"
    assert "I'm Ann \\*O'Brien\\*." in planned["content/pages/about.md"]
    assert planned["README.md"].startswith('# Siân\'s "notes" \\\\ \\[draft\\]\n')


def test_the_starter_post_is_the_one_reflective_new_writes():
    post = plan.starter_post(FACTS)
    title = "Thing 1: Blogging"
    assert post.path == "content/posts/" + newpost.file_name(FACTS.today, 1, title)
    assert post.text == newpost.text(title, FACTS.today, 1, "rolfe")


def test_a_known_address_goes_into_the_commands_that_publish():
    known = answers(siteurl=" https://ann.example.org/blog/ ", host="netlify")
    planned = by_path(plan.plan(known, FACTS))
    assert "reflective publish --siteurl https://ann.example.org/blog " in planned["README.md"]
    assert 'SITEURL = "https://ann.example.org/blog"' in planned["netlify.toml"]
    assert "--siteurl https://ann.example.org/blog\n" in planned["publishconf.py"]
    assert 'SITEURL = os.environ.get("SITEURL", "")' in planned["publishconf.py"]
    unknown = by_path(plan.plan(answers(host="rsync"), FACTS))
    assert "reflective publish --siteurl https://me.example.org" in unknown["README.md"]
    assert (
        "reflective deploy rsync USER@SERVER:/var/www/blog --siteurl https://me.example.org"
        in (unknown["README.md"])
    )


def test_a_programme_from_a_file_is_copied_into_the_site():
    mine = plan.Facts(
        **{**FACTS.__dict__, "programme_bundled": False, "programme_text": "name: Mine\n"}
    )
    planned = by_path(plan.plan(answers(programme="../shared/mine.yaml"), mine))
    assert planned[plan.PROGRAMME_FILE] == "name: Mine\n"
    assert settings_of(planned["pelicanconf.py"])["REFLECTIVE_PROGRAMME"] == plan.PROGRAMME_FILE


def test_without_a_known_source_requirements_say_what_to_add():
    unknown = plan.Facts(**{**FACTS.__dict__, "requirement": ""})
    text = by_path(plan.plan(answers(host="github"), unknown))["requirements.txt"]
    assert all(line.startswith("#") for line in text.splitlines())
    assert "reflective @ git+https://github.com/OWNER/reflective" in text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": "  "}, "--name is empty"),
        ({"author": ""}, "--author is empty"),
        ({"author": "two\nlines"}, "--author must be one line"),
        ({"siteurl": "me.example.org"}, "is not a web address"),
        ({"siteurl": 'https://x.org/"><script>'}, "is not a web address"),
        ({"siteurl": "https://x.org/$(rm -rf ~)"}, "is not a web address"),
        ({"siteurl": "https://x.org/?page=1"}, "is not a web address"),
        ({"host": "ftp"}, "--host 'ftp' is not one of github, netlify, rsync, none"),
    ],
)
def test_bad_answers_are_named_and_nothing_is_planned(change, message):
    assert any(message in problem for problem in plan.problems(answers(**change)))
    with pytest.raises(ValueError, match=message.split("'")[0]):
        plan.plan(answers(**change), FACTS)


def test_paths_are_relative_with_slashes_so_they_join_on_windows():
    planned = plan.plan(answers(host="github", programme="x.yaml"), FACTS)
    for item in planned:
        assert "\\" not in item.path and not item.path.startswith("/")
        joined = PureWindowsPath("C:/Users/ann/blog").joinpath(*item.path.split("/"))
        assert str(joined).startswith("C:\\Users\\ann\\blog\\")
    assert files.markdown_text("a_b") == "a\\_b"


def test_the_deploy_files_parse_as_their_hosts_read_them():
    import json
    import tomllib

    import yaml

    github = by_path(plan.plan(answers(host="github"), FACTS))
    workflow = yaml.safe_load(github[".github/workflows/pages.yml"])
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert "python -m pip install -r requirements.txt" in runs[0]
    assert runs[-1] == "reflective publish"
    assert [s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact")][0][
        "with"
    ]["path"] == "output"
    assert json.loads(github[".github/reflective-problems.json"])["problemMatcher"]
    for siteurl in ("", "https://ann.example.org"):
        toml = tomllib.loads(
            by_path(plan.plan(answers(host="netlify", siteurl=siteurl), FACTS))["netlify.toml"]
        )
        assert toml["build"]["publish"] == "output"
        assert toml["build"]["command"] == "reflective publish"
        assert toml["build"]["environment"].get("SITEURL", "") == siteurl


def test_the_problem_matcher_is_the_kits_own():
    import json
    from pathlib import Path

    kit = Path(__file__).resolve().parents[2] / ".github" / "reflective-problems.json"
    assert json.loads(files.PROBLEM_MATCHER) == json.loads(kit.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (  # pip install git+https://...@v0.1.0
            '{"url": "https://github.com/o/reflective.git", "vcs_info": {"vcs": "git", '
            '"commit_id": "0123abc", "requested_revision": "v0.1.0"}}',
            "reflective @ git+https://github.com/o/reflective.git@0123abc",
        ),
        (  # pip install https://example.org/reflective-0.1.0-py3-none-any.whl
            '{"url": "https://example.org/reflective-0.1.0-py3-none-any.whl", '
            '"archive_info": {"hashes": {"sha256": "ab"}}}',
            "reflective @ https://example.org/reflective-0.1.0-py3-none-any.whl",
        ),
        ('{"url": "file:///home/ann/reflective-0.1.0-py3-none-any.whl", "archive_info": {}}', ""),
        ('{"url": "file:///home/ann/reflective", "dir_info": {"editable": true}}', ""),
        (None, ""),  # from a package index: which one is not recorded
        ("not json", ""),
    ],
)
def test_where_ci_installs_reflective_from(record, expected):
    assert plan.requirement(record) == expected
