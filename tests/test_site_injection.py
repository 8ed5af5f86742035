"""A bulletin's text is content, never code: template syntax and HTML in it reach the reader as text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scripts.site import build
from tests.conftest import REPO, serve_directory
from tests.search_box import SearchBox
from tests.support import run_cli

HOSTILE = [
    "Biểu thức {{ 7*7 }} và {{ config.site_name }} phải hiện nguyên văn.",
    "Lệnh {% include 'mkdocs.yml' %} và {# chú thích #} cũng vậy.",
    "Thẻ <script>window.pwned = 1; alert('x')</script> không được chạy.",
    'Ảnh <img src="x" onerror="window.pwned = 2"> và <a href="javascript:alert(1)">liên kết</a> cũng thế.',
    "Cú pháp [liên kết](javascript:alert(3)) và ![ảnh](x.png) và [^1] là chữ.",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site configuration with one imported bulletin full of code-like text, built."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    (root / "docs" / ".nav.yml").write_text("nav:\n  - index.md\n  - ban-tin\n", encoding="utf-8")
    shutil.copytree(REPO / "macros", root / "macros")  # the real template engine, which must leave them alone
    shutil.copytree(REPO / "overrides", root / "overrides")
    body = "\n\n".join(HOSTILE)
    source = root / "bulletin-2024-05.md"
    source.write_text(
        f"*Số tháng 05/2024*\n\n# **I. MỘT SỐ NỘI DUNG**\n\n## **1. Bài có {{{{ mã }}}} <b>đậm</b>**\n\n{body}\n",
        encoding="utf-8",
    )
    result = run_cli("import", source, root=root)
    assert result.returncode == 0, result.stderr
    build(root / "site", root / "mkdocs.yml")  # the pages, then the search index, as `make build`
    return root / "site"


def article_html(site: Path) -> str:
    return next((site / "ban-tin/2024/05").glob("1-1-*/index.html")).read_text(encoding="utf-8")


def test_template_syntax_is_not_evaluated(hostile_site):
    html = article_html(hostile_site)
    assert "{{ 7*7 }}" in html and "{{ config.site_name }}" in html
    assert "{% include 'mkdocs.yml' %}" in html.replace("&#39;", "'")
    assert "{# chú thích #}" in html


def test_html_in_the_text_is_escaped(hostile_site):
    html = article_html(hostile_site)
    assert "<script>window.pwned" not in html and "&lt;script&gt;window.pwned" in html
    assert '<img src="x" onerror' not in html and "&lt;img" in html
    assert not re.search(r"<a\b[^>]*href=\"javascript:", html)
    assert re.search(r"<h1[^>]*>Bài có \{\{ mã \}\} đậm<", html)  # <b> is the export's own bold mark, nothing more


def test_nothing_runs_in_the_browser(browser, hostile_site):
    with serve_directory(hostile_site) as base:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        path = next((hostile_site / "ban-tin/2024/05").glob("1-1-*/")).relative_to(hostile_site)
        page.goto(f"{base}{path.as_posix()}/")
        text = page.inner_text("article")
        assert "<script>window.pwned = 1; alert('x')</script>" in text
        assert "{{ 7*7 }}" in text and "[liên kết](javascript:alert(3))" in text
        assert page.evaluate("window.pwned") is None
        assert page.locator("article img").count() == 0 and page.locator("article script").count() == 0
        assert dialogs == []
        context.close()


# Every path text from a file takes to a page, with strings that would be markup if any of them were not
# escaped: each one, if it ran, would set window.pwned or open a dialog; each one, if it broke the page,
# would swallow what follows it.
CORPUS = [
    '"><svg onload="window.pwned=1">',
    "<img src=x onerror=\"window.pwned='img'\">",
    "<!--<script>",
    "</script><script>window.pwned=3</script>",
    "</title><script>window.pwned=4</script>",
    "Tỷ lệ <5% & >3%",
    "dòng\u2028tách",
    "[liên kết](javascript:window.pwned=5)",
    '<a href="javascript:window.pwned=6">bấm</a>',
]
TAG = "Chuỗi thử"  # a word every injected cell starts with, to find it in the page


def _hostile(i: int) -> str:
    return f"{TAG} {i} {CORPUS[i % len(CORPUS)]}"


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The whole project with the corpus in a bulletin (section, title, author, text, footnote, table), an
    indicator file (name, unit, group, basis: table, charts, term page) and a task file (task, result, plan,
    note), built as `make build` does. Returns the site and the pages to open (name → path)."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "data", "macros", "overrides"):
        shutil.copytree(REPO / folder, root / folder)
    lines = [
        "*Số tháng 05/2024*",
        f"# **I. {_hostile(0)}**",
        f"## **1. {_hostile(5)} {_hostile(0)}**",
        f"*{_hostile(1)}*",
        f"Đoạn văn {_hostile(2)} rồi {_hostile(3)} và {_hostile(7)}[^1].",
        f"| Cột {_hostile(4)} | Số |\n|---|---|\n| {_hostile(8)} | {_hostile(6)} |",
        f"## **2. {_hostile(4)} {_hostile(2)}**",
        f"Đoạn văn bài hai {_hostile(3)}.",
        f"[^1]: Chú thích {_hostile(1)} {_hostile(8)}",
    ]
    source = root / "bulletin-2024-05.md"
    source.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("import", source, root=root)
    assert result.returncode == 0, result.stderr
    indicator = {"Nội dung": (2, 0, 3), "Đơn vị": (6,), "Tên nhóm": (2, 4), "Căn cứ đánh giá": (7, 8)}
    _poison_csv(root / "data/indicators/2023.csv", indicator)
    task = {
        "Nhiệm vụ": (1, 2),
        "Kết quả thực hiện": (7, 8),
        "Kế hoạch tiếp theo": (3, 5),
        "Chú thích": (8,),
        "Căn cứ trong báo cáo": (2, 6),  # the report's words a proposed status rests on, shown with it
    }
    _poison_csv(root / "data/tasks/2023.csv", task, {"Trạng thái theo báo cáo": "hoàn thành"})
    build(root / "site", root / "mkdocs.yml", quiet=True)
    site = root / "site"
    issue = site / "ban-tin/2024/05"
    leader = next(p for p in (site / "tien-do/2023").iterdir() if p.is_dir() and "ho-thi-hoang-yen" in p.name)
    pages = {
        "trang chủ": "",
        "lưu trữ": "ban-tin/",
        "mục lục số": "ban-tin/2024/05/",
        **{f"bài {p.name[:3]}": p.relative_to(site).as_posix() + "/" for p in sorted(issue.glob("1-*"))},
        "bản in": "ban-tin/2024/05/ban-in/",
        "chỉ tiêu": "chi-tieu/2023/",
        "nhiệm kỳ": "chi-tieu/nhiem-ky-2020-2025/",
        "tiến độ": "tien-do/2023/",
        "lãnh đạo": leader.relative_to(site).as_posix() + "/",
    }
    return site, pages


def _poison_csv(path: Path, cells: dict[str, tuple[int, ...]], values: dict[str, str] | None = None) -> None:
    """Put corpus strings into the first data row's `cells` (column → corpus indices) of a CSV data file, and
    `values` as they are."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    for column, indices in cells.items():
        note = "¹ " if column == "Chú thích" else ""  # a task's note starts with its number
        rows[1][rows[0].index(column)] = note + " ".join(_hostile(index) for index in indices)
    for column, value in (values or {}).items():
        rows[1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


LIVE = (
    """() => {
  const live = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const value = attribute.value.trim().toLowerCase();
      if (/^on/i.test(attribute.name) || ((attribute.name === 'href' || attribute.name === 'src')
          && value.startsWith('javascript:')))
        live.push(element.outerHTML.slice(0, 120));
    }
  }
  return {pwned: window.pwned === undefined ? null : String(window.pwned), live,
          footer: document.querySelector('.md-footer') !== null,
          charts: document.querySelectorAll('.bt-chart').length,
          chartTables: document.querySelectorAll('.bt-chart .bt-chart__table').length,
          shown: document.body.innerText.split('"""
    + TAG
    + """').length - 1};
}"""
)


def test_no_string_from_a_file_becomes_markup_on_any_page(browser, corpus_site):
    """With no Content-Security-Policy to catch anything (a plain file server), on every kind of page."""
    site, pages = corpus_site
    with serve_directory(site) as base:
        context = browser.new_context(locale="vi-VN")
        context.route(lambda url: not url.startswith(base), lambda route: route.abort())
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        for name, path in pages.items():
            page.goto(base + path)
            page.wait_for_load_state("load")
            state = page.evaluate(LIVE)
            assert state["pwned"] is None and not state["live"], (name, state)
            assert state["footer"], f"{name}: the page ends before its footer"
            assert state["charts"] == state["chartTables"], f"{name}: a chart's data swallowed what follows it"
            if name not in {"trang chủ", "lưu trữ", "nhiệm kỳ", "tiến độ"}:  # these show no cell text
                assert state["shown"] >= 1, f"{name}: the injected text is not shown as text"
        box = SearchBox(page, base)
        box.open()
        answer = box.search("chuỗi thử")
        assert answer.pages, "the search finds the pages holding the strings"
        state = page.evaluate(LIVE)
        assert state["pwned"] is None and not state["live"], state
        page.goto(base + pages["bài 1-1"] + "?h=" + "chuỗi%20thử")  # a result opened: its words marked
        state = page.evaluate(LIVE)
        assert state["pwned"] is None and not state["live"], state
        assert dialogs == [] and errors == []
        context.close()


def test_the_strings_read_as_typed(corpus_site):
    """Escaped once, not twice: the title in the menu, the header and the page's <title> is the text."""
    site, pages = corpus_site
    html = (site / pages["bài 1-1"] / "index.html").read_text(encoding="utf-8")
    expected = f"{_hostile(5)} {_hostile(0)}"
    import html as html_module

    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL).group(1)
    assert html_module.unescape(title).startswith(expected)
    assert "&amp;lt;" not in html and "&amp;amp;" not in html
