"""Search benchmark: quality, index size and speed of the site's search, beside stock Material's.

`python -m benchmarks.search` builds the site twice, with the project's search (hooks/search.py) and
without it (stock Material, `lang: vi`), serves each on 127.0.0.1 and drives the search box in headless
Chromium (tests/search_box.py):

- quality: every query of tests/fixtures/search-queries.json (the samples') and of
  tests/fixtures/search-queries-site.json (ours, over all content), each typed four ways (with diacritics,
  without, other tone placement, decomposed Unicode): share whose page is among the first three results;
- size: search/search_index.json in bytes and gzip;
- speed: seconds from opening a fresh page to the first results of a query typed at once (index fetched
  and built), and from the last key going up to the results shown once it is built.

Then the same size and speed figures for a synthetic ten-year archive (benchmarks/archive.py, 120 issues).
Prints figures only. `--quick` skips stock Material's quality run and the ten-year archive.
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import tempfile
import unicodedata
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.archive import build_seconds, make_archive
from scripts.search.index import DOCUMENTS
from scripts.vietnamese import fold, other_tone_placement
from tests.conftest import CHROMIUM_ARGS, serve_directory
from tests.search_box import SearchBox

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
WAYS = {
    "có dấu": lambda q: q,
    "không dấu": lambda q: fold(q),
    "bỏ dấu kiểu khác": other_tone_placement,
    "Unicode tổ hợp (NFD)": lambda q: unicodedata.normalize("NFD", q),
}


def article_urls(docs: Path = REPO / "docs") -> dict[tuple[str, int, int], str]:
    """(source file, section, article) → site-relative URL of the article page."""
    import yaml

    urls = {}
    for page in (docs / "ban-tin").glob("*/*/*.md"):
        text = page.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
        if meta.get("article"):
            relative = page.relative_to(docs).with_suffix("")
            urls[(meta["source"], meta["section"], meta["article"])] = f"{relative.as_posix()}/"
    return urls


def queries() -> list[tuple[str, str]]:
    """(query, expected page path) of both query sets."""
    urls = article_urls()
    samples = json.loads((FIXTURES / "search-queries.json").read_text(encoding="utf-8"))
    ours = json.loads((FIXTURES / "search-queries-site.json").read_text(encoding="utf-8"))
    return [(q["query"], urls[(q["sample"], q["section"], q["article"])]) for q in samples] + [
        (q["query"], q["page"]) for q in ours
    ]


def build(config: Path, out: Path, stock: bool) -> float:
    """Build the site of `config` into `out` (stock: without the project's hooks); return seconds."""

    target = config
    if stock:
        target = config.with_name(".stock-search.yml")
        target.write_text(f"INHERIT: {config.name}\nhooks: []\n", encoding="utf-8")
    try:
        return build_seconds(target, out)
    finally:
        if stock:
            target.unlink()


def index_size(site: Path) -> tuple[int, int]:
    """Bytes (plain, gzip) a reader who searches downloads: the theme's index, and ours if there is one."""
    data = [(site / "search" / "search_index.json").read_bytes()]
    if (site / DOCUMENTS).exists():
        data.append((site / DOCUMENTS).read_bytes())
    return sum(map(len, data)), sum(len(gzip.compress(part, 6)) for part in data)


def measure(browser, site: Path, cases: list[tuple[str, str]], loads: int = 3) -> dict:
    """Load times, and per way of typing: hits in the top 3 and seconds to results."""
    with serve_directory(site) as base:
        page = browser.new_page()
        box = SearchBox(page, base)
        # a fresh page, the first query typed at once: loading, (fetching and) indexing, searching
        load = [box.open() + box.search("đảng viên").seconds for _ in range(loads)]
        hits = {way: 0 for way in WAYS}
        delays: list[float] = []
        misses: list[str] = []
        for query, expected in cases:
            for way, typed in WAYS.items():
                answer = box.search(typed(query))
                delays.append(answer.seconds)
                if expected in answer.pages[:3]:
                    hits[way] += 1
                else:
                    misses.append(f"{way}: {typed(query)!r} → {expected or '/'}; có {answer.pages[:3]}")
        page.close()
    return {"load": load, "hits": hits, "delays": delays, "misses": misses, "total": len(cases)}


def print_quality(name: str, result: dict) -> None:
    total = result["total"]
    print(f"{name}: {total} truy vấn × {len(WAYS)} cách gõ, đúng trang trong 3 kết quả đầu")
    for way, count in result["hits"].items():
        print(f"  {way:22} {count}/{total} ({100 * count / total:.1f}%)")
    overall = sum(result["hits"].values())
    print(f"  {'tổng cộng':22} {overall}/{total * len(WAYS)} ({100 * overall / (total * len(WAYS)):.1f}%)")


def print_speed(name: str, result: dict, size: tuple[int, int]) -> None:
    delays = sorted(result["delays"])
    p90 = delays[int(0.9 * (len(delays) - 1))]
    print(
        f"  {name:28} chỉ mục {size[0] / 1e6:6.2f} MB ({size[1] / 1e6:5.2f} MB gzip); "
        f"mở trang đến kết quả đầu {1000 * statistics.median(result['load']):6.0f} ms; "
        f"từ phím cuối đến kết quả: trung vị {1000 * statistics.median(delays):4.0f} ms, "
        f"p90 {1000 * p90:4.0f} ms, tối đa {1000 * delays[-1]:4.0f} ms"
    )


def print_ratio(sizes: dict[bool, tuple[int, int]]) -> None:
    plain, packed = (sizes[False][i] / sizes[True][i] for i in (0, 1))
    print(f"  chỉ mục của dự án / Material gốc: {plain:.2f}× (gzip {packed:.2f}×)")


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    cases = queries()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        tmp = Path(tmp)
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        sites = {}
        for stock in (False, True):
            sites[stock] = tmp / ("stock" if stock else "ours")
            build(REPO / "mkdocs.yml", sites[stock], stock)
        ours = measure(browser, sites[False], cases)
        print_quality("Tìm kiếm của dự án", ours)
        for miss in ours["misses"]:
            print("  trượt:", miss)
        stock = measure(browser, sites[True], cases if not quick else cases[:5], loads=3)
        if not quick:
            print_quality("Material gốc (lang: vi)", stock)
        print("Trang hiện tại:")
        sizes = {key: index_size(site) for key, site in sites.items()}
        print_speed("của dự án", ours, sizes[False])
        print_speed("Material gốc", stock, sizes[True])
        print_ratio(sizes)
        if quick:
            return
        config = make_archive(tmp / "archive")
        timing_cases = cases[:13]  # the samples' queries: each matches dozens of issues there
        print("Lưu trữ 10 năm (120 số, tạo tạm):")
        archive_sizes = {}
        for stock_build in (False, True):
            site = tmp / ("archive-stock" if stock_build else "archive-ours")
            seconds = build(config, site, stock_build)
            archive_sizes[stock_build] = index_size(site)
            result = measure(browser, site, timing_cases, loads=3)
            name = "Material gốc" if stock_build else "của dự án"
            print_speed(name, result, archive_sizes[stock_build])
            print(f"  {'':28} (dựng trang {seconds:.1f} s)")
        print_ratio(archive_sizes)
        browser.close()


if __name__ == "__main__":
    main()
