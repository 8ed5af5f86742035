"""A synthetic ten-year archive for benchmarks: 120 monthly issues made by varying the two sample bulletins.

`make_archive(dest)` copies the site's configuration and non-bulletin pages to `dest`, then imports the
samples as issues 2015-01 … 2024-12 through the real importer (alternating the two samples) and varies each
article: its paragraphs in another order per issue, so that no two issues are the same text. Nothing is
committed; benchmarks build `dest` and measure it. About 1,000 article pages.
"""

from __future__ import annotations

import random
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from scripts.bulletin.pipeline import convert
from scripts.bulletin.writers.archive import archive_pages, known_issues, site_sections
from scripts.bulletin.writers.pages import issue_pages
from scripts.site import build

REPO = Path(__file__).resolve().parents[1]
SAMPLES = [REPO / "data" / "sources" / "bulletin-2023-10.md", REPO / "data" / "sources" / "bulletin-2024-02.txt"]
COPIED = ["mkdocs.yml", "macros", "overrides", "data"]


def build_seconds(
    config: Path,
    out: Path,
    runs: int = 1,
    summary: Callable[[list[float]], float] = min,
    index: bool = True,
    engine: str = "mkdocs",
    clean: bool = False,
) -> float:
    """The project's build of `config` into `out` (`mkdocs build` or `zensical build`, then the search index
    unless `index` is false: scripts.site), `summary` (the best) of `runs`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        build(out, config, strict=False, quiet=True, index=index, engine=engine, clean=clean)
        times.append(time.perf_counter() - start)
    return summary(times)


def issues(years: int = 10, last_year: int = 2024) -> list[str]:
    return [f"{year}-{month:02d}" for year in range(last_year - years + 1, last_year + 1) for month in range(1, 13)]


def vary(page: str, rng: random.Random) -> str:
    """An article page with its plain paragraphs in another order (front matter, headings, tables and
    footnotes stay where they are)."""
    head, separator, body = page.partition("\n---\n")
    blocks = body.split("\n\n")
    plain = [
        i
        for i, block in enumerate(blocks)
        if block and block[0] not in "#|[{<-*>" and not block.startswith(("    ", "1.")) and "\n{" not in block
    ]
    shuffled = [blocks[i] for i in plain]
    rng.shuffle(shuffled)
    for i, block in zip(plain, shuffled, strict=True):
        blocks[i] = block
    return head + separator + "\n\n".join(blocks)


def _ours(folder: Path, names: list[str], docs: Path) -> set[str]:
    return {"ban-tin", "index.md"} & set(names) if folder == docs else set()


def make_archive(dest: Path, years: int = 10) -> Path:
    """Write the synthetic site to `dest` (emptied first); return the path of its mkdocs.yml."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in COPIED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, dest / name)
    docs = REPO / "docs"
    # every page but the bulletins and the home page, which the imports below write
    shutil.copytree(docs, dest / "docs", ignore=lambda folder, names: _ours(Path(folder), names, docs))
    rng = random.Random(2015)
    for number, issue in enumerate(issues(years)):
        model = convert(SAMPLES[number % len(SAMPLES)], issue)
        for path, text in issue_pages(model).items():
            target = dest / path
            target.parent.mkdir(parents=True, exist_ok=True)
            is_article = path.endswith(".md") and not path.endswith("/index.md")
            target.write_text(vary(text, rng) if is_article else text, encoding="utf-8")
    for path, text in archive_pages(known_issues(dest, {}), site_sections(dest)).items():
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return dest / "mkdocs.yml"


if __name__ == "__main__":
    import sys
    import time

    start = time.perf_counter()
    config = make_archive(Path(sys.argv[1]))
    pages = len(list(config.parent.glob("docs/ban-tin/*/*/*.md")))
    print(f"{config}: {pages} trang bản tin, {time.perf_counter() - start:.1f} s")
