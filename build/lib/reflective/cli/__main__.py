"""`python -m reflective.cli`: the same as the `reflective` command."""

import sys

from . import main

sys.exit(main())
