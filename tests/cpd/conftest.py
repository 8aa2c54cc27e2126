"""Fixtures of the CPD tests: chromium, as the theme tests have it (tests/browser)."""

import pytest
from browser._support import browser_fixture

browser = pytest.fixture(scope="session", name="browser")(browser_fixture)
