"""The whole issue printed as a reader prints it (Chromium's print to PDF), read back from the PDF: it looks
like the bulletin — masthead, page numbers, each article's notes under that article numbered from 1, articles
following each other without sheets left nearly empty, titles black and bold — and has a print button."""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass

import pdfplumber
import pypdfium2
import pytest
from playwright.sync_api import Page

from tests.site_pages import SAMPLE_ISSUES, print_url


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


# --- every issue printed and read back with pdfplumber: how the sheets break -------------------------------


@dataclass
class Sheet:
    number: int
    lines: list[str]  # the text's lines, top to bottom, without the running head and the page number
    fill: float  # the share of the sheet's text area the text covers
    lone_marks: list[str]  # lines that begin with a footnote mark (a raised digit cut from its word)


def sheets_of(pdf: bytes) -> list[Sheet]:
    sheets = []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for number, page in enumerate(document.pages, start=1):
            area_top, area_bottom = 18 * 72 / 25.4, page.height - 18 * 72 / 25.4  # the @page margins
            lines = [
                line for line in page.extract_text_lines(return_chars=True)
                if area_top <= line["top"] and line["bottom"] <= area_bottom
            ]  # fmt: skip
            lone = []
            for line in lines:
                letters = [c for c in line["chars"] if c["text"].strip()]
                size = statistics.median(c["size"] for c in letters)
                if letters and letters[0]["text"].isdigit() and letters[0]["size"] < size * 0.85:
                    lone.append(line["text"])
            fill = (lines[-1]["bottom"] - lines[0]["top"]) / (area_bottom - area_top) if lines else 0.0
            sheets.append(Sheet(number, [flat(line["text"]).strip() for line in lines], fill, lone))
    return sheets


@pytest.fixture(scope="module", params=SAMPLE_ISSUES)
def printed_issue(request, browser, site_server):
    """(issue, sheets, the titles and author lines of its print view) of each sample issue, printed."""
    context = browser.new_context(base_url=site_server)
    try:
        page = context.new_page()
        page.goto(print_url(request.param))
        titles = page.eval_on_selector_all(
            "h2.bt-print-section, h3.bt-print-article, .bt-meta", "es => es.map(e => e.textContent.trim())"
        )
        return request.param, sheets_of(page.pdf(prefer_css_page_size=True)), [flat(t) for t in titles]
    finally:
        context.close()


def test_no_sheet_ends_with_a_title_or_an_author_line(printed_issue):
    issue, sheets, titles = printed_issue
    for sheet in sheets[:-1]:
        last = sheet.lines[-1]
        assert not any(len(last) > 3 and title.endswith(last) for title in titles), (issue, sheet.number, last)


def test_no_sheet_but_the_last_is_under_a_third_full(printed_issue):
    issue, sheets, _ = printed_issue
    assert all(sheet.fill >= 1 / 3 for sheet in sheets[:-1]), [(s.number, round(s.fill, 2)) for s in sheets]


def test_no_footnote_mark_begins_a_line(printed_issue):
    issue, sheets, _ = printed_issue
    assert not [(sheet.number, sheet.lone_marks) for sheet in sheets if sheet.lone_marks]


def test_every_sheet_carries_the_running_head_of_its_issue(printed_issue, browser, site_server):
    issue, sheets, _ = printed_issue
    label = f"Số {issue[5:7]}/{issue[:4]}"
    context = browser.new_context(base_url=site_server)
    try:
        page = context.new_page()
        page.goto(print_url(issue))
        texts = [flat(text) for text in printed_pages(page, issue)]
    finally:
        context.close()
    assert len(texts) == len(sheets) and all(f"Thông tin sinh hoạt nội bộ · {label}" in text for text in texts)


def test_the_first_sheet_names_the_publisher_in_full_even_when_the_issue_does_not(printed_issue):
    """02/2024 has no masthead: the site's publisher (mkdocs.yml `extra.publisher`) heads it, province and all."""
    issue, sheets, _ = printed_issue
    assert "BAN TUYÊN GIÁO TỈNH ỦY BẾN TRE" in sheets[0].lines[:3], (issue, sheets[0].lines[:3])


def test_the_last_sheet_holds_more_than_a_line_or_two(printed_issue):
    issue, sheets, _ = printed_issue
    assert len(sheets[-1].lines) >= 3, (issue, sheets[-1].lines)  # 10/2023 left 'phát triển.' alone
