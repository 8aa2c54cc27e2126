"""Fixtures of the theme tests (tests/browser/ only): the published site and a tab.

The browser itself is tests/conftest.py's, shared with the other folders' browser tests.
"""

import pytest

from ._support import page_fixture, site_fixture, split_site_fixture

site = pytest.fixture(scope="session", name="site")(site_fixture)
split_site = pytest.fixture(scope="session", name="split_site")(split_site_fixture)
page = pytest.fixture(name="page")(page_fixture)
