"""Fixtures shared by every test folder: one chromium for the whole session.

Playwright's sync API allows one running instance per process, so the browser tests
of every capability (tests/browser/, tests/preview/, ...) share this one.
"""

import pytest
from browser._support import browser_fixture

browser = pytest.fixture(scope="session", name="browser")(browser_fixture)
