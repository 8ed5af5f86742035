"""Build times of the two builders: MkDocs with Material (the primary one) and Zensical, its successor.

`python -m benchmarks.builders` prints, on the sample site (the work tree) and on the ten-year archive
(benchmarks/archive.py, made in a temporary folder), the seconds of each builder's build followed by the
search index (scripts.site, as `make build ENGINE=…`):
- full: Zensical without its cache (`--clean`); MkDocs, which has no cache, builds everything each time;
- cached: the same build again with nothing changed (Zensical reuses its cache);
- after one article is changed (Zensical rebuilds what changed);
and the cost of the data pages, the MkDocs build with them and without them (`exclude_docs`), alternated,
and the share they add: the indicator pages (chi-tieu/: yearly dashboards and the term page, read with
pandas and drawn with plotly's API), and all the data pages (also the 70-odd task pages, tien-do/).
Best of 3 runs for the sample site, 1 for the archive (data pages: best of 5 and 4, wall clock and CPU
time). Prints figures only; `--data-pages` prints only the data pages' cost.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.archive import build_seconds, make_archive
from scripts.site import ENGINES

REPO = Path(__file__).resolve().parents[1]


def touch_an_article(config: Path) -> None:
    """Change one article's text, as an editor's correction would."""
    article = sorted(config.parent.glob("docs/ban-tin/*/*/*.md"))[-1]
    article.write_text(article.read_text(encoding="utf-8") + "\nĐã sửa.\n", encoding="utf-8")


def figures(config: Path, out: Path, runs: int) -> dict[str, dict[str, float]]:
    result = {}
    for engine in ENGINES:
        full = build_seconds(config, out / engine, runs, engine=engine, clean=True)
        cached = build_seconds(config, out / engine, runs, engine=engine)
        result[engine] = {"full": full, "cached": cached}
    return result


def edited(config: Path, out: Path) -> dict[str, float]:
    result = {}
    for engine in ENGINES:
        build_seconds(config, out / engine, engine=engine)
        touch_an_article(config)
        result[engine] = build_seconds(config, out / engine, engine=engine)
    return result


DATA_PAGES = {
    "trang chỉ tiêu (chi-tieu/)": ("chi-tieu/",),
    "mọi trang số liệu (chi-tieu/, tien-do/)": ("chi-tieu/", "tien-do/"),
}


def without(config: Path, folders: tuple[str, ...]) -> Path:
    """A copy of the configuration that leaves `folders` of docs/ out (links to them only warn)."""
    target = config.with_name("mkdocs-no-data.yml")
    text = config.read_text(encoding="utf-8") + "\nexclude_docs: |\n" + "".join(f"  {f}\n" for f in folders)
    target.write_text(text, encoding="utf-8")
    return target


def timed_build(config: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one build: the builder's process and the index written after it. CPU
    time is the steadier figure on a shared machine, where the wall clock also counts other work."""

    def cpu() -> float:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime

    wall, used = time.perf_counter(), cpu()
    build_seconds(config, out)
    return time.perf_counter() - wall, cpu() - used


def data_pages_cost(config: Path, out: Path, runs: int, folders: tuple[str, ...]) -> list[tuple[float, float]]:
    """[(wall, CPU) with the pages of `folders`, (wall, CPU) without], each the best of `runs` alternated."""
    bare = without(config, folders)
    try:
        pairs = [(timed_build(config, out / "with"), timed_build(bare, out / "without")) for _ in range(runs)]
    finally:
        bare.unlink()
    return [(min(p[side][0] for p in pairs), min(p[side][1] for p in pairs)) for side in (0, 1)]


def report_costs(title: str, config: Path, out: Path, runs: int) -> None:
    print(f"  {title}, nhanh nhất của {runs} lượt xen kẽ (thời gian thực; thời gian CPU):")
    for name, folders in DATA_PAGES.items():
        (wall, cpu), (bare_wall, bare_cpu) = data_pages_cost(config, out, runs, folders)
        print(
            f"    {name}: có {wall:.2f} s, không có {bare_wall:.2f} s → thêm {100 * (wall / bare_wall - 1):+.1f}%; "
            f"CPU {cpu:.2f} s / {bare_cpu:.2f} s → thêm {100 * (cpu / bare_cpu - 1):+.1f}%"
        )


def report(title: str, times: dict[str, dict[str, float]], after_edit: dict[str, float] | None = None) -> None:
    print(title)
    print(f"  {'bộ dựng':10} {'dựng đầy đủ':>12} {'dựng lại, không đổi':>20} {'sau khi sửa một bài':>20}")
    for engine, row in times.items():
        edit = f"{after_edit[engine]:19.1f}s" if after_edit else f"{'—':>20}"
        print(f"  {engine:10} {row['full']:11.1f}s {row['cached']:19.1f}s {edit}")


def main() -> None:
    only_cost = "--data-pages" in sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if not only_cost:
            report("Trang mẫu (cây làm việc), nhanh nhất của 3 lượt", figures(REPO / "mkdocs.yml", tmp / "mau", runs=3))
        config = make_archive(tmp / "archive")
        articles = len([p for p in config.parent.glob("docs/ban-tin/*/*/*.md") if p.name != "index.md"])
        if not only_cost:
            report(
                f"Lưu trữ 10 năm (tạo tạm): 120 số, {articles} bài, 1 lượt",
                figures(config, tmp / "luu-tru", runs=1),
                edited(config, tmp / "luu-tru"),
            )
        print("Giá của trang số liệu, dựng bằng MkDocs:")
        report_costs("trang mẫu", REPO / "mkdocs.yml", tmp / "mau-so-lieu", runs=5)
        report_costs(f"lưu trữ 10 năm ({articles} bài)", config, tmp / "luu-tru-so-lieu", runs=4)


if __name__ == "__main__":
    main()
