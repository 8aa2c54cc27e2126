"""exports: progress.json matches its schema; actions.ics parses back (RFC 5545)."""

import datetime as dt
import json

import icalendar
import jsonschema

from reflective.progress import exports

from test_model import build, post

SCHEMA = json.loads(exports.SCHEMA_PATH.read_text())


def sample_site():
    return build(
        post(
            "a.md",
            """
thing: 6
actions:
  - {id: cv, text: "Update my *CV*; then, send it", due: 2011-08-31, priority: high, note: "Ask J, first"}
  - {id: habit, text: Weekly comment, every: week}
  - {id: nodue, text: No due date}
  - {id: secret, text: Secret thing, due: 2011-09-01, private: true}
""",
            "2011-07-01",
        ),
        post(
            "b.md",
            "thing: [8, 9]\nupdates:\n  - {action: cv, status: done, date: 2011-08-20}\n"
            "  - {action: habit, note: first}",
            "2011-08-21",
        ),
    )


def test_json_validates_and_holds_the_state():
    data = json.loads(exports.progress_json(sample_site(), "https://me.example.org", "progress/"))
    jsonschema.validate(data, SCHEMA)
    assert data["schema_version"] == 1 and data["today"] == "2011-10-01"
    assert data["programme"]["written"] == 3 and data["programme"]["total"] == 23
    by_id = {a["id"]: a for a in data["actions"]}
    assert set(by_id) == {"cv", "habit", "nodue"}
    assert by_id["cv"]["status"] == "done" and by_id["cv"]["done"] == "2011-08-20"
    assert by_id["cv"]["post"]["url"] == "https://me.example.org/a.md.html"
    assert by_id["cv"]["history"][0]["post"]["things"] == [8, 9]
    assert by_id["habit"]["history"][0]["status"] is None
    assert data["progress_url"] == "https://me.example.org/progress/"
    assert "Secret" not in json.dumps(data)


def test_calendar_parses_back():
    raw = exports.calendar(sample_site(), "https://me.example.org", "me.example.org")
    cal = icalendar.Calendar.from_ical(raw)
    todos = cal.walk("VTODO")
    assert len(todos) == 1  # only visible actions with a due date
    (todo,) = todos
    assert str(todo["uid"]) == "cv@me.example.org"
    assert str(todo["summary"]) == "Update my CV; then, send it"
    assert str(todo["description"]) == "Ask J, first"
    assert todo.decoded("due") == dt.date(2011, 8, 31)
    assert str(todo["status"]) == "COMPLETED" and int(todo["priority"]) == 1
    assert todo.decoded("completed") == dt.datetime(2011, 8, 20, tzinfo=dt.UTC)
    assert todo.decoded("dtstamp") == dt.datetime(2011, 8, 20, tzinfo=dt.UTC)
    assert str(todo["url"]) == "https://me.example.org/a.md.html#action-cv"
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))


def test_outputs_are_deterministic():
    assert exports.calendar(sample_site()) == exports.calendar(sample_site())
    assert exports.progress_json(sample_site()) == exports.progress_json(sample_site())


def test_streamed_json_is_the_same_document_byte_for_byte():
    import io

    from test_model import build as build_site

    for site in (sample_site(), build_site()):
        handle = io.StringIO()
        exports.write_progress_json(handle, site, "https://me.example.org", "progress/")
        expected = exports.progress_json(site, "https://me.example.org", "progress/")
        assert handle.getvalue() == expected
        jsonschema.validate(json.loads(handle.getvalue()), SCHEMA)


def test_calendar_bytes_are_icalendars_own_serialisation():
    """The short-line fast path gives exactly what `Calendar.to_ical()` gives."""
    long_text = "Ask the subject team about café opening hours, " * 4
    site = build(
        post(
            "long.md",
            "actions:\n"
            f"  - {{id: long, text: '{long_text}', due: 2011-08-31, note: 'ü' }}\n"
            "  - {id: short, text: 'Exactly, short; text', due: 2011-09-01}\n",
        )
    )
    raw = exports.calendar(site, "https://me.example.org", uid_domain="me.example.org")
    component = exports.calendar_component(site, "https://me.example.org", "me.example.org")
    assert raw == component.to_ical()
    assert any(line.startswith(b" ") for line in raw.split(b"\r\n"))  # a folded line
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
