"""frontmatter: fences, YAML 1.2 reading, lines, traps, and parse problems."""

import datetime as dt

from reflective.core import frontmatter


def split(text):
    return frontmatter.split(text, "post.md")


def test_no_front_matter_is_all_body():
    fm = split("Title: Pelican style\n\nBody")
    assert not fm.has_front_matter
    assert fm.body.startswith("Title: Pelican style")


def test_values_and_lines():
    fm = split(
        "---\ntitle: A\nthing: 6\nactions:\n  - one\n  - text: two\n    due: 2011-08-31\n---\nBody\n"
    )
    assert fm.data["thing"] == 6
    assert fm.data["actions"][1]["due"] == dt.date(2011, 8, 31)
    assert fm.line(("thing",)) == 3
    assert fm.line(("actions", 1, "due")) == 7
    assert fm.line(("actions", 1, "nonexistent")) == 6
    assert fm.body == "Body\n"


def test_bom_and_crlf_are_accepted():
    fm = split("\ufeff---\r\ntitle: A\r\nthing: 3\r\n---\r\nBody\r\n")
    assert fm.has_front_matter and fm.data == {"title": "A", "thing": 3}
    assert fm.body == "Body\n"


def test_yaml_12_reading_with_traps_recorded():
    fm = split("---\nstatus: no\nid: 010\nwhen: 1:20\nok: true\nq: 'no'\n---\n")
    assert fm.data["status"] == "no"
    assert fm.traps[("status",)].kind == "yaml11-bool"
    assert fm.data["id"] == 10 and fm.traps[("id",)].kind == "octal"
    assert fm.traps[("when",)].kind == "sexagesimal"
    assert fm.data["ok"] is True
    assert ("q",) not in fm.traps and fm.data["q"] == "no"


def test_impossible_date_is_kept_as_text_with_a_trap():
    fm = split("---\ndue: 2011-02-30\n---\n")
    assert fm.data["due"] == "2011-02-30"
    assert fm.traps[("due",)].kind == "bad-date"


def test_unparseable_yaml_is_a_problem_with_a_line():
    fm = split("---\ntitle: A\nactions: [unclosed\nthing: 3\n---\nBody")
    assert fm.data == {}
    (problem,) = fm.problems
    assert problem.field == "front matter"
    assert "does not parse" in problem.message
    assert problem.line is not None and problem.line >= 3


def test_unclosed_front_matter():
    fm = split("---\ntitle: A\nBody with no fence")
    (problem,) = fm.problems
    assert "never closed" in problem.message and problem.line == 1


def test_tab_indentation_is_named():
    fm = split("---\nactions:\n\t- one\n---\n")
    (problem,) = fm.problems
    assert "tab" in problem.message and problem.line == 3


def test_duplicate_key_is_a_problem():
    fm = split("---\ntitle: A\nthing: 3\nthing: 4\n---\n")
    (problem,) = fm.problems
    assert problem.field == "thing" and "twice" in problem.message and problem.line == 4


def test_front_matter_must_be_a_mapping():
    fm = split("---\n- a\n- b\n---\n")
    (problem,) = fm.problems
    assert "field: value" in problem.message


def test_empty_front_matter():
    fm = split("---\n---\nBody")
    assert fm.has_front_matter and fm.data == {} and not fm.problems


def test_recursive_alias_does_not_hang():
    fm = split("---\na: &x [1, *x]\n---\n")
    assert any("refers to itself" in p.message for p in fm.problems)


def test_path_str():
    assert frontmatter.path_str(("actions", 2, "status")) == "actions[2].status"
    assert frontmatter.path_str(("thing", 0)) == "thing[0]"
