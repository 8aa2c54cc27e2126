"""The pure core of the CPD record: fields, frameworks, checks, totals, matrix, streaks."""

from __future__ import annotations

import datetime as dt

import pytest

from reflective.core import frontmatter, schema
from reflective.cpd import config, framework, record, weeks

D = dt.date


def fields_of(yaml_text: str):
    fm = frontmatter.split(f"---\ntitle: T\ndate: 2011-07-01\n{yaml_text}\n---\nBody\n", "p.md")
    fields, problems = schema.read_fields(fm, "p.md")
    return fields["cpd"], problems


def test_fields_are_read_with_their_lines():
    cpd, problems = fields_of(
        'hours: 1.5\nactivity: course\ncompetencies: [2.1, "3.4", A1]\nportfolio: true'
    )
    assert problems == []
    assert cpd["hours"] == 1.5 and cpd["activity"] == "course" and cpd["portfolio"] is True
    # An unquoted 2.1 is a number in YAML: its source text is the code.
    assert cpd["competencies"] == ["2.1", "3.4", "A1"]
    assert cpd["lines"]["hours"] == 4 and cpd["lines"]["codes"] == [6, 6, 6]


def test_a_code_like_2_10_keeps_its_zero():
    cpd, problems = fields_of("competencies: [2.10]")
    assert problems == [] and cpd["competencies"] == ["2.10"]


@pytest.mark.parametrize(
    "value, words",
    [
        ("0", "greater than 0"),
        ("-2", "greater than 0"),
        ("two", "'two'"),
        ("true", "true"),
        ("[1, 2]", "a list"),
        ("1500", "more than 1000"),
        (".nan", "greater than 0"),
    ],
)
def test_bad_hours_are_problems_with_line_and_what_was_found(value, words):
    cpd, problems = fields_of(f"hours: {value}")
    assert cpd["hours"] is None
    [problem] = problems
    assert (problem.file, problem.field, problem.line) == ("p.md", "hours", 4)
    assert words in problem.message


def test_bad_activity_codes_and_portfolio_shapes():
    cpd, problems = fields_of("activity: 12\ncompetencies: [[1], '2.1', '2.1']\nportfolio: yes")
    fields = [(p.field, p.line) for p in problems]
    assert ("activity", 4) in fields
    assert ("competencies[0]", 5) in fields
    assert ("competencies[2]", 5) in fields  # listed twice
    assert ("portfolio", 6) in fields
    assert cpd["competencies"] == ["2.1"]


def test_digcomp_is_bundled_with_5_areas_and_21_competences():
    digcomp = framework.load("digcomp")
    assert "digcomp" in framework.bundled_names()
    assert [area.code for area in digcomp.areas] == ["1", "2", "3", "4", "5"]
    leaves = [area for area in digcomp.walk() if area.leaf]
    assert len(leaves) == 21
    assert digcomp.get("2.6").title == "Managing digital identity"
    assert digcomp.get("2.6").parent == "2"
    assert "CC BY 4.0" in digcomp.licence


def test_a_framework_file_nests_to_any_depth_and_resolves_like_the_programme(tmp_path):
    (tmp_path / "skills.yaml").write_text(
        "name: My skills\nareas:\n  - code: A\n    title: Alpha\n    areas:\n"
        "      - code: A1\n        title: One\n        areas:\n"
        "          - {code: A1a, title: Deep}\n  - {code: 2.10, title: Numeric}\n",
        encoding="utf-8",
    )
    loaded = framework.load("skills.yaml", tmp_path)
    assert [(a.code, a.depth) for a in loaded.walk()] == [
        ("A", 0),
        ("A1", 1),
        ("A1a", 2),
        ("2.10", 0),
    ]


@pytest.mark.parametrize(
    "text, field, words",
    [
        ("areas: []", "name", "needs a name"),
        ("name: X\nareas: [{code: A}]", "areas[0].title", "needs a title"),
        ("name: X\nareas: [{title: A}]", "areas[0].code", "needs a code"),
        ("name: X\nareas: [{code: A, title: a}, {code: A, title: b}]", "areas[1].code", "twice"),
        ("name: X\nareas: [{code: A, title: a, level: 3}]", "areas[0].level", "unknown field"),
    ],
)
def test_bad_frameworks_say_where_and_what(text, field, words):
    with pytest.raises(framework.FrameworkError) as error:
        framework.parse(text, "f.yaml")
    assert any(p.field == field and words in p.message for p in error.value.problems)


def test_a_missing_framework_is_a_problem_naming_the_bundled_ones(tmp_path):
    cpd = config.configure({"REFLECTIVE_FRAMEWORK": "nope.yaml"}, str(tmp_path))
    [problem] = cpd.problems
    assert problem.field == "REFLECTIVE_FRAMEWORK" and "digcomp" in problem.message


def post(source, date, hours=None, activity=None, codes=(), draft=False, things=()):
    return record.CpdPost(
        source, source, source + ".html", date, list(things), draft, hours, activity,
        list(codes), False, {"activity": 3, "competencies": 4, "codes": [4] * len(codes)},
    )  # fmt: skip


def test_unknown_activities_and_codes_are_problems_with_a_suggestion():
    digcomp = framework.load("digcomp")
    problems = record.check(
        [post("a.md", D(2011, 7, 1), activity="corse", codes=["2.1", "2.7", "21"])],
        record.ACTIVITIES,
        digcomp,
    )
    by_field = {p.field: p for p in problems}
    assert by_field["activity"].suggestion == "course" and by_field["activity"].line == 3
    assert "reading, course" in by_field["activity"].message
    assert set(by_field) == {"activity", "competencies[1]", "competencies[2]"}
    assert by_field["competencies[1]"].line == 4
    assert by_field["competencies[2]"].suggestion == "2.1"


def test_codes_without_a_framework_are_a_problem():
    [problem] = record.check([post("a.md", D(2011, 7, 1), codes=["2.1"])], record.ACTIVITIES, None)
    assert problem.field == "competencies" and "REFLECTIVE_FRAMEWORK" in problem.message


def test_totals_by_year_and_activity_and_the_log():
    posts = [
        post("a.md", D(2011, 6, 20), 2, "course"),
        post("b.md", D(2011, 12, 31), 1.25, "reading"),
        post("c.md", D(2012, 1, 2), 0.5, None),
        post("d.md", D(2012, 2, 2)),  # no CPD field: not in the log
        post("e.md", D(2012, 3, 2), None, "event"),  # in the log, no hours
    ]
    rec = record.build(posts, record.ACTIVITIES, None, D(2012, 3, 5))
    assert [p.source for p in rec.log] == ["a.md", "b.md", "c.md", "e.md"]
    assert rec.total_hours == 3.75
    assert [(t.key, t.hours, t.posts) for t in rec.by_year] == [(2011, 3.25, 2), (2012, 0.5, 1)]
    assert [(t.key, t.hours) for t in rec.by_activity] == [
        ("reading", 1.25),
        ("course", 2),
        (record.NO_ACTIVITY, 0.5),
    ]


def test_the_evidence_matrix_counts_areas_and_marks_gaps():
    digcomp = framework.load("digcomp")
    posts = [
        post("a.md", D(2011, 7, 1), codes=["2.1", "2.6"]),
        post("b.md", D(2011, 7, 8), codes=["2.1"]),
        post("c.md", D(2011, 7, 9), codes=["5"]),  # an area itself
    ]
    rec = record.build(posts, record.ACTIVITIES, digcomp, D(2011, 8, 1))
    rows = {row.area.code: row for row in rec.matrix}
    assert [p.source for p in rows["2.1"].posts] == ["a.md", "b.md"]
    assert rows["2"].count == 2  # two posts, not three mentions
    assert rows["5"].count == 1 and rows["5.1"].gap
    assert rec.evidenced == 2 and len(rec.gaps) == 19


def test_streaks_current_and_longest():
    dates = [D(2011, 6, 20), D(2011, 6, 29), D(2011, 7, 4), D(2011, 7, 25), D(2011, 8, 1)]
    cal = weeks.build(dates, today=D(2011, 8, 3))
    assert cal.longest.weeks == 3 and cal.longest.start == D(2011, 6, 20)
    assert cal.current.weeks == 2 and cal.current.end == D(2011, 8, 1)
    assert [w.posts for w in cal.weeks] == [1, 1, 1, 0, 0, 1, 1]
    # A week without a post yet does not break the streak until it is over.
    assert weeks.build(dates, today=D(2011, 8, 10)).current.weeks == 2
    assert weeks.build(dates, today=D(2011, 8, 15)).current.weeks == 0


def test_the_calendar_is_one_row_per_year_and_stops_at_the_last_post_long_after():
    dates = [D(2010, 12, 27), D(2011, 1, 3), D(2011, 1, 3)]
    cal = weeks.build(dates, today=D(2020, 1, 1))
    assert [year for year, _ in cal.years] == [2010, 2011]  # ISO years
    assert [w.level for w in cal.weeks] == [1, 2]
    assert cal.weeks[-1].start == D(2011, 1, 3)
    assert weeks.build([], D(2011, 1, 1)).weeks == []
