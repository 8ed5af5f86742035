"""What a reader sees, as pictures: phone screenshots (390×844) of the views a change touched and the printed
issue's sheets, for the site as it is and, with `--before REV`, for the site at an earlier commit beside it.

    python -m benchmarks.screens --out .cache/screens                 # the work tree's site
    python -m benchmarks.screens --before 86b5c7a --out .cache/screens

Builds each site into a temporary folder (the earlier one from a git worktree of REV), serves it on
127.0.0.1, opens it in Debian's Chromium, and writes PNG files named `<view>-<after|before>.png`: the report's
appendix table, a leader's tasks, the task overview, the term table and its legend, the indicators' donut,
an issue's page, the search box with 'nghị quyết 43', the printed issue's first and last sheets (Chromium's
print to PDF) and, where the site makes it, two pages of the issue's PDF. Prints the files written; asserts
nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2

from tests.conftest import CHROMIUM_ARGS, serve_directory

REPO = Path(__file__).resolve().parents[1]
PHONE = {"width": 390, "height": 844}
VIEWS = [  # (name, page, what to scroll to)
    ("bang-phu-luc", "bao-cao/2023/bao-cao-525-bc-tu/", "article table"),
    ("tien-do-lanh-dao", "tien-do/2023/tran-ngoc-tam/", None),
    ("tien-do-tong-quan", "tien-do/2023/", None),
    ("bang-nhiem-ky", "chi-tieu/nhiem-ky-2020-2025/", "table.bt-term"),
    ("chu-giai-nhiem-ky", "chi-tieu/nhiem-ky-2020-2025/", "figure.bt-chart[data-kind='years']"),
    ("bieu-do-tron", "chi-tieu/2023/", "figure.bt-chart[data-kind='status']"),
    ("muc-luc-so", "ban-tin/2023/10/", None),
]
ISSUE = "ban-tin/2023/10/"


def build_site(source: Path, out: Path) -> Path:
    """`source`'s site built by its own `scripts.site` (the build of that commit), into `out`."""
    subprocess.run([sys.executable, "-m", "scripts.site", "build", "-d", str(out), "--quiet"], cwd=source, check=True)
    return out.resolve()


def pictures(site: Path, when: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with contextlib.ExitStack() as stack:
        base = stack.enter_context(serve_directory(site))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        for name, path, target in VIEWS:
            page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
            page.goto(base + path)
            if target:
                page.locator(target).first.scroll_into_view_if_needed()
                page.evaluate("t => window.scrollTo(0, document.querySelector(t).getBoundingClientRect().top"
                              " + scrollY - 70)", target)  # fmt: skip
            page.wait_for_timeout(1500)  # a chart drawn, a table laid out
            written.append(out / f"{name}-{when}.png")
            page.screenshot(path=written[-1])
            page.close()
        page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True)
        page.goto(base)
        page.click(".bt-search-button")
        page.wait_for_selector(".bt-search[data-ready]", state="attached")
        page.fill("#bt-search-input", "nghị quyết 43")
        page.wait_for_timeout(1500)
        written.append(out / f"tim-kiem-{when}.png")
        page.screenshot(path=written[-1])
        page.goto(base + ISSUE + "ban-in/")
        written += sheets(page.pdf(prefer_css_page_size=True), f"ban-in-{when}", out, last=True)
    pdf = next(iter(sorted((site / ISSUE).glob("*.pdf"))), None)
    if pdf is not None:
        written += sheets(pdf.read_bytes(), f"ban-pdf-{when}", out, pages=(0, 8))
    return written


def sheets(pdf: bytes, name: str, out: Path, pages: tuple[int, ...] = (0,), last: bool = False) -> list[Path]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        chosen = sorted({*(p for p in pages if p < len(document)), *([len(document) - 1] if last else [])})
        written = []
        for number in chosen:
            written.append(out / f"{name}-trang-{number + 1}.png")
            document[number].render(scale=1).to_pil().save(written[-1])
        return written
    finally:
        document.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REV", help="an earlier commit to picture beside the work tree")
    parser.add_argument("--out", type=Path, default=REPO / ".cache" / "screens")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        written += pictures(build_site(REPO, Path(tmp) / "after" / "site"), "after", args.out)
        if args.before:
            tree = Path(tmp) / "worktree"
            subprocess.run(["git", "worktree", "add", "-q", "--detach", str(tree), args.before], cwd=REPO, check=True)
            try:
                written += pictures(build_site(tree, Path(tmp) / "before" / "site"), "before", args.out)
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=False)
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
