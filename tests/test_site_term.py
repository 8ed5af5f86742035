"""The term page ("Chỉ tiêu Nghị quyết nhiệm kỳ 2020–2025") in headless Chromium: on the site as shipped
(2023 alone, the missing years said), and on a copy of the site given a 2024 Excel workbook and a 2025 CSV
made from 2023's file (tests/indicator_periods.py), where each year has its place in charts and tables and
the 2025 dashboard compares with 2024. Charts are drawn by the site's plotly.js; no console error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scripts.site import build
from tests.conftest import REPO
from tests.indicator_periods import derived_rows, write_csv, write_xlsx
from tests.test_site_dashboard import charts_drawn

TERM = "chi-tieu/nhiem-ky-2020-2025/"
PHONE = {"width": 360, "height": 740}


def test_the_term_page_shows_2023_alone_and_names_the_missing_years(open_page):
    page = open_page(viewport=PHONE)
    page.goto(TERM)
    expect(page.locator(".bt-term-years")).to_contain_text("Có số liệu: năm 2023.")
    expect(page.locator(".bt-term-missing").first).to_contain_text("2020, 2021, 2022, 2024, 2025")
    assert charts_drawn(page, 8) == 8
    # one marker per indicator with a percentage in 2023, none for the years without data
    points = page.locator("figure.bt-chart[data-kind='years'] g.trace.scatter path.point")
    ticks = "figure.bt-chart[data-kind='years'] g.xtick text"
    xs = set(page.eval_on_selector_all(ticks, "texts => texts.map(t => t.textContent)"))
    assert {"2020", "2025"} <= xs
    assert 0 < points.count() <= 24
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing wider than the phone


def test_the_section_lists_the_term_and_each_year(page: Page):
    page.goto("chi-tieu/")
    expect(page.locator("article").get_by_role("link", name="Nhiệm kỳ 2020–2025")).to_be_visible()
    page.locator("article").get_by_role("link", name="Năm 2023").click()
    page.wait_for_url("**/chi-tieu/2023/")


@pytest.fixture(scope="module")
def three_year_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, with 2024 as an Excel workbook (numbers typed as numbers) and 2025 as CSV, and a 2025
    dashboard page made from 2023's, built as `make build` does."""
    root = tmp_path_factory.mktemp("term")
    for name in ("mkdocs.yml", "docs", "data", "macros", "overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    write_xlsx(root / "data/indicators/2024.xlsx", derived_rows(2024, 1.1))
    write_csv(root / "data/indicators/2025.csv", derived_rows(2025, 1.25))
    page = (root / "docs/chi-tieu/2023.md").read_text(encoding="utf-8")
    page = page.replace("2023", "2025").replace("[Báo cáo 525-BC/TU](../bao-cao/2025/bao-cao-525-bc-tu.md)", "báo cáo")
    (root / "docs/chi-tieu/2025.md").write_text(page, encoding="utf-8")
    nav = root / "docs/chi-tieu/.nav.yml"
    nav.write_text(nav.read_text(encoding="utf-8") + '  - "Năm 2025": 2025.md\n', encoding="utf-8")
    build(root / "site", root / "mkdocs.yml", quiet=True)
    return root / "site"


@pytest.fixture
def watched(browser, serve, three_year_site: Path):
    """A phone-size page on the three-year site; console errors and failed requests fail the test."""
    problems: list[str] = []
    with serve(three_year_site) as base:
        context = browser.new_context(viewport=PHONE, locale="vi-VN", base_url=base)
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
        yield page
        context.close()
    assert not problems


def test_each_year_of_the_term_has_its_place(watched: Page):
    watched.goto(TERM)
    expect(watched.locator(".bt-term-years")).to_contain_text("Có số liệu: năm 2023, 2024, 2025.")
    expect(watched.locator(".bt-term-missing").first).to_contain_text("2020, 2021, 2022")
    assert charts_drawn(watched, 8) == 8
    first = watched.locator("figure.bt-chart[data-kind='years']").first
    lines = first.locator("g.trace.scatter")
    assert lines.count() == 3  # indicators 1, 2 and 3 of group I
    assert lines.first.locator("path.point").count() == 3  # 2023, 2024, 2025
    row = watched.locator("table.bt-term tr", has=watched.locator("th", has_text="Kết nạp đảng viên mới"))
    expect(row).to_contain_text("1.301 / 1.100")
    expect(row).to_contain_text("1.431,1 / 1.100")
    expect(row).to_contain_text("1.626,25 / 1.100")


def test_a_year_compares_with_the_year_before(watched: Page):
    watched.goto("chi-tieu/2025/")
    row = watched.locator("table.bt-indicators tr", has=watched.locator("th", has_text="Kết nạp đảng viên mới"))
    expect(row.locator("td[data-label='Kết quả 2024']")).to_have_text("1.431,1")
    assert charts_drawn(watched, 5) == 5


def test_the_term_page_says_in_words_why_an_indicator_cannot_be_judged(page: Page):
    page.goto(TERM)
    undetermined = page.locator('table.bt-term td[data-reached="chưa xác định"]')
    assert undetermined.count() >= 5
    for reason in undetermined.locator(".bt-term-why").all_text_contents():
        assert reason.startswith("Vì báo cáo ") and len(reason) > 30, reason
    assert undetermined.locator(".bt-term-why").count() == undetermined.count()
    summary = page.locator('.bt-summary li[data-reached="chưa xác định"]')
    expect(summary).to_contain_text(" vì báo cáo ")
    determined = page.locator('table.bt-term td[data-reached="đã đạt"], table.bt-term td[data-reached="chưa đạt"]')
    assert determined.count() and determined.locator(".bt-term-why").count() == 0


LEGEND_AND_LABELS = """
() => {
  const plots = [...document.querySelectorAll('figure.bt-chart .bt-chart__plot')].filter(p => p.data);
  return plots.map(plot => ({
    legend: [...plot.querySelectorAll('g.legend text.legendtext')].map(t => {
      const box = t.getBoundingClientRect(), svg = plot.querySelector('svg.main-svg').getBoundingClientRect();
      return {text: t.textContent, inside: box.left >= svg.left - 1 && box.right <= svg.right + 1};
    }),
    names: plot.data.map(trace => trace.type === 'scatter' ? [trace.name, String(trace.customdata[0])] : null),
    labels: [...plot.querySelectorAll('g.annotation text')].map(t => t.textContent),
  }));
}
"""


def test_legends_and_labels_name_each_indicator_readably(open_page):
    page = open_page(viewport={"width": 360, "height": 800})  # a phone: the narrowest legend
    for path in (TERM, "chi-tieu/2023/"):
        page.goto(path)
        charts_drawn(page)
        charts = page.evaluate(LEGEND_AND_LABELS)
        legends = [item for chart in charts for item in chart["legend"]]
        names = [pair for chart in charts for pair in chart["names"] if pair]
        labels = [label for chart in charts for label in chart["labels"]]
        if path == TERM:
            assert legends and names
        for item in legends:
            assert item["inside"], item  # the legend wraps within the chart: nothing cut at its edge
        for shown, full in names:
            short = shown.removesuffix("…")
            # cut at a word and said so ('4. Tốc độ tăng trưởng kinh tế…'), the whole name on hover
            assert full.startswith(short) and (short == full or shown.endswith("…")), (shown, full)
            assert short == full or full[len(short)] in " ,;:(–-", (shown, full)
            assert not short.endswith(("(", " ", "-")), shown
        assert labels and not [label for label in labels if "chưa có số liệu ·" in label], labels


CHART_TEXT = """
() => {
  function rgb(value) {
    const parts = value.match(/[\\d.]+/g).map(Number);
    return parts.slice(0, 3);
  }
  function luminance([r, g, b]) {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  }
  const out = [];
  for (const plot of document.querySelectorAll('figure.bt-chart .bt-chart__plot')) {
    const svg = plot.querySelector('svg.main-svg');
    if (!svg) continue;
    const paper = rgb(getComputedStyle(svg).backgroundColor || 'rgb(255,255,255)');
    const slices = [...plot.querySelectorAll('g.slice path.surface')].map(p => p.getBoundingClientRect());
    let outer = null;
    if (slices.length) {
      const left = Math.min(...slices.map(b => b.left)), right = Math.max(...slices.map(b => b.right));
      const top = Math.min(...slices.map(b => b.top)), bottom = Math.max(...slices.map(b => b.bottom));
      outer = {x: (left + right) / 2, y: (top + bottom) / 2, r: Math.max(right - left, bottom - top) / 2};
    }
    for (const text of plot.querySelectorAll('text')) {
      if (!text.textContent.trim()) continue;
      const box = text.getBoundingClientRect();
      const fill = rgb(getComputedStyle(text).fill);
      const [l1, l2] = [luminance(fill), luminance(paper)].sort((a, b) => b - a);
      const centre = {x: box.left + box.width / 2, y: box.top + box.height / 2};
      const onSlice = outer && text.closest('g.slice') &&
        Math.hypot(centre.x - outer.x, centre.y - outer.y) < outer.r - 2;
      out.push({text: text.textContent, ratio: (l1 + 0.05) / (l2 + 0.05), onSlice: !!onSlice});
    }
  }
  return out;
}
"""


def test_every_chart_label_is_legible_against_what_is_under_it(page: Page):
    for path in ("chi-tieu/2023/", TERM):
        page.goto(path)
        charts_drawn(page)
        texts = page.evaluate(CHART_TEXT)
        assert len(texts) > 30
        # every text on the chart's white, dark enough (≥ 4.5:1); none set on a coloured, patterned slice
        assert not [t for t in texts if t["onSlice"]], [t for t in texts if t["onSlice"]]
        low = [t for t in texts if t["ratio"] < 4.5]
        assert not low, low
