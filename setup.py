"""Packaging: everything is in pyproject.toml; this file only puts theme/ into the wheel.

The kit's theme stays where it is (`theme/`, its source; the repository's layout is
fixed); a built wheel carries a copy at `reflective/theme/`, which
`reflective.core.theme.path()` returns once installed, so an upgrade of Reflective
upgrades the theme. An editable install (`make install`) needs no copy: there,
`path()` returns the checkout's `theme/`.
"""

import os
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = os.path.dirname(os.path.abspath(__file__))


class BuildWithTheme(build_py):
    """build_py, then theme/ copied whole into the build as reflective/theme/."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = os.path.join(self.build_lib, "reflective", "theme")
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(
            os.path.join(HERE, "theme"),
            target,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"),
        )


setup(cmdclass={"build_py": BuildWithTheme})
