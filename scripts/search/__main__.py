"""`python -m scripts.search site/`: write the search index of the built site (scripts/search/build.py)."""

from scripts.search.build import main

raise SystemExit(main())
