"""Build times of the two builders: MkDocs with Material (the primary one) and Zensical, its successor.

`python -m benchmarks.builders` prints, on the sample site (the work tree) and on the ten-year archive
(benchmarks/archive.py, made in a temporary folder), the seconds of each builder's build followed by the
search index (scripts.site, as `make build ENGINE=…`):
- full: Zensical without its cache (`--clean`); MkDocs, which has no cache, builds everything each time;
- cached: the same build again with nothing changed (Zensical reuses its cache);
- after one article is changed (Zensical rebuilds what changed).
Best of 3 runs for the sample site, 1 for the archive. Prints figures only.
"""

from __future__ import annotations

import tempfile
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


def report(title: str, times: dict[str, dict[str, float]], after_edit: dict[str, float] | None = None) -> None:
    print(title)
    print(f"  {'bộ dựng':10} {'dựng đầy đủ':>12} {'dựng lại, không đổi':>20} {'sau khi sửa một bài':>20}")
    for engine, row in times.items():
        edit = f"{after_edit[engine]:19.1f}s" if after_edit else f"{'—':>20}"
        print(f"  {engine:10} {row['full']:11.1f}s {row['cached']:19.1f}s {edit}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        report("Trang mẫu (cây làm việc), nhanh nhất của 3 lượt", figures(REPO / "mkdocs.yml", tmp / "mau", runs=3))
        config = make_archive(tmp / "archive")
        articles = len([p for p in config.parent.glob("docs/ban-tin/*/*/*.md") if p.name != "index.md"])
        report(
            f"Lưu trữ 10 năm (tạo tạm): 120 số, {articles} bài, 1 lượt",
            figures(config, tmp / "luu-tru", runs=1),
            edited(config, tmp / "luu-tru"),
        )


if __name__ == "__main__":
    main()
