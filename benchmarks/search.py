"""Search quality of the built site, measured in headless Chromium through the site's own search box.

`python -m benchmarks.search` builds the site, serves it on 127.0.0.1 and types every query of
tests/fixtures/search-queries.json four ways (with diacritics, without, with the other tone placement,
in decomposed Unicode); it prints the share of queries whose article is among the first three results,
per way of typing, and the median time from typing the query to settled results (each query on a freshly
loaded page whose search index has loaded). Prints figures only.
"""

from __future__ import annotations

import functools
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

from scripts.vietnamese import fold, other_tone_placement

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "tests" / "fixtures" / "search-queries.json"
WAYS = {
    "có dấu": lambda q: q,
    "không dấu": lambda q: fold(q),
    "bỏ dấu kiểu khác": other_tone_placement,
    "Unicode tổ hợp (NFD)": lambda q: unicodedata.normalize("NFD", q),
}


def article_urls() -> dict[tuple[str, int, int], str]:
    """(source file, section, article) → site-relative URL of the article page."""
    import yaml

    urls = {}
    for page in (REPO / "docs" / "ban-tin").glob("*/*/*.md"):
        text = page.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
        if meta.get("article"):
            relative = page.relative_to(REPO / "docs").with_suffix("")
            urls[(meta["source"], meta["section"], meta["article"])] = f"{relative.as_posix()}/"
    return urls


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _settled_results(page, timeout: float = 5.0) -> list[str]:
    """The first three result links once they stop changing (the search worker answers asynchronously)."""
    script = "links => links.map(a => a.href)"
    selector = ".md-search-result__item > .md-search-result__link"
    deadline = time.perf_counter() + timeout
    last, stable = None, 0
    while time.perf_counter() < deadline:
        top = page.eval_on_selector_all(selector, script)[:3]
        stable = stable + 1 if top == last and top else 0
        if stable >= 3:
            return top
        last = top
        page.wait_for_timeout(20)
    return last or []


def main() -> None:
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))
    urls = article_urls()
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", out], cwd=REPO, check=True, capture_output=True
        )
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=out))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        hits = {way: 0 for way in WAYS}
        delays: list[float] = []
        misses: list[str] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page()
            for query in queries:
                expected = urls[(query["sample"], query["section"], query["article"])]
                for way, typed in WAYS.items():
                    text = typed(query["query"])
                    page.goto(base)  # a fresh page per query: Material's box does not search again after a reset
                    page.wait_for_load_state("networkidle")
                    start = time.perf_counter()
                    page.fill("input.md-search__input", text)
                    top = _settled_results(page)
                    delays.append(time.perf_counter() - start)
                    if any(link.removeprefix(base).split("?")[0].split("#")[0] == expected for link in top):
                        hits[way] += 1
                    else:
                        misses.append(f"{way}: {text!r} → {expected}")
            browser.close()
        server.shutdown()
    total = len(queries)
    print(f"Tìm kiếm: {total} truy vấn × {len(WAYS)} cách gõ, đúng bài trong 3 kết quả đầu:")
    for way, count in hits.items():
        print(f"  {way:22} {count}/{total} ({100 * count / total:.0f}%)")
    overall = sum(hits.values())
    print(f"  tổng cộng              {overall}/{total * len(WAYS)} ({100 * overall / (total * len(WAYS)):.0f}%)")
    print(f"  thời gian đến khi có kết quả: trung vị {1000 * statistics.median(delays):.0f} ms")
    for miss in misses:
        print("  trượt:", miss)


if __name__ == "__main__":
    main()
