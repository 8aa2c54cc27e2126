"""programme: bundled programmes, files, and their problems."""

import pytest

from reflective.core import programme


def test_bundled_cpd23():
    cpd23 = programme.load("cpd23")
    assert cpd23.total == 23 and len(cpd23.things) == 23
    assert cpd23.get(6).title == "Online networks"
    assert cpd23.get(23).title == "Reflection: what next?"
    assert "cpd23" in programme.bundled_names()


def test_file_relative_to_base(tmp_path):
    (tmp_path / "prog.yaml").write_text(
        "name: Ten Things\nthings:\n  - {number: 1, title: One}\n"
        "  - {number: 2, title: Two, optional: true, section: Extras, week: 3}\n"
    )
    loaded = programme.load("prog.yaml", tmp_path)
    assert loaded.name == "Ten Things" and loaded.total == 1
    assert loaded.get(2).optional and loaded.get(2).section == "Extras"


def test_unknown_name_lists_bundled(tmp_path):
    with pytest.raises(programme.ProgrammeError) as error:
        programme.load("cpd24", tmp_path)
    assert "cpd23" in str(error.value) and "REFLECTIVE_PROGRAMME" in str(error.value)


@pytest.mark.parametrize(
    "text, field",
    [
        ("things: []", "name"),
        ("name: X\nthings:\n  - {number: one, title: A}", "things[0].number"),
        (
            "name: X\nthings:\n  - {number: 1, title: A}\n  - {number: 1, title: B}",
            "things[1].number",
        ),
        ("name: X\nthings:\n  - {number: 1}", "things[0].title"),
        ("name: X\nthings:\n  - {number: 1, title: A, colour: red}", "things[0].colour"),
        ("name: X\nthings: [unclosed", "front matter"),
    ],
)
def test_bad_programme_files(tmp_path, text, field):
    (tmp_path / "p.yaml").write_text(text)
    with pytest.raises(programme.ProgrammeError) as error:
        programme.load("p.yaml", tmp_path)
    assert field in [p.field for p in error.value.problems]
