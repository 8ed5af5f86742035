"""Prepare the search index the theme's search plugin writes, and point the theme at our search worker.

The theme (Material for MkDocs) writes `search/search_index.json`: `{"config": …, "docs": [{location,
title, text}, …]}`, one doc per page and per section, texts as HTML. `prepare_index` turns titles and
texts into plain NFC text (smaller, and the engine highlights words without breaking markup) and adds to
each page's doc what a reader searches by but the theme leaves out: the author, and the issue as a tag.
The result goes to `DOCUMENTS`, fetched by our worker on a reader's first query; the theme's file keeps
only its config (`theme_index`), since every page of the theme loads it.
"""

from __future__ import annotations

import json
import re
from html import unescape

from scripts.vietnamese import nfc

WORKER = "assets/javascripts/tim-kiem/worker.js"
# the documents our worker fetches when a reader first searches; the theme's file keeps only its config
DOCUMENTS = "search/tim-kiem.json"
# bulletin articles are what readers come for: among equally good matches they go before reports and tasks
ARTICLE_BOOST = 1.5
# the theme's own worker, as its config names it: "…assets/javascripts/workers/search.<hash>.min.js"
_THEME_WORKER = re.compile(r'"search":\s*"([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
_CONFIG_START = '<script id="__config" type="application/json">'
_CELL_END = re.compile(r"</t[dh]>")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_BLOCK_TAGS = {
    "address", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "li", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
    "ul",
}  # fmt: skip


class SearchSetupError(Exception):
    """The theme no longer looks the way our search relies on: the build must stop, not lose search."""


def _tag_gap(match: re.Match[str]) -> str:
    return " " if match.group(1).lower() in _BLOCK_TAGS else ""


def plain_text(html: str) -> str:
    """The text of an HTML fragment, NFC, whitespace collapsed: '<p>A &amp; <em>B</em></p>' → 'A & B'.

    The fragments are the theme's index texts, already reduced to a few plain tags without attributes
    that hold '>'; a block tag parts words, an inline one does not.
    """
    text = _TAG.sub(_tag_gap, html)
    return " ".join(nfc(unescape(text)).split())


def separate_cells(html: str) -> str:
    """`html` with a space closing each table cell: the theme's indexer joins cell texts without one
    ('Mã' + 'Nội dung' → 'MãNội dung'), which would make words no reader types. Invisible on the page."""
    return _CELL_END.sub(r" \g<0>", html)


def prepare_index(index: dict, pages: dict[str, dict]) -> dict:
    """The theme's index with plain texts, plus `author` and `tags` on the doc of each page in `pages`,
    and a `boost` on every doc of a bulletin article.

    `pages` maps a page's URL (as in `location`, e.g. 'ban-tin/2023/10/1-1-…/') to its front matter.
    """
    docs = []
    for doc in index["docs"]:
        prepared = {"location": doc["location"], "title": plain_text(doc["title"]), "text": plain_text(doc["text"])}
        page = pages.get(doc["location"].split("#")[0], {})
        if doc["location"] in pages:  # the page itself, not one of its sections
            if page.get("author"):
                prepared["author"] = nfc(str(page["author"]))
            if page.get("issue_label"):
                prepared["tags"] = [nfc(str(page["issue_label"]))]
        if page.get("article"):
            prepared["boost"] = ARTICLE_BOOST
        docs.append(prepared)
    return {"config": index["config"], "docs": docs}


def theme_index(index: dict) -> dict:
    """What stays in the theme's `search_index.json`, which every page loads: the config, no documents."""
    return {"config": index["config"], "docs": []}


def dump_index(index: dict) -> str:
    """The index as compact JSON, Vietnamese letters as UTF-8 rather than \\u escapes (a third the size)."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def use_worker(html: str, page: str) -> str:
    """`html` (a built page) with the theme's search worker replaced by ours in its `__config`.

    Raise `SearchSetupError` when the page has no such config, which means the theme changed.
    """
    start = html.rfind(_CONFIG_START)  # near the end of the page: searched from there
    end = html.find("</script>", start) if start != -1 else -1
    if end == -1:
        raise SearchSetupError(
            f"Lỗi: trang '{page}' không có cấu hình '__config' của giao diện; bộ tìm kiếm tiếng Việt không gắn "
            "được vào ô tìm kiếm. Hãy xem lại hooks/search.py sau khi nâng cấp mkdocs-material."
        )
    start += len(_CONFIG_START)
    replaced, count = _THEME_WORKER.subn(lambda m: f'"search":"{m.group(1)}{WORKER}"', html[start:end])
    if count != 1:
        raise SearchSetupError(
            f"Lỗi: cấu hình giao diện ở trang '{page}' không còn khóa \"search\" trỏ tới worker của Material; "
            "bộ tìm kiếm tiếng Việt không gắn được. Hãy xem lại hooks/search.py sau khi nâng cấp mkdocs-material."
        )
    return html[:start] + replaced + html[end:]
