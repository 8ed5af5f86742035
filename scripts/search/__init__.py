"""The site's search: the index prepared at build time and the engine shipped with the site.

The engine runs in the browser (docs/assets/javascripts/tim-kiem/); this package holds what the build
does for it, kept free of MkDocs so that it can be tested and reused alone. hooks/search.py adapts it.
"""
