"""Benchmarks: prints figures, asserts nothing. `python -m benchmarks.run` (or `make bench`).

- import time of each sample bulletin (in-process, planning all pages, writing into a temporary
  site), median of several runs, target under 1 s per bulletin;
- build time of the whole site with `mkdocs build --strict`.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from scripts.bulletin.pipeline import import_bulletin
from scripts.site import build

REPO = Path(__file__).resolve().parents[1]
SAMPLES = {"bulletin-2023-10.md": None, "bulletin-2024-02.txt": "2024-02"}
RUNS = 5


def time_imports() -> None:
    print("Nhập bản tin (trung vị của", RUNS, "lần, mục tiêu < 1 s/bản tin):")
    for name, issue in SAMPLES.items():
        source = REPO / "data" / "sources" / name
        timings = []
        for _ in range(RUNS):
            with tempfile.TemporaryDirectory() as root:
                start = time.perf_counter()
                result = import_bulletin(source, root=Path(root), issue=issue)
                timings.append(time.perf_counter() - start)
        size = source.stat().st_size
        print(
            f"  {name:24} {statistics.median(timings) * 1000:7.1f} ms  "
            f"({size / 1024:.0f} KB, {len(result.issue.articles)} bài, {len(result.files)} tệp)"
        )


def time_office_imports() -> None:
    """Word and PDF versions of the samples (tests/fixtures/office/), import planned and written as above."""
    office = REPO / "tests" / "fixtures" / "office"
    variants = REPO / "tests" / "fixtures" / "variants"
    print("Nhập bản tin Word và PDF (trung vị của 3 lần, mục tiêu: .docx < 1 s, PDF 30 trang < 2 s):")
    sources = [
        (office / (Path(name).stem + suffix), issue) for name, issue in SAMPLES.items() for suffix in (".docx", ".pdf")
    ]
    sources += [(path, path.name[9:16]) for path in sorted(variants.glob("*.pdf"))]  # 'bulletin-2024-02--…'
    for source, issue in sources:
        timings = []
        for _ in range(3):
            with tempfile.TemporaryDirectory() as root:
                start = time.perf_counter()
                result = import_bulletin(source, root=Path(root), issue=issue)
                timings.append(time.perf_counter() - start)
        pages = f", {_pdf_pages(source)} trang" if source.suffix == ".pdf" else ""
        print(
            f"  {source.name:52} {statistics.median(timings) * 1000:7.1f} ms  "
            f"({source.stat().st_size / 1024:.0f} KB{pages}, {len(result.issue.articles)} bài)"
        )


def _pdf_pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def time_build() -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "site"  # published as a link to the build (scripts.site.publish)
        start = time.perf_counter()
        build(out, quiet=True)  # as `make build`: mkdocs build --strict, then the search index
        elapsed = time.perf_counter() - start
        pages = len(list(out.rglob("*.html")))
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(
        f"Dựng trang (mkdocs build --strict, rồi chỉ mục tìm kiếm): {elapsed:.2f} s, {pages} trang HTML, "
        f"{size / 1e6:.1f} MB"
    )


def main() -> None:
    time_imports()
    time_office_imports()
    if shutil.which("git"):
        print(
            "Phiên bản:",
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
            ).stdout.strip(),
        )
    time_build()  # the data pages' share of a build: python -m benchmarks.builders --data-pages


if __name__ == "__main__":
    main()
