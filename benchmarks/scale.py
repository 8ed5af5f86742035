"""Scale benchmark: the site with ten years of issues (benchmarks/archive.py, 120 issues, ~1,000 articles).

`python -m benchmarks.scale` prints:
- build time of the project's site (`mkdocs build`), of a stock Material build of the same Markdown with the
  same theme features but without the project's plugins, hooks and Markdown extensions, and their ratio;
- size of the built site and its number of pages;
- the heaviest article page all-in: its HTML with the CSS and JavaScript it loads, bytes and gzip (the
  search documents come only when a reader searches, and are counted apart);
- the search index: ours in files and bytes, with the page list a first query fetches; stock Material's,
  which every page loads whole (benchmarks/search.py measures what a query fetches);
- under `mkdocs serve`, the seconds from saving a changed article to the server giving the new page.
Prints figures only.
"""

from __future__ import annotations

import gzip
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import yaml

from benchmarks.archive import build_seconds, make_archive
from scripts.search.build import INDEX_DIR

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"')


def stock_config(config: Path) -> Path:
    """A config of the same site for stock Material: same theme and features, only the search plugin."""
    text = re.sub(r"!!python/\S+", "null", config.read_text(encoding="utf-8"))  # no code is needed to read it
    mine = yaml.safe_load(text)
    stock = {
        "site_name": mine["site_name"],
        "docs_dir": mine["docs_dir"],
        "theme": mine["theme"],
        "plugins": [{"search": {"lang": "vi"}}],
    }
    target = config.with_name("mkdocs-stock.yml")
    target.write_text(yaml.safe_dump(stock, allow_unicode=True), encoding="utf-8")
    return target


def paired_builds(ours: Path, stock: Path, ours_out: Path, stock_out: Path, runs: int = 5) -> list[tuple[float, float]]:
    """`runs` pairs of builds, ours then stock, in seconds: the machine's speed drifts by a second or more
    over minutes, so each pair is compared with itself rather than best with best."""
    return [(build_seconds(ours, ours_out), build_seconds(stock, stock_out, index=False)) for _ in range(runs)]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def megabytes(data: bytes) -> str:
    if len(data) < 100_000:
        return f"{len(data)} B ({gz(data)} B gzip)"
    return f"{len(data) / 1e6:.3f} MB ({gz(data) / 1e6:.3f} MB gzip)"


def page_weight(site: Path, page: Path) -> tuple[int, int]:
    """Bytes and gzip bytes of a page with the stylesheets and scripts it loads."""
    html = page.read_bytes()
    files = [html]
    for ref in ASSET.findall(html.decode("utf-8")):
        target = (page.parent / ref.split("?")[0]).resolve()
        if target.is_file() and site.resolve() in target.parents:
            files.append(target.read_bytes())
    return sum(map(len, files)), sum(map(gz, files))


def heaviest_article(site: Path, print_views: bool = False) -> tuple[str, int, int]:
    """The heaviest article page (or, with `print_views`, the heaviest whole-issue print page)."""
    pages = [p for p in site.glob("ban-tin/*/*/*/index.html") if (p.parent.name == "ban-in") == print_views]
    weights = [(p.relative_to(site).as_posix(), *page_weight(site, p)) for p in pages]
    return max(weights, key=lambda w: w[2])


def size_of(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(1 for p in files if p.suffix == ".html")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_rebuild_seconds(config: Path, *options: str) -> float:
    """Start `mkdocs serve`, change one article, return the seconds until the server gives the new text."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", f"127.0.0.1:{port}", *options],
        cwd=config.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )
    try:
        article = sorted(config.parent.glob("docs/ban-tin/2024/12/*-*.md"))[0]
        url = f"http://127.0.0.1:{port}/{article.relative_to(config.parent / 'docs').with_suffix('').as_posix()}/"
        fetch = lambda: urllib.request.urlopen(url, timeout=60).read().decode("utf-8")  # noqa: E731
        deadline = time.time() + 600
        while True:
            try:
                fetch()
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        mark = f"Đoạn sửa thử {time.time():.0f}"
        article.write_text(article.read_text(encoding="utf-8") + f"\n\n{mark}\n", encoding="utf-8")
        start = time.perf_counter()
        while mark not in fetch():
            if time.perf_counter() - start > 600:
                raise TimeoutError("mkdocs serve did not rebuild within 600 s")
            time.sleep(0.2)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        config = make_archive(tmp / "archive")
        articles = len([p for p in config.parent.glob("docs/ban-tin/*/*/*.md") if p.name != "index.md"])
        ours, stock = tmp / "site", tmp / "site-stock"
        pairs = paired_builds(config, stock_config(config), ours, stock)
        ratios = sorted(mine / theirs for mine, theirs in pairs)
        print(f"Lưu trữ 10 năm (tạo tạm): 120 số, {articles} bài; {len(pairs)} lượt dựng xen kẽ")
        print(f"  dựng trang của dự án          {min(p[0] for p in pairs):6.1f} s (nhanh nhất)")
        print(f"  dựng Material gốc cùng nội dung {min(p[1] for p in pairs):6.1f} s (nhanh nhất)")
        print(f"  tỷ lệ từng lượt: {', '.join(f'{r:.2f}' for r in ratios)} → trung vị {ratios[len(ratios) // 2]:.2f}")
        for name, site in (("của dự án", ours), ("Material gốc", stock)):
            total, pages = size_of(site)
            print(f"  trang {name}: {total / 1e6:.0f} MB, {pages} trang HTML")
            for label, print_views in (("bài nặng nhất", False), ("bản in cả số nặng nhất", True)):
                path, plain, packed = heaviest_article(site, print_views)
                print(f"    {label} (HTML + CSS + JS): {plain / 1e3:.0f} KB, {packed / 1e3:.0f} KB gzip — {path}")
        index = [p for p in (ours / INDEX_DIR).rglob("*.json")]
        first = (ours / INDEX_DIR / "trang.json").read_bytes()
        stock_index = (stock / "search" / "search_index.json").read_bytes()
        print(
            f"  chỉ mục tìm kiếm của dự án: {len(index)} tệp, {sum(p.stat().st_size for p in index) / 1e6:.1f} MB; "
            f"danh sách trang, tải khi tìm lần đầu: {megabytes(first)}"
        )
        print(f"  chỉ mục Material gốc (tải hết khi mở trang): {megabytes(stock_index)}")
        print(f"  mkdocs serve: sửa một bài → trang mới sau {serve_rebuild_seconds(config):.1f} s")
        print(f"  mkdocs serve --dirty: sửa một bài → trang mới sau {serve_rebuild_seconds(config, '--dirty'):.1f} s")


if __name__ == "__main__":
    main()
