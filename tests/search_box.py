"""Drive the site's search box in Chromium the way a reader does: used by the search tests and benchmark.

The box (assets/javascripts/tim-kiem/hop-tim-kiem.js) opens from the header's button; it marks its dialog
`data-ready` once the page list is loaded, and its result list `data-query` once the results of a query
are shown. Snippets come a moment later, as their texts arrive.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

BUTTON = ".bt-search-button"
BOX = "#bt-search-input"
LIST = ".bt-search__results"
ITEMS = ".bt-search__item"


@dataclass
class Answer:
    pages: list[str]  # site-relative paths of the result pages, best first ('ban-tin/2023/10/…/')
    seconds: float  # from the query typed to the results shown
    items: list[str]  # the outer HTML of the first results, as shown (with their snippets)
    status: str = ""  # what the box says about the results ('12 trang có đủ các từ đã gõ.')
    partial: int = 0  # results that hold only some of the words (shown after the others)


class SearchBox:
    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base

    def open(self, path: str = "") -> float:
        """Load a page, open the box and wait until its page list is loaded; return the seconds that took."""
        start = time.perf_counter()
        self.page.goto(self.base + path)
        self.page.click(BUTTON)
        self.page.wait_for_selector(".bt-search[data-ready]", state="attached", timeout=120_000)
        return time.perf_counter() - start

    def search(self, text: str, shown: int = 3, clear: bool = True) -> Answer:
        """Type `text` into the box (emptied first unless `clear` is false: the next key of a word being
        typed) and return the results."""
        if clear:
            self.page.fill(BOX, "")
        start = time.perf_counter()
        self.page.fill(BOX, text)
        self.page.wait_for_function(
            "([list, text]) => document.querySelector(list).getAttribute('data-query') === text",
            arg=[LIST, text],
            timeout=60_000,
        )
        seconds = time.perf_counter() - start
        count = min(shown, self.page.locator(ITEMS).count())
        if count:
            self.page.wait_for_function(
                f"""() => Array.from(document.querySelectorAll('{ITEMS}')).slice(0, {count})
                    .every(item => item.querySelector('.bt-search__snippet'))"""
            )
        links = self.page.eval_on_selector_all(f"{ITEMS} a", "links => links.map(a => a.href)")
        items = self.page.eval_on_selector_all(ITEMS, f"items => items.slice(0, {shown}).map(i => i.outerHTML)")
        partial = self.page.locator(".bt-search__item--partial").count()
        status = self.page.inner_text("#bt-search-status")
        return Answer([self.path(link) for link in links], seconds, items, status, partial)

    def path(self, link: str) -> str:
        return urlsplit(link).path.removeprefix(urlsplit(self.base).path)
