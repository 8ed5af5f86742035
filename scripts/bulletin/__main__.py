"""`python -m scripts.bulletin …`: the name the README and editors know for `python -m scripts` (an entry
point only: nothing imports it, so the bulletin package depends on no other import package)."""

import sys

from scripts.cli import main

sys.exit(main())
