"""The whole issue printed as a reader prints it (Chromium's print to PDF), read back from the PDF: it looks
like the bulletin — masthead, page numbers, each article's notes under that article numbered from 1, articles
following each other without sheets left nearly empty, titles black and bold — and has a print button."""

from __future__ import annotations

import re

import pypdfium2
import pytest
from playwright.sync_api import Page

from tests.site_pages import print_url


def printed_pages(page: Page, issue: str) -> list[str]:
    """The text of each sheet of the issue's print view, printed to PDF by Chromium."""
    page.goto(print_url(issue))
    document = pypdfium2.PdfDocument(page.pdf(prefer_css_page_size=True))
    try:
        return [document[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(document))]
    finally:
        document.close()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def october(browser, site_server) -> list[str]:
    context = browser.new_context(base_url=site_server)
    try:
        return printed_pages(context.new_page(), "2023-10")
    finally:
        context.close()


def test_every_sheet_has_its_page_number_and_a_running_head_naming_the_issue(october: list[str]):
    total = len(october)
    for number, text in enumerate(october, start=1):
        assert f"Trang {number} / {total}" in text
        assert "Thông tin sinh hoạt nội bộ · Số 10/2023" in flat(text)


def test_the_first_sheet_carries_the_masthead(october: list[str]):
    first = flat(october[0])
    assert "BAN TUYÊN GIÁO TỈNH ỦY BẾN TRE" in first
    assert "THÔNG TIN SINH HOẠT NỘI BỘ" in first
    assert "(Phục vụ sinh hoạt chi bộ) · Số 10/2023 · Lưu hành nội bộ" in first
    assert "In cả số hoặc lưu PDF" not in first  # the button is for the screen


def test_each_article_has_its_notes_under_it_numbered_from_one(october: list[str]):
    text = flat(" ".join(october))
    # I.3 ends with its references, before I.4 begins; II.1 numbers its notes from 1 again
    references = text.index("Tài liệu tham khảo 1. Hồ Chí Minh: Toàn tập, Nxb Chính trị quốc gia, H.2011, tr.279.")
    assert references < text.index("Quy định về xin lỗi và phục hồi quyền lợi")
    assert references > text.index("Đổi mới và tăng cường công tác giáo dục chính trị, tư tưởng")
    second = text.index("Chú thích 1. Các văn bản chỉ đạo gồm: Công văn số 494-CV/TU")
    assert text.index("Những lưu ý trong lãnh đạo sơ kết 3 năm") < second < text.index("Nâng cao ý thức trách nhiệm")
    assert "Tài liệu tham khảo Chú thích" not in text  # no title left without its notes


def test_articles_follow_each_other_without_near_empty_sheets(october: list[str]):
    for number, text in enumerate(october[:-1], start=1):
        assert len(flat(text)) > 1500, f"sheet {number} holds only {len(flat(text))} characters"


def test_print_titles_are_black_and_bold_and_the_button_prints(page: Page):
    page.goto(print_url("2024-02"))
    button = page.locator("button.bt-print-button")
    assert button.is_visible() and button.text_content() == "In cả số hoặc lưu PDF"
    page.evaluate("window.print = () => { window.__printed = true; }")  # the dialog itself cannot be driven
    button.click()
    assert page.evaluate("window.__printed") is True
    page.emulate_media(media="print")
    for selector in ("h2.bt-print-section", "h3.bt-print-article"):
        colour, weight = page.locator(selector).first.evaluate(
            "e => [getComputedStyle(e).color, getComputedStyle(e).fontWeight]"
        )
        assert colour == "rgb(0, 0, 0)" and int(weight) >= 700, (selector, colour, weight)
