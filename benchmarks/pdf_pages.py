"""PDF import time against the page count: it must grow in proportion (30, 200, 500 pages by default).

Each bulletin is printed with fpdf2 as tests/generator.py prints one (titles in bold, authors in italics,
running head and page numbers), from the samples' paragraphs, and imported in-process (`convert`).

    .venv/bin/python -m benchmarks.pdf_pages [--pages 30,200,500]
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
import time
from pathlib import Path

from scripts.bulletin.model import Article, Issue, Paragraph, Run, Section
from scripts.bulletin.pipeline import convert
from tests.generator import pool, type_pdf
from tests.variants import Typing

ARTICLES_PER_PAGE = 0.9  # an article of five paragraphs takes a little over an A4 page


def printed(pages: int, folder: Path) -> tuple[Path, int]:
    """A PDF of about `pages` pages; (its path, its article count)."""
    paragraphs = itertools.cycle(pool().paragraphs)
    titles = itertools.cycle(pool().titles)
    count = max(1, round(pages * ARTICLES_PER_PAGE))
    per_section = 8
    sections = []
    for number in range(1, (count + per_section - 1) // per_section + 1):
        articles = [
            Article(number, position, next(titles), author="Ban Biên tập",
                    blocks=[Paragraph([Run(next(paragraphs))]) for _ in range(5)])
            for position in range(1, min(per_section, count - (number - 1) * per_section) + 1)
        ]  # fmt: skip
        sections.append(Section(number, f"Chuyên đề {number}", articles))
    issue = Issue("2024-05", "dai", masthead=["THÔNG TIN SINH HOẠT NỘI BỘ", "Số tháng 05/2024"], sections=sections)
    target = folder / f"ban-tin-{pages}-trang.pdf"
    type_pdf(issue, Typing(toc="none"), target, running_heads=True)
    return target, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="30,200,500")
    options = parser.parse_args()
    import pypdfium2

    print("Nhập PDF theo số trang (in-process, lần tốt nhất của 2; phải tăng tỷ lệ thuận với số trang):")
    with tempfile.TemporaryDirectory() as folder:
        for wanted in (int(n) for n in options.pages.split(",")):
            path, count = printed(wanted, Path(folder))
            pages = len(pypdfium2.PdfDocument(str(path)))
            best = float("inf")
            for _ in range(2):
                started = time.perf_counter()
                issue = convert(path, "2024-05")
                best = min(best, time.perf_counter() - started)
            found = len(issue.articles)
            print(
                f"  {pages:5d} trang, {path.stat().st_size / 1e6:5.1f} MB: {best:6.2f} s "
                f"({best / pages * 1000:.0f} ms/trang), {found}/{count} bài"
            )


if __name__ == "__main__":
    main()
