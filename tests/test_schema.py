"""schema: every per-post field, its default, and every per-post bad input of SPEC §4."""

from reflective.core import frontmatter, schema


def read(yaml_text):
    fm = frontmatter.split("---\n" + yaml_text.strip("\n") + "\n---\nBody\n", "p.md")
    fields, problems = schema.read_fields(fm, "p.md")
    return fields, list(fm.problems) + problems


def only(problems):
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


def test_full_example_from_the_spec():
    fields, problems = read("""
thing: 6
actions:
  - Update my CILIP Communities profile
  - id: linkedin-profile
    text: Finish my LinkedIn profile — new photo, role description, a real tagline
    due: 2011-08-31
  - text: Ask two committee colleagues for a [recommendation](https://example.org/help)
    priority: low
    private: true
  - id: forum-weekly
    text: Post one comment a week on the new-professionals forum
    every: week
updates:
  - action: cilip-profile-older-id
    status: done
    note: Rewrote the summary.
""")
    assert problems == []
    assert fields["things"] == [6]
    first, second, third, fourth = fields["actions"]
    assert first["id"] == "update-my-cilip-communities-profile" and first["derived_id"]
    assert first["status"] == "todo" and first["priority"] == "normal"
    assert second["id"] == "linkedin-profile" and second["due"] == "2011-08-31"
    assert third["id"] == "ask-two-committee-colleagues-for-a"
    assert third["private"] is True and third["priority"] == "low"
    assert fourth["every"] == "week"
    (update,) = fields["updates"]
    assert update == {
        "action": "cilip-profile-older-id",
        "status": "done",
        "date": None,
        "note": "Rewrote the summary.",
        "line": 15,
        "index": 0,
    }


def test_combined_and_bonus_posts():
    assert read("thing: [8, 9]")[0]["things"] == [8, 9]
    fields, problems = read("title: x")
    assert fields["things"] == [] and problems == []


def test_done_date_without_status_means_done():
    fields, problems = read("actions:\n  - text: A\n    done: 2011-07-02")
    assert not problems
    assert fields["actions"][0]["status"] == "done"
    assert fields["actions"][0]["done"] == "2011-07-02"


def test_derived_id_uses_first_six_words_without_markup():
    assert (
        schema.derive_id("Ask *two* [committee](https://x.org) colleagues for a nice reference")
        == "ask-two-committee-colleagues-for-a"
    )
    assert schema.derive_id("Café déjà vu") == "cafe-deja-vu"


def test_thing_not_an_integer():
    problem = only(read("thing: six")[1])
    assert problem.field == "thing" and problem.line == 2
    assert "expected a whole number" in problem.message and "'six'" in problem.message


def test_thing_quoted_number_and_bool_and_float():
    assert "'6'" in only(read("thing: '6'")[1]).message
    assert only(read("thing: 6.5")[1]).field == "thing"
    assert only(read("thing: [8, nine]")[1]).field == "thing[1]"
    assert "empty list" in only(read("thing: []")[1]).message


def test_unknown_status_with_suggestion():
    problem = only(read("actions:\n  - text: A\n    status: finished")[1])
    assert problem.field == "actions[0].status" and problem.line == 4
    assert "unknown status 'finished'" in problem.message
    assert "allowed: todo, doing, done, dropped" in problem.message
    problem = only(read("actions:\n  - text: A\n    status: dnoe")[1])
    assert problem.suggestion == "done"
    assert "(did you mean 'done'?)" in problem.format()


def test_status_no_is_the_yaml_11_trap():
    problem = only(read("actions:\n  - text: A\n    status: no")[1])
    assert problem.field == "actions[0].status"
    assert "'no'" in problem.message and "false" in problem.message


def test_unknown_priority_and_period():
    problem = only(read("actions:\n  - text: A\n    priority: urgent")[1])
    assert problem.field == "actions[0].priority" and "high, normal, low" in problem.message
    problem = only(read("actions:\n  - text: A\n    every: weekly")[1])
    assert problem.field == "actions[0].every"
    assert "day, week, fortnight, month" in problem.message and problem.suggestion == "week"


def test_uppercase_choice_is_explained():
    problem = only(read("actions:\n  - text: A\n    status: Done")[1])
    assert "lowercase" in problem.message


def test_date_that_does_not_exist():
    problem = only(read("actions:\n  - text: A\n    due: 2011-02-30")[1])
    assert problem.field == "actions[0].due" and problem.line == 4
    assert "'2011-02-30' is not a real date" in problem.message


def test_date_in_another_format():
    problem = only(read("actions:\n  - text: A\n    due: 31/08/2011")[1])
    assert "YYYY-MM-DD" in problem.message and "31/08/2011" in problem.message


def test_id_010_is_the_octal_trap():
    problem = only(read("actions:\n  - text: A\n    id: 010")[1])
    assert problem.field == "actions[0].id"
    assert "number" in problem.message and "'010'" in problem.message
    assert "8" in problem.message


def test_invalid_id_suggests_a_slug():
    problem = only(read("actions:\n  - text: A\n    id: My Profile")[1])
    assert problem.suggestion == "my-profile"


def test_private_yes_is_not_silently_true():
    problem = only(read("actions:\n  - text: A\n    private: yes")[1])
    assert problem.field == "actions[0].private" and "true or false" in problem.message


def test_missing_text_keeps_the_action():
    fields, problems = read("actions:\n  - id: a\n    due: 2011-08-01")
    assert only(problems).field == "actions[0].text"
    assert fields["actions"][0]["id"] == "a"


def test_unknown_field_in_action_with_suggestion():
    fields, problems = read("actions:\n  - text: A\n    stauts: done")
    problem = only(problems)
    assert problem.field == "actions[0].stauts" and problem.suggestion == "status"
    assert len(fields["actions"]) == 1


def test_done_date_with_other_status():
    problem = only(read("actions:\n  - text: A\n    status: todo\n    done: 2011-07-01")[1])
    assert problem.field == "actions[0].done"


def test_action_that_is_empty_or_a_list():
    assert "found nothing" in only(read("actions:\n  -")[1]).message
    assert only(read("actions: one")[1]).field == "actions"


def test_update_problems():
    problem = only(read("updates:\n  - status: done")[1])
    assert problem.field == "updates[0].action" and "required" in problem.message
    problem = only(read("updates:\n  - action: a\n    status: complete")[1])
    assert problem.field == "updates[0].status"
    problem = only(read("updates:\n  - action: a\n    date: 2011-13-01")[1])
    assert problem.field == "updates[0].date"
    problem = only(read("updates:\n  - action: a\n    notes: x")[1])
    assert problem.suggestion == "note"
    assert only(read("updates: done")[1]).field == "updates"


def test_near_miss_of_our_fields():
    problem = only(read("action:\n  - A")[1])
    assert problem.field == "action" and problem.suggestion == "actions"
    problem = only(read("Thing: 3")[1])
    assert "lowercase" in problem.message


def test_numbers_as_text_are_kept_as_written():
    fields, problems = read("actions:\n  - 2011 review\n  - text: 42")
    assert not problems
    assert fields["actions"][1]["text"] == "42"
