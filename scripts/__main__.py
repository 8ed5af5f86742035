"""`python -m scripts …`: the imports' command line (scripts/cli.py)."""

import sys

from scripts.cli import main

sys.exit(main())
