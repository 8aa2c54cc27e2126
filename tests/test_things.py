"""The one Thing detection of the shared core (core/things.py), where the cohort's and the
importer's former copies differed: the stricter or more complete rule is the one kept.
The cases each capability relies on stay in tests/cohort/ and tests/importer/."""

from __future__ import annotations

import pytest

from reflective.core import things

CPD23 = range(1, 24)


def test_the_title_wins_over_tags_for_feed_entries_too():
    found = things.detect("Thing 7: networks", ["thing8"])
    assert (found.things, found.source) == ([7], "title")
    assert things.detect("Networks", ["thing8", "Thing 9"]).things == [8, 9]


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        (" thing6 ", [6]),  # spaces around a feed's tag
        ("thing six", [6]),
        ("cpd 23 thing 6", [6]),
        ("something5", []),  # a word that ends in "thing" is not a Thing
        ("anything5", []),
        ("mything7", []),
    ],
)
def test_tags(tag, expected):
    assert things.detect("A reflection", [tag]).things == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Things 10 to 12", [10, 11, 12]),
        ("Things 10—12", [10, 11, 12]),
        ("Thing six", [6]),
        ("Thing 7th", []),
    ],
)
def test_titles(title, expected):
    assert things.detect(title).things == expected


def test_a_thing_outside_the_programme_leaves_the_whole_title_out():
    found = things.detect("Things 7 and 42", [], "", CPD23)
    assert found.things == [] and found.ambiguous and "Thing 42" in found.note
    assert things.detect("Things 7 and 42").things == [7, 42]  # no programme given


def test_the_body_is_only_read_when_given():
    assert things.detect("Networks", [], "The networks of Thing 6").things == [6]
    assert things.detect("Networks", []).things == []


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Thing 6 – two weeks late", [6]),
        ("Thing 6 - 2 weeks late", [6]),
        ("Thing 10 – one year on", [10]),
        ("Thing 3 and one more", [3]),
        ("Things 8 and 9 – two weeks behind", [8, 9]),
        ("Things eight and nine", [8, 9]),
        ("Things 10 to 12", [10, 11, 12]),
    ],
)
def test_a_number_after_the_things_that_names_no_thing_ends_the_group(title, expected):
    assert things.detect(title).things == expected
