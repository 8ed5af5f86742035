"""Search benchmark: the site's search beside stock Material's and Pagefind's, on the same pages.

`python -m benchmarks.search` builds the sample site three ways — ours (`python -m scripts.site build`: the
index written from the built pages), stock Material (the theme's search plugin, `lang: vi`), and Pagefind
1.5 run over our built pages (`python -m pagefind`, from `pip install 'pagefind[extended]'`, which
`make bench-deps` installs) — and prints:

- quality: every query of tests/fixtures/search-queries.json (the samples') and of
  tests/fixtures/search-queries-site.json (ours, over all content), each typed four ways (with diacritics,
  without, other tone placement, decomposed Unicode): recall@3 (the query's page among the first three
  results) per way, and precision (the share of the first ten results whose page holds every word of the
  query, diacritics aside; judged on each page's article text);
- scale, on a synthetic ten-year archive (benchmarks/archive.py, 120 issues, ~1,100 articles) served by
  the repository's nginx configuration (gzip), in headless Chromium with the CPU slowed 4× (CDP
  `Emulation.setCPUThrottlingRate`) and an empty cache: seconds from typing a first query on a freshly
  loaded page to its results shown; bytes transferred for the page and that query; then the median, 90th
  percentile and worst seconds of later keystrokes (typed one by one, timed in the page: from the key to
  the frame that shows its results; our snippets come after, once the reader pauses).

Prints figures only. `--quick` measures quality on ours alone and skips the archive; `--scale` measures
only the archive.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import yaml
from playwright.sync_api import sync_playwright

from benchmarks.archive import make_archive
from scripts.hosting.precompress import precompress
from scripts.search.build import _text_of
from scripts.site import build as build_site
from scripts.vietnamese import fold, other_tone_placement, words
from tests.conftest import CHROMIUM_ARGS, serve_directory
from tests.nginx_server import running_nginx
from tests.search_box import SearchBox

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
WAYS = {
    "có dấu": lambda q: q,
    "không dấu": lambda q: fold(q),
    "bỏ dấu kiểu khác": other_tone_placement,
    "Unicode tổ hợp (NFD)": lambda q: unicodedata.normalize("NFD", q),
}
FIRST_QUERIES = ["đảng viên", "chuyen doi so", "phòng cháy chữa cháy"]  # a fresh page, an empty cache each
LATER = "nâng cao chất lượng tổ chức cơ sở đảng"  # typed key by key once the first results are in
ENGINES = ("của dự án", "Material gốc", "Pagefind 1.5")


def article_urls(docs: Path = REPO / "docs") -> dict[tuple[str, int, int], str]:
    """(source file, section, article) → site-relative URL of the article page."""
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


# ---- the three engines, driven as a reader's browser drives them ----


class MaterialBox:
    """Material's own search box (stock build): a query is typed, then End is pressed (Material searches
    when a key goes up); the results are in when the line above the list has been rewritten."""

    BOX = "input.md-search__input"
    META = ".md-search-result__meta"

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base

    def open(self, path: str = "") -> None:
        self.page.goto(self.base + path)
        self.page.click(self.BOX)
        self.page.wait_for_function(
            """([meta]) => {
                const config = JSON.parse(document.getElementById("__config").textContent);
                const element = document.querySelector(meta);
                return element && element.textContent === config.translations["search.result.placeholder"];
            }""",
            arg=[self.META],
            timeout=300_000,
        )

    def search(self, text: str) -> tuple[list[str], float]:
        self.page.fill(self.BOX, "")
        self.page.press(self.BOX, "End")
        self.page.eval_on_selector(self.META, "element => { element.textContent = '' }")
        self.page.fill(self.BOX, text)
        start = time.perf_counter()
        self.page.press(self.BOX, "End")
        # the line says how many pages match; the placeholder it may still write for the emptied box (its
        # worker answers late) is not the answer
        self.page.wait_for_function(
            """([meta]) => {
                const config = JSON.parse(document.getElementById("__config").textContent);
                const text = document.querySelector(meta).textContent;
                return text !== "" && text !== config.translations["search.result.placeholder"];
            }""",
            arg=[self.META],
            timeout=300_000,
        )
        seconds = time.perf_counter() - start
        links = self.page.eval_on_selector_all(
            ".md-search-result__item", "items => items.map(i => i.querySelector('a').href)"
        )
        return [path(link, self.base) for link in links], seconds


class OurBox:
    def __init__(self, page, base: str) -> None:
        self.box = SearchBox(page, base)

    def open(self, path: str = "") -> None:
        self.box.open(path)

    def search(self, text: str) -> tuple[list[str], float]:
        answer = self.box.search(text, shown=0, clear=False)
        return answer.pages, answer.seconds


class PagefindSearch:
    """Pagefind's JavaScript API (what its UI calls): a search, then the data of the first ten results
    (their URLs and excerpts, which its UI shows)."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base

    def open(self, path: str = "", navigate: bool = True) -> None:
        if navigate:
            self.page.goto(self.base + path)
        self.page.evaluate(
            """async () => {
                window.__pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
                await window.__pagefind.init();
            }"""
        )

    def search(self, text: str) -> tuple[list[str], float]:
        urls, seconds = self.page.evaluate(
            """async text => {
                const start = performance.now();
                const found = await window.__pagefind.search(text);
                const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
                const urls = data.map(d => d.url).concat(found.results.slice(10).map(() => ""));
                return [urls, (performance.now() - start) / 1000];
            }""",
            text,
        )
        return [path(url, self.base) if url else "" for url in urls], seconds


DRIVERS = {"của dự án": OurBox, "Material gốc": MaterialBox, "Pagefind 1.5": PagefindSearch}


def path(link: str, base: str) -> str:
    """A result's page as a site-relative path ('ban-tin/2023/10/…/'), without anchor or query."""
    return unquote(urlsplit(link).path).removeprefix(urlsplit(base).path).removeprefix("/")


# ---- building the three sites ----


def build_ours(config: Path, out: Path) -> float:
    start = time.perf_counter()
    build_site(out, config, strict=False, quiet=True)
    return time.perf_counter() - start


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its `!!python/name:` tags (they become None)."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def build_stock(config: Path, out: Path) -> float:
    """The same pages with the theme's search plugin (`lang: vi`), as a Material site searches by default."""
    plugins = yaml.load(config.read_text(encoding="utf-8"), _ConfigLoader)["plugins"]
    stock = config.with_name(".stock-search.yml")
    stock.write_text(
        f"INHERIT: {config.name}\n" + yaml.safe_dump({"plugins": [{"search": {"lang": "vi"}}, *plugins]}),
        encoding="utf-8",
    )
    try:
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(stock), "-d", str(out)],
            cwd=config.parent,
            check=True,
            capture_output=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)},
        )
        return time.perf_counter() - start
    finally:
        stock.unlink()


def build_pagefind(ours: Path, out: Path) -> float:
    """Pagefind over our built pages (their <article>, as ours reads them)."""
    shutil.copytree(ours, out)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(out), "--root-selector", "article", "--quiet"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


# ---- quality ----


@cache
def page_words(site: Path, url: str) -> frozenset[str]:
    """The folded words of a page's title and article, as a reader would check a result."""
    file = site / url / "index.html" if url.endswith("/") or not url else site / url
    if not file.is_file():
        return frozenset()
    tree = lxml.html.document_fromstring(file.read_text(encoding="utf-8"))
    article = tree.find(".//article")
    title = tree.findtext(".//title") or ""
    return frozenset(words(fold(title + " " + (_text_of(article) if article is not None else ""))))


def quality(browser, site: Path, engine: str, cases: list[tuple[str, str]]) -> dict:
    with serve_directory(site) as base:
        page = browser.new_page()
        driver = DRIVERS[engine](page, base)
        driver.open()
        hits = {way: 0 for way in WAYS}
        precision: list[float] = []
        misses: list[str] = []
        empty = 0
        for query, expected in cases:
            wanted = set(words(fold(query)))
            for way, typed in WAYS.items():
                pages, _ = driver.search(typed(query))
                hits[way] += expected in pages[:3]
                if expected not in pages[:3] and way == "có dấu":
                    misses.append(f"{query!r} → {expected or '/'}; có {pages[:3]}")
                first = [p for p in pages[:10] if p]
                if first:
                    precision.append(sum(wanted <= page_words(site, p) for p in first) / len(first))
                else:
                    empty += 1
        page.close()
    precise = statistics.mean(precision) if precision else 0.0
    return {"hits": hits, "precision": precise, "empty": empty, "misses": misses}


def print_quality(results: dict[str, dict], total: int) -> None:
    names = list(results)
    print(f"Chất lượng: {total} truy vấn × {len(WAYS)} cách gõ; đúng trang trong 3 kết quả đầu (recall@3)")
    print(f"  {'':22}" + "".join(f"{name:>16}" for name in names))
    for way in WAYS:
        print(f"  {way:22}" + "".join(f"{100 * results[n]['hits'][way] / total:15.1f}%" for n in names))
    overall = {n: sum(results[n]["hits"].values()) / (total * len(WAYS)) for n in names}
    print(f"  {'tổng cộng':22}" + "".join(f"{100 * overall[n]:15.1f}%" for n in names))
    print(f"  {'độ chính xác (10 đầu)':22}" + "".join(f"{100 * results[n]['precision']:15.1f}%" for n in names))
    print(f"  {'truy vấn không kết quả':22}" + "".join(f"{results[n]['empty']:16d}" for n in names))
    for name in names:
        for miss in results[name]["misses"]:
            print(f"  trượt ({name}, có dấu): {miss}")


# ---- speed at scale ----


def first_query(browser, base: str, engine: str, query: str) -> tuple[float, int]:
    """(seconds from typing `query` on a freshly loaded page to its results, bytes transferred for the page
    and the query), CPU 4× slower, empty cache."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    sizes: list[int] = []

    def finished(request) -> None:
        try:
            size = request.sizes()
            sizes.append(size["responseBodySize"] + size["responseHeadersSize"])
        except Exception:  # a request the page dropped: nothing came
            pass

    context.on("requestfinished", finished)
    page = context.new_page()
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(base, wait_until="load")
    # the test driver's own script, compiled in the page at its first use, is not the site's time
    page.wait_for_selector("body", state="attached")
    start = time.perf_counter()
    if engine == "của dự án":
        page.click(".bt-search-button")
        page.fill("#bt-search-input", query)
        page.wait_for_function(
            "q => document.querySelector('.bt-search__results').getAttribute('data-query') === q",
            arg=query,
            timeout=300_000,
        )
    elif engine == "Material gốc":
        page.click("label.md-header__button[for='__search']")  # a phone's header shows the icon, not the box
        page.fill(MaterialBox.BOX, query)
        page.press(MaterialBox.BOX, "End")
        page.wait_for_selector(".md-search-result__item", timeout=300_000)
    else:
        driver = PagefindSearch(page, base)
        driver.open(navigate=False)  # the page is loaded: its script and index come on first use
        driver.search(query)
    seconds = time.perf_counter() - start
    page.wait_for_timeout(500)  # snippets' texts and the like, fetched for the results shown
    context.close()
    return seconds, sum(sizes)


# Seconds of a keystroke, measured in the page (the browser's clock, not the test driver's round trips):
# from the event the engine searches on (our box: `input`; Material: `keyup`) to the frame that shows the
# results on screen (the results list changed — ours: its `data-query`; Material: the line above its
# results —, then the next frame drawn). Pagefind's API is timed around the call.
LATENCY_PROBE = """([field, event, target, attribute, placeholder]) => {
    window.__latencies = [];
    let start = 0;
    document.querySelector(field).addEventListener(event, () => { start = performance.now(); }, true);
    const changes = attribute
        ? { attributes: true, attributeFilter: [attribute] }
        : { childList: true, subtree: true, characterData: true };
    const element = document.querySelector(target);
    new MutationObserver(() => {
        // Material's line, emptied by the driver or showing the placeholder of the emptied box, is no answer
        if (!start || (!attribute && [placeholder, ""].includes(element.textContent))) { return; }
        const from = start;
        start = 0;
        requestAnimationFrame(() => setTimeout(() => window.__latencies.push((performance.now() - from) / 1000), 0));
    }).observe(element, changes);
}"""
PROBES = {  # the field typed in, the event the engine searches on, what changes when the results are shown
    "của dự án": ["#bt-search-input", "input", ".bt-search__results", "data-query", None],
    "Material gốc": [MaterialBox.BOX, "keyup", MaterialBox.META, None, None],
}


def later_keys(browser, base: str, engine: str) -> list[float]:
    """Seconds from each key of LATER to its results, once the index is loaded (CPU 4× slower), measured
    in the page."""
    page = browser.new_page()
    page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    driver = DRIVERS[engine](page, base)
    driver.open()
    driver.search("đảng")
    delays = []
    if engine in PROBES:
        placeholder = page.evaluate(
            """() => {
                const config = document.getElementById("__config");
                return config ? JSON.parse(config.textContent).translations["search.result.placeholder"] : null;
            }"""
        )
        page.evaluate(LATENCY_PROBE, [*PROBES[engine][:4], placeholder])
    for n in range(2, len(LATER) + 1):
        if engine in PROBES:
            page.evaluate("window.__latencies = []")
        _, outside = driver.search(LATER[:n])
        if engine in PROBES:
            page.wait_for_function("window.__latencies.length > 0")  # the frame after the results
            outside = page.evaluate("window.__latencies.pop()")
        delays.append(outside)
    page.close()
    return delays


def scale(browser, sites: dict[str, Path], builds: dict[str, float]) -> None:
    print("Lưu trữ 10 năm (120 số, tạo tạm), qua nginx (gzip), CPU chậm 4×, bộ nhớ đệm trống:")
    print(
        f"  {'':16}{'dựng':>9}{'kết quả đầu':>14}{'tải về (trang + truy vấn đầu)':>32}"
        f"{'phím sau: trung vị':>20}{'90%':>7}{'tối đa':>9}"
    )
    for engine, site in sites.items():
        hosted = site.with_name(site.name + "-nginx")
        shutil.copytree(site, hosted)
        precompress(hosted)
        # Pagefind runs WebAssembly, which the site's policy (no eval of any kind) forbids: its deployment
        # would have to allow it
        wasm = "'wasm-unsafe-eval'" if engine == "Pagefind 1.5" else ""
        with tempfile.TemporaryDirectory() as conf, running_nginx(hosted, Path(conf), script_sources=wasm) as base:
            firsts = [first_query(browser, base, engine, query) for query in FIRST_QUERIES]
            delays = later_keys(browser, base, engine)
        seconds = statistics.median(s for s, _ in firsts)
        size = statistics.median(b for _, b in firsts)
        print(
            f"  {engine:16}{builds[engine]:8.1f}s{seconds:13.2f}s{size / 1e3:26.0f} KB"
            f"{1000 * statistics.median(delays):18.0f} ms{1000 * statistics.quantiles(delays, n=10)[-1]:5.0f} ms"
            f"{1000 * max(delays):7.0f} ms"
        )


def build_all(config: Path, root: Path, engines=ENGINES) -> tuple[dict[str, Path], dict[str, float]]:
    sites = {engine: root / f"site-{n}" for n, engine in enumerate(ENGINES)}
    builds = {"của dự án": build_ours(config, sites["của dự án"])}
    if "Material gốc" in engines:
        builds["Material gốc"] = build_stock(config, sites["Material gốc"])
    if "Pagefind 1.5" in engines:
        builds["Pagefind 1.5"] = builds["của dự án"] + build_pagefind(sites["của dự án"], sites["Pagefind 1.5"])
    return {e: sites[e] for e in engines}, builds


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    only_scale = "--scale" in sys.argv[1:]
    engines = ENGINES[:1] if quick else ENGINES
    cases = queries()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        root = Path(tmp)
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        if not only_scale:
            sites, _ = build_all(REPO / "mkdocs.yml", root / "samples", engines)
            results = {engine: quality(browser, site, engine, cases) for engine, site in sites.items()}
            print_quality(results, len(cases))
        if not quick:
            config = make_archive(root / "archive")
            archive_sites, builds = build_all(config, root / "archive-sites")
            scale(browser, archive_sites, builds)
        browser.close()


if __name__ == "__main__":
    main()
