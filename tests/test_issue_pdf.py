"""Each issue as a PDF (scripts/issue_pdf.py, WeasyPrint), made by the real build and read back with
pdfplumber: linked from the issue's page with its size, A4 with the running head naming the issue and page
numbers, notes at the foot of the page that calls them, no text lost, no sheet ending on a title; made again
only when its issue changed; nothing fetched from outside the site."""

from __future__ import annotations

import io
import re
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html
import pdfplumber
import pytest
from playwright.sync_api import Page, expect

from scripts.issue_pdf import IssuePdfError, document, file_name, issue_pdfs, size_text
from scripts.vietnamese import fold, words
from tests.site_pages import SAMPLE_ISSUES, issue_url
from tests.test_site_print import flat, sheets_of


def _pdf_of(site: Path, issue: str) -> Path:
    year, month = issue.split("-")
    return site / issue_url(issue) / file_name(year, month)


@pytest.fixture(scope="module", params=SAMPLE_ISSUES)
def issue_pdf(request, built_site: Path) -> tuple[str, Path, bytes]:
    path = _pdf_of(built_site, request.param)
    return request.param, path, path.read_bytes()


def test_the_issue_page_links_its_pdf_with_its_size(issue_pdf, built_site: Path):
    issue, path, pdf = issue_pdf
    with pdfplumber.open(io.BytesIO(pdf)) as document_:
        pages = len(document_.pages)
    html = (built_site / issue_url(issue) / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a class="bt-pdf-link" href="([^"]+)" download>Tải bản PDF</a> <span[^>]*>\(([^)]*)\)', html)
    assert link and link.group(1) == path.name, link
    assert link.group(2) == f"A4, {pages} trang, {size_text(len(pdf))}"
    assert html.index("bt-print-link") < html.index("bt-pdf-link")  # beside the print view's link


def test_the_pdf_reads_like_the_printed_bulletin(issue_pdf, built_site: Path):
    issue, _, pdf = issue_pdf
    year, month = issue.split("-")
    with pdfplumber.open(io.BytesIO(pdf)) as document_:
        texts = [flat(page.extract_text() or "") for page in document_.pages]
        width, height = document_.pages[0].width, document_.pages[0].height
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert "BAN TUYÊN GIÁO TỈNH ỦY BẾN TRE" in texts[0] and "THÔNG TIN SINH HOẠT NỘI BỘ" in texts[0]
    for number, text in enumerate(texts, start=1):
        assert f"{number} / {len(texts)}" in text, number
        if number > 1:
            assert f"Thông tin sinh hoạt nội bộ · Số {month}/{year}" in text, number
    # no word of the print view is lost on the way (the notes included, now at the page feet)
    printed = lxml.html.fromstring((built_site / issue_url(issue) / "ban-in" / "index.html").read_bytes())
    article = printed.find(".//article")
    for element in article.xpath(".//a[contains(@class, 'headerlink')] | .//button | .//style"):
        element.drop_tree()
    expected = set(words(fold(article.text_content())))
    found = set(words(fold(" ".join(texts))))
    assert expected - found == set(), sorted(expected - found)[:20]


def test_the_pdf_breaks_its_pages_as_the_bulletin_does(issue_pdf, built_site: Path):
    issue, _, pdf = issue_pdf
    sheets = sheets_of(pdf)
    printed = lxml.html.fromstring((built_site / issue_url(issue) / "ban-in" / "index.html").read_bytes())
    titles = [flat(e.text_content().replace("¶", "")).strip() for e in printed.xpath(
        "//h2[contains(@class,'bt-print-section')] | //h3[contains(@class,'bt-print-article')]"
        " | //p[contains(@class,'bt-meta')]"
    )]  # fmt: skip
    for sheet in sheets[:-1]:
        last = sheet.lines[-1]
        assert not any(len(last) > 3 and title.endswith(last) for title in titles), (sheet.number, last)
        assert sheet.fill >= 1 / 3, (sheet.number, sheet.fill)
    assert not [(sheet.number, sheet.lone_marks) for sheet in sheets if sheet.lone_marks]


def test_each_note_is_at_the_foot_of_the_page_that_calls_it(built_site: Path):
    path = _pdf_of(built_site, "2023-10")
    html = document(built_site / issue_url("2023-10") / "ban-in" / "index.html")
    notes = lxml.html.fromstring(html).xpath("//span[@class='bt-fn']")
    assert len(notes) >= 5
    with pdfplumber.open(path) as pdf:
        pages = []
        for page in pdf.pages:
            lines = page.extract_text_lines()
            body = [line for line in lines if line["chars"][0]["size"] > 10]
            small = [line for line in lines if line["chars"][0]["size"] < 9.5 and line["top"] > page.height / 2]
            pages.append((" ".join(flat(line["text"]) for line in body), [flat(line["text"]) for line in small]))
    for note in notes:
        preceding = note.xpath("preceding::text()[normalize-space()][1]")
        called = flat(preceding[0]).split()[-1].strip(".,;:”") if preceding else ""
        text = re.sub(r"\s+", "", note.text_content())  # lines wrap where they will
        at = [number for number, (_, feet) in enumerate(pages) if text in re.sub(r"\s+", "", "".join(feet))]
        assert len(at) == 1, (text, at)  # at a page's foot, in the notes' smaller type, whole
        assert called in pages[at[0]][0], (text, called)  # on the page whose text calls it


def test_a_pdf_is_made_again_only_when_its_issue_changed(tmp_path: Path, built_site: Path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    cache = tmp_path / "cache"
    first = issue_pdfs(site, cache)
    assert [pdf.made for pdf in first] == [True, True]
    before = {pdf.path: pdf.path.read_bytes() for pdf in first}
    again = issue_pdfs(site, cache)
    assert [pdf.made for pdf in again] == [False, False]
    assert {pdf.path: pdf.path.read_bytes() for pdf in again} == before
    # an editor's correction in one issue: that issue's PDF alone is made again, with the new words
    print_page = site / issue_url("2024-02") / "ban-in" / "index.html"
    text = print_page.read_text(encoding="utf-8")
    print_page.write_text(text.replace("</article>", "<p>Đính chính của biên tập viên.</p></article>"), "utf-8")
    changed = issue_pdfs(site, cache)
    assert [pdf.made for pdf in changed] == [False, True]
    with pdfplumber.open(changed[1].path) as pdf:
        assert "Đính chính của biên tập viên." in flat(" ".join(page.extract_text() or "" for page in pdf.pages))


class _Recorder(BaseHTTPRequestHandler):
    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        _Recorder.asked.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_the_pdf_fetches_nothing_from_outside_the_built_site(tmp_path: Path, built_site: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        site = tmp_path / "site"
        shutil.copytree(built_site, site)
        outside = tmp_path / "outside.png"
        shutil.copyfile(site / "assets" / "images" / "favicon.png", outside)
        print_page = site / issue_url("2023-10") / "ban-in" / "index.html"
        hostile = (
            f'<img src="http://127.0.0.1:{server.server_port}/theo-doi.png">'
            f'<img src="{outside.as_uri()}"><p style="background: url(http://127.0.0.1:{server.server_port}/nen)">x</p>'
        )
        print_page.write_text(
            print_page.read_text(encoding="utf-8").replace("</article>", f"{hostile}</article>"), "utf-8"
        )
        made = issue_pdfs(site, tmp_path / "cache")
        assert made[0].made and made[0].pages > 1
        assert _Recorder.asked == []  # no request left for the network
    finally:
        server.shutdown()


def test_a_print_view_without_its_article_is_refused_in_vietnamese(tmp_path: Path):
    page = tmp_path / "ban-tin" / "2024" / "03" / "ban-in" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<html><body><p>trống</p></body></html>", encoding="utf-8")
    with pytest.raises(IssuePdfError, match=r"^Lỗi tạo PDF: trang in .* không có nội dung"):
        issue_pdfs(tmp_path, tmp_path / "cache")


def test_a_reader_downloads_the_pdf_from_the_issue_page_on_a_phone(open_page, built_site: Path):
    page: Page = open_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page.goto(issue_url("2023-10"))
    link = page.get_by_role("link", name="Tải bản PDF")
    expect(link).to_be_visible()
    expect(page.locator(".bt-pdf-size")).to_have_text(re.compile(r"^\(A4, \d+ trang, \d+(,\d)? (KB|MB)\)$"))
    with page.expect_download() as download:
        link.click()
    saved = Path(download.value.path())
    assert saved.read_bytes() == _pdf_of(built_site, "2023-10").read_bytes()
