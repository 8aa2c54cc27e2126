"""settings: defaults, checking, and the build's today."""

import datetime as dt
import logging

import pytest

from reflective.core import settings


def test_defaults():
    config = settings.read({"REFLECTIVE_TODAY": "2011-10-01"})
    assert config["REFLECTIVE_PROGRAMME"] == "cpd23" and config["REFLECTIVE_STRICT"] is True
    assert config["REFLECTIVE_PROGRESS_SAVE_AS"] == "progress/index.html"
    assert config["REFLECTIVE_TODAY"] == dt.date(2011, 10, 1)


def test_bad_values_fall_back_with_a_prefixed_warning(caplog):
    with caplog.at_level(logging.WARNING):
        config = settings.read(
            {
                "REFLECTIVE_STRICT": "yes",
                "REFLECTIVE_THING_SAVE_AS": "t.html",
                "REFLECTIVE_TYPO": 1,
                "REFLECTIVE_TODAY": "2011-10-01",
            }
        )
    assert config["REFLECTIVE_STRICT"] is True
    assert config["REFLECTIVE_THING_SAVE_AS"] == "things/{number}/index.html"
    messages = [r.getMessage() for r in caplog.records]
    assert all(m.startswith("reflective: ") for m in messages) and len(messages) == 3


def test_today_from_setting_epoch_and_timezone(monkeypatch):
    assert settings.today({"REFLECTIVE_TODAY": dt.date(2011, 1, 2)}) == dt.date(2011, 1, 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1317427200")  # 2011-10-01T00:00Z
    assert settings.today({"TIMEZONE": "UTC"}) == dt.date(2011, 10, 1)
    assert settings.today({"TIMEZONE": "America/New_York"}) == dt.date(2011, 9, 30)
    with pytest.raises(settings.SettingsError, match="ISO date"):
        settings.today({"REFLECTIVE_TODAY": "1 Oct 2011"})
