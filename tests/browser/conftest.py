"""Fixtures of the theme tests (tests/browser/ only): the published site and chromium."""

import pytest

from ._support import browser_fixture, page_fixture, site_fixture, split_site_fixture

site = pytest.fixture(scope="session", name="site")(site_fixture)
split_site = pytest.fixture(scope="session", name="split_site")(split_site_fixture)
browser = pytest.fixture(scope="session", name="browser")(browser_fixture)
page = pytest.fixture(name="page")(page_fixture)
