"""The indicator dashboard in headless Chromium: charts drawn with the site's own plotly.js, print shows tables."""

from __future__ import annotations

from playwright.sync_api import Page, expect

DASHBOARD = "chi-tieu/2023/"


def charts_drawn(page: Page) -> int:
    page.wait_for_function("document.querySelectorAll('figure.bt-chart .bt-chart__plot svg.main-svg').length >= 2")
    return page.locator("figure.bt-chart .bt-chart__plot svg.main-svg").count()


def test_dashboard_draws_its_charts_on_first_load(page: Page):
    page.goto(DASHBOARD)
    assert charts_drawn(page) >= 2
    expect(page.locator(".bt-summary")).to_contain_text("17/24 chỉ tiêu đạt và vượt")
    bars = page.locator("figure.bt-chart[data-kind='achievement'] .bt-chart__plot g.point")
    assert bars.count() == 15
    expect(page.locator("table.bt-indicators")).to_contain_text("Kết nạp đảng viên mới")


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
    page = open_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(DASHBOARD)
    charts_drawn(page)
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1  # the wide table scrolls inside its own box


def test_pages_without_charts_do_not_load_plotly(page: Page):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("bao-cao/2023/bao-cao-525-bc-tu/")
    page.wait_for_load_state("networkidle")
    assert not any("plotly" in url for url in requested)
