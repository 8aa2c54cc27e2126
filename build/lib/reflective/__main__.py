"""`python -m reflective`: the same command as the `reflective` console script."""

import sys

from .cli import main

sys.exit(main())
