"""Property-based tests (Hypothesis) of the path from front matter to every output."""

import datetime as dt
import json
import re

import icalendar
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader

from reflective.core import frontmatter, model, programme, schema
from reflective.pelican_layer.wiring import TEMPLATES, SiteContext, add_filters
from reflective.progress import exports

from sitebuild import build, make_site, output_files, read_json

CPD23 = programme.load("cpd23")
TODAY = dt.date(2011, 10, 1)
CHARS = st.characters(blacklist_categories=("Cs", "Cc"))
TEXT = st.text(CHARS, min_size=1, max_size=60).filter(lambda s: s.strip())
DATES = st.dates(dt.date(2011, 1, 1), dt.date(2012, 12, 31))


@st.composite
def action(draw, ident):
    data = {"id": ident, "text": draw(TEXT)}
    for key, strategy in (
        ("status", st.sampled_from(schema.STATUSES)),
        ("due", DATES),
        ("priority", st.sampled_from(schema.PRIORITIES)),
        ("every", st.sampled_from(schema.PERIODS)),
        ("private", st.booleans()),
        ("note", TEXT),
    ):
        if draw(st.booleans()):
            data[key] = draw(strategy)
    if data.get("status", "done") == "done" and draw(st.booleans()):
        data["done"] = draw(DATES)
    return data


@st.composite
def site_posts(draw):
    """Posts as (name, front-matter dict, draft) with unique ids and valid updates."""
    count = draw(st.integers(1, 5))
    posts, ids = [], []
    for index in range(count):
        things = draw(
            st.none()
            | st.integers(1, 23)
            | st.lists(st.integers(1, 23), min_size=1, max_size=2, unique=True)
        )
        front = {
            "title": f"Post {index}: {draw(TEXT)}",
            "date": dt.date(2011, 6, 1) + dt.timedelta(days=7 * index),
        }
        if things is not None:
            front["thing"] = things
        front["actions"] = [draw(action(f"p{index}-a{i}")) for i in range(draw(st.integers(0, 4)))]
        updates = []
        for _ in range(draw(st.integers(0, 3)) if ids else 0):
            update = {"action": draw(st.sampled_from(ids))}
            if draw(st.booleans()):
                update["status"] = draw(st.sampled_from(schema.STATUSES))
            if draw(st.booleans()):
                update["date"] = draw(DATES)
            if draw(st.booleans()):
                update["note"] = draw(TEXT)
            updates.append(update)
        if updates:
            front["updates"] = updates
        draft = index > 0 and draw(st.integers(0, 5)) == 0
        if not draft:
            ids += [a["id"] for a in front["actions"]]
        posts.append((f"post-{index}.md", front, draft))
    return posts


def to_yaml(front: dict, draft: bool) -> str:
    """Front matter as YAML (JSON is YAML 1.2; dates as plain YAML dates)."""

    def encode(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return "{" + ", ".join(f"{json.dumps(k)}: {encode(v)}" for k, v in value.items()) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(encode(v) for v in value) + "]"
        return json.dumps(value, ensure_ascii=False)

    lines = [f"{key}: {encode(value)}" for key, value in front.items()]
    if draft:
        lines.append("status: draft")
    return "---\n" + "\n".join(lines) + "\n---\nBody.\n"


def core_site(posts):
    inputs = []
    for name, front, draft in posts:
        fm = frontmatter.split(to_yaml(front, draft), name)
        fields, problems = schema.read_fields(fm, name)
        inputs.append(
            model.PostInput(
                name,
                front["title"],
                name + ".html",
                front["date"],
                fields,
                draft,
                list(fm.problems) + problems,
            )
        )
    return model.build(inputs, CPD23, TODAY)


def render_progress(site):
    env = Environment(
        loader=ChoiceLoader(
            [
                DictLoader({"base.html": "{% block content %}{% endblock %}"}),
                FileSystemLoader(str(TEMPLATES)),
            ]
        )
    )
    add_filters(env)
    context = SiteContext(
        site,
        {
            "REFLECTIVE_PROGRESS_URL": "progress/",
            "REFLECTIVE_JSON_SAVE_AS": "progress.json",
            "REFLECTIVE_ICS_SAVE_AS": "actions.ics",
            "REFLECTIVE_THING_URL": "things/{number}/",
        },
    )
    page = env.get_template("reflective/progress.html").render(
        reflective=context, SITEURL="", SITENAME="S"
    )
    # The compact lists (the kit's theme uses them) name each action once as well.
    compact = env.from_string(
        '{% from "reflective/lists.html" import group_list with context %}'
        "{% for group in reflective.groups %}{{ group_list(group, '', compact=True) }}{% endfor %}"
    ).render(reflective=context, SITEURL="")
    assert sorted(re.findall(r'href="[^"]*#action-([a-z0-9-]+)"', compact)) == sorted(
        re.findall(r'id="action-([a-z0-9-]+)"', page)
    )
    return page


def expected_visible(posts):
    return {
        a["id"]
        for _, front, draft in posts
        if not draft
        for a in front["actions"]
        if not a.get("private")
    }


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(site_posts())
def test_every_valid_action_appears_exactly_once_everywhere(posts):
    site = core_site(posts)
    assert site.problems == []
    visible = expected_visible(posts)
    data = json.loads(exports.progress_json(site))
    assert sorted(a["id"] for a in data["actions"]) == sorted(visible)
    html = render_progress(site)
    assert sorted(re.findall(r'id="action-([a-z0-9-]+)"', html)) == sorted(visible)
    due = {
        a["id"]
        for _, f, d in posts
        if not d
        for a in f["actions"]
        if a.get("due") and not a.get("private")
    }
    cal = icalendar.Calendar.from_ical(exports.calendar(site))
    assert sorted(str(t["uid"]).split("@")[0] for t in cal.walk("VTODO")) == sorted(due)
    by_id = {a["id"]: a for a in data["actions"]}
    for _, front, _ in posts:
        for item in front["actions"]:
            if item["id"] in by_id:
                assert by_id[item["id"]]["text"] == item["text"]


BAD_VALUES = {
    "status": st.text(CHARS, max_size=12).filter(lambda s: s not in schema.STATUSES)
    | st.integers(),
    "priority": st.text(CHARS, max_size=12).filter(lambda s: s not in schema.PRIORITIES),
    "every": st.text(CHARS, max_size=12).filter(lambda s: s not in schema.PERIODS) | st.booleans(),
    "due": st.text(CHARS, max_size=12) | st.integers() | st.just("2011-02-30"),
    "id": st.integers()
    | st.text(CHARS, min_size=1, max_size=12).filter(lambda s: not schema.ID_PATTERN.match(s)),
    "private": st.text(CHARS, max_size=5) | st.integers(),
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(site_posts(), st.sampled_from(sorted(BAD_VALUES)), st.data())
def test_invalid_values_are_reported_with_file_and_field_and_drop_nothing(posts, field, data):
    name, front, draft = posts[0]
    front = dict(front, actions=front["actions"] + [{"id": "victim", "text": "Victim"}])
    bad = data.draw(BAD_VALUES[field])
    front["actions"][-1][field] = bad
    posts = [(name, front, draft)] + posts[1:]
    site = core_site(posts)
    index = len(front["actions"]) - 1
    assert any(p.file == name and p.field == f"actions[{index}].{field}" for p in site.problems), [
        p.format() for p in site.problems
    ]
    # no other post lost an action: every other visible action is still there
    others = {
        a["id"] for n, f, d in posts[1:] if not d for a in f["actions"] if not a.get("private")
    }
    assert others <= {a.id for a in site.actions}


@settings(
    max_examples=4,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(site_posts())
def test_full_pelican_builds_show_every_action_once(tmp_path_factory, posts):
    root = tmp_path_factory.mktemp("prop")
    files = {f"posts/{name}": to_yaml(front, draft) for name, front, draft in posts}
    make_site(root, files, THEME="simple", DRAFT_SAVE_AS="")
    result = build(root)
    assert result.returncode == 0, result.stderr
    visible = expected_visible(posts)
    assert sorted(a["id"] for a in read_json(root)["actions"]) == sorted(visible)
    page = output_files(root)["progress/index.html"].decode()
    assert sorted(re.findall(r'id="action-([a-z0-9-]+)"', page)) == sorted(visible)
