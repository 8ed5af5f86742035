"""`python -m scripts.bulletin …`"""

import sys

from scripts.bulletin.cli import main

sys.exit(main())
