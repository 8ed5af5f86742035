"""MkDocs hooks that give the theme's search box the site's Vietnamese search engine.

Two documented extension points, nothing of the theme's bundle changed: each built page's config names
our worker (docs/assets/javascripts/tim-kiem/worker.js) instead of the theme's, and after the build the
search documents, with plain texts, authors and issues, move to search/tim-kiem.json, which the worker
fetches on a reader's first query (scripts.search.index). The work is in scripts.search.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.search.index import (
    DOCUMENTS,
    SearchSetupError,
    dump_index,
    prepare_index,
    separate_cells,
    theme_index,
    use_worker,
)

_pages: dict[str, dict] = {}


def on_pre_build(config) -> None:
    _pages.clear()


def on_page_content(html: str, page, config, files) -> str:
    return separate_cells(html)


def on_page_context(context, page, config, nav):
    _pages[page.url] = dict(page.meta)
    return context


def on_post_page(output: str, page, config) -> str:
    if page.meta.get("template") == "redirect.html":
        return output  # a landing page that sends the reader on: no theme, no search box
    try:
        return use_worker(output, page.file.src_uri)
    except SearchSetupError as error:
        raise PluginError(str(error)) from None


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name != "404.html":
        return output
    try:
        return use_worker(output, template_name)
    except SearchSetupError as error:
        raise PluginError(str(error)) from None


@event_priority(-100)  # after the theme's search plugin has written the index
def on_post_build(config) -> None:
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if not path.exists():
        raise PluginError(f"Lỗi: không thấy chỉ mục tìm kiếm '{path}'; plugin 'search' của giao diện có còn bật không?")
    index = json.loads(path.read_text(encoding="utf-8"))
    (path.parent.parent / DOCUMENTS).write_text(dump_index(prepare_index(index, _pages)), encoding="utf-8")
    path.write_text(dump_index(theme_index(index)), encoding="utf-8")
