"""Tests of the preview capability (`make serve`): tests/ on the path for sitebuild."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
