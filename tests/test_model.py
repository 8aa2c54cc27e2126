"""model: update resolution, overdue, groups, counts, visibility and cross-post checks."""

import datetime as dt

from reflective.core import frontmatter, model, programme, schema

CPD23 = programme.load("cpd23")
TODAY = dt.date(2011, 10, 1)


def post(source, yaml_text, date="2011-07-01", draft=False, title=None):
    fm = frontmatter.split("---\n" + yaml_text.strip("\n") + "\n---\n", source)
    fields, problems = schema.read_fields(fm, source)
    return model.PostInput(
        source=source,
        title=title or source,
        url=source + ".html",
        date=dt.date.fromisoformat(date),
        fields=fields,
        draft=draft,
        problems=problems,
    )


def build(*posts, show_private=False, today=TODAY):
    return model.build(list(posts), CPD23, today, show_private=show_private)


def test_updates_apply_in_date_order_and_last_status_wins():
    site = build(
        post("a.md", "thing: 1\nactions:\n  - id: x\n    text: X", "2011-06-01"),
        # written later, but dated earlier: applied first
        post(
            "c.md", "updates:\n  - action: x\n    status: done\n    date: 2011-07-10", "2011-08-01"
        ),
        post("b.md", "updates:\n  - action: x\n    status: doing", "2011-07-01"),
    )
    assert site.problems == []
    (action,) = site.actions
    assert action.status == "done" and action.done == dt.date(2011, 7, 10)
    assert [u.post.source for u in action.history] == ["b.md", "c.md"]
    assert action.done_post.source == "c.md"


def test_reopening_clears_the_done_date():
    site = build(
        post("a.md", "actions:\n  - id: x\n    text: X\n    done: 2011-06-02", "2011-06-01"),
        post("b.md", "updates:\n  - action: x\n    status: doing", "2011-07-01"),
    )
    (action,) = site.actions
    assert action.status == "doing" and action.done is None


def test_overdue_against_today():
    site = build(
        post(
            "a.md",
            """
actions:
  - {id: late, text: Late, due: 2011-09-30}
  - {id: today, text: Today, due: 2011-10-01}
  - {id: done-late, text: Done, due: 2011-01-01, status: done}
  - {id: doing-late, text: Doing, due: 2011-01-01, status: doing}
""",
        )
    )
    overdue = {a.id for a in site.actions if a.overdue}
    assert overdue == {"late", "doing-late"}
    assert site.counts["overdue"] == 2


def test_groups_order_and_habits_with_checkins():
    site = build(
        post(
            "a.md",
            """
actions:
  - {id: open-a, text: A}
  - {id: habit, text: Habit, every: week}
  - {id: late, text: Late, due: 2011-09-01}
  - {id: gone, text: Gone, status: dropped}
  - {id: fin, text: Fin, done: 2011-07-01}
""",
            "2011-06-01",
        ),
        post(
            "b.md",
            "updates:\n  - action: habit\n    note: went well\n  - action: habit\n    date: 2011-07-08",
            "2011-07-01",
        ),
    )
    groups = {g.key: [a.id for a in g.actions] for g in site.groups}
    assert list(groups) == ["overdue", "open", "habits", "done", "dropped"]
    assert groups == {
        "overdue": ["late"],
        "open": ["open-a"],
        "habits": ["habit"],
        "done": ["fin"],
        "dropped": ["gone"],
    }
    habit = site.by_id["habit"]
    assert len(habit.checkins) == 2 and habit.last_checkin == dt.date(2011, 7, 8)
    assert habit.status == "todo"
    assert site.counts == {
        "todo": 3,
        "doing": 0,
        "done": 1,
        "dropped": 1,
        "overdue": 1,
        "habits": 1,
        "total": 5,
    }


def test_duplicate_ids_are_reported_with_both_places():
    site = build(
        post("a.md", "actions:\n  - id: x\n    text: A"),
        post("b.md", "actions:\n  - id: x\n    text: B", "2011-07-02"),
    )
    (problem,) = site.problems
    assert problem.file == "b.md" and problem.field == "actions[0].id"
    assert "a.md:3" in problem.message and "already used" in problem.message


def test_duplicate_derived_ids_ask_for_an_explicit_id():
    site = build(
        post(
            "a.md",
            "actions:\n  - Read the chartership handbook this week please\n"
            "  - Read the chartership handbook this week again",
        )
    )
    (problem,) = site.problems
    assert "derived" in problem.message and "id:" in problem.message


def test_update_of_unknown_action_suggests_the_closest_id():
    site = build(
        post("a.md", "actions:\n  - id: brand-audit\n    text: A"),
        post("b.md", "updates:\n  - action: brand-audti\n    status: done", "2011-07-02"),
    )
    (problem,) = site.problems
    assert problem.field == "updates[0].action" and problem.line == 3
    assert problem.suggestion == "brand-audit"
    assert "did you mean 'brand-audit'" in problem.format()


def test_thing_not_in_programme():
    site = build(post("a.md", "thing: 24"))
    (problem,) = site.problems
    assert problem.field == "thing" and problem.line == 2
    assert "Thing 24 is not in the programme" in problem.message and "1–23" in problem.message
    site = build(post("a.md", "thing: [8, 30]"))
    assert site.problems[0].field == "thing[1]"


def test_private_actions_hidden_unless_shown():
    a = post("a.md", "actions:\n  - {id: p, text: Secret, private: true}\n  - {id: q, text: Open}")
    b = post("b.md", "updates:\n  - action: p\n    status: done", "2011-08-01")
    site = build(a, b)
    assert [x.id for x in site.actions] == ["q"] and site.hidden_private == 1
    assert [x.id for x in site.posts[0].actions] == ["q"]
    assert site.posts[1].updates == []  # an update of a private action is private too
    shown = build(a, b, show_private=True)
    assert {x.id for x in shown.actions} == {"p", "q"}
    assert len(shown.posts[1].updates) == 1


def test_drafts_do_not_count_and_their_updates_do_not_apply():
    site = build(
        post("a.md", "thing: 1\nactions:\n  - {id: x, text: X}", "2011-06-01"),
        post(
            "d.md",
            "thing: 2\nactions:\n  - {id: y, text: Y}\nupdates:\n  - action: x\n    status: done",
            "2011-07-01",
            draft=True,
        ),
    )
    assert site.problems == []
    assert [a.id for a in site.actions] == ["x"] and site.by_id["x"].status == "todo"
    assert site.written == 1 and site.thing(2).posts == []
    draft_view = site.posts[1]
    assert [a.id for a in draft_view.actions] == ["y"]


def test_published_update_of_a_draft_action_is_reported():
    site = build(
        post("d.md", "actions:\n  - {id: y, text: Y}", draft=True),
        post("b.md", "updates:\n  - action: y\n    status: done", "2011-08-01"),
    )
    (problem,) = site.problems
    assert "draft" in problem.message and problem.file == "b.md"


def test_previous_and_next_thing_skip_unwritten_things():
    site = build(
        post("one.md", "thing: 1", "2011-06-01"),
        post("mix.md", "thing: [8, 9]", "2011-08-01"),
        post("five.md", "thing: 5", "2011-07-01"),
        post("bonus.md", "title: b", "2011-07-15"),
    )
    views = {v.ref.source: v for v in site.posts}
    assert views["one.md"].previous is None and views["one.md"].next.number == 5
    assert views["five.md"].previous.number == 1 and views["five.md"].next.number == 8
    assert views["mix.md"].previous.number == 5 and views["mix.md"].next is None
    assert views["bonus.md"].previous is None and views["bonus.md"].things == []
    assert site.written == 4 and site.total == 23 and site.percent == 17


def test_reader_problems_are_carried():
    site = build(post("a.md", "thing: nope"))
    assert [p.field for p in site.problems] == ["thing"]
