"""The indicator dashboard in headless Chromium: charts drawn with the site's own plotly.js, print shows tables."""

from __future__ import annotations

from playwright.sync_api import Page, expect

DASHBOARD = "chi-tieu/2023/"
PLOTLY = "assets/javascripts/vendor/plotly-basic.min.js"
PHONE = {"width": 360, "height": 740}


def charts_drawn(page: Page, count: int = 5) -> int:
    """Scroll to each chart as a reader does (plotly.js runs when one comes on screen), waiting for each."""
    figures = page.locator("figure.bt-chart")
    for index in range(figures.count()):
        figures.nth(index).scroll_into_view_if_needed()
        figures.nth(index).locator(".bt-chart__plot svg.main-svg").first.wait_for(state="attached")
    page.wait_for_function(
        f"document.querySelectorAll('figure.bt-chart .bt-chart__plot svg.main-svg').length >= {count}"
    )
    return page.locator("figure.bt-chart .bt-chart__plot").filter(has=page.locator("svg.main-svg")).count()


def test_dashboard_shows_summary_and_table_before_it_fetches_plotly(page: Page):
    requested: list[tuple[str, str]] = []
    page.on("request", lambda request: requested.append((request.url, request.resource_type)))
    page.goto(DASHBOARD)
    page.wait_for_load_state("networkidle")
    expect(page.locator(".bt-summary")).to_contain_text("17/24 chỉ tiêu đạt và vượt")
    expect(page.locator("table.bt-indicators")).to_contain_text("Kết nạp đảng viên mới")
    # the charts are below the first screen: plotly.js does not run (fetched ahead once the page is idle,
    # not as a script)
    assert page.evaluate("typeof window.Plotly") == "undefined"
    assert not [url for url, kind in requested if "plotly" in url and kind == "script"]
    assert charts_drawn(page) == 5
    assert {url for url, _ in requested if "plotly" in url} == {page.url.split("chi-tieu")[0] + PLOTLY}


def test_dashboard_draws_every_indicator(page: Page):
    page.goto(DASHBOARD)
    charts_drawn(page)
    bars = page.locator("figure.bt-chart[data-kind='achievement'] .bt-chart__plot g.point")
    assert bars.count() == 24  # a place for each; those without a percentage have no bar but their words
    labels = page.locator("figure.bt-chart[data-kind='achievement'] g.annotation")
    assert labels.count() == 24
    expect(labels.first).to_contain_text("118,3% · đạt và vượt")


def test_dashboard_draws_after_navigating_to_it_from_the_report(page: Page):
    page.goto("bao-cao/2023/bao-cao-525-bc-tu/")
    page.get_by_role("link", name="Chỉ tiêu Nghị quyết 2023").first.click()
    page.wait_for_url("**/chi-tieu/2023/")
    assert charts_drawn(page) >= 2


def test_printed_dashboard_shows_tables_instead_of_charts(page: Page):
    page.goto(DASHBOARD)
    charts_drawn(page)
    page.emulate_media(media="print")
    assert page.locator(".bt-chart__plot").first.is_hidden()
    expect(page.locator("table.bt-chart__table").first).to_be_visible()
    expect(page.locator("table.bt-indicators")).to_be_visible()


def test_dashboard_fits_a_phone(open_page):
    page = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(DASHBOARD)
    charts_drawn(page)
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1  # nothing wider than the screen
    # the table stacks: the name, then the assessment, then each figure with its column's name
    row = page.locator("table.bt-indicators tr.bt-depth-0").first
    name = row.locator("th[scope=row]").bounding_box()
    status = row.locator(".bt-status").bounding_box()
    assert name["x"] >= 0 and name["x"] + name["width"] <= PHONE["width"]
    assert status["y"] > name["y"] and status["x"] + status["width"] <= PHONE["width"]
    before = row.locator("td[data-label='Kết quả']").evaluate("e => getComputedStyle(e, '::before').content")
    assert before == '"Kết quả: "'
    # the charts' labels are inside the chart and their bars as wide as the phone allows
    for label in page.locator("figure.bt-chart[data-kind='achievement'] g.annotation").all():
        box = label.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, box
    plot = page.locator("figure.bt-chart[data-kind='achievement'] .bt-chart__plot").first.bounding_box()
    assert plot["width"] >= PHONE["width"] - 40


def test_wide_table_says_it_scrolls_and_keeps_the_name_in_view(page: Page):
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto(DASHBOARD)
    expect(page.locator(".bt-table-hint")).to_be_visible()
    box = page.locator(".bt-table-scroll")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    name = page.locator("table.bt-indicators th[scope=row]").first
    before = name.bounding_box()["x"]
    box.evaluate("e => { e.scrollLeft = 400; }")
    assert abs(name.bounding_box()["x"] - before) < 2  # sticky, after the code, also sticky
    # the assessment is the third column: on screen without scrolling
    status = page.locator("table.bt-indicators .bt-status").first.bounding_box()
    assert status["x"] + status["width"] <= 1024


def test_pages_without_charts_do_not_load_plotly(page: Page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("bao-cao/2023/bao-cao-525-bc-tu/")
    page.wait_for_load_state("networkidle")
    assert not any("plotly" in url for url in requested)
