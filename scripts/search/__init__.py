"""The site's search: the index written after the build from the built pages (build.py).

The engine and the box run in the browser (docs/assets/javascripts/tim-kiem/); this package holds what
the build does for them, free of any builder's internals.
"""
