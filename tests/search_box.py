"""Drive the site's search box in Chromium the way a reader does: used by the search tests and benchmark.

Material sends a query when a key goes up in the box (and once the search worker is ready), so a query is
filled in and then an End key is pressed; the results are in when the line above the list has been
rewritten. The same box serves with any engine behind it: stock Material or ours.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

BOX = "input.md-search__input"
META = ".md-search-result__meta"
ITEMS = ".md-search-result__item"


@dataclass
class Answer:
    pages: list[str]  # site-relative paths of the result pages, best first ('ban-tin/2023/10/…/')
    seconds: float  # from the last key going up to the results shown
    items: list[str]  # the outer HTML of the first results, as shown


class SearchBox:
    def __init__(self, page, base: str) -> None:
        self.page = page
        self.base = base

    def open(self, path: str = "") -> float:
        """Load a page and wait until its search index is loaded; return the seconds that took."""
        start = time.perf_counter()
        self.page.goto(self.base + path)
        self.page.click(BOX)
        self.page.wait_for_function(
            """([meta]) => {
                const config = JSON.parse(document.getElementById("__config").textContent);
                const element = document.querySelector(meta);
                return element && element.textContent === config.translations["search.result.placeholder"];
            }""",
            arg=[META],
            timeout=120_000,
        )
        return time.perf_counter() - start

    def search(self, text: str, shown: int = 3) -> Answer:
        """Type `text` into the box and return the results."""
        self.page.fill(BOX, "")
        self.page.press(BOX, "End")
        self.page.wait_for_function(
            """([meta]) => {
                const config = JSON.parse(document.getElementById("__config").textContent);
                return document.querySelector(meta).textContent === config.translations["search.result.placeholder"];
            }""",
            arg=[META],
        )
        self.page.eval_on_selector(META, "element => { element.textContent = '' }")
        self.page.fill(BOX, text)
        start = time.perf_counter()
        self.page.press(BOX, "End")
        self.page.wait_for_function("([meta]) => document.querySelector(meta).textContent !== ''", arg=[META])
        seconds = time.perf_counter() - start
        # one item per page: its first link is the page, the others its sections
        links = self.page.eval_on_selector_all(ITEMS, "items => items.map(i => i.querySelector('a').href)")
        items = self.page.eval_on_selector_all(ITEMS, f"items => items.slice(0, {shown}).map(i => i.outerHTML)")
        return Answer([self.path(link) for link in links], seconds, items)

    def path(self, link: str) -> str:
        return urlsplit(link).path.removeprefix(urlsplit(self.base).path)
